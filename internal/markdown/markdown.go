package markdown

import (
	"bytes"
	"cmp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"guides/internal/diag"
)

// Extensions are the Markdown the site reads beyond CommonMark: GitHub's
// (tables, strikethrough, task lists, bare URLs as links), footnotes and
// definition lists, as Hugo reads them by default.
func Extensions() []goldmark.Extender {
	return []goldmark.Extender{extension.GFM, extension.Footnote, extension.DefinitionList}
}

// Markdown is the site's one configured converter. It is safe for use by
// many goroutines; build it once per run.
type Markdown struct {
	md goldmark.Markdown
	hl *highlighter
}

// New builds the converter.
func New() *Markdown {
	hl := newHighlighter()
	md := goldmark.New(
		goldmark.WithExtensions(Extensions()...),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithAttribute(),
			parser.WithBlockParsers(util.Prioritized(directiveParser{}, 50)),
			parser.WithInlineParsers(util.Prioritized(undefinedNote{}, 102)), // after goldmark's footnotes (101), before links (200)
			parser.WithASTTransformers(util.Prioritized(unusedNotes{}, 998)), // before goldmark's footnotes (999) drop the unused
		),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(directiveRenderer{}, 500), util.Prioritized(hl, 100), util.Prioritized(sectionRenderer{}, 100),
				util.Prioritized(newTableScroller(), 100), util.Prioritized(backlinkRenderer{}, 100), util.Prioritized(taskRenderer{}, 100)),
		),
	)
	return &Markdown{md: md, hl: hl}
}

// HighlightCSS is the stylesheet for highlighted code.
func (m *Markdown) HighlightCSS() string { return m.hl.CSS() }

// Resolver supplies what directives need from outside the Markdown.
type Resolver interface {
	// SampleExists reports whether a :::try block may name this sample.
	SampleExists(id string) bool
	// KindLabel is the localized name of a question kind.
	KindLabel(kind string) string
	// TryPanel is the HTML shown after a try block's lead-in.
	TryPanel(sample string) []byte
	// BacklinkLabel names, in the page's language, the link from footnote
	// n back to where the text refers to it.
	BacklinkLabel(n int) string
	// TaskLabel is what a screen reader says for a task list item's box,
	// ticked or not, before the item's text.
	TaskLabel(done bool) string
	// PageLink is the site path of the page made from a Markdown file, the
	// path of a link such as [x](backend-engineer.md): relative to the file
	// being converted, or to the content directory when it starts with "/".
	// The error says why no page comes from it.
	PageLink(file string) (string, error)
}

// Doc is a converted page.
type Doc struct {
	HTML      []byte
	Intro     int       // the length of HTML's part before its first section (a "##" heading outside any block); all of it without one
	Headings  []Heading // level 2 and 3, in order
	Links     []Link
	Questions []Question
	Samples   []string // samples named by try blocks, in order
	Tries     []Try    // the try blocks, in order
	NoteIDs   []string // the IDs footnotes give their notes and references
	Errs      diag.List
}

// Heading is a section heading.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Link is a link or image target in the page.
type Link struct {
	Dest      string // where it leads: a link to a Markdown file is the page's site path
	Written   string // the destination as written, when it is not Dest (a link to a Markdown file)
	Line, Col int    // its opening bracket, or its text when that starts with markup; Col 0 when unknown
	Shown     bool   // in a question or try block, which other pages show too
}

// AsWritten is the destination as the source writes it, for messages.
func (l Link) AsWritten() string { return cmp.Or(l.Written, l.Dest) }

// Question is a :::question block.
type Question struct {
	ID   string
	Kind string
	Text string // the question's plain text, without its notes
	Line int

	// The HTML of the question without its notes, and of its :::strong and
	// :::weak notes (each kind joined in order), for interview kits.
	Body, Strong, Weak []byte
}

// Option changes one conversion.
type Option func(*convertOptions)

type convertOptions struct {
	idPrefix string
	demote   int
	reserved func(id string) bool
}

// Reserved names the IDs the page around the Markdown has (its layout's):
// a heading or block given one is an error, not a second element with it.
func Reserved(taken func(id string) bool) Option {
	return func(o *convertOptions) { o.reserved = taken }
}

// Embedded is for Markdown shown inside another page (a sample statement in
// a try block): its heading IDs get prefix and its headings move down two
// levels, so neither clashes with the page around it.
func Embedded(prefix string) Option {
	return func(o *convertOptions) { o.idPrefix, o.demote = prefix, 2 }
}

// Convert turns a body into HTML. file names the source in errors; src must
// be padded so its lines are the file's lines. A panic in the conversion
// (goldmark's, an extension's, chroma's) is the page's error, so that one
// page cannot stop a build or the preview server.
func (m *Markdown) Convert(file string, src []byte, r Resolver, opts ...Option) (doc Doc) {
	defer func() {
		if v := recover(); v != nil {
			doc = Doc{}
			doc.Errs.Add(diag.Pos{File: file, Line: 1}, "%s (%v): please report it, with this page", converterFailed, v)
		}
	}()
	var o convertOptions
	for _, opt := range opts {
		opt(&o)
	}
	var problems []problem
	pc := parser.NewContext(parser.WithIDs(headingIDs{}))
	pc.Set(problemsKey, &problems)
	root := m.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	w := walker{src: src, lines: diag.NewLines(src), r: r, ids: map[string]int{}, demote: o.demote, reserved: o.reserved, prefix: o.idPrefix}
	ast.Walk(root, w.visit)
	w.checkTried()
	doc = w.doc
	for _, p := range append(problems, w.problems...) {
		doc.Errs.Add(diag.Pos{File: file, Line: p.line, Col: p.col}, "%s", p.msg)
	}
	if len(doc.Errs) > 0 {
		return doc
	}
	var b bytes.Buffer
	b.Grow(len(src) + len(src)/2) // highlighted code and tags make the HTML longer than its source
	doc.Intro = -1
	if err := m.md.Renderer().Render(bufWriter{&b, &doc.Intro}, src, root); err != nil {
		doc.Errs.Add(diag.Pos{File: file}, "render: %v", err)
	}
	doc.HTML = b.Bytes()
	if doc.Intro < 0 {
		doc.Intro = len(doc.HTML)
	}
	if err := m.renderParts(&doc, src, w.parts); err != nil {
		doc.Errs.Add(diag.Pos{File: file}, "render: %v", err)
	}
	return doc
}

// converterFailed begins the error of a page whose conversion panicked.
const converterFailed = "the Markdown converter failed on this page"

// bufWriter lets goldmark render straight into a bytes.Buffer: given any
// other writer it wraps it in a new 4 KiB bufio.Writer, once per Render, and
// a page renders each question's parts too.
type bufWriter struct {
	*bytes.Buffer
	intro *int // where the first section starts, once known (sectionRenderer); nil for parts of a page
}

var _ util.BufWriter = bufWriter{}

func (bufWriter) Buffered() int { return 0 }
func (bufWriter) Flush() error  { return nil }

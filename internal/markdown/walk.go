package markdown

import (
	"bytes"
	"fmt"
	"html"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"guides/internal/diag"
)

// schema lists each directive's attributes; true marks a required one.
var schema = map[string]map[string]bool{
	"question": {"kind": true, "id": false},
	"try":      {"sample": true},
	"strong":   {},
	"weak":     {},
}

var questionKinds = []string{"technical", "design", "behavioral", "sql"}

// walker checks and decorates a parsed page in one pass.
type walker struct {
	src      []byte
	lines    *diag.Lines // of src
	r        Resolver
	doc      Doc
	problems []problem
	ids      map[string]int // heading or anchor ID → line
	line     int            // line of the innermost block seen
	demote   int            // levels to move headings down
	parts    []*Directive   // question and try blocks in order, for renderParts
	reserved func(id string) bool
	prefix   string // of every ID, in Markdown shown inside another page (Embedded)
}

func (w *walker) errorf(line int, format string, args ...any) {
	w.problems = append(w.problems, problem{line: line, msg: fmt.Sprintf(format, args...)})
}

// errorAt reports a problem at byte offset off of the source, with its
// column.
func (w *walker) errorAt(off int, format string, args ...any) {
	line, col := w.pos(off)
	w.problems = append(w.problems, problem{line, col, fmt.Sprintf(format, args...)})
}

// pos is the line and column of byte offset off of the source.
func (w *walker) pos(off int) (line, col int) { return w.lines.At(off), diag.ColAt(w.src, off) }

func (w *walker) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	if n.Type() == ast.TypeBlock {
		if off, ok := nodeOffset(n, len(w.src)); ok {
			w.line = w.lines.At(off)
		}
	}
	switch n := n.(type) {
	case *Directive:
		w.line = n.Line
		w.directive(n)
	case *ast.Heading:
		w.heading(n)
	case *ast.HTMLBlock:
		w.rawHTMLBlock(n)
		return ast.WalkSkipChildren, nil
	case *ast.RawHTML:
		w.rawHTML(n)
	case *ast.Link:
		w.link(n, n.Destination)
	case *ast.Image:
		w.link(n, n.Destination)
	case *ast.AutoLink:
		w.autoLink(n)
	case *east.FootnoteLink:
		w.noteRef(n)
	case *east.Footnote:
		w.doc.NoteIDs = append(w.doc.NoteIDs, "fn:"+strconv.Itoa(n.Index))
	case *east.FootnoteBacklink:
		w.backlink(n)
	case *east.TaskCheckBox:
		n.SetAttributeString(label, []byte(w.r.TaskLabel(n.IsChecked)))
	}
	return ast.WalkContinue, nil
}

// rawHTMLBlock reports a block of HTML where its first tag starts.
func (w *walker) rawHTMLBlock(n *ast.HTMLBlock) {
	if n.Lines().Len() == 0 {
		w.errorf(w.line, "raw HTML is not allowed in Markdown; %s", htmlAdvice(""))
		return
	}
	seg := n.Lines().At(0)
	line := seg.Value(w.src)
	text := bytes.TrimLeft(line, " \t")
	w.errorAt(seg.Start+len(line)-len(text), "raw HTML %q is not allowed in Markdown; %s", htmlTag(text), htmlAdvice(string(text)))
}

// rawHTML reports a tag of inline HTML where it starts.
func (w *walker) rawHTML(n *ast.RawHTML) {
	if n.Segments.Len() == 0 {
		w.errorf(w.line, "raw HTML is not allowed in Markdown; %s", htmlAdvice(""))
		return
	}
	start := n.Segments.At(0).Start
	w.line = w.lines.At(start)
	raw := string(n.Segments.Value(w.src))
	w.errorAt(start, "raw HTML %q is not allowed in Markdown; %s", raw, htmlAdvice(raw))
}

// htmlTagRE matches the tag that starts a piece of HTML, and names it.
var htmlTagRE = regexp.MustCompile(`^<(!--|/?([A-Za-z][A-Za-z0-9]*))[^>]{0,60}>?`)

// htmlTag is the first tag of an HTML block's line, or the line's start.
func htmlTag(line []byte) string {
	if m := htmlTagRE.Find(line); m != nil {
		return string(m)
	}
	return string(line[:min(len(line), 20)])
}

// htmlAdvice says what to write instead of raw HTML starting with raw: the
// Markdown for the common tags.
func htmlAdvice(raw string) string {
	m := htmlTagRE.FindStringSubmatch(raw)
	if m == nil {
		return "use Markdown or a directive"
	}
	if m[1] == "!--" {
		return "an HTML comment is HTML too: delete it, and keep notes for editors outside the page"
	}
	switch strings.ToLower(m[2]) {
	case "br":
		return `end the line with a backslash (\) for a line break`
	case "b", "strong":
		return "write **bold**"
	case "i", "em":
		return "write *emphasis*"
	case "code", "tt":
		return "write `code`"
	case "a":
		return "write [text](url)"
	case "img":
		return "write ![what it shows](url)"
	case "p":
		return "separate paragraphs with a blank line"
	case "ul", "ol", "li":
		return "write a list, an item a line starting with - or 1."
	case "table", "tr", "td", "th", "thead", "tbody":
		return "write a table: | a | b |, a line | --- | --- |, then a line per row"
	case "h1", "h2", "h3", "h4", "h5", "h6":
		return "write a heading: ## Title"
	case "pre":
		return "fence code with ``` lines"
	}
	return "use Markdown or a directive"
}

// link records a link or image at its opening bracket, or where its text
// starts when that begins with markup (a paragraph's links are on lines of
// their own), and whether a question or try block holds it: those show on
// the kit and library pages too.
func (w *walker) link(n ast.Node, dest []byte) {
	l := Link{Dest: string(dest), Line: w.line}
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			off := t.Segment.Start
			if c == n.FirstChild() {
				off -= len("[")
				if _, image := n.(*ast.Image); image {
					off -= len("!")
				}
			}
			l.Line, l.Col = w.pos(off)
			break
		}
	}
	l.Shown = w.shown(n)
	if a, ok := n.(*ast.Link); ok && !w.pageLink(a, &l) {
		return // reported: it leads to no page
	}
	w.doc.Links = append(w.doc.Links, l)
}

// pageLink makes a link to a Markdown file, [x](data-engineer.md), lead to
// the page made from that file, as GitHub and Hugo read it. It reports a
// file that makes no page at the link, and then returns false.
func (w *walker) pageLink(n *ast.Link, l *Link) bool {
	u, err := url.Parse(l.Dest)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || !strings.HasSuffix(u.Path, ".md") {
		return true
	}
	page, err := w.r.PageLink(u.Path)
	if err != nil {
		w.problems = append(w.problems, problem{l.Line, l.Col, "broken link " + l.Dest + ": " + err.Error()})
		return false
	}
	to := url.URL{Path: page, RawQuery: u.RawQuery, Fragment: u.Fragment, RawFragment: u.RawFragment}
	l.Written, l.Dest = l.Dest, to.String()
	n.Destination = []byte(l.Dest)
	return true
}

// offsetIn is where sub, a slice of src's own bytes (as a node's segment
// gives it), starts in src.
func offsetIn(src, sub []byte) (int, bool) {
	off := cap(src) - cap(sub)
	if len(sub) == 0 || off < 0 || off+len(sub) > len(src) || &src[off] != &sub[0] {
		return 0, false
	}
	return off, true
}

// shown reports whether a question or try block holds n: those show on
// the kit and library pages too.
func (w *walker) shown(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if d, ok := p.(*Directive); ok && (d.Name == "question" || d.Name == "try") {
			return true
		}
	}
	return false
}

// autoLink records <scheme:...> as the link it is, so that a javascript:
// one is an error as [text](javascript:...) is, at its "<" (or where a bare
// address starts).
func (w *walker) autoLink(n *ast.AutoLink) {
	l := Link{Line: w.line, Shown: w.shown(n)}
	if off, ok := offsetIn(w.src, n.Label(w.src)); ok {
		if off > 0 && w.src[off-1] == '<' {
			off--
		}
		l.Line, l.Col = w.pos(off)
	}
	dest := string(n.URL(w.src))
	if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(dest), "mailto:") {
		dest = "mailto:" + dest // as goldmark renders it
	}
	l.Dest = dest
	w.doc.Links = append(w.doc.Links, l)
	n.SetAttributeString("class", []byte("url")) // its text is its address: print shows it once
}

// strayAttribute reports a heading whose text ends as {#id} would, but
// was not read as one: {#Two words}, {# x}, a second {#id}, or an {#id}
// followed by the closing #s that keep goldmark from reading it.
func (w *walker) strayAttribute(n *ast.Heading) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	last := lines.At(lines.Len() - 1)
	text := bytes.TrimRight(last.Value(w.src), " \t") // an {#id} read as one is not in it
	noted := bytes.HasSuffix(text, []byte("]")) && trailingNotesRE.Match(text)
	if noted {
		text = trailingNotesRE.ReplaceAll(text, nil)
	}
	if !bytes.HasSuffix(text, []byte("}")) {
		return // most headings: no regexp for them
	}
	m := strayAttrRE.FindSubmatch(text)
	if m == nil || len(m[1]) > 0 { // none, or \{ written to show a brace
		return
	}
	raw := strayAttrRE.FindSubmatch(w.src[last.Start:lineEnd(w.src, last.Start)]) // the line, closing #s included
	if noted {
		w.errorf(w.line, "heading attribute %s is followed by a footnote, which keeps it from being read: put the footnote before it", m[2])
	} else if raw != nil && bytes.Contains(raw[3], []byte("#")) {
		w.errorf(w.line, "heading attribute %s is followed by closing #s, which keep it from being read: remove them", m[2])
	} else {
		w.errorf(w.line, "heading attribute %s is not understood: pin the heading's ID as {#id}, one word of letters, digits, dashes and underscores", m[2])
	}
}

func lineEnd(src []byte, from int) int {
	if i := bytes.IndexByte(src[from:], '\n'); i >= 0 {
		return from + i
	}
	return len(src)
}

func (w *walker) heading(n *ast.Heading) {
	if n.Level == 1 && w.prefix == "" {
		w.errorf(w.line, "a # heading: the page's title is its only one; start sections at ##")
	}
	n.Level = min(n.Level+w.demote, 6)
	w.strayAttribute(n)
	for _, a := range n.Attributes() {
		if string(a.Name) != "id" {
			w.errorf(w.line, "heading attribute %q: a heading takes only {#id}", a.Name)
		}
	}
	id, _ := n.AttributeString("id")
	idb, _ := id.([]byte)
	text := plainText(n, w.src)
	pinned := !bytes.Equal(idb, autoID)
	if !pinned {
		idb = []byte(headingID(w.prefix, text))
		n.SetAttributeString("id", idb)
	}
	if strings.TrimSpace(text) == "" {
		w.errorf(w.line, "a heading without words: write its title, which the page's contents list as the link to it")
		return
	}
	if pinned && w.prefix != "" {
		w.errorf(w.line, "a sample statement's heading takes no {#id}: the page around it may have one")
	} else if !idRE.Match(idb) {
		w.errorf(w.line, "heading ID %q: use letters, digits, dashes and underscores, starting with a letter or digit", idb)
	}
	fix := "reword it or give it its own {#id}"
	switch {
	case w.prefix != "":
		fix = "reword it" // an embedded heading takes no {#id}
	case string(idb) == "section" && Slug(text) == "":
		fix = "the heading has no letters or digits to make an ID from, so it gets \"section\": give it its own {#id}"
	}
	w.anchor(string(idb), w.line, "heading ID", fix)
	if n.Level == 2 || n.Level == 3 {
		w.doc.Headings = append(w.doc.Headings, Heading{Level: n.Level, ID: string(idb), Text: text})
	}
}

// anchor records an ID and reports one given twice: what the second is,
// and how to fix it.
func (w *walker) anchor(id string, line int, what, fix string) {
	if id == "" {
		return
	}
	if w.reserved != nil && w.reserved(id) {
		w.errorf(line, "%s %q is taken by the page layout: %s", what, id, fix)
		return
	}
	if first, dup := w.ids[id]; dup {
		w.errorf(line, "duplicate %s %q (first at line %d): %s", what, id, first, fix)
		return
	}
	w.ids[id] = line
}

func (w *walker) directive(d *Directive) {
	if d.Malformed && (d.Name == "" || len(d.Attrs) == 0) {
		return
	}
	known, ok := schema[d.Name]
	if !ok {
		w.errorf(d.Line, "unknown directive :::%s (known: question, try; strong and weak inside either)", d.Name)
		return
	}
	if w.prefix != "" && (d.Name == "question" || d.Name == "try") {
		w.errorf(d.Line, ":::%s cannot be in a sample statement, which a try block shows inside a guide", d.Name)
		return
	}
	w.checkAttrs(d, known)
	w.checkNesting(d)
	switch d.Name {
	case "question":
		w.question(d)
	case "try":
		w.try(d)
	case "strong", "weak":
		if d.FirstChild() == nil {
			w.errorf(d.Line, "empty :::%s: write the note inside it, or remove it", d.Name)
		}
	}
}

func (w *walker) checkAttrs(d *Directive, known map[string]bool) {
	for _, name := range slices.Sorted(maps.Keys(d.Attrs)) {
		if _, ok := known[name]; !ok {
			w.errorf(d.Line, "unknown attribute %q on :::%s%s", name, d.Name, knownList(known))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(known)) {
		if known[name] && d.Attrs[name] == "" {
			w.errorf(d.Line, "missing attribute %q on :::%s", name, d.Name)
		}
	}
}

func (w *walker) checkNesting(d *Directive) {
	parent, _ := d.Parent().(*Directive)
	if misplacedByFence(d) {
		return // the fence at fault is reported; its nesting errors would only echo it
	}
	switch {
	case (d.Name == "strong" || d.Name == "weak") && (parent == nil || parent.Name != "question" && parent.Name != "try"):
		w.errorf(d.Line, ":::%s belongs directly inside a :::question or a :::try", d.Name)
	case (d.Name == "question" || d.Name == "try") && parent != nil:
		w.errorf(d.Line, ":::%s cannot be inside :::%s", d.Name, parent.Name)
	case (d.Name == "question" || d.Name == "try") && inFootnote(d):
		w.errorf(d.Line, ":::%s cannot be in a footnote, which shows at the end of the page: put it in the text", d.Name)
	}
}

func inFootnote(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*east.Footnote); ok {
			return true
		}
	}
	return false
}

// misplacedByFence reports whether d sits where it is only because an
// enclosing directive's closing line is missing or closed another one.
func misplacedByFence(d *Directive) bool {
	for n := d.Parent(); n != nil; n = n.Parent() {
		if a, ok := n.(*Directive); ok && (!a.Closed || a.Misfenced) {
			return true
		}
	}
	return false
}

func (w *walker) question(d *Directive) {
	kind := d.Attrs["kind"]
	if kind != "" && !slices.Contains(questionKinds, kind) {
		w.errorf(d.Line, "unknown question kind %q (known: %s)", kind, strings.Join(questionKinds, ", "))
	}
	d.ID = d.Attrs["id"]
	if d.ID != "" && !idRE.MatchString(d.ID) {
		w.errorf(d.Line, "question ID %q: use letters, digits, dashes and underscores, starting with a letter or digit", d.ID)
	}
	if d.ID == "" {
		d.ID = fmt.Sprintf("question-%d", len(w.doc.Questions)+1)
	}
	w.anchor(d.ID, d.Line, "question ID", "give the question its own {id=...}")
	d.Label = w.r.KindLabel(kind)
	text := questionText(d, w.src)
	if !hasQuestion(d) {
		w.errorf(d.Line, "empty :::question: write the question inside it")
	}
	w.doc.Questions = append(w.doc.Questions, Question{ID: d.ID, Kind: kind, Text: text, Line: d.Line})
	w.parts = append(w.parts, d)
}

func (w *walker) try(d *Directive) {
	id := d.Attrs["sample"]
	if id == "" {
		return
	}
	if !w.r.SampleExists(id) {
		w.errorf(d.Line, "unknown sample %q: no directory samples/%s in the content directory", id, id)
		return
	}
	d.ID = "try-" + id
	w.anchor(d.ID, d.Line, "try block ID", "a page tries each sample once")
	d.Panel = w.r.TryPanel(id)
	w.doc.Samples = append(w.doc.Samples, id)
	w.doc.Tries = append(w.doc.Tries, Try{Sample: id, ID: d.ID, Text: questionText(d, w.src), Line: d.Line})
	w.parts = append(w.parts, d)
}

func knownList(known map[string]bool) string {
	if len(known) == 0 {
		return " (it takes none)"
	}
	return " (known: " + strings.Join(slices.Sorted(maps.Keys(known)), ", ") + ")"
}

// questionText is a question's text without its notes.
func questionText(d *Directive, src []byte) string {
	var parts []string
	for c := d.FirstChild(); c != nil; c = c.NextSibling() {
		if _, isNote := c.(*Directive); !isNote && plainText(c, src) != "" {
			parts = append(parts, plainText(c, src))
		}
	}
	return strings.Join(parts, " ")
}

// checkTried reports an ID that begins as a try block's panel names its own
// elements and its statement's headings (the sample's id and "--"), on a
// page that tries that sample: only a pinned {#id} can.
func (w *walker) checkTried() {
	if len(w.doc.Samples) == 0 {
		return
	}
	for id, line := range w.ids { // the problems are sorted with the others
		for _, s := range w.doc.Samples {
			if strings.HasPrefix(id, s+"--") {
				w.errorf(line, "ID %q is taken by the try block of sample %q, which names its parts %s--...: give it another", id, s, s)
			}
		}
	}
}

// trailingNotesRE matches the footnote references that end a heading.
var trailingNotesRE = regexp.MustCompile(`(\[\^[^\]]+\][ \t]*)+$`)

// strayAttrRE matches the {#...} that ends a heading's source line: (1) a
// backslash before it, (2) the attribute, (3) what follows it.
var strayAttrRE = regexp.MustCompile(`(\\?)(\{\s*[#.][^{}]*\})([\s#]*)$`)

// idRE is what an ID given in Markdown may be: safe in a URL fragment and
// an HTML attribute unquoted.
var idRE = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N}_-]*$`)

// hasQuestion reports whether a question block holds anything but its
// notes: text, a list, a code block.
func hasQuestion(d *Directive) bool {
	for c := d.FirstChild(); c != nil; c = c.NextSibling() {
		if _, isNote := c.(*Directive); !isNote {
			return true
		}
	}
	return false
}

// readerText is Markdown text as readers see it: \* is *, &amp; is &.
func readerText(v []byte) string {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return string(v)
	}
	return html.UnescapeString(string(util.UnescapePunctuations(v)))
}

// plainText concatenates the text below n as readers see it.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			if _, code := t.Parent().(*ast.CodeSpan); code {
				b.Write(t.Segment.Value(src))
			} else {
				b.WriteString(readerText(t.Segment.Value(src)))
			}
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.AutoLink:
			b.Write(t.Label(src))
		case *ast.CodeSpan:
			// children are Text nodes; handled above
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

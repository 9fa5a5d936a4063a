package markdown

import (
	"bytes"
	"strconv"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Footnotes are goldmark's, as Hugo and GitHub write them ([^label] in the
// text, "[^label]: the note" anywhere), with what goldmark lets pass
// silently made errors: a reference with no note shows "[^label]" to
// readers, and a note never referred to vanishes.

// undefinedNote reports a [^label] that no note matches. It runs after
// goldmark's footnote parser, which takes every [^label] that has a note,
// and returns nothing, so the text stays as goldmark would leave it.
type undefinedNote struct{}

func (undefinedNote) Trigger() []byte { return []byte{'['} }

func (undefinedNote) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 4 || line[1] != '^' {
		return nil
	}
	end := bytes.IndexByte(line, ']')
	if end < 3 || bytes.ContainsAny(line[2:end], " \t[") {
		return nil
	}
	if end+1 < len(line) && bytes.IndexByte([]byte("([:"), line[end+1]) >= 0 {
		return nil // a link: [^x](url), [^x][ref]
	}
	label := line[2:end]
	report(pc, lineOf(block.Source(), seg.Start),
		"footnote [^%s] has no note: add a line \"[^%s]: the note\", or write \\[ if the bracket is not a footnote", label, label)
	return nil
}

// unusedNotes reports a note that nothing refers to, or a second note with
// a label already taken, before goldmark's footnote transformer drops it.
type unusedNotes struct{}

func (unusedNotes) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	if !bytes.Contains(src, []byte("[^")) {
		return // most pages: no walk for them
	}
	first := map[string]int{}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		fn, ok := n.(*east.Footnote)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		line := noteLine(fn, src, first[string(fn.Ref)])
		switch at, dup := first[string(fn.Ref)]; {
		case dup:
			report(pc, line, "footnote [^%s] has a second note (first at line %d): give it another label", fn.Ref, at)
		case fn.Index < 0:
			report(pc, line, "footnote [^%s] is never referred to: write [^%s] where it belongs in the text, or remove the note", fn.Ref, fn.Ref)
		}
		if _, dup := first[string(fn.Ref)]; !dup {
			first[string(fn.Ref)] = line
		}
		return ast.WalkSkipChildren, nil
	})
}

// noteLine is the line of a note's "[^label]:" after line after: its first
// paragraph's, or, for a note with no text, where its label is.
func noteLine(fn *east.Footnote, src []byte, after int) int {
	for c := ast.Node(fn); c != nil; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return lineOf(src, c.Lines().At(0).Start)
		}
	}
	mark := []byte("[^" + string(fn.Ref) + "]:")
	for off := 0; ; {
		i := bytes.Index(src[off:], mark)
		if i < 0 {
			return max(after, 1)
		}
		if l := lineOf(src, off+i); l > after {
			return l
		}
		off += i + len(mark)
	}
}

// noteRef checks a reference to a note: one in a question or try block,
// or in a sample statement, would show on pages without the note.
func (w *walker) noteRef(n *east.FootnoteLink) {
	line := w.line
	if p := n.Pos(); p >= 0 && p < len(w.src) {
		line = lineOf(w.src, p)
	}
	switch {
	case w.prefix != "":
		w.errorf(line, "a footnote in a sample statement: the statement shows inside every guide that tries the sample, beside the guide's own notes; write the note into the text")
	case w.shown(n):
		w.errorf(line, "a footnote in a question or try block: the block shows in the interview kit and the question library too, where the note is not; write the note into the block")
	}
}

// label is the node attribute that carries words in the page's language
// from the walker, which knows the language, to a renderer.
const label = "label"

// backlinkRenderer writes goldmark's link from a note back to the text,
// with a name in the page's language: its text is only an arrow.
type backlinkRenderer struct{}

func (backlinkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindFootnoteBacklink, renderBacklink)
}

func renderBacklink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*east.FootnoteBacklink)
	w.WriteString(`&#160;<a href="#` + refID(n.Index, n.RefIndex) + `" class="footnote-backref" role="doc-backlink"`)
	if l, ok := n.AttributeString(label); ok {
		w.WriteString(` aria-label="`)
		w.Write(util.EscapeHTML(l.([]byte)))
		w.WriteByte('"')
	}
	w.WriteString(">&#x21a9;&#xfe0e;</a>")
	return ast.WalkContinue, nil
}

// refID is the ID goldmark gives the ref-th reference to note index.
func refID(index, ref int) string {
	id := "fnref"
	if ref > 0 {
		id += strconv.Itoa(ref)
	}
	return id + ":" + strconv.Itoa(index)
}

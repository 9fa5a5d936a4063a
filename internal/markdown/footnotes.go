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

	"guides/internal/diag"
)

// Footnotes are goldmark's, as Hugo and GitHub write them ([^label] in the
// text, "[^label]: the note" anywhere), with what goldmark lets pass
// silently made errors: a reference with no note shows "[^label]" to
// readers, and a note never referred to vanishes.

// undefinedNote reports a [^label] that no note matches. It runs after
// goldmark's footnote parser, which takes every [^label] that has a note,
// and returns nothing, so the text stays as goldmark would leave it.
type undefinedNote struct{}

func (undefinedNote) Trigger() []byte { return []byte{'!', '['} }

func (undefinedNote) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	at := 0
	if len(line) > 0 && line[0] == '!' { // ![^label], as goldmark's parser reads it
		at = 1
	}
	if len(line) < at+4 || line[at] != '[' || line[at+1] != '^' {
		return nil
	}
	end := bytes.IndexByte(line[at:], ']') + at
	label := line[at+2 : max(end, at+2)]
	if end <= at+2 || len(bytes.TrimSpace(label)) == 0 || bytes.IndexByte(label, '[') >= 0 {
		return nil
	}
	if end+1 < len(line) && (line[end+1] == '(' || line[end+1] == '[') {
		return nil // a link: [^x](url), [^x][ref]
	}
	report(pc, diag.LineAt(block.Source(), seg.Start),
		"footnote [^%s] has no note: add a line \"[^%s]: the note\", or write \\[ if the bracket is not a footnote", label, label)
	return nil
}

// unusedNotes reports the notes goldmark's footnote transformer, which
// runs next, would drop or show to no purpose: one nothing refers to, one
// only other notes refer to, a second with a label already taken, and an
// empty one.
type unusedNotes struct{}

func (unusedNotes) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	if !bytes.Contains(src, []byte("[^")) {
		return // most pages: no walk for them
	}
	notes, refs := collectNotes(doc)
	reached := reachedNotes(notes, refs)
	first := map[string]int{}
	for _, fn := range notes {
		line, label := noteLine(fn, src), fn.Ref
		at, dup := first[string(label)]
		switch {
		case dup:
			report(pc, line, "footnote [^%s] has a second note (first at line %d): give it another label", label, at)
		case fn.Index < 0:
			report(pc, line, "footnote [^%s] is never referred to: write [^%s] where it belongs in the text, or remove the note", label, label)
		case !reached[fn.Index]:
			report(pc, line, "footnote [^%s] is referred to only from notes: refer to it from the text, or fold it into the note that refers to it", label)
		case fn.FirstChild() == nil:
			report(pc, line, "footnote [^%s] has no text: write the note after the colon", label)
		}
		if !dup {
			first[string(label)] = line
		}
	}
}

// noteRefs are the references to notes, by the note they are in (nil for
// the text's own).
type noteRefs map[*east.Footnote][]int

// collectNotes lists a page's notes in order and its references to them.
func collectNotes(doc ast.Node) ([]*east.Footnote, noteRefs) {
	var notes []*east.Footnote
	refs := noteRefs{}
	var in *east.Footnote
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *east.Footnote:
			if entering {
				notes, in = append(notes, n), n
			} else {
				in = nil
			}
		case *east.FootnoteLink:
			if entering {
				refs[in] = append(refs[in], n.Index)
			}
		}
		return ast.WalkContinue, nil
	})
	return notes, refs
}

// reachedNotes is the set of note indexes the text refers to, directly or
// through the notes it refers to.
func reachedNotes(notes []*east.Footnote, refs noteRefs) map[int]bool {
	byIndex := map[int]*east.Footnote{}
	for _, fn := range notes {
		if fn.Index >= 0 {
			byIndex[fn.Index] = fn
		}
	}
	reached := map[int]bool{}
	todo := refs[nil]
	for len(todo) > 0 {
		i := todo[0]
		todo = todo[1:]
		if reached[i] {
			continue
		}
		reached[i] = true
		if fn := byIndex[i]; fn != nil {
			todo = append(todo, refs[fn]...)
		}
	}
	return reached
}

// noteLine is the line of a note's "[^label]:".
func noteLine(fn *east.Footnote, src []byte) int {
	off, ok := nodeOffset(fn, len(src))
	if !ok {
		return 1
	}
	return diag.LineAt(src, off)
}

// noteRef checks a reference to a note and records the ID it gives: one in
// a question or try block, or in a sample statement, would show on pages
// without the note; one in a link's text or an image's would nest a link
// in a link, or lose its way back.
func (w *walker) noteRef(n *east.FootnoteLink) {
	w.doc.NoteIDs = append(w.doc.NoteIDs, refID(n.Index, n.RefIndex))
	line := w.line
	if off, ok := nodeOffset(n, len(w.src)); ok {
		line = w.lines.At(off)
	}
	switch {
	case w.prefix != "":
		w.errorf(line, "a footnote in a sample statement: the statement shows inside every guide that tries the sample, beside the guide's own notes; write the note into the text")
	case w.shown(n):
		w.errorf(line, "a footnote in a question or try block: the block shows in the interview kit and the question library too, where the note is not; write the note into the block")
	case inLink(n):
		w.errorf(line, "a footnote in a link's text or an image's description: put it after the link or image")
	}
}

func inLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.(type) {
		case *ast.Link, *ast.Image:
			return true
		}
	}
	return false
}

// backlink names a note's way back to its reference, in the page's
// language, numbered when the note has several.
func (w *walker) backlink(n *east.FootnoteBacklink) {
	l := w.r.BacklinkLabel(n.Index)
	if n.RefCount > 1 {
		l += " (" + strconv.Itoa(n.RefIndex+1) + ")"
	}
	n.SetAttributeString(label, []byte(l))
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

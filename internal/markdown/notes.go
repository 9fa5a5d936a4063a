package markdown

import (
	"bytes"
	"slices"

	"github.com/yuin/goldmark/ast"
)

// Try is a :::try block: a coding sample with the prose that introduces it.
type Try struct {
	Sample string // the sample's id
	ID     string // the block's anchor, try-<sample>
	Text   string // the lead-in's plain text
	Line   int
	Body   []byte // the lead-in's HTML, without the sample's panel or the notes

	// Strong and Weak are the HTML of its :::strong and :::weak notes on
	// what a good and a poor solution look like, for interview kits.
	Strong, Weak []byte
}

// QuestionKinds lists the kinds a :::question may have, in the order pages
// present them.
func QuestionKinds() []string { return slices.Clone(questionKinds) }

// renderParts renders each question's and try block's body and notes on
// their own. A guide page leaves the notes out; an interview
// kit shows them beside the question, so it needs them as separate pieces
// of HTML. parts are the question and try directives in document order, as
// the walk met them, so the nth question among them is doc.Questions[n].
func (m *Markdown) renderParts(doc *Doc, src []byte, parts []*Directive) error {
	var qi, ti int
	for _, d := range parts {
		var err error
		switch d.Name {
		case "question":
			q := &doc.Questions[qi]
			q.Body, q.Strong, q.Weak, err = m.renderWithNotes(src, d)
			qi++
		case "try":
			t := &doc.Tries[ti]
			t.Body, t.Strong, t.Weak, err = m.renderWithNotes(src, d)
			ti++
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// renderWithNotes renders a question's or try block's own content and its
// notes apart.
func (m *Markdown) renderWithNotes(src []byte, d *Directive) (body, strong, weak []byte, err error) {
	body, err = m.renderChildren(src, d, func(c ast.Node) bool { _, note := c.(*Directive); return !note })
	for c := d.FirstChild(); c != nil && err == nil; c = c.NextSibling() {
		note, ok := c.(*Directive)
		if !ok {
			continue
		}
		var html []byte
		html, err = m.renderChildren(src, note, nil)
		switch note.Name {
		case "strong":
			strong = append(strong, html...)
		case "weak":
			weak = append(weak, html...)
		}
	}
	return body, strong, weak, err
}

// renderChildren renders the children of n that keep accepts (all when keep
// is nil), one after the other.
func (m *Markdown) renderChildren(src []byte, n ast.Node, keep func(ast.Node) bool) ([]byte, error) {
	var b bytes.Buffer
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if keep != nil && !keep(c) {
			continue
		}
		if err := m.md.Renderer().Render(bufWriter{Buffer: &b}, src, c); err != nil {
			return nil, err
		}
	}
	return b.Bytes(), nil
}

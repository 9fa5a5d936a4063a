package render

import (
	"errors"
	"html/template"
	"io"
	"strings"
	"text/template/parse"
)

// Constants are what every page of a locale prints alike, for Localize to
// write into its templates.
type Constants struct {
	// Message returns the text of a message without a count, and false for
	// one to leave to the page's T (a missing one, so that its fallback is
	// still reported).
	Message func(id string) (string, bool)
	// Fields are fields (or methods without arguments) of the page data that
	// have one value on every page of the locale, such as its code.
	Fields map[string]string
}

// Localize gives locale its own copy of the page templates in which every
// message printed without a count ({{.T "id"}} or {{$.T "id"}} in HTML text,
// a title or a quoted attribute) is the escaped text it prints, and so is
// every constant field that no escaper changes ({{.Locale}} in a URL): a
// page's layout and headings cost no template call for them. The data Page
// is given for locale must print c's messages from its T method and have
// c's fields.
func (t *Templates) Localize(locale string, c Constants) error {
	_, pages, err := t.parse()
	if err != nil {
		return err
	}
	f := folder{c: c, texts: map[string][]byte{}}
	for _, set := range pages {
		if err := escape(set); err != nil {
			return err
		}
		base := set.Lookup("base")
		if base == nil || base.Tree == nil {
			continue
		}
		folded := []*template.Template{base}
		if main := set.Lookup("main"); main != nil && main.Tree != nil && callsWithPageData(base.Tree.Root, "main", 0) {
			folded = append(folded, main)
		}
		for _, tr := range folded {
			if err := f.list(tr.Tree.Root, 0); err != nil {
				return err
			}
		}
		fastEscape(set)
		t.programs[set] = compileSet(set, []string{"base"}, escapersByName())
	}
	t.local[locale] = pages
	return nil
}

// escape makes html/template escape set's layout and what it calls, which
// it does on first execution only: the run with no data stops at the first
// field, while the escaping it needed is done.
func escape(set *template.Template) error {
	if err := set.ExecuteTemplate(io.Discard, "base", nil); isEscapeError(err) {
		return err
	}
	return nil
}

// isEscapeError reports whether err is html/template's refusal to escape a
// template, which then never runs.
func isEscapeError(err error) bool {
	_, ok := errors.AsType[*template.Error](err)
	return ok
}

// callsWithPageData reports whether every call of template name in l passes
// it the page data: {{template "main" .}} outside range and with blocks, so
// that dot and $ are the page's in it too.
func callsWithPageData(l *parse.ListNode, name string, dot int) bool {
	if l == nil {
		return true
	}
	for _, n := range l.Nodes {
		ok := true
		switch n := n.(type) {
		case *parse.TemplateNode:
			ok = n.Name != name || (dot == 0 && isDot(n.Pipe))
		case *parse.IfNode:
			ok = callsWithPageData(n.List, name, dot) && callsWithPageData(n.ElseList, name, dot)
		case *parse.RangeNode:
			ok = callsWithPageData(n.List, name, dot+1) && callsWithPageData(n.ElseList, name, dot)
		case *parse.WithNode:
			ok = callsWithPageData(n.List, name, dot+1) && callsWithPageData(n.ElseList, name, dot)
		}
		if !ok {
			return false
		}
	}
	return true
}

func isDot(p *parse.PipeNode) bool {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	_, ok := p.Cmds[0].Args[0].(*parse.DotNode)
	return ok
}

// folder replaces the message and constant field actions of escaped trees
// with their text.
type folder struct {
	c     Constants
	texts map[string][]byte // message id → escaped text
}

// list folds the actions of l. dot counts the range and with blocks around
// l: within them dot is not the page data, so only $.T is folded there.
func (f *folder) list(l *parse.ListNode, dot int) error {
	if l == nil {
		return nil
	}
	for i, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			text, ok, err := f.action(n, dot)
			if err != nil {
				return err
			}
			if ok {
				l.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Pos, Text: text}
			}
		case *parse.IfNode:
			if err := f.branch(&n.BranchNode, dot, dot); err != nil {
				return err
			}
		case *parse.RangeNode:
			if err := f.branch(&n.BranchNode, dot+1, dot); err != nil {
				return err
			}
		case *parse.WithNode:
			if err := f.branch(&n.BranchNode, dot+1, dot); err != nil {
				return err
			}
		}
	}
	return nil
}

func (f *folder) branch(b *parse.BranchNode, inner, outer int) error {
	if err := f.list(b.List, inner); err != nil {
		return err
	}
	return f.list(b.ElseList, outer)
}

// htmlEscapers are the escapers html/template adds to an action in HTML
// text, RCDATA (a title) and a quoted attribute value. On a string all three
// print what {{.}} in HTML text prints.
var htmlEscapers = map[string]bool{
	"_html_template_htmlescaper":   true,
	"_html_template_rcdataescaper": true,
	"_html_template_attrescaper":   true,
}

// tokenEscapers are the escapers that print a token (isToken) as it is:
// html/template's for HTML, attributes quoted or not, and URLs, but not for
// scripts or CSS, which quote or reject it.
var tokenEscapers = map[string]bool{
	"_html_template_htmlescaper":    true,
	"_html_template_rcdataescaper":  true,
	"_html_template_attrescaper":    true,
	"_html_template_nospaceescaper": true,
	"_html_template_urlfilter":      true,
	"_html_template_urlnormalizer":  true,
	"_html_template_urlescaper":     true,
}

// isToken reports whether s is letters, digits, '-' and '_' only (a locale
// code, "en_US"), which no escaper in tokenEscapers changes.
func isToken(s string) bool {
	for _, r := range s {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// action returns the text a message or constant field action prints, when
// a is one.
func (f *folder) action(a *parse.ActionNode, dot int) ([]byte, bool, error) {
	p := a.Pipe
	if len(p.Decl) > 0 || len(p.Cmds) < 2 {
		return nil, false, nil
	}
	var escapers []string
	for _, c := range p.Cmds[1:] {
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if !ok || len(c.Args) != 1 {
			return nil, false, nil
		}
		escapers = append(escapers, id.Ident)
	}
	if args := p.Cmds[0].Args; len(args) == 1 {
		return f.field(args[0], dot, escapers)
	}
	return f.message(p.Cmds[0].Args, dot, escapers)
}

// field is the text of a constant field that its escapers print unchanged.
func (f *folder) field(n parse.Node, dot int, escapers []string) ([]byte, bool, error) {
	name, ok := pageField(n, dot)
	value, known := f.c.Fields[name]
	if !ok || !known || !isToken(value) {
		return nil, false, nil
	}
	for _, e := range escapers {
		if !tokenEscapers[e] {
			return nil, false, nil
		}
	}
	return []byte(value), true, nil
}

// message is the escaped text of {{.T "id"}} in HTML text or an attribute.
func (f *folder) message(args []parse.Node, dot int, escapers []string) ([]byte, bool, error) {
	if len(args) != 2 || len(escapers) != 1 || !htmlEscapers[escapers[0]] {
		return nil, false, nil
	}
	if name, ok := pageField(args[0], dot); !ok || name != "T" {
		return nil, false, nil
	}
	id, ok := args[1].(*parse.StringNode)
	if !ok {
		return nil, false, nil
	}
	if text, ok := f.texts[id.Text]; ok {
		return text, true, nil
	}
	s, ok := f.c.Message(id.Text)
	if !ok {
		return nil, false, nil
	}
	var b strings.Builder
	if err := escaped.Execute(&b, s); err != nil {
		return nil, false, err
	}
	f.texts[id.Text] = []byte(b.String())
	return f.texts[id.Text], true, nil
}

var escaped = template.Must(template.New("").Parse("{{.}}"))

// pageField is the name of $.Name, or of .Name where dot is the page data.
func pageField(n parse.Node, dot int) (string, bool) {
	switch n := n.(type) {
	case *parse.VariableNode:
		if len(n.Ident) == 2 && n.Ident[0] == "$" {
			return n.Ident[1], true
		}
	case *parse.FieldNode:
		if dot == 0 && len(n.Ident) == 1 {
			return n.Ident[0], true
		}
	}
	return "", false
}

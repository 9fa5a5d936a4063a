package render

import (
	"errors"
	"html/template"
	"io"
	"strings"
	"text/template/parse"
)

// Localize gives locale its own copy of the page templates in which every
// message printed without a count ({{.T "id"}} or {{$.T "id"}} in HTML text,
// a title or a quoted attribute) is the escaped text it prints: a page's
// layout and headings cost no template call per message. msg returns a
// message's text, and false for one to leave to the call (a missing one, so
// its fallback is still reported). The data Page is given for locale must
// print msg's text from its T method.
func (t *Templates) Localize(locale string, msg func(id string) (string, bool)) error {
	_, pages, err := t.parse()
	if err != nil {
		return err
	}
	f := folder{msg: msg, texts: map[string][]byte{}}
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
	}
	t.local[locale] = pages
	return nil
}

// escape makes html/template escape set's layout and what it calls, which
// it does on first execution only: the run with no data stops at the first
// field, while the escaping it needed is done.
func escape(set *template.Template) error {
	err := set.ExecuteTemplate(io.Discard, "base", nil)
	var escErr *template.Error
	if errors.As(err, &escErr) {
		return err
	}
	return nil
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

// folder replaces the message actions of escaped trees with their text.
type folder struct {
	msg   func(id string) (string, bool)
	texts map[string][]byte // id → escaped text
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

// action returns the text a message action prints, when a is one.
func (f *folder) action(a *parse.ActionNode, dot int) ([]byte, bool, error) {
	p := a.Pipe
	if len(p.Decl) > 0 || len(p.Cmds) != 2 || len(p.Cmds[0].Args) != 2 || len(p.Cmds[1].Args) != 1 {
		return nil, false, nil
	}
	esc, ok := p.Cmds[1].Args[0].(*parse.IdentifierNode)
	if !ok || !htmlEscapers[esc.Ident] || !isMessageCall(p.Cmds[0].Args[0], dot) {
		return nil, false, nil
	}
	id, ok := p.Cmds[0].Args[1].(*parse.StringNode)
	if !ok {
		return nil, false, nil
	}
	if text, ok := f.texts[id.Text]; ok {
		return text, true, nil
	}
	s, ok := f.msg(id.Text)
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

// isMessageCall reports whether n is $.T, or .T where dot is the page data.
func isMessageCall(n parse.Node, dot int) bool {
	switch n := n.(type) {
	case *parse.VariableNode:
		return len(n.Ident) == 2 && n.Ident[0] == "$" && n.Ident[1] == "T"
	case *parse.FieldNode:
		return dot == 0 && len(n.Ident) == 1 && n.Ident[0] == "T"
	}
	return false
}

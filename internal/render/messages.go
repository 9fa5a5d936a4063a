package render

import "text/template/parse"

// MessageUse is a message a template prints by a constant ID:
// {{.T "id"}}, {{$.T "id" .N}}, {{.Page.T "id"}}.
type MessageUse struct {
	ID        string
	File      string // the template file, as Parse read it
	Line, Col int    // of the ID; Col counts bytes from 1, as editors do
}

// Messages lists, once each, the messages the templates print by a constant
// ID, so that the build can refuse an ID no message file has.
func (t *Templates) Messages() []MessageUse {
	seen := map[MessageUse]bool{}
	var out []MessageUse
	for _, tr := range t.Trees() {
		if tr.Tree == nil {
			continue
		}
		walk(tr.Tree.Root, func(cmd *parse.CommandNode) {
			if len(cmd.Args) < 2 || !isT(cmd.Args[0]) {
				return
			}
			id, ok := cmd.Args[1].(*parse.StringNode)
			if !ok {
				return
			}
			loc, _ := tr.Tree.ErrorContext(id)
			u := MessageUse{ID: id.Text}
			u.File, u.Line, u.Col, _ = locate(loc)
			if !seen[u] {
				seen[u] = true
				out = append(out, u)
			}
		})
	}
	return out
}

// walk calls f on every command of the tree under n.
func walk(n parse.Node, f func(*parse.CommandNode)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				walk(c, f)
			}
		}
	case *parse.ActionNode:
		walk(n.Pipe, f)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				walk(c, f)
			}
		}
	case *parse.CommandNode:
		f(n)
		for _, a := range n.Args {
			walk(a, f)
		}
	case *parse.IfNode:
		walkBranch(&n.BranchNode, f)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, f)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, f)
	case *parse.TemplateNode:
		walk(n.Pipe, f)
	}
}

func walkBranch(b *parse.BranchNode, f func(*parse.CommandNode)) {
	walk(b.Pipe, f)
	walk(b.List, f)
	if b.ElseList != nil {
		walk(b.ElseList, f)
	}
}

// isT reports whether n names a T method: .T, $.T, .Page.T.
func isT(n parse.Node) bool {
	switch f := n.(type) {
	case *parse.FieldNode:
		return len(f.Ident) > 0 && f.Ident[len(f.Ident)-1] == "T"
	case *parse.VariableNode:
		return len(f.Ident) > 1 && f.Ident[len(f.Ident)-1] == "T"
	}
	return false
}

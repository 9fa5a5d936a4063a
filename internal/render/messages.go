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
		inspect(tr.Tree.Root, func(cmd *parse.CommandNode) {
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

package render

import "text/template/parse"

// inspect calls f on every node of type N in the tree under n: in lists,
// actions, pipelines and commands (their arguments too), branches (their
// conditions too) and template calls.
// An absent list or pipeline (an if without else, a template call without
// data) is a nil pointer, which f never gets.
func inspect[N parse.Node](n parse.Node, f func(N)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
	case *parse.PipeNode:
		if n == nil {
			return
		}
	}
	if v, ok := n.(N); ok {
		f(v)
	}
	switch n := n.(type) {
	case *parse.ListNode:
		for _, c := range n.Nodes {
			inspect(c, f)
		}
	case *parse.ActionNode:
		inspect(n.Pipe, f)
	case *parse.PipeNode:
		for _, c := range n.Cmds {
			inspect(c, f)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			inspect(a, f)
		}
	case *parse.IfNode:
		inspectBranch(&n.BranchNode, f)
	case *parse.RangeNode:
		inspectBranch(&n.BranchNode, f)
	case *parse.WithNode:
		inspectBranch(&n.BranchNode, f)
	case *parse.TemplateNode:
		inspect(n.Pipe, f)
	}
}

func inspectBranch[N parse.Node](b *parse.BranchNode, f func(N)) {
	inspect(b.Pipe, f)
	inspect(b.List, f)
	inspect(b.ElseList, f)
}

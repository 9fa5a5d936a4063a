package site

import (
	"os"
	"testing"
	"text/template/parse"

	"guides/internal/i18n"
	"guides/internal/render"
)

// TestTemplatesUseOnlyDefinedMessages walks every parsed template, collects
// the first argument of each .T / $.T call, and requires every locale to
// define it: a missing translation fails here, not silently on a page.
func TestTemplatesUseOnlyDefinedMessages(t *testing.T) {
	tmpl, err := render.Parse(os.DirFS("../../templates"))
	if err != nil {
		t.Fatal(err)
	}
	cat, err := i18n.Load(os.DirFS("../../locales"), DefaultLocale)
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, tr := range tmpl.Trees() {
		if tr.Tree != nil {
			collectT(tr.Tree.Root, used)
		}
	}
	if len(used) < 10 {
		t.Fatalf("found only %d message IDs in templates: the walk is broken", len(used))
	}
	for _, loc := range cat.Locales {
		for id := range used {
			if !cat.Has(loc, id) {
				t.Errorf("locale %s lacks message %q used by a template", loc, id)
			}
		}
	}
}

func collectT(n parse.Node, used map[string]bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				collectT(c, used)
			}
		}
	case *parse.ActionNode:
		collectT(n.Pipe, used)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				collectT(c, used)
			}
		}
	case *parse.CommandNode:
		if len(n.Args) >= 2 && isT(n.Args[0]) {
			if s, ok := n.Args[1].(*parse.StringNode); ok {
				used[s.Text] = true
			}
		}
		for _, a := range n.Args {
			collectT(a, used)
		}
	case *parse.IfNode:
		collectBranch(&n.BranchNode, used)
	case *parse.RangeNode:
		collectBranch(&n.BranchNode, used)
	case *parse.WithNode:
		collectBranch(&n.BranchNode, used)
	case *parse.TemplateNode:
		collectT(n.Pipe, used)
	}
}

func collectBranch(b *parse.BranchNode, used map[string]bool) {
	collectT(b.Pipe, used)
	collectT(b.List, used)
	if b.ElseList != nil {
		collectT(b.ElseList, used)
	}
}

func isT(n parse.Node) bool {
	switch f := n.(type) {
	case *parse.FieldNode:
		return len(f.Ident) > 0 && f.Ident[len(f.Ident)-1] == "T"
	case *parse.VariableNode:
		return len(f.Ident) > 1 && f.Ident[len(f.Ident)-1] == "T"
	}
	return false
}

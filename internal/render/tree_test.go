package render

import (
	"testing"
	"text/template/parse"
)

// TestInspectSkipsAbsentNodes: an if without else and a template call
// without data hold nil pointers, which inspect passes over; every list and
// pipeline that is there it finds.
func TestInspectSkipsAbsentNodes(t *testing.T) {
	trees, err := parse.Parse("t", `{{if .A}}x{{end}}{{template "u"}}{{with .B}}{{.C}}{{else}}y{{end}}`, "", "", map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	root := trees["t"].Root
	lists, pipes := 0, 0
	inspect(root, func(l *parse.ListNode) {
		if l == nil {
			t.Fatal("inspect gave a nil list")
		}
		lists++
	})
	inspect(root, func(p *parse.PipeNode) {
		if p == nil {
			t.Fatal("inspect gave a nil pipeline")
		}
		pipes++
	})
	// Lists: the root, the if's body, the with's body and its else.
	// Pipelines: the if's, the with's and {{.C}}'s; the template call has none.
	if lists != 4 || pipes != 3 {
		t.Errorf("found %d lists and %d pipelines, want 4 and 3", lists, pipes)
	}
}

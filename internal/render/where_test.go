package render

import (
	"errors"
	"fmt"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
)

// TestWhere locates the errors html/template gives at parse and at run
// time, however they are wrapped, and knows when one has no position.
func TestWhere(t *testing.T) {
	_, parseErr := Parse(fstest.MapFS{"kit.html": {Data: []byte("{{define \"main\"}}\n<h1>{{</h1>{{end}}")}})
	var b strings.Builder
	execErr := template.Must(template.New("guide.html").Parse("<p>\n{{.Nope}}</p>")).Execute(&b, struct{}{})
	escapeErr := template.Must(template.New("home.html").Parse("\n{{if .}}<a href=\"{{end}}")).Execute(&b, true)
	for _, tc := range []struct {
		err  error
		want string
	}{
		{parseErr, "kit.html:2:0 unexpected"},
		{fmt.Errorf("build: %w", execErr), "guide.html:2:3 executing"}, // {{.Nope}}'s field, counted from 1
		{escapeErr, "home.html:2:"},
		{errors.New(`html/template: "home-card" is undefined`), "not located"},
	} {
		got := "not located"
		if file, line, col, msg, ok := Where(tc.err); ok {
			got = fmt.Sprintf("%s:%d:%d %s", file, line, col, msg)
		}
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("Where(%v) = %s, want %s...", tc.err, got, tc.want)
		}
	}
}

// TestParseSkipsHiddenFiles: an editor's lock file beside a template (Emacs
// makes .#kit.html, a link to nowhere) is not a template.
func TestParseSkipsHiddenFiles(t *testing.T) {
	tm, err := Parse(fstest.MapFS{
		"kit.html":   {Data: []byte(`{{define "main"}}kit{{end}}`)},
		".#kit.html": {Data: []byte(`{{`)},
	})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if got := tm.Pages(); len(got) != 1 || got[0] != "kit" {
		t.Errorf("pages %v, want [kit]", got)
	}
}

package render

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// page is the data of the test pages: T and Code count their calls, so a
// test sees which messages and constants were folded into the templates.
type page struct {
	calls *int
	Items []item
	code  string
}

// Code is the page's locale code, a constant of the locale.
func (p page) Code() string {
	*p.calls++
	return p.code
}

type item struct{ T string }

var messages = map[string]string{
	"hello": `Ciao & "benvenuti" <a+b> l'app`,
	"label": "Cerca",
	"n":     "elementi",
}

func (p page) T(id string, n ...any) string {
	*p.calls++
	if len(n) > 0 {
		return fmt.Sprint(n[0], " ", messages[id])
	}
	if s, ok := messages[id]; ok {
		return s
	}
	return "?" + id
}

const base = `{{define "base"}}<title>{{.T "hello"}}</title><p title="{{.T "hello"}}">{{.T "hello"}}</p>{{template "main" .}}{{end}}`

// TestLocalizeFoldsMessagesOnly executes each page with and without its
// locale's copy: the output must not change, and only the message calls
// that print plain text may disappear.
func TestLocalizeFoldsMessagesOnly(t *testing.T) {
	tests := []struct {
		name, main string
		calls      int // T calls left in the localized copy
	}{
		{"text, title and attribute", `{{define "main"}}{{$.T "label"}}{{end}}`, 0},
		{"with a count", `{{define "main"}}{{.T "n" 3}}{{end}}`, 1},
		{"in a script", `{{define "main"}}<script>var s = {{.T "hello"}};</script>{{end}}`, 1},
		{"in a URL", `{{define "main"}}<a href="/q?x={{.T "label"}}">x</a>{{end}}`, 1},
		{"in CSS", `{{define "main"}}<p style="color: {{.T "label"}}">x</p>{{end}}`, 1},
		{"unquoted attribute", `{{define "main"}}<p title={{.T "hello"}}>x</p>{{end}}`, 1},
		{"missing message", `{{define "main"}}{{.T "nope"}}{{end}}`, 1},
		{"dot in range", `{{define "main"}}{{range .Items}}{{.T}}{{$.T "label"}}{{end}}{{end}}`, 0},
		{"assigned", `{{define "main"}}{{$s := .T "label"}}{{$s}}{{end}}`, 1},
		{"piped further", `{{define "main"}}{{.T "label" | printf "%s!"}}{{end}}`, 1},
		{"constant in text, attributes and URLs", `{{define "main"}}{{.Code}}<p lang="{{.Code}}" title={{.Code}}><a href="/{{.Code}}/?q={{.Code}}">x</a>{{range .Items}}{{$.Code}}{{end}}</p>{{end}}`, 0},
		{"constant in a script", `{{define "main"}}<script>var c = {{.Code}};</script>{{end}}`, 1},
		{"constant in CSS", `{{define "main"}}<p style="font: {{.Code}}">x</p>{{end}}`, 1},
		{"constant piped", `{{define "main"}}{{.Code | printf "%s!"}}{{end}}`, 1},
		{"field of dot in range", `{{define "main"}}{{range .Items}}{{.T}}{{end}}{{end}}`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tmpl, err := Parse(fstest.MapFS{
				"base.html": {Data: []byte(base)},
				"page.html": {Data: []byte(tt.main)},
			})
			if err != nil {
				t.Fatal(err)
			}
			want, _ := render(t, tmpl, "en", "it_IT")
			c := Constants{
				Message: func(id string) (string, bool) { s, ok := messages[id]; return s, ok },
				Fields:  map[string]string{"Code": "it_IT", "T": "not a constant"},
			}
			if err := tmpl.Localize("it", c); err != nil {
				t.Fatal(err)
			}
			got, calls := render(t, tmpl, "it", "it_IT")
			if got != want {
				t.Errorf("localized page differs:\n got %s\nwant %s", got, want)
			}
			if calls != tt.calls {
				t.Errorf("T called %d times, want %d", calls, tt.calls)
			}
		})
	}
}

// TestLocalizeFoldsMainOnlyWithPageData: when the layout calls main other
// than as {{template "main" .}} at its top level, main may not get the page
// data, and its $.T calls stay.
func TestLocalizeFoldsMainOnlyWithPageData(t *testing.T) {
	tmpl, err := Parse(fstest.MapFS{
		"base.html": {Data: []byte(`{{define "base"}}{{with .Items}}{{template "main" $}}{{end}}{{end}}`)},
		"page.html": {Data: []byte(`{{define "main"}}{{$.T "label"}}{{end}}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := tmpl.Localize("it", Constants{Message: func(id string) (string, bool) { return messages[id], true }}); err != nil {
		t.Fatal(err)
	}
	if got, calls := render(t, tmpl, "it", "it"); got != "Cerca" || calls != 1 {
		t.Errorf("got %q with %d calls, want %q with 1", got, calls, "Cerca")
	}
}

func render(t *testing.T, tmpl *Templates, locale, code string) (string, int) {
	t.Helper()
	var b strings.Builder
	calls := 0
	if err := tmpl.Page(&b, locale, "page", page{calls: &calls, Items: []item{{T: "a"}}, code: code}); err != nil {
		t.Fatal(err)
	}
	return b.String(), calls
}

package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"os"
	"strings"
	"testing"
)

type testPage struct {
	Title, URL string
	HTML       template.HTML
	N          int
	Items      []testItem
	Empty      []testItem
	Ptr, Nil   *testItem
	Any, None  any
	Map        map[string]string
	Ints       map[int]string
	hidden     string
}

type testItem struct {
	Name  string
	Count int
}

func (p *testPage) T(id string, n ...any) string { return fmt.Sprint(id, n) }
func (p testPage) Upper(s string) string         { return strings.ToUpper(s) }
func (p *testPage) Fail() (string, error)        { return "", errors.New("no") }
func (p *testPage) Pair(a string, b int) string  { return fmt.Sprint(a, b) }
func (i testItem) Label() string                 { return "<" + i.Name + ">" }

func newTestPage() *testPage {
	return &testPage{
		Title: `Tom & "Jerry" <3 +1`, URL: "javascript:alert(1)", HTML: "<b>bold</b>", N: 3,
		Items: []testItem{{"a&b", 1}, {"c", 0}}, Ptr: &testItem{"p", 2}, Any: 7,
		Map: map[string]string{"k": "v<"}, Ints: map[int]string{1: "one"}, hidden: "h",
	}
}

// TestPrograms runs each template with its compiled program and with
// text/template, and wants the same output, or, where the program leaves
// the run to text/template, nothing written by it.
func TestPrograms(t *testing.T) {
	const defs = `{{define "item"}}<li>{{.Name}}</li>{{end}}{{define "none"}}[{{.}}]{{end}}`
	for _, tc := range []struct {
		name, src string
		ran       bool // the program runs it to the end
	}{
		{"text and escaped fields", `<title>{{.Title}}</title><p title="{{.Title}}">{{.Title}}</p>`, true},
		{"typed HTML", `<div>{{.HTML}}</div><p title="{{.HTML}}"></p>`, true},
		{"URLs", `<a href="{{.URL}}">x</a><a href="/{{.Title}}">y</a><a href="#{{.Title}}">z</a>`, true},
		{"methods with arguments", `{{.T "x" .N}} {{$.T "y"}} {{.Upper "a"}} {{.Pair "n" 2}}`, true},
		{"pipeline into a method", `{{.Title | .Upper}}`, true},
		{"variables", `{{$t := .Title}}{{$t}}{{$t = "z"}}{{$t}}{{with .Ptr}}{{$t}}{{$.N}}{{end}}`, true},
		{"range with index", `{{range $i, $x := .Items}}{{$i}}:{{$x.Name}}:{{.Count}} {{end}}`, true},
		{"range with element", `{{range $x := .Items}}{{$x.Label}}{{end}}`, true},
		{"range else", `{{range .Empty}}x{{else}}none{{end}}{{range $x := .Empty}}{{else}}still none{{end}}`, true},
		{"with else", `{{with .Nil}}{{.Name}}{{else}}no{{end}}{{with .Ptr}}{{.Name}} {{.Label}}{{end}}`, true},
		{"if and or not len", `{{if and .Title (not .Empty)}}a{{end}}{{if or .Empty .Items}}b{{end}}{{len .Items}} {{.Title | len}}`, true},
		{"and and or return values", `{{and .N .Title}} {{or .Empty "d"}} {{or .None .N}}`, true},
		{"template calls", `{{range .Items}}{{template "item" .}}{{end}}{{template "none"}}`, true},
		{"interfaces", `{{.Any}} {{.None}} {{if .None}}x{{end}}`, true},
		{"maps", `{{.Map.k}} {{.Map.missing}}`, true},
		{"script and style values", `<script type="application/ld+json">{{.Items}}</script><script>var t = {{.Title}};</script><style>p { color: {{.Title}} }</style>`, true},
		{"a nil pointer's field", `before {{.Nil.Name}}`, false},
		{"a method's error", `before {{.Fail}}`, false},
		{"an unexported field", `before {{.hidden}}`, false},
		{"range over a map", `{{range .Map}}{{.}}{{end}}`, false},
		{"a map without string keys", `{{.Ints.one}}`, false},
		{"a function programs do not cover", `{{printf "%d" .N}}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set := template.Must(template.New("").Funcs(escaperFuncs()).Parse(`{{define "page"}}` + tc.src + `{{end}}` + defs))
			var want bytes.Buffer
			wantErr := set.ExecuteTemplate(&want, "page", newTestPage())
			fastEscape(set)
			got := bytes.NewBufferString("kept|")
			err := compileSet(set, []string{"page"}, escapersByName()).execute(got, "page", newTestPage())
			if ran := err == nil; ran != tc.ran {
				t.Fatalf("program ran: %v, want %v (%v)", ran, tc.ran, err)
			}
			if !tc.ran {
				if got.String() != "kept|" {
					t.Errorf("a run left to text/template wrote %q", got)
				}
				return
			}
			if wantErr != nil {
				t.Fatalf("text/template: %v", wantErr)
			}
			if got.String() != "kept|"+want.String() {
				t.Errorf("program:\n%s\ntext/template:\n%s", got.String()[len("kept|"):], want.String())
			}
		})
	}
}

// TestProgramsRunThePageTemplates: every page template of the project
// compiles, so that pages do not fall back to text/template unnoticed.
func TestProgramsRunThePageTemplates(t *testing.T) {
	tm, err := Parse(os.DirFS("../../templates"))
	if err != nil {
		t.Fatal(err)
	}
	c := Constants{Message: func(id string) (string, bool) { return id, true }, Fields: map[string]string{"Locale": "en"}}
	if err := tm.Localize("en", c); err != nil {
		t.Fatal(err)
	}
	for _, name := range tm.Pages() {
		set := tm.local["en"][name]
		if p := tm.programs[set]; p == nil || p.tmpls["base"] == nil {
			t.Errorf("page template %s did not compile", name)
		}
	}
	for _, name := range []string{"home-card", "library-guide", "library-entry", "try"} {
		if tm.programs[tm.shared].tmpls[name] == nil {
			t.Errorf("partial %s did not compile", name)
		}
	}
}

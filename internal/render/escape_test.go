package render

import (
	"html/template"
	"os"
	"strings"
	"testing"
	"text/template/parse"
)

// escapeCases are values each escaper must print as html/template does.
func escapeCases() []any {
	var cases []any
	for c := 0; c < 128; c++ {
		cases = append(cases, "a"+string(rune(c))+"b")
	}
	for _, s := range []string{
		"", "plain", "Perché è così", "日本語", "\xff\xfe<", "\xc3<", "a\x00b",
		`"quoted" & 'single' <tag> +plus`, "&amp; already",
		"/en/roles/x/", "https://example.com/a b?q=1&r=2#frag", "HTTP://EXAMPLE.COM", "mailto:a@b.c",
		"javascript:alert(1)", "JavaScript:x", "data:text/html,x", "vbscript:x", "a/b:c", ":x", "x:",
		"%41%zz%", "%4", "100%", "a%2Fb", "%e2%82%ac", "€", "a\tb\nc", "(x)[y]{z}", "~-._", "!#$&*+,/:;=?@[]",
	} {
		cases = append(cases, s)
	}
	str := "pointer <&>"
	return append(cases,
		template.HTML("<b>bold</b> &amp; <i>x</i>"), template.HTMLAttr(`title="x"`),
		template.URL("javascript:trusted()"), template.URL("/a b"), template.JS("x<y"), template.CSS("a{b:c}"),
		42, 3.5, true, nil, &str, []string{"a", "<b>"}, struct{ A string }{"<x>"})
}

func TestEscapersPrintAsHTMLTemplate(t *testing.T) {
	for _, e := range escapers {
		ref := template.Must(template.New("").Parse(e.probe))
		for _, v := range escapeCases() {
			var b strings.Builder
			if err := ref.Execute(&b, v); err != nil {
				t.Fatal(err)
			}
			want := strings.TrimSuffix(strings.TrimPrefix(b.String(), e.before), e.after)
			if got := e.escape(v); got != want {
				t.Errorf("%s(%#v) = %q, html/template prints %q", e.name, v, got, want)
			}
		}
	}
}

func FuzzEscapers(f *testing.F) {
	for _, v := range escapeCases() {
		if s, ok := v.(string); ok {
			f.Add(s)
		}
	}
	refs := map[string]*template.Template{}
	for _, e := range escapers {
		refs[e.name] = template.Must(template.New("").Parse(e.probe))
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, e := range escapers {
			var b strings.Builder
			if err := refs[e.name].Execute(&b, s); err != nil {
				t.Fatal(err)
			}
			want := strings.TrimSuffix(strings.TrimPrefix(b.String(), e.before), e.after)
			if got := e.escape(s); got != want {
				t.Errorf("%s(%q) = %q, html/template prints %q", e.name, s, got, want)
			}
		}
	})
}

// TestEveryEscaperStandsForItsChain fails when a Go release escapes a probe
// otherwise: its actions would then keep html/template's slower calls.
func TestEveryEscaperStandsForItsChain(t *testing.T) {
	use := usable()
	for _, e := range escapers {
		if _, ok := use[e.chain]; !ok {
			t.Errorf("%s: html/template no longer escapes %s with %s", e.name, e.probe, e.chain)
		}
	}
}

// TestTemplatesCallTheFastEscapers parses the site's templates and finds
// no action left with a chain that has a fast escaper, in the partials and
// in a locale's pages.
func TestTemplatesCallTheFastEscapers(t *testing.T) {
	tm, err := Parse(os.DirFS("../../templates"))
	if err != nil {
		t.Fatal(err)
	}
	if err := tm.Localize("en", Constants{Message: func(string) (string, bool) { return "", false }}); err != nil {
		t.Fatal(err)
	}
	sets := []*template.Template{tm.shared}
	for _, set := range tm.local["en"] {
		sets = append(sets, set)
	}
	fast, slow := 0, 0
	for _, set := range sets {
		for _, tr := range set.Templates() {
			if tr.Tree == nil {
				continue
			}
			inspect(tr.Tree.Root, func(a *parse.ActionNode) {
				last := a.Pipe.Cmds[len(a.Pipe.Cmds)-1]
				id, ok := last.Args[0].(*parse.IdentifierNode)
				switch {
				case !ok:
				case strings.HasPrefix(id.Ident, "_guides_"):
					fast++
				case strings.HasPrefix(id.Ident, "_html_template_"):
					if names, ok := trailingEscapers(a.Pipe); ok {
						if _, has := usable()[strings.Join(names, " | ")]; has {
							slow++
							t.Errorf("%s: %s still calls html/template's chain", tr.Name(), a)
						}
					}
				}
			})
		}
	}
	if fast == 0 || slow > 0 {
		t.Errorf("%d actions call a fast escaper, %d a chain that has one", fast, slow)
	}
}

package render

import (
	"fmt"
	"html/template"
	"io"
	"reflect"
	"strings"
	"sync"
	"text/template/parse"
)

// Once html/template has escaped a template, every action that prints ends
// in its escapers, {{.URL | _html_template_urlfilter |
// _html_template_urlnormalizer | _html_template_attrescaper}}, and text/template
// calls each through reflection, as a variadic function: at thousands of
// pages those calls cost more than the escaping. fastEscape replaces the
// chains that pages use most with one call of a function of one argument,
// which escapes a string as the chain does and hands anything else (typed
// content such as template.URL, numbers, nil) to html/template itself.

// An escaper is one chain's replacement.
type escaper struct {
	name  string // as the templates call it
	chain string // the escapers it replaces, as html/template names them
	// probe is a template whose one action html/template escapes with
	// chain, printed between before and after; it escapes what the fast
	// path does not.
	probe, before, after string
	fast                 func(s string) string // nil: html/template escapes strings too
	html                 bool                  // in HTML text, where HTML prints as it is
}

var escapers = []escaper{
	{"_guides_html", "_html_template_htmlescaper", `{{.}}`, "", "", escapeHTML, true},
	{"_guides_rcdata", "_html_template_rcdataescaper", `<title>{{.}}</title>`, "<title>", "</title>", escapeHTML, false},
	{"_guides_attr", "_html_template_attrescaper", `<p title="{{.}}">`, `<p title="`, `">`, escapeHTML, false},
	{"_guides_url", "_html_template_urlfilter | _html_template_urlnormalizer | _html_template_attrescaper",
		`<a href="{{.}}">`, `<a href="`, `">`, func(s string) string {
			if !isSafeURL(s) {
				return "#ZgotmplZ"
			}
			return escapeHTML(processURL(s, true))
		}, false},
	{"_guides_url_path", "_html_template_urlnormalizer | _html_template_attrescaper",
		`<a href="/{{.}}">`, `<a href="/`, `">`, func(s string) string { return escapeHTML(processURL(s, true)) }, false},
	{"_guides_url_part", "_html_template_urlescaper | _html_template_attrescaper",
		`<a href="#{{.}}">`, `<a href="#`, `">`, func(s string) string { return escapeHTML(processURL(s, false)) }, false},
	// A page's JSON-LD and a home page's filter styles: html/template
	// escapes every value, so that a program (compile.go) can run the
	// templates that print them.
	{"_guides_script", "_html_template_jsvalescaper", `<script>{{.}}</script>`, "<script>", "</script>", nil, false},
	{"_guides_style", "_html_template_cssvaluefilter", `<style>{{.}}</style>`, "<style>", "</style>", nil, false},
}

// escaperFuncs are the escapers as template functions, for every template
// set to have before fastEscape rewrites its trees to call them.
func escaperFuncs() template.FuncMap {
	m := template.FuncMap{}
	for _, e := range escapers {
		m[e.name] = e.escape
	}
	return m
}

// escapersByName are the escapers by the name templates call them by, for
// programs (compile.go) to call.
func escapersByName() map[string]escaper {
	m := map[string]escaper{}
	for _, e := range escapers {
		m[e.name] = e
	}
	return m
}

// escape is e's function: the fast path for strings (and, in HTML text,
// for HTML), html/template's own escaping of anything else.
func (e escaper) escape(v any) string {
	switch v := v.(type) {
	case string:
		if e.fast != nil {
			return e.fast(v)
		}
	case template.HTML:
		if e.html {
			return string(v)
		}
	}
	return e.slow(v)
}

// value escapes a template value: a string without boxing it.
func (e escaper) value(v reflect.Value) string {
	switch {
	case !v.IsValid():
		return e.escape(nil)
	case v.Type() == stringType && e.fast != nil:
		return e.fast(v.String())
	}
	return e.escape(v.Interface())
}

// slow escapes v with html/template, by executing e's probe.
func (e escaper) slow(v any) string {
	var b strings.Builder
	if err := probes()[e.name].Execute(&b, v); err != nil {
		return "#ZgotmplZ" // html/template's own failsafe; no escaper of a value fails
	}
	return strings.TrimSuffix(strings.TrimPrefix(b.String(), e.before), e.after)
}

// probes are the escapers' probe templates, parsed and escaped once.
var probes = sync.OnceValue(func() map[string]*template.Template {
	m := map[string]*template.Template{}
	for _, e := range escapers {
		m[e.name] = template.Must(template.New(e.name).Parse(e.probe))
		m[e.name].Execute(io.Discard, "")
	}
	return m
})

// usable lists the escapers whose probe html/template escapes with the
// chain they stand for: a Go release that escapes a context otherwise
// leaves its actions to html/template, unchanged.
var usable = sync.OnceValue(func() map[string]escaper {
	m := map[string]escaper{}
	for _, e := range escapers {
		t := probes()[e.name]
		if t.Tree == nil { // not escaped
			continue
		}
		var chains []string
		inspect(t.Tree.Root, func(a *parse.ActionNode) {
			if names, ok := trailingEscapers(a.Pipe); ok {
				chains = append(chains, strings.Join(names, " | "))
			}
		})
		if len(chains) == 1 && chains[0] == e.chain {
			m[e.chain] = e
		}
	}
	return m
})

// fastEscape rewrites the actions of every template of set, which
// html/template has escaped, to call one escaper where html/template calls
// a chain that has one.
func fastEscape(set *template.Template) {
	use := usable()
	for _, t := range set.Templates() {
		if t.Tree == nil {
			continue
		}
		inspect(t.Tree.Root, func(a *parse.ActionNode) {
			names, ok := trailingEscapers(a.Pipe)
			if !ok {
				return
			}
			e, ok := use[strings.Join(names, " | ")]
			if !ok {
				return
			}
			cmds := a.Pipe.Cmds
			first := cmds[len(cmds)-len(names)]
			id := *first.Args[0].(*parse.IdentifierNode)
			id.Ident = e.name
			first.Args[0] = &id
			a.Pipe.Cmds = cmds[:len(cmds)-len(names)+1]
		})
	}
}

// trailingEscapers are the names of the html/template escapers that end p,
// in order, if any do and something comes before them.
func trailingEscapers(p *parse.PipeNode) ([]string, bool) {
	if p == nil || len(p.Decl) > 0 {
		return nil, false
	}
	k := len(p.Cmds)
	for k > 1 {
		c := p.Cmds[k-1]
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if len(c.Args) != 1 || !ok || !strings.HasPrefix(id.Ident, "_html_template_") {
			break
		}
		k--
	}
	if k == len(p.Cmds) {
		return nil, false
	}
	var names []string
	for _, c := range p.Cmds[k:] {
		names = append(names, c.Args[0].(*parse.IdentifierNode).Ident)
	}
	return names, true
}

// escapeHTML escapes s for HTML text, RCDATA or a quoted attribute value,
// as html/template does a string: its htmlReplacementTable, with NUL as
// U+FFFD and '+' escaped too.
func escapeHTML(s string) string { return replaceBytes(s, htmlEntity) }

func htmlEntity(s string, i int) (string, bool) {
	switch s[i] {
	case 0:
		return "\uFFFD", true
	case '"':
		return "&#34;", true
	case '&':
		return "&amp;", true
	case '\'':
		return "&#39;", true
	case '+':
		return "&#43;", true
	case '<':
		return "&lt;", true
	case '>':
		return "&gt;", true
	}
	return "", false
}

// isSafeURL reports whether s is relative or has the scheme http, https
// or mailto: html/template's urlfilter replaces any other with #ZgotmplZ.
func isSafeURL(s string) bool {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
	}
	return true
}

// processURL percent-encodes the bytes of s that may not stand in a URL, as
// html/template's urlnormalizer (norm) and urlescaper do: the escaper also
// encodes the reserved characters, and re-encodes a valid %XX escape.
func processURL(s string, norm bool) string {
	return replaceBytes(s, func(s string, i int) (string, bool) {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~", c) >= 0:
		case norm && strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
		case norm && c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
		default:
			return fmt.Sprintf("%%%02x", c), true
		}
		return "", false
	})
}

// replaceBytes is s with the bytes that repl gives a replacement for
// replaced; s itself when there are none.
func replaceBytes(s string, repl func(s string, i int) (string, bool)) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		r, ok := repl(s, i)
		if !ok {
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		b.WriteString(r)
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

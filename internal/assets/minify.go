package assets

import (
	"regexp"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
)

// Minifier minifies published text files. Safe for concurrent use once built.
type Minifier struct{ m *minify.M }

// NewMinifier keeps document and end tags: valid either way, but pages stay
// readable to people and naive parsers alike. It keeps one white space
// character between elements where the page has any: Pagefind separates
// words only at the elements it knows as blocks, so without it the words
// of adjacent table headers or definition terms run together in the index.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepWhitespace: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	return &Minifier{m: m}
}

// HTML minifies a page.
func (m *Minifier) HTML(b []byte) ([]byte, error) { return m.m.Bytes("text/html", b) }

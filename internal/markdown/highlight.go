package markdown

import (
	"bytes"
	"crypto/sha256"
	"html"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// highlighter renders fenced code with chroma, CSS classes only (so a strict
// CSP works), memoized by language and code: translations share code blocks
// and highlighting dominates a build's cost otherwise.
type highlighter struct {
	formatter *chromahtml.Formatter
	style     *chroma.Style
	cache     sync.Map // [32]byte → *codeEntry
	// header opens a saved cache of this highlighter's blocks
	// (codecache.go), worked out the first time a cache is loaded or saved.
	header func() []byte
}

// codeEntry is one highlighted block, by the digest of its language and
// code.
type codeEntry struct {
	html   []byte
	loaded bool        // from a saved cache (LoadCode)
	used   atomic.Bool // by a page this run
}

func newHighlighter() *highlighter {
	h := &highlighter{
		formatter: chromahtml.New(chromahtml.WithClasses(true), chromahtml.ClassPrefix("hl-"), chromahtml.WithPreWrapper(focusablePre{})),
		style:     styles.Get("github"),
	}
	h.header = sync.OnceValue(h.codeCacheHeader)
	return h
}

// focusablePre opens every code block with tabindex="0", as Docusaurus
// does: a block wider than the page scrolls, and keyboard users can only
// scroll what they can focus (WCAG 2.1.1; axe's scrollable-region-focusable).
type focusablePre struct{}

func (focusablePre) Start(code bool, styleAttr string) string {
	if !code { // line numbers, which the site does not show
		return `<pre tabindex="0"` + styleAttr + `>`
	}
	return `<pre tabindex="0"` + styleAttr + `><code>`
}

func (focusablePre) End(code bool) string {
	if !code {
		return "</pre>"
	}
	return "</code></pre>"
}

// RegisterFuncs implements renderer.NodeRenderer.
func (h *highlighter) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, h.render)
	reg.Register(ast.KindCodeBlock, h.render)
}

func (h *highlighter) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	var lang string
	if f, ok := node.(*ast.FencedCodeBlock); ok && f.Info != nil {
		if words := strings.Fields(string(f.Language(src))); len(words) > 0 { // an info string of other white space ("\v") has none
			lang = words[0]
		}
	}
	w.Write(h.html(lang, node.Lines(), src))
	return ast.WalkSkipChildren, nil
}

// html is the highlighted HTML of the code in lines of src. The code is
// only put together to be highlighted: most blocks a build meets are in the
// cache, found by a digest of the lines as they are.
func (h *highlighter) html(lang string, lines *text.Segments, src []byte) []byte {
	d := sha256.New()
	d.Write([]byte(lang))
	d.Write([]byte{0})
	for i := range lines.Len() {
		seg := lines.At(i)
		d.Write(seg.Value(src))
	}
	var key [32]byte
	d.Sum(key[:0])
	if v, ok := h.cache.Load(key); ok {
		e := v.(*codeEntry)
		if !e.used.Load() {
			e.used.Store(true)
		}
		return e.html
	}
	var code bytes.Buffer
	for i := range lines.Len() {
		seg := lines.At(i)
		code.Write(seg.Value(src))
	}
	e := &codeEntry{html: h.highlight(lang, code.String())}
	e.used.Store(true)
	h.cache.Store(key, e)
	return e.html
}

func (h *highlighter) highlight(lang, code string) []byte {
	var b bytes.Buffer
	lexer := lexers.Get(lang)
	if lexer != nil {
		it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
		if err == nil && h.formatter.Format(&b, h.style, it) == nil {
			return b.Bytes()
		}
		b.Reset()
	}
	b.WriteString(focusablePre{}.Start(true, ` class="hl-chroma"`))
	b.WriteString(html.EscapeString(code))
	b.WriteString(focusablePre{}.End(true))
	return b.Bytes()
}

// CSS returns the stylesheet for the highlighting classes.
func (h *highlighter) CSS() string {
	var b strings.Builder
	h.formatter.WriteCSS(&b, h.style)
	return b.String()
}

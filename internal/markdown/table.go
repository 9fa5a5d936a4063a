package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// tableScroller renders a GFM table as the table extension does, inside a
// box that scrolls sideways when the table is wider than the page: a phone
// then scrolls the table, not the page (WCAG 1.4.10 Reflow). The box takes
// the keyboard focus, so keyboard users can scroll it too (WCAG 2.1.1).
type tableScroller struct {
	inner renderer.NodeRenderer // the table extension's renderer
	table renderer.NodeRendererFunc
}

func newTableScroller() *tableScroller {
	return &tableScroller{inner: extension.NewTableHTMLRenderer()}
}

// SetOption passes the renderer's options on to the table extension's.
func (t *tableScroller) SetOption(name renderer.OptionName, value any) {
	if o, ok := t.inner.(renderer.SetOptioner); ok {
		o.SetOption(name, value)
	}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (t *tableScroller) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	funcs := registry{}
	t.inner.RegisterFuncs(funcs)
	t.table = funcs[east.KindTable]
	reg.Register(east.KindTable, t.render)
}

func (t *tableScroller) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(`<div class="table-scroll" tabindex="0">` + "\n")
		return t.table(w, src, node, entering)
	}
	status, err := t.table(w, src, node, entering)
	w.WriteString("</div>\n")
	return status, err
}

// registry collects the functions a NodeRenderer registers.
type registry map[ast.NodeKind]renderer.NodeRendererFunc

func (r registry) Register(kind ast.NodeKind, f renderer.NodeRendererFunc) { r[kind] = f }

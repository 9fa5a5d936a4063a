package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// sectionRenderer renders headings as goldmark does, and notes where the
// page's first section starts: the text before it is the guide's
// introduction, which the page shows above its skills and rounds.
type sectionRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (sectionRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
}

func renderHeading(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := "0123456"[n.Level]
	if !entering {
		_, _ = w.WriteString("</h")
		_ = w.WriteByte(level)
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	}
	if bw, ok := w.(bufWriter); ok && bw.intro != nil && *bw.intro < 0 && n.Level == 2 && n.Parent().Kind() == ast.KindDocument {
		*bw.intro = bw.Len()
	}
	_, _ = w.WriteString("<h")
	_ = w.WriteByte(level)
	if n.Attributes() != nil {
		html.RenderAttributes(w, node, html.HeadingAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

package markdown

import (
	"html"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// directiveRenderer writes directives. Notes (strong, weak) are left out of
// the page: they belong to interview kits.
type directiveRenderer struct{}

func (directiveRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindDirective, renderDirective)
}

func renderDirective(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	d := node.(*Directive)
	switch d.Name {
	case "question":
		if entering {
			w.WriteString(`<section class="question" id="` + html.EscapeString(d.ID) + `" data-kind="` + html.EscapeString(d.Attrs["kind"]) + `">`)
			w.WriteString(`<p class="question-kind">` + html.EscapeString(d.Label) + "</p>\n")
		} else {
			w.WriteString("</section>\n")
		}
	case "try":
		if entering {
			w.WriteString(`<section class="try" id="` + html.EscapeString(d.ID) + `" data-sample="` + html.EscapeString(d.Attrs["sample"]) + `">` + "\n")
		} else {
			w.Write(d.Panel)
			w.WriteString("</section>\n")
		}
	default:
		return ast.WalkSkipChildren, nil
	}
	return ast.WalkContinue, nil
}

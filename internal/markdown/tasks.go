package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// taskRenderer writes a task list's [ ] and [x] as a box drawn by the
// stylesheet, with its state in words for screen readers. goldmark's
// disabled <input> is a form control without a label: a checklist in a
// guide is read, not filled in.
type taskRenderer struct{}

func (taskRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, renderTask)
}

func renderTask(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*east.TaskCheckBox)
	w.WriteString(`<span class="task`)
	if n.IsChecked {
		w.WriteString(` task-done`)
	}
	w.WriteString(`">`)
	if l, ok := n.AttributeString(label); ok {
		w.WriteString(`<span class="visually-hidden">`)
		w.Write(util.EscapeHTML(l.([]byte)))
		w.WriteString(`</span>`)
	}
	w.WriteString(`</span> `)
	return ast.WalkContinue, nil
}

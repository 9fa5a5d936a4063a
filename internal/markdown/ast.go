package markdown

import (
	"github.com/yuin/goldmark/ast"
)

// KindDirective is the node kind of a container directive.
var KindDirective = ast.NewNodeKind("Directive")

// Directive is a ::: container block.
type Directive struct {
	ast.BaseBlock
	Name   string
	Attrs  map[string]string
	Fence  int  // number of colons of the opening fence
	Line   int  // file line of the opening fence
	Closed bool // a closing fence was seen
	// Malformed is an opening fence or attributes already reported: the
	// block is kept so that its closing fence pairs, and checked no further.
	Malformed bool
	// Misfenced is a directive whose extent is not the one meant, already
	// reported: a longer fence meant for an enclosing directive closed it,
	// or it is that enclosing directive, left without its fence.
	Misfenced bool

	// Set by Convert before rendering.
	ID    string // anchor of a question
	Label string // the localized kind of a question
	Panel []byte // HTML of a try block's panel, rendered after its lead-in
}

// Kind implements ast.Node.
func (n *Directive) Kind() ast.NodeKind { return KindDirective }

// Dump implements ast.Node.
func (n *Directive) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.Name}, nil)
}

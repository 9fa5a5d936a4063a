package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"guides/internal/diag"
)

// problemsKey holds the *[]problem of one parse. Context keys come from a
// global counter, so they are made once, here.
var problemsKey = parser.NewContextKey()

type problem struct {
	line, col int // col 0: the line as a whole
	msg       string
}

func report(pc parser.Context, line int, format string, args ...any) {
	if ps, ok := pc.Get(problemsKey).(*[]problem); ok {
		*ps = append(*ps, problem{line: line, msg: fmt.Sprintf(format, args...)})
	}
}

// directiveParser parses ::: containers.
type directiveParser struct{}

var _ parser.BlockParser = directiveParser{}

var (
	fenceRE  = regexp.MustCompile(`^(:{3,})(.*)$`)
	openerRE = regexp.MustCompile(`^([a-zA-Z][a-zA-Z0-9-]*)(\{.*\})?\s*$`)
)

func (directiveParser) Trigger() []byte { return []byte{':'} }

func (directiveParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pc.BlockIndent() > 3 {
		return nil, parser.NoChildren
	}
	content := bytes.TrimRight(line[pos:], "\r\n")
	m := fenceRE.FindSubmatch(content)
	if m == nil {
		return nil, parser.NoChildren
	}
	lineNo := diag.LineAt(reader.Source(), seg.Start)
	rest := bytes.TrimRight(m[2], " \t")
	if len(rest) == 0 {
		report(pc, lineNo, "closing %s without an open directive", m[1])
		return nil, parser.NoChildren
	}
	om := openerRE.FindSubmatch(rest)
	d := &Directive{Fence: len(m[1]), Line: lineNo, Attrs: map[string]string{}}
	if om == nil {
		// Still a block, so that its closing fence closes it rather than
		// being reported as a second problem.
		report(pc, lineNo, "malformed directive %q: want %sname{key=value}, no space after the colons, nothing after the braces", content, m[1])
		d.Malformed = true
	} else {
		d.Name = string(om[1])
		var err error
		if d.Attrs, err = parseAttrs(om[2]); err != nil {
			report(pc, lineNo, "directive %s: %v", d.Name, err)
			d.Malformed = true
		}
	}
	reader.Advance(len(bytes.TrimRight(line, "\r\n")))
	return d, parser.HasChildren
}

func (directiveParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	d := node.(*Directive)
	line, seg := reader.PeekLine()
	if !isClose(line, d.Fence) || openBelow(pc, d) {
		return parser.Continue | parser.HasChildren
	}
	reader.Advance(len(bytes.TrimRight(line, "\r\n")))
	d.Closed = true
	fence := bytes.TrimSpace(line)
	if outer := fenceOwner(pc, d, len(fence)); outer != nil && d.Name != "" {
		d.Misfenced, outer.Misfenced = true, true
		report(pc, d.Line, "unclosed %s%s: close it with a line of %d colons (the %s on line %d closes it now, though it belongs to the %s%s of line %d)",
			bytes.Repeat([]byte(":"), d.Fence), d.Name, d.Fence, fence, diag.LineAt(reader.Source(), seg.Start),
			bytes.Repeat([]byte(":"), outer.Fence), outer.Name, outer.Line)
	}
	return parser.Close
}

// fenceOwner is the open directive around d that a closing fence of n
// colons, longer than d's own, was meant for; nil when there is none. Only
// a directive left without its closing line loses that fence to the inner
// one, so the inner one is the one to report.
func fenceOwner(pc parser.Context, d *Directive, n int) *Directive {
	if n <= d.Fence {
		return nil
	}
	blocks := pc.OpenedBlocks()
	for i := len(blocks) - 1; i >= 0; i-- {
		if blocks[i].Node != d {
			continue
		}
		for _, b := range slices.Backward(blocks[:i]) {
			if outer, ok := b.Node.(*Directive); ok && !outer.Closed && outer.Fence <= n {
				return outer
			}
		}
	}
	return nil
}

func (directiveParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	d := node.(*Directive)
	if !d.Closed && d.Name != "" && !d.Misfenced { // a malformed opening fence is reported as that
		report(pc, d.Line, "unclosed %s%s: close it with a line of %d colons", bytes.Repeat([]byte(":"), d.Fence), d.Name, d.Fence)
	}
}

func (directiveParser) CanInterruptParagraph() bool { return true }
func (directiveParser) CanAcceptIndentedLine() bool { return false }

// isClose reports whether line is a closing fence for a fence of n colons.
func isClose(line []byte, n int) bool {
	t := bytes.TrimSpace(line)
	return len(t) >= n && len(bytes.Trim(t, ":")) == 0 && len(line)-len(bytes.TrimLeft(line, " ")) <= 3
}

// openBelow reports whether a block opened inside d should see this line
// first: a fenced code block (its ::: is code) or a nested directive with
// the same fence (the line closes the innermost one).
func openBelow(pc parser.Context, d *Directive) bool {
	blocks := pc.OpenedBlocks()
	for i, b := range blocks {
		if b.Node != d {
			continue
		}
		for _, inner := range blocks[i+1:] {
			switch n := inner.Node.(type) {
			case *ast.FencedCodeBlock:
				return true
			case *Directive:
				if !n.Closed {
					return true
				}
			}
		}
	}
	return false
}

var attrRE = regexp.MustCompile(`^\s*([a-zA-Z][a-zA-Z0-9_-]*)=("([^"]*)"|'([^']*)'|([^\s"'}]+))`)

// parseAttrs parses {key=value key="quoted value" key='quoted value'}.
func parseAttrs(b []byte) (map[string]string, error) {
	attrs := map[string]string{}
	if len(b) == 0 {
		return attrs, nil
	}
	rest := b[1 : len(b)-1]
	for len(bytes.TrimSpace(rest)) > 0 {
		m := attrRE.FindSubmatch(rest)
		if m == nil {
			return attrs, fmt.Errorf("malformed attributes %s: want {key=value}", b)
		}
		key := string(m[1])
		if _, dup := attrs[key]; dup {
			return attrs, fmt.Errorf("attribute %q given twice", key)
		}
		attrs[key] = string(m[3]) + string(m[4]) + string(m[5])
		rest = rest[len(m[0]):]
	}
	return attrs, nil
}

// nodeOffset is where in a source of size bytes goldmark parsed n from,
// or, for a node it gave no position, where its first source line starts;
// ok is false when n has neither.
func nodeOffset(n ast.Node, size int) (off int, ok bool) {
	if p := n.Pos(); p >= 0 && p < size {
		return p, true
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start, true
	}
	return 0, false
}

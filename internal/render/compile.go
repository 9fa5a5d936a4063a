package render

import (
	"html/template"
	"reflect"
	"text/template/parse"
)

// compileSet compiles the templates of set that roots name and those they
// call, all of which html/template must have escaped. A root that holds
// what a program does not cover is left out, and so is every root that
// calls one.
func compileSet(set *template.Template, roots []string, escapers map[string]escaper) *program {
	p := &program{tmpls: map[string]*compiled{}}
	c := &compiler{p: p, set: set, escapers: escapers, failed: map[string]bool{}}
	for _, name := range roots {
		c.template(name) // a root that fails is left to text/template
	}
	return p
}

// template compiles the template called name, once.
func (c *compiler) template(name string) (*compiled, error) {
	if t, ok := c.p.tmpls[name]; ok {
		return t, nil
	}
	tm := c.set.Lookup(name)
	if c.failed[name] || tm == nil || tm.Tree == nil {
		return nil, errUnsupported
	}
	t := &compiled{}
	c.p.tmpls[name] = t // before its body, which may call it
	run, err := c.list(tm.Tree.Root)
	if err != nil {
		delete(c.p.tmpls, name)
		c.failed[name] = true
		return nil, err
	}
	t.run = run
	return t, nil
}

// compiler compiles the templates of set into p.
type compiler struct {
	p        *program
	set      *template.Template
	escapers map[string]escaper
	failed   map[string]bool // templates that did not compile
}

func (c *compiler) list(l *parse.ListNode) (node, error) {
	if l == nil {
		return func(*state, reflect.Value) error { return nil }, nil
	}
	nodes := make([]node, 0, len(l.Nodes))
	for _, n := range l.Nodes {
		run, err := c.node(n)
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, run)
	}
	return func(s *state, dot reflect.Value) error {
		for _, run := range nodes {
			if err := run(s, dot); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

func (c *compiler) node(n parse.Node) (node, error) {
	switch n := n.(type) {
	case *parse.TextNode:
		text := string(n.Text)
		return func(s *state, _ reflect.Value) error {
			_, err := s.w.WriteString(text)
			return err
		}, nil
	case *parse.CommentNode:
		return func(*state, reflect.Value) error { return nil }, nil
	case *parse.ActionNode:
		return c.action(n)
	case *parse.IfNode:
		return c.ifOrWith(&n.BranchNode, false)
	case *parse.WithNode:
		return c.ifOrWith(&n.BranchNode, true)
	case *parse.RangeNode:
		return c.rangeNode(n)
	case *parse.TemplateNode:
		return c.templateCall(n)
	case *parse.ListNode:
		return c.list(n)
	}
	return nil, errUnsupported
}

func (c *compiler) action(n *parse.ActionNode) (node, error) {
	if e, head, ok := c.escaped(n.Pipe); ok {
		pipe, err := c.pipe(head)
		if err != nil {
			return nil, err
		}
		return func(s *state, dot reflect.Value) error {
			v, err := pipe(s, dot)
			if err == nil {
				_, err = s.w.WriteString(e.value(v))
			}
			return err
		}, nil
	}
	pipe, err := c.pipe(n.Pipe)
	if err != nil {
		return nil, err
	}
	quiet := len(n.Pipe.Decl) > 0
	return func(s *state, dot reflect.Value) error {
		v, err := pipe(s, dot)
		if err != nil || quiet {
			return err
		}
		return s.print(v)
	}, nil
}

// escaped splits a printed pipeline that ends in an escaper ({{.Title |
// _guides_html}}) into the escaper and what comes before it, which an
// action prints escaped without a call through a reflect.Value.
func (c *compiler) escaped(p *parse.PipeNode) (escaper, *parse.PipeNode, bool) {
	if len(p.Decl) > 0 || len(p.Cmds) < 2 {
		return escaper{}, nil, false
	}
	last := p.Cmds[len(p.Cmds)-1]
	id, ok := last.Args[0].(*parse.IdentifierNode)
	if !ok || len(last.Args) != 1 {
		return escaper{}, nil, false
	}
	e, ok := c.escapers[id.Ident]
	if !ok {
		return escaper{}, nil, false
	}
	head := *p
	head.Cmds = p.Cmds[:len(p.Cmds)-1]
	return e, &head, true
}

// branch compiles the pipeline and the lists of an if, with or range.
func (c *compiler) branch(b *parse.BranchNode) (pipe pipeFn, list, elseList node, err error) {
	if pipe, err = c.pipe(b.Pipe); err != nil {
		return nil, nil, nil, err
	}
	if list, err = c.list(b.List); err != nil {
		return nil, nil, nil, err
	}
	elseList, err = c.list(b.ElseList)
	return pipe, list, elseList, err
}

func (c *compiler) ifOrWith(b *parse.BranchNode, with bool) (node, error) {
	pipe, list, elseList, err := c.branch(b)
	if err != nil {
		return nil, err
	}
	return func(s *state, dot reflect.Value) error {
		defer s.pop(s.mark())
		v, err := pipe(s, dot)
		if err != nil {
			return err
		}
		truth, ok := isTrue(indirectInterface(v))
		switch {
		case !ok:
			return errFallback
		case truth && with:
			return list(s, v)
		case truth:
			return list(s, dot)
		}
		return elseList(s, dot)
	}, nil
}

func (c *compiler) rangeNode(r *parse.RangeNode) (node, error) {
	if r.Pipe.IsAssign || len(r.Pipe.Decl) > 2 {
		return nil, errUnsupported
	}
	pipe, list, elseList, err := c.branch(&r.BranchNode)
	if err != nil {
		return nil, err
	}
	decl := len(r.Pipe.Decl) // break and continue are not compiled: node refuses them
	return func(s *state, dot reflect.Value) error {
		defer s.pop(s.mark())
		v, err := pipe(s, dot)
		if err != nil {
			return err
		}
		v, _ = indirect(v)
		mark := s.mark()
		switch v.Kind() {
		case reflect.Array, reflect.Slice:
			if v.Len() == 0 {
				break
			}
			for i := range v.Len() {
				elem := v.Index(i)
				if decl > 0 {
					s.vars[mark-1].value = elem
				}
				if decl > 1 {
					s.vars[mark-2].value = reflect.ValueOf(i)
				}
				err := list(s, elem)
				s.pop(mark)
				if err != nil {
					return err
				}
			}
			return nil
		case reflect.Invalid:
		default:
			return errFallback // maps, channels, integers, iterators: left to text/template
		}
		return elseList(s, dot)
	}, nil
}

func (c *compiler) templateCall(n *parse.TemplateNode) (node, error) {
	t, err := c.template(n.Name)
	if err != nil {
		return nil, err
	}
	pipe, err := c.pipe(n.Pipe)
	if err != nil {
		return nil, err
	}
	return func(s *state, dot reflect.Value) error {
		if s.depth == maxDepth || t.run == nil { // nil: a template that failed after a call of it compiled
			return errFallback
		}
		v, err := pipe(s, dot)
		if err != nil {
			return err
		}
		inner := &state{w: s.w, depth: s.depth + 1}
		inner.push("$", v)
		return t.run(inner, v)
	}, nil
}

package render

import (
	"html/template"
	"reflect"
	"strings"
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

func (c *compiler) pipe(p *parse.PipeNode) (pipeFn, error) {
	if p == nil {
		return func(*state, reflect.Value) (reflect.Value, error) { return reflect.Value{}, nil }, nil
	}
	cmds := make([]cmdFn, len(p.Cmds))
	for i, cmd := range p.Cmds {
		f, err := c.command(cmd)
		if err != nil {
			return nil, err
		}
		cmds[i] = f
	}
	var decl []string
	for _, v := range p.Decl {
		decl = append(decl, v.Ident[0])
	}
	assign := p.IsAssign
	return func(s *state, dot reflect.Value) (reflect.Value, error) {
		value := missing
		for _, cmd := range cmds {
			v, err := cmd(s, dot, value)
			if err != nil {
				return v, err
			}
			if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
				v = reflect.ValueOf(v.Interface())
			}
			value = v
		}
		for _, name := range decl {
			if assign {
				if err := s.set(name, value); err != nil {
					return value, err
				}
			} else {
				s.push(name, value)
			}
		}
		return value, nil
	}, nil
}

func (c *compiler) command(cmd *parse.CommandNode) (cmdFn, error) {
	switch n := cmd.Args[0].(type) {
	case *parse.FieldNode:
		chain, err := c.chain(n.Ident, cmd.Args[1:])
		if err != nil {
			return nil, err
		}
		return func(s *state, dot, final reflect.Value) (reflect.Value, error) { return chain(s, dot, dot, final) }, nil
	case *parse.VariableNode:
		return c.variable(n, cmd.Args[1:])
	case *parse.IdentifierNode:
		return c.function(n.Ident, cmd.Args[1:])
	}
	if len(cmd.Args) > 1 {
		return nil, errUnsupported
	}
	var value func(s *state, dot reflect.Value) (reflect.Value, error)
	switch n := cmd.Args[0].(type) {
	case *parse.PipeNode:
		pipe, err := c.parenthesized(n)
		if err != nil {
			return nil, err
		}
		value = pipe
	case *parse.DotNode:
		value = func(_ *state, dot reflect.Value) (reflect.Value, error) { return dot, nil }
	default:
		v, ok := constant(n)
		if !ok {
			return nil, errUnsupported
		}
		value = func(*state, reflect.Value) (reflect.Value, error) { return v, nil }
	}
	return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
		if !isMissing(final) {
			return reflect.Value{}, errFallback
		}
		return value(s, dot)
	}, nil
}

// parenthesized compiles a pipeline in parentheses, (len .Items); one
// that declares a variable is not compiled.
func (c *compiler) parenthesized(p *parse.PipeNode) (pipeFn, error) {
	if len(p.Decl) > 0 {
		return nil, errUnsupported
	}
	return c.pipe(p)
}

// constant is the value of a literal as text/template gives it where any
// type will do: strings, booleans, and integers as int.
func constant(n parse.Node) (reflect.Value, bool) {
	switch n := n.(type) {
	case *parse.StringNode:
		return reflect.ValueOf(n.Text), true
	case *parse.BoolNode:
		return reflect.ValueOf(n.True), true
	case *parse.NumberNode:
		if n.IsInt && !n.IsComplex && !strings.ContainsAny(n.Text, ".eEpP") && int64(int(n.Int64)) == n.Int64 {
			return reflect.ValueOf(int(n.Int64)), true
		}
	}
	return reflect.Value{}, false
}

func (c *compiler) variable(n *parse.VariableNode, args []parse.Node) (cmdFn, error) {
	name := n.Ident[0]
	if len(n.Ident) == 1 {
		if len(args) > 0 {
			return nil, errUnsupported
		}
		return func(s *state, _, final reflect.Value) (reflect.Value, error) {
			if !isMissing(final) {
				return reflect.Value{}, errFallback
			}
			return s.lookup(name)
		}, nil
	}
	chain, err := c.chain(n.Ident[1:], args)
	if err != nil {
		return nil, err
	}
	return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
		v, err := s.lookup(name)
		if err != nil {
			return v, err
		}
		return chain(s, dot, v, final)
	}, nil
}

// chain compiles .X.Y.Z, whose last element gets args.
func (c *compiler) chain(idents []string, args []parse.Node) (chainFn, error) {
	argFns, err := c.args(args)
	if err != nil {
		return nil, err
	}
	steps := make([]*field, len(idents))
	for i, name := range idents {
		steps[i] = &field{name: name}
	}
	last := len(steps) - 1
	return func(s *state, dot, receiver, final reflect.Value) (reflect.Value, error) {
		for _, f := range steps[:last] {
			v, err := f.eval(s, dot, receiver, nil, missing)
			if err != nil {
				return v, err
			}
			receiver = v
		}
		return steps[last].eval(s, dot, receiver, argFns, final)
	}, nil
}

func (c *compiler) args(args []parse.Node) ([]argFn, error) {
	out := make([]argFn, len(args))
	for i, a := range args {
		f, err := c.arg(a)
		if err != nil {
			return nil, err
		}
		out[i] = f
	}
	return out, nil
}

// arg compiles an argument, which text/template evaluates for the type of
// the parameter it is given to.
func (c *compiler) arg(n parse.Node) (argFn, error) {
	var eval func(s *state, dot reflect.Value) (reflect.Value, error)
	switch n := n.(type) {
	case *parse.DotNode:
		eval = func(_ *state, dot reflect.Value) (reflect.Value, error) { return dot, nil }
	case *parse.FieldNode:
		chain, err := c.chain(n.Ident, nil)
		if err != nil {
			return nil, err
		}
		eval = func(s *state, dot reflect.Value) (reflect.Value, error) { return chain(s, dot, dot, missing) }
	case *parse.VariableNode:
		cmd, err := c.variable(n, nil)
		if err != nil {
			return nil, err
		}
		eval = func(s *state, dot reflect.Value) (reflect.Value, error) { return cmd(s, dot, missing) }
	case *parse.PipeNode:
		pipe, err := c.parenthesized(n)
		if err != nil {
			return nil, err
		}
		eval = pipe
	case *parse.IdentifierNode:
		cmd, err := c.function(n.Ident, nil)
		if err != nil {
			return nil, err
		}
		eval = func(s *state, dot reflect.Value) (reflect.Value, error) { return cmd(s, dot, missing) }
	default:
		return literal(n)
	}
	return func(s *state, dot reflect.Value, typ reflect.Type) (reflect.Value, error) {
		v, err := eval(s, dot)
		if err != nil {
			return v, err
		}
		return validate(v, typ)
	}, nil
}

// literal compiles a constant argument: a string, bool or integer given
// to a parameter of its kind or of any type.
func literal(n parse.Node) (argFn, error) {
	v, ok := constant(n)
	if !ok {
		return nil, errUnsupported
	}
	return func(_ *state, _ reflect.Value, typ reflect.Type) (reflect.Value, error) {
		switch {
		case typ == emptyIfaceTyp || typ == reflectValue:
			return v, nil
		case typ.Kind() == v.Kind():
			return v.Convert(typ), nil
		}
		return reflect.Value{}, errFallback
	}, nil
}

// function compiles a call of a builtin the templates use or of an
// escaper.
func (c *compiler) function(name string, args []parse.Node) (cmdFn, error) {
	argFns, err := c.args(args)
	if err != nil {
		return nil, err
	}
	switch name {
	case "and", "or":
		or := name == "or"
		return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
			if len(argFns) == 0 && isMissing(final) {
				return reflect.Value{}, errFallback
			}
			var v reflect.Value
			for _, a := range argFns {
				var err error
				if v, err = a(s, dot, reflectValue); err != nil {
					return v, err
				}
				if truth(v) == or {
					return v, nil
				}
			}
			if !isMissing(final) {
				v = final
			}
			return v, nil
		}, nil
	case "not", "len":
		if len(argFns) > 1 {
			return nil, errUnsupported
		}
		isNot := name == "not"
		return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
			v, err := oneArg(s, dot, argFns, final, reflectValue)
			if err != nil {
				return v, err
			}
			if isNot {
				return reflect.ValueOf(!truth(v)), nil
			}
			v, isNil := indirect(v)
			switch v.Kind() {
			case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
				if !isNil {
					return reflect.ValueOf(v.Len()), nil
				}
			}
			return reflect.Value{}, errFallback
		}, nil
	}
	e, ok := c.escapers[name]
	if !ok || len(argFns) > 1 {
		return nil, errUnsupported
	}
	return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
		v, err := oneArg(s, dot, argFns, final, emptyIfaceTyp)
		if err != nil {
			return v, err
		}
		return reflect.ValueOf(e.value(v)), nil
	}, nil
}

// oneArg is the one argument of a function of one parameter of type typ:
// the command's own, or the pipeline's.
func oneArg(s *state, dot reflect.Value, args []argFn, final reflect.Value, typ reflect.Type) (reflect.Value, error) {
	switch {
	case len(args) == 1 && isMissing(final):
		return args[0](s, dot, typ)
	case len(args) == 0 && !isMissing(final):
		return validate(final, typ)
	}
	return reflect.Value{}, errFallback
}

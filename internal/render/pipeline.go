package render

import (
	"reflect"
	"strings"
	"text/template/parse"
)

// pipe compiles a pipeline: its commands, each given the value of the one
// before as its last argument, then the variables it declares or assigns.
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
// the parameter it is given to: a literal becomes that type, anything else
// is evaluated as a command of its own and must suit it.
func (c *compiler) arg(n parse.Node) (argFn, error) {
	switch n.(type) {
	case *parse.StringNode, *parse.BoolNode, *parse.NumberNode:
		return literal(n)
	}
	cmd, err := c.command(&parse.CommandNode{NodeType: parse.NodeCommand, Args: []parse.Node{n}})
	if err != nil {
		return nil, err
	}
	return func(s *state, dot reflect.Value, typ reflect.Type) (reflect.Value, error) {
		v, err := cmd(s, dot, missing)
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

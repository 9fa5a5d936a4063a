package render

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
)

// A program is a template set compiled to Go closures, which print what
// text/template prints for the same escaped trees without looking up each
// field, method and function by name on every execution: at thousands of
// pages that lookup, and the reflective calls of the escapers, cost more
// than the pages' text. It covers what the templates use: fields, methods,
// variables, if, with, range over slices, template calls, and, or, not,
// len and the escapers. A template with anything else is not compiled,
// nor is one that calls it, and executions that fail (a nil pointer, a
// method's error) leave no output: text/template runs those, and reports
// its own error.
type program struct {
	tmpls map[string]*compiled // by template name
}

// compiled is one template of a program. Its run is nil until its body
// has compiled, so that the body can call it.
type compiled struct{ run node }

type (
	node    func(s *state, dot reflect.Value) error
	pipeFn  func(s *state, dot reflect.Value) (reflect.Value, error)
	cmdFn   func(s *state, dot, final reflect.Value) (reflect.Value, error)
	argFn   func(s *state, dot reflect.Value, typ reflect.Type) (reflect.Value, error)
	chainFn func(s *state, dot, receiver, final reflect.Value) (reflect.Value, error)
)

// errFallback is any execution the program leaves to text/template.
var errFallback = errors.New("render: left to text/template")

// errUnsupported is a tree a program does not compile.
var errUnsupported = errors.New("render: not compiled")

// missing stands for the absent result of a pipeline's previous command.
type missingType struct{}

var (
	missing       = reflect.ValueOf(missingType{})
	reflectValue  = reflect.TypeFor[reflect.Value]()
	errorType     = reflect.TypeFor[error]()
	stringerType  = reflect.TypeFor[fmt.Stringer]()
	emptyIfaceTyp = reflect.TypeFor[any]()
	stringType    = reflect.TypeFor[string]()
)

func isMissing(v reflect.Value) bool { return v.IsValid() && v.Type() == missing.Type() }

// maxDepth bounds template calls; text/template runs what goes deeper, up
// to its own limit.
const maxDepth = 10000

// execute runs template name with data into w. It returns errFallback,
// having written nothing, when text/template must run it instead.
func (p *program) execute(w *bytes.Buffer, name string, data any) (err error) {
	if p == nil {
		return errFallback
	}
	t := p.tmpls[name]
	if t == nil || t.run == nil {
		return errFallback
	}
	start := w.Len()
	s := &state{w: w}
	defer func() {
		if r := recover(); r != nil {
			err = errFallback
		}
		if err != nil {
			w.Truncate(start)
		}
	}()
	dot := reflect.ValueOf(data)
	s.push("$", dot)
	return t.run(s, dot)
}

// state is one execution's variables and output.
type state struct {
	w     *bytes.Buffer
	vars  []variable
	depth int
}

type variable struct {
	name  string
	value reflect.Value
}

func (s *state) push(name string, v reflect.Value) { s.vars = append(s.vars, variable{name, v}) }
func (s *state) mark() int                         { return len(s.vars) }
func (s *state) pop(mark int)                      { s.vars = s.vars[:mark] }

func (s *state) lookup(name string) (reflect.Value, error) {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value, nil
		}
	}
	return reflect.Value{}, errFallback
}

func (s *state) set(name string, v reflect.Value) error {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			s.vars[i].value = v
			return nil
		}
	}
	return errFallback
}

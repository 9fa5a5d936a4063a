package render

import (
	"fmt"
	"reflect"
	"sync/atomic"
)

// field is one element of a chain; it keeps how it resolved on the last
// receiver type it saw, which is every receiver's in practice.
type field struct {
	name string
	seen atomic.Pointer[resolved]
}

type resolved struct {
	typ    reflect.Type // the receiver's as a method's receiver: a pointer when addressable
	elem   reflect.Type // the receiver's own
	method int          // index in typ's method set, or -1
	index  []int        // the struct field's, when not a method
	ok     bool         // an exported struct field
}

func (f *field) resolve(typ, elem reflect.Type) *resolved {
	if r := f.seen.Load(); r != nil && r.typ == typ && r.elem == elem {
		return r
	}
	r := &resolved{typ: typ, elem: elem, method: -1}
	if m, ok := typ.MethodByName(f.name); ok {
		r.method = m.Index
	} else if elem.Kind() == reflect.Struct {
		if sf, ok := elem.FieldByName(f.name); ok && sf.IsExported() {
			r.index, r.ok = sf.Index, true
		}
	}
	f.seen.Store(r)
	return r
}

// eval is text/template's evalField with a resolution cache, for the
// cases that succeed; the others fail with errFallback.
func (f *field) eval(s *state, dot, receiver reflect.Value, args []argFn, final reflect.Value) (reflect.Value, error) {
	if !receiver.IsValid() {
		return reflect.Value{}, nil
	}
	receiver, isNil := indirect(receiver)
	if receiver.Kind() == reflect.Interface {
		return reflect.Value{}, errFallback
	}
	ptr := receiver
	if ptr.Kind() != reflect.Pointer && ptr.CanAddr() {
		ptr = ptr.Addr()
	}
	r := f.resolve(ptr.Type(), receiver.Type())
	if r.method >= 0 {
		return s.callMethod(ptr.Method(r.method), dot, args, final)
	}
	if isNil || len(args) > 0 || !isMissing(final) {
		return reflect.Value{}, errFallback
	}
	switch receiver.Kind() {
	case reflect.Struct:
		if r.ok {
			v, err := receiver.FieldByIndexErr(r.index)
			if err != nil {
				return reflect.Value{}, errFallback
			}
			return v, nil
		}
	case reflect.Map:
		if receiver.Type().Key() == stringType {
			return receiver.MapIndex(reflect.ValueOf(f.name)), nil
		}
	}
	return reflect.Value{}, errFallback
}

// print prints v as text/template's printValue does.
func (s *state) print(v reflect.Value) error {
	if v.IsValid() && v.Type() == stringType {
		_, err := s.w.WriteString(v.String())
		return err
	}
	if v.Kind() == reflect.Pointer {
		v, _ = indirect(v)
	}
	if !v.IsValid() {
		_, err := s.w.WriteString("<no value>")
		return err
	}
	if !v.Type().Implements(errorType) && !v.Type().Implements(stringerType) {
		if v.CanAddr() && (reflect.PointerTo(v.Type()).Implements(errorType) || reflect.PointerTo(v.Type()).Implements(stringerType)) {
			v = v.Addr()
		} else if k := v.Kind(); k == reflect.Chan || k == reflect.Func {
			return errFallback
		}
	}
	_, err := fmt.Fprint(s.w, v.Interface())
	return err
}

// validate is text/template's validateType for the cases that succeed. A
// reflect.Value parameter (the builtins') gets the value itself.
func validate(v reflect.Value, typ reflect.Type) (reflect.Value, error) {
	if typ == reflectValue {
		return v, nil
	}
	if !v.IsValid() {
		if canBeNil(typ) {
			return reflect.Zero(typ), nil
		}
		return v, errFallback
	}
	if v.Type().AssignableTo(typ) {
		return v, nil
	}
	if v.Kind() == reflect.Interface && !v.IsNil() && v.Elem().Type().AssignableTo(typ) {
		return v.Elem(), nil
	}
	if v.Kind() == reflect.Pointer && v.Type().Elem().AssignableTo(typ) && !v.IsNil() {
		return v.Elem(), nil
	}
	if reflect.PointerTo(v.Type()).AssignableTo(typ) && v.CanAddr() {
		return v.Addr(), nil
	}
	return v, errFallback
}

func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	}
	return false
}

// callMethod calls a method as text/template's evalCall does.
func (s *state) callMethod(fun reflect.Value, dot reflect.Value, args []argFn, final reflect.Value) (reflect.Value, error) {
	typ := fun.Type()
	numIn := len(args)
	if !isMissing(final) {
		numIn++
	}
	numFixed := len(args)
	if typ.IsVariadic() {
		numFixed = typ.NumIn() - 1
		if numIn < numFixed {
			return reflect.Value{}, errFallback
		}
	} else if numIn != typ.NumIn() {
		return reflect.Value{}, errFallback
	}
	if typ.NumOut() == 0 || typ.NumOut() > 2 || typ.NumOut() == 2 && typ.Out(1) != errorType {
		return reflect.Value{}, errFallback
	}
	var buf [4]reflect.Value
	argv := buf[:0]
	if numIn > len(buf) {
		argv = make([]reflect.Value, 0, numIn)
	}
	i := 0
	for ; i < numFixed && i < len(args); i++ {
		v, err := args[i](s, dot, typ.In(i))
		if err != nil {
			return v, err
		}
		argv = append(argv, v)
	}
	if typ.IsVariadic() {
		elem := typ.In(typ.NumIn() - 1).Elem()
		for ; i < len(args); i++ {
			v, err := args[i](s, dot, elem)
			if err != nil {
				return v, err
			}
			argv = append(argv, v)
		}
	}
	if !isMissing(final) {
		t := typ.In(typ.NumIn() - 1)
		if typ.IsVariadic() {
			if numIn-1 < numFixed {
				t = typ.In(numIn - 1)
			} else {
				t = t.Elem()
			}
		}
		v, err := validate(final, t)
		if err != nil {
			return v, err
		}
		argv = append(argv, v)
	}
	out := fun.Call(argv)
	if len(out) == 2 && !out[1].IsNil() {
		return reflect.Value{}, errFallback
	}
	v := out[0]
	if v.Type() == reflectValue {
		v = v.Interface().(reflect.Value)
	}
	return v, nil
}

func truth(v reflect.Value) bool {
	t, _ := isTrue(indirectInterface(v))
	return t
}

// isTrue is text/template's truth of a value.
func isTrue(v reflect.Value) (truth, ok bool) {
	if !v.IsValid() {
		return false, true
	}
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() > 0, true
	case reflect.Bool:
		return v.Bool(), true
	case reflect.Complex64, reflect.Complex128:
		return v.Complex() != 0, true
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		return !v.IsNil(), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() != 0, true
	case reflect.Float32, reflect.Float64:
		return v.Float() != 0, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() != 0, true
	case reflect.Struct:
		return true, true
	}
	return false, false
}

func indirect(v reflect.Value) (reflect.Value, bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

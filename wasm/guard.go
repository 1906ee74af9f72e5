//go:build js && wasm

package main

// Reading what a caller passed without letting it end the Go program.
//
// syscall/js has two kinds of failure. Value.Call, Invoke and New catch a
// JavaScript exception and panic with js.Error: an ordinary Go panic,
// which recover handles. Value.Get, Set, Index, Length, InstanceOf and
// String do not: wasm_exec.js runs them with no try/catch, so an exception
// thrown there (a getter that throws, a Proxy trap, a revoked Proxy)
// unwinds through the Go program's own WebAssembly frames. recover never
// sees it; the goroutine it interrupted is left half run, and the next
// call into Go crashes the runtime ("fatal error: unknown caller pc"),
// after which every call fails with "Go program has already exited".
//
// So a value the engine did not make itself is only ever read here:
// through Reflect.get, Array.isArray, JSON.stringify and String, called
// with Value.Call or Invoke, whose exceptions become errors.

import (
	"errors"
	"fmt"
	"math"
	"syscall/js"

	"github.com/evidraft/evidraft/locales"
)

// The globals the engine calls, taken once: a page that replaces
// window.Reflect or window.Promise later does not change them.
var (
	jsReflect = js.Global().Get("Reflect")
	jsArray   = js.Global().Get("Array")
	jsJSON    = js.Global().Get("JSON")
	jsPromise = js.Global().Get("Promise")
	jsErrorFn = js.Global().Get("Error")
	jsString  = js.Global().Get("String")
	jsObject  = js.Global().Get("Object")
)

// typeOf is v.Type() for every value: syscall/js has no type for a BigInt
// and panics on it; ok is false then.
func typeOf(v js.Value) (t js.Type, ok bool) {
	defer func() {
		if recover() != nil {
			t, ok = js.TypeUndefined, false
		}
	}()
	return v.Type(), true
}

func isObject(v js.Value) bool {
	t, ok := typeOf(v)
	return ok && (t == js.TypeObject || t == js.TypeFunction)
}

// try runs f and returns what it panicked with as an error (see
// panicError), nil if it returned.
func try(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = panicError(r)
		}
	}()
	f()
	return nil
}

// panicError makes a recovered value an error whose Error method cannot
// throw: a js.Error's Error reads the thrown value's message with
// Value.Get, which a hostile value (a Proxy thrown by a toJSON) would
// throw from; its value is described once here instead.
func panicError(r any) error {
	switch x := r.(type) {
	case *locales.Error:
		return x
	case js.Error:
		return errors.New("JavaScript exception: " + describe(x.Value))
	case error:
		return errors.New(errorText(x))
	case string:
		return errors.New(x)
	}
	return errors.New(safeSprint(r))
}

// errorText is err.Error(), or a placeholder if that panics.
func errorText(err error) (s string) {
	defer func() {
		if recover() != nil {
			s = "(an error that cannot be printed)"
		}
	}()
	return err.Error()
}

func safeSprint(v any) (s string) {
	defer func() {
		if recover() != nil {
			s = "(a value that cannot be printed)"
		}
	}()
	return fmt.Sprint(v)
}

// describe is String(v), at most 200 characters long, for messages and
// logs; a placeholder when even that throws.
func describe(v js.Value) (s string) {
	defer func() {
		if recover() != nil {
			s = "(a value that cannot be described)"
		}
	}()
	return jsString.Invoke(v).Call("slice", 0, 200).String()
}

// get returns v[name] (undefined when v is not an object), or the error
// a getter or a Proxy threw.
func get(v js.Value, name string) (out js.Value, err error) {
	if !isObject(v) {
		return js.Undefined(), nil
	}
	err = try(func() { out = jsReflect.Call("get", v, name) })
	return out, err
}

// prop is get for API functions: what a getter throws, or a value
// syscall/js cannot hold (a BigInt), panics with api.badArgument naming
// the property; async turns that into the rejection.
func prop(v js.Value, name string) js.Value {
	out, err := get(v, name)
	if err != nil {
		panic(badArgument("%s cannot be read: %v", name, err))
	}
	if _, ok := typeOf(out); !ok {
		panic(badArgument("%s must not be a BigInt", name))
	}
	return out
}

// isArray is Array.isArray(v); a revoked Proxy makes it throw, and that is
// api.badArgument.
func isArray(v js.Value) bool {
	if !isObject(v) {
		return false
	}
	var ok bool
	if err := try(func() { ok = jsArray.Call("isArray", v).Truthy() }); err != nil {
		panic(badArgument("the list cannot be read: %v", err))
	}
	return ok
}

// stringList reads an array of at most max strings, each at most
// maxStringArg long, or panics with api.badArgument naming what (a list
// longer than that, an item that is not such a string, a getter that
// throws).
func stringList(v js.Value, what string, max int) []string {
	n, ok := intOf(prop(v, "length"))
	if !ok || n < 0 || n > max {
		panic(badArgument("%s must be a list of at most %d strings", what, max))
	}
	out := make([]string, 0, n)
	for i := 0; i < n; i++ {
		var item js.Value
		if err := try(func() { item = jsReflect.Call("get", v, i) }); err != nil {
			panic(badArgument("%s[%d] cannot be read: %v", what, i, err))
		}
		if t, ok := typeOf(item); !ok || t != js.TypeString || strLen(item) > maxStringArg {
			panic(badArgument("%s must be a list of strings", what))
		}
		out = append(out, item.String())
	}
	return out
}

// strLen is the length of the string v (in UTF-16 code units) without
// copying it into Go: Value.Length takes objects only, so it is read from
// the string's wrapper object.
func strLen(v js.Value) int {
	return jsObject.Invoke(v).Get("length").Int()
}

// intOf reads a number that is a whole number an int holds; ok is false
// for anything else (NaN, infinities, fractions, other types).
func intOf(v js.Value) (int, bool) {
	if t, ok := typeOf(v); !ok || t != js.TypeNumber {
		return 0, false
	}
	f := v.Float()
	if math.IsNaN(f) || math.IsInf(f, 0) || f != math.Trunc(f) || f > math.MaxInt32 || f < math.MinInt32 {
		return 0, false
	}
	return int(f), true
}

// jsonStringify is JSON.stringify(v); what it throws (toJSON, a getter, a
// Proxy, a cycle, a BigInt) is an error.
func jsonStringify(v js.Value) (string, error) {
	s, err := stringifyJS(v)
	if err != nil {
		return "", err
	}
	return s.String(), nil
}

// stringifyJS is jsonStringify leaving the text in JavaScript, not yet
// copied into Go.
func stringifyJS(v js.Value) (js.Value, error) {
	var s js.Value
	if err := try(func() { s = jsJSON.Call("stringify", v) }); err != nil {
		return js.Undefined(), err
	}
	if t, _ := typeOf(s); t != js.TypeString {
		return js.Undefined(), errors.New("it has no JSON form")
	}
	return s, nil
}

//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"syscall/js"
	"time"

	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
)

func badArgument(format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	return &locales.Error{Code: "api.badArgument", Params: map[string]any{"Detail": msg}, Err: errors.New(msg)}
}

// toAPIError gives every failure a code and a message id: its own
// (locales.Coded), store.blocked for a wait that timed out, api.internal
// for anything else.
func toAPIError(err error) *locales.Error {
	if locales.Code(err) == "" && errors.Is(err, context.DeadlineExceeded) {
		return &locales.Error{Code: "store.blocked", Err: err}
	}
	return locales.Coded(err)
}

// internalError is the rejection for a panic: api.internal, unless the
// panic was a *locales.Error (prop and the other readers of arguments
// panic with api.badArgument).
func internalError(r any) error {
	err := panicError(r)
	var ce *locales.Error
	if errors.As(err, &ce) {
		return ce
	}
	msg := errorText(err)
	return &locales.Error{Code: "api.internal", Params: map[string]any{"Detail": msg}, Err: errors.New("panic: " + msg)}
}

// jsError builds the JavaScript Error a Promise is rejected with:
// message in the user's language (loc.Error, as the CLI says it), plus
// code, params, draftId and detail (the English technical cause, for
// logs).
func jsError(err error, loc *locales.Localizer) js.Value {
	ce := toAPIError(err)
	e := jsErrorFn.New(loc.Error(ce))
	e.Set("name", "EvidraftError")
	e.Set("code", ce.Code)
	if ce.ID != "" {
		e.Set("draftId", ce.ID)
	}
	if ce.Params != nil {
		if p, perr := toJS(ce.Params); perr == nil {
			e.Set("params", p)
		}
	}
	if ce.Err != nil {
		e.Set("detail", errorText(ce.Err))
	} else {
		e.Set("detail", errorText(ce)) // code, draft and English message
	}
	return e
}

// errorValue is jsError that cannot panic: if the full error cannot be
// built, it is a plain Error with the code api.internal. (A panic while
// rejecting, in the deferred recover of a call, would end the program.)
func errorValue(err error, loc *locales.Localizer) (e js.Value) {
	defer func() {
		if r := recover(); r != nil {
			e = plainError("api.internal", "evidraft: internal error: "+safeSprint(r))
		}
	}()
	return jsError(err, loc)
}

// plainError is an Error with a code and an English message only.
func plainError(code, msg string) (e js.Value) {
	defer func() {
		if recover() != nil {
			e = js.ValueOf(code + ": " + msg) // no Error can be made at all
		}
	}()
	e = jsErrorFn.New(msg)
	e.Set("name", "EvidraftError")
	e.Set("code", code)
	return e
}

// rejectWith rejects with err as an Error (see errorValue); it never
// panics.
func rejectWith(reject func(any), err error, loc *locales.Localizer) {
	defer func() {
		if recover() != nil {
			try(func() { reject(plainError("api.internal", "evidraft: internal error")) })
		}
	}()
	reject(errorValue(err, loc))
}

// rejected is a Promise already rejected with err, for a call that fails
// before its goroutine starts. It never panics.
func rejected(err error, loc *locales.Localizer) (p js.Value) {
	defer func() {
		if recover() != nil {
			p = js.Undefined() // not even Promise.reject works: nothing left to return
		}
	}()
	return jsPromise.Call("reject", errorValue(err, loc))
}

// async wraps a Go function as a JavaScript function that returns a
// Promise. The work runs in its own goroutine, so the caller's event loop
// is never blocked, and a panic rejects the Promise instead of killing the
// engine: in the goroutine and in the synchronous part alike (a panic in a
// js.FuncOf callback ends the Go program), and building the rejection
// cannot panic either (see errorValue). Arguments are read only through
// guard.go, so that no exception a getter or a Proxy throws unwinds
// through Go.
func async(fn func(args []js.Value) (any, error)) js.Func {
	return js.FuncOf(func(this js.Value, args []js.Value) (result any) {
		loc := locales.For(language.English)
		defer func() {
			if r := recover(); r != nil {
				result = rejected(internalError(r), loc)
			}
		}()
		loc = currentLocalizer()
		args = append([]js.Value(nil), args...)
		for i, a := range args {
			if _, ok := typeOf(a); !ok {
				return rejected(badArgument("argument %d is a BigInt: evidraft takes strings, numbers and objects", i+1), loc)
			}
		}
		return newPromise(func(resolve, reject func(any)) {
			defer func() {
				if r := recover(); r != nil {
					rejectWith(reject, internalError(r), loc)
				}
			}()
			v, err := fn(args)
			if err != nil {
				rejectWith(reject, err, loc)
				return
			}
			out, err := toJS(v)
			if err != nil {
				rejectWith(reject, err, loc)
				return
			}
			resolve(out)
		})
	})
}

// newPromise returns a JavaScript Promise settled by run, which runs in a
// new goroutine.
func newPromise(run func(resolve, reject func(any))) js.Value {
	var executor js.Func
	executor = js.FuncOf(func(this js.Value, args []js.Value) any {
		resolveFn, rejectFn := args[0], args[1]
		executor.Release()
		go run(func(v any) { resolveFn.Invoke(v) }, func(v any) { rejectFn.Invoke(v) })
		return nil
	})
	return jsPromise.New(executor)
}

// toJS converts a Go result to a JavaScript value: js.Value and basic
// values as they are, anything else through JSON.
func toJS(v any) (js.Value, error) {
	switch x := v.(type) {
	case nil:
		return js.Undefined(), nil
	case js.Value:
		return x, nil
	case string, bool, int, float64:
		return js.ValueOf(x), nil
	case json.RawMessage:
		return jsJSON.Call("parse", string(x)), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return js.Undefined(), err
	}
	return jsJSON.Call("parse", string(b)), nil
}

// jsonText returns a JavaScript argument as JSON text: strings are taken
// as JSON already, objects are serialised by the browser.
func jsonText(v js.Value) (string, error) {
	t, ok := typeOf(v)
	switch {
	case !ok:
		return "", badArgument("expected a JSON string or an object, got a BigInt")
	case t == js.TypeString:
		return v.String(), nil
	case t == js.TypeObject:
		s, err := jsonStringify(v)
		if err != nil {
			return "", badArgument("value cannot be turned into JSON: %v", err)
		}
		return s, nil
	}
	return "", badArgument("expected a JSON string or an object, got %s", t)
}

// draftText is jsonText for a draft: text longer than a draft may be
// (schemas.MaxDraftSize; UTF-8 takes no fewer bytes than the UTF-16 code
// units JavaScript counts) is refused before it is copied into Go, as
// ReadDraft would refuse it after.
func draftText(v js.Value) (string, error) {
	if t, _ := typeOf(v); t == js.TypeObject {
		s, err := stringifyJS(v)
		if err != nil {
			return "", badArgument("value cannot be turned into JSON: %v", err)
		}
		v = s
	}
	if t, _ := typeOf(v); t == js.TypeString && strLen(v) > schemas.MaxDraftSize {
		return "", &locales.Error{Code: "error.json.tooLarge", Params: map[string]any{"Limit": schemas.MaxDraftSize}}
	}
	return jsonText(v)
}

// arg returns args[i], or undefined when it is missing.
func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

// maxStringArg bounds the string arguments stringArg reads (ids, kinds,
// passphrases): a longer one is refused before it is copied into Go.
const maxStringArg = 64 << 10

// stringArg returns a required string argument.
func stringArg(args []js.Value, i int, name string) (string, error) {
	v := arg(args, i)
	if t, _ := typeOf(v); t != js.TypeString || strLen(v) == 0 {
		return "", badArgument("%s must be a non-empty string", name)
	}
	if strLen(v) > maxStringArg {
		return "", badArgument("%s is too long", name)
	}
	return v.String(), nil
}

// option reads opts[name] as a string, "" when absent; one longer than
// maxStringArg is refused. Like the other option readers, it panics with
// api.badArgument when opts[name] cannot be read (see prop).
func option(opts js.Value, name string) string {
	v := prop(opts, name)
	if v.Type() != js.TypeString {
		return ""
	}
	if strLen(v) > maxStringArg {
		panic(badArgument("%s is too long", name)) // refused before it is copied into Go
	}
	return v.String()
}

// nowOption reads opts.now, an RFC 3339 time that stands for "now" in the
// checks against today (tests and previews of a later day set it); the
// clock's time when absent.
func nowOption(opts js.Value) (time.Time, error) {
	s := option(opts, "now")
	if s == "" {
		return clockNow(), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, badArgument("now must be an RFC 3339 date-time, e.g. 2026-12-01T09:00:00Z")
	}
	return t, nil
}

func optionBool(opts js.Value, name string) bool {
	return prop(opts, name).Truthy()
}

// optionInt reads a whole number, 0 when absent or not one.
func optionInt(opts js.Value, name string) int {
	n, _ := intOf(prop(opts, name))
	return n
}

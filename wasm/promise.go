//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"syscall/js"
	"time"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
	"github.com/evidraft/evidraft/wasm/store"
)

// apiError is a rejection reason: a stable code that is also a message id,
// its parameters, and the draft concerned, if any.
type apiError struct {
	Code   string
	Params map[string]any
	ID     string
	Err    error
}

func (e *apiError) Error() string {
	if e.Err != nil {
		return e.Code + ": " + e.Err.Error()
	}
	return e.Code
}

func badArgument(format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	return &apiError{Code: "api.badArgument", Params: map[string]any{"Detail": msg}, Err: errors.New(msg)}
}

// toAPIError gives every failure a code and a message id.
func toAPIError(err error) *apiError {
	var ae *apiError
	var ie *schemas.InputError
	var se *store.Error
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.As(err, &ie):
		return &apiError{Code: ie.ID, Params: ie.Params, Err: err}
	case errors.As(err, &se):
		return &apiError{Code: "store." + se.Code, ID: se.ID, Err: err}
	case errors.Is(err, context.DeadlineExceeded):
		return &apiError{Code: "store.blocked", Err: err}
	}
	return &apiError{Code: "api.internal", Params: map[string]any{"Detail": err.Error()}, Err: err}
}

// jsError builds the JavaScript Error a Promise is rejected with:
// message in the user's language, plus code, params, draftId and detail
// (the English technical cause, for logs).
func jsError(err error, loc *locales.Localizer) js.Value {
	ae := toAPIError(err)
	msg := ae.Error()
	if locales.Has(ae.Code) {
		msg = loc.Message(ae.Code, ae.Params)
	}
	e := js.Global().Get("Error").New(msg)
	e.Set("name", "EvidraftError")
	e.Set("code", ae.Code)
	if ae.ID != "" {
		e.Set("draftId", ae.ID)
	}
	if ae.Params != nil {
		if p, perr := toJS(ae.Params); perr == nil {
			e.Set("params", p)
		}
	}
	if ae.Err != nil {
		e.Set("detail", ae.Err.Error())
	}
	return e
}

// async wraps a Go function as a JavaScript function that returns a
// Promise. The work runs in its own goroutine, so the caller's event loop
// is never blocked, and a panic rejects the Promise instead of killing the
// engine.
func async(fn func(args []js.Value) (any, error)) js.Func {
	return js.FuncOf(func(this js.Value, args []js.Value) any {
		args = append([]js.Value(nil), args...)
		loc := currentLocalizer()
		return newPromise(func(resolve, reject func(any)) {
			defer func() {
				if r := recover(); r != nil {
					reject(jsError(&apiError{Code: "api.internal", Params: map[string]any{"Detail": fmt.Sprint(r)}, Err: fmt.Errorf("panic: %v", r)}, loc))
				}
			}()
			v, err := fn(args)
			if err != nil {
				reject(jsError(err, loc))
				return
			}
			out, err := toJS(v)
			if err != nil {
				reject(jsError(err, loc))
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
	return js.Global().Get("Promise").New(executor)
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
		return js.Global().Get("JSON").Call("parse", string(x)), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return js.Undefined(), err
	}
	return js.Global().Get("JSON").Call("parse", string(b)), nil
}

// jsonText returns a JavaScript argument as JSON text: strings are taken
// as JSON already, objects are serialised by the browser.
func jsonText(v js.Value) (string, error) {
	switch v.Type() {
	case js.TypeString:
		return v.String(), nil
	case js.TypeObject:
		s := js.Global().Get("JSON").Call("stringify", v)
		if s.Type() != js.TypeString {
			return "", badArgument("value cannot be turned into JSON")
		}
		return s.String(), nil
	}
	return "", badArgument("expected a JSON string or an object, got %s", v.Type())
}

// arg returns args[i], or undefined when it is missing.
func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

// stringArg returns a required string argument.
func stringArg(args []js.Value, i int, name string) (string, error) {
	v := arg(args, i)
	if v.Type() != js.TypeString || v.String() == "" {
		return "", badArgument("%s must be a non-empty string", name)
	}
	return v.String(), nil
}

// option reads opts[name] as a string, "" when absent.
func option(opts js.Value, name string) string {
	if opts.Type() != js.TypeObject {
		return ""
	}
	v := opts.Get(name)
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

// nowOption reads opts.now, an RFC 3339 time that stands for "now" in the
// checks against today (tests and previews of a later day set it); the
// clock's time when absent.
func nowOption(opts js.Value) (time.Time, error) {
	s := option(opts, "now")
	if s == "" {
		return time.Now(), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, badArgument("now must be an RFC 3339 date-time, e.g. 2026-12-01T09:00:00Z")
	}
	return t, nil
}

func optionBool(opts js.Value, name string) bool {
	return opts.Type() == js.TypeObject && opts.Get(name).Truthy()
}

func optionInt(opts js.Value, name string) int {
	if opts.Type() != js.TypeObject || opts.Get(name).Type() != js.TypeNumber {
		return 0
	}
	return opts.Get(name).Int()
}

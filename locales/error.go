package locales

import (
	"errors"
	"maps"

	"golang.org/x/text/language"
)

// Error is the one error type of evidraft that a user is told about: a
// draft that cannot be read (schemas), an export file that cannot be
// imported (schemas/export), a failure of the browser's draft store
// (wasm/store), a wrong call of the JavaScript API (wasm). Its Code is a
// message id of the catalog, and the code the page and the CLI see:
//
//	&locales.Error{Code: "store.quota", ID: draftID, Err: cause}
//	&locales.Error{Code: "error.json.tooLarge", Params: map[string]any{"Limit": n}}
//	loc.Error(err) // the message in loc's language, whatever err is
//
// Codes are written out at the place the error is made, as string
// literals, so that a test finds every one and checks that each language
// has its message.
type Error struct {
	Code   string         // a message id: "store.quota", "export.tooLarge", "error.json.tooLarge", "api.badArgument"
	Params map[string]any // the message's parameters, by placeholder name
	ID     string         // the draft concerned, if any
	Err    error          // the technical cause, in English, for developers; nil if none
}

// Error gives the code, the draft, the message in English and the cause.
func (e *Error) Error() string {
	s := e.Code
	if e.ID != "" {
		s += " " + e.ID
	}
	if Has(e.Code) {
		s += ": " + For(language.English).Message(e.Code, e.Params)
	}
	if e.Err != nil {
		s += ": " + text(e.Err)
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, sentinel) compare codes: a sentinel is an Error
// with a code only, such as store.ErrStale or export.ErrBadHash.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code && t.ID == "" && t.Err == nil && t.Params == nil
}

// Code returns the code of the first *Error in err's chain, "" if none.
func Code(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// Coded returns err as an *Error: the first one in its chain, or, for an
// error evidraft did not foresee, "api.internal" with err's text as its
// Detail. Nil for nil.
func Coded(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: "api.internal", Params: map[string]any{"Detail": text(err)}, Err: err}
}

// text is err.Error(), or a placeholder if that panics (an error made
// from a thrown JavaScript value can).
func text(err error) (s string) {
	defer func() {
		if recover() != nil {
			s = "(an error that cannot be printed)"
		}
	}()
	return err.Error()
}

// Error returns the message of err in l's language: that of its *Error
// (see Coded), so that the CLI and the engine say the same thing of the
// same failure. A code without a message gives the error's own text.
func (l *Localizer) Error(err error) string {
	e := Coded(err)
	if e == nil {
		return ""
	}
	if !Has(e.Code) {
		return e.Error()
	}
	// A title or name in the message (a draft's, from a file) is shown
	// as text that cannot reorder the sentence around it.
	var params map[string]any // a copy, once one needs it
	for k, v := range e.Params {
		if s, ok := v.(string); ok {
			if r := Reveal(s, false); r != s {
				if params == nil {
					params = maps.Clone(e.Params)
				}
				params[k] = r
			}
		}
	}
	if params == nil {
		params = e.Params
	}
	return l.Message(e.Code, params)
}

//go:build js && wasm

package store

import (
	"context"
	"errors"
	"syscall/js"

	"github.com/hack-pad/go-indexeddb/idb"

	"github.com/evidraft/evidraft/locales"
)

// Every failure is a *locales.Error whose code is "store." and one of
// these names (the message id of what the user is told), with the draft
// concerned as its ID. The sentinels compare with errors.Is.
var (
	ErrStale       = &locales.Error{Code: "store.stale"}       // the draft changed since it was read
	ErrNotFound    = &locales.Error{Code: "store.notFound"}    // no draft with that id
	ErrQuota       = &locales.Error{Code: "store.quota"}       // the browser's storage is full
	ErrUnavailable = &locales.Error{Code: "store.unavailable"} // no IndexedDB (private mode, some embedded browsers)
	ErrCorrupt     = &locales.Error{Code: "store.corrupt"}     // a stored record cannot be read
	ErrClosed      = &locales.Error{Code: "store.closed"}      // the database was closed, e.g. upgraded by another tab
	ErrBlocked     = &locales.Error{Code: "store.blocked"}     // opening waited too long, e.g. another tab holds an older version
	ErrLocked      = &locales.Error{Code: "store.locked"}      // the bodies are encrypted and no key was given this session
)

// abort aborts tx and returns err, the reason.
func abort(tx *idb.Transaction, err error) error {
	tx.Abort()
	return err
}

// mapErr turns browser errors into typed store errors by DOMException name.
func mapErr(err error, id string) error {
	if err == nil {
		return nil
	}
	if locales.Code(err) != "" {
		return err
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return &locales.Error{Code: "store.blocked", ID: id, Err: err} // the browser did not answer in time
	}
	name := ""
	var jsErr js.Error
	if errors.As(err, &jsErr) && jsErr.Value.Type() == js.TypeObject {
		name = jsErr.Value.Get("name").String()
	} else if errors.As(err, &jsErr) {
		// A transaction's error is null when it was aborted: js.Error's
		// own Error method would panic on it.
		err = errors.New("the browser gave no error object (" + jsErr.Value.Type().String() + ")")
	}
	for _, n := range []string{"QuotaExceededError", "InvalidStateError", "DataCloneError", "DataError"} {
		if errors.Is(err, idb.NewDOMException(n)) {
			name = n
		}
	}
	switch name {
	case "QuotaExceededError":
		return &locales.Error{Code: "store.quota", ID: id, Err: err}
	case "InvalidStateError":
		return &locales.Error{Code: "store.closed", ID: id, Err: err}
	case "DataCloneError", "DataError":
		return &locales.Error{Code: "store.corrupt", ID: id, Err: err}
	}
	return &locales.Error{Code: "store.internal", ID: id, Err: err}
}

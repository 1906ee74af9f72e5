//go:build js && wasm

package store

import (
	"context"
	"fmt"
	"syscall/js"
)

// getAll runs store.index(index).getAll() in its own read-only transaction
// and returns the result as JSON text.
func (s *IDB) getAll(ctx context.Context, store, index string) (string, error) {
	v, err := s.getAllRaw(ctx, store, index)
	if err != nil {
		return "", err
	}
	return js.Global().Get("JSON").Call("stringify", v).String(), nil
}

// getAllRaw runs getAll() on an object store (index "") or on one of its
// indexes, in its own read-only transaction, and returns the array: the
// bulk read go-indexeddb lacks.
func (s *IDB) getAllRaw(ctx context.Context, store, index string) (result js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			if je, ok := r.(js.Error); ok {
				err = mapErr(je, "") // a closed connection throws InvalidStateError
			} else {
				err = mapErr(fmt.Errorf("%v", r), "")
			}
		}
	}()
	src := s.raw.Call("transaction", js.ValueOf([]any{store}), "readonly").Call("objectStore", store)
	if index != "" {
		src = src.Call("index", index)
	}
	v, err := wait(ctx, rawRequest{src.Call("getAll")})
	if err != nil {
		return js.Undefined(), mapErr(err, "")
	}
	return v, nil
}

// edge reads the first ("next") or last ("prev") record of an object
// store with a cursor, in its own read-only transaction.
func (s *IDB) edge(ctx context.Context, store, dir string) (result js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = mapErr(fmt.Errorf("%v", r), "")
		}
	}()
	req := s.raw.Call("transaction", js.ValueOf([]any{store}), "readonly").Call("objectStore", store).Call("openCursor", js.Null(), dir)
	c, err := wait(ctx, rawRequest{req})
	if err != nil {
		return js.Undefined(), mapErr(err, "")
	}
	if c.Truthy() {
		return c.Get("value"), nil
	}
	return js.Null(), nil
}

// rawAll reads every record of an object store in one read-only
// transaction.
func (s *IDB) rawAll(ctx context.Context, store string) ([]js.Value, error) {
	if s.closed.Load() || !s.raw.Truthy() {
		return nil, ErrClosed
	}
	res, err := s.getAllRaw(ctx, store, "")
	if err != nil {
		return nil, err
	}
	out := make([]js.Value, res.Length())
	for i := range out {
		out[i] = res.Index(i)
	}
	return out, nil
}

//go:build js && wasm

package store

import (
	"context"

	"sync"
	"syscall/js"
	"time"
)

// request is what wait needs of an IndexedDB request: an *idb.Request,
// or a rawRequest for the ones made with the browser's API directly
// (go-indexeddb has no getAll).
type request interface {
	ReadyState() (string, error)
	Result() (js.Value, error)
	Err() error
	Listen(ctx context.Context, success, failed func()) error
}

// wait is the one way the store waits on an IndexedDB request: it
// returns the request's result once it is done. A request sent earlier
// (a prefetch, a read sent with a transaction's first ones) may be done
// already, and a listener would then wait for an event that has passed,
// so that case is answered at once. When ctx ends first it returns
// ctx.Err() (go-indexeddb's Await then returns no error and no result).
//
// It must not be called inside the upgrade callback, and inside a
// transaction only on that transaction's own requests: waiting on
// anything else lets the transaction end.
func wait(ctx context.Context, req request) (js.Value, error) {
	if state, _ := req.ReadyState(); state != "done" {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		done := make(chan struct{})
		settle := sync.OnceFunc(func() { close(done) })
		if err := req.Listen(ctx, settle, settle); err != nil {
			return js.Undefined(), err
		}
		select {
		case <-done:
		case <-ctx.Done():
			return js.Undefined(), ctx.Err()
		}
	}
	if err := req.Err(); err != nil {
		return js.Undefined(), err
	}
	return req.Result()
}

// rawRequest is an IDBRequest made with the browser's API directly.
type rawRequest struct{ v js.Value }

var _ request = rawRequest{}

func (r rawRequest) ReadyState() (string, error) { return r.v.Get("readyState").String(), nil }

func (r rawRequest) Result() (js.Value, error) { return r.v.Get("result"), nil }

func (r rawRequest) Err() error {
	if e := r.v.Get("error"); e.Truthy() {
		return js.Error{Value: e}
	}
	return nil
}

// Listen calls success or failed at the request's first success or
// error event, until ctx ends.
func (r rawRequest) Listen(ctx context.Context, success, failed func()) error {
	on := func(event string, f func()) {
		fn := js.FuncOf(func(js.Value, []js.Value) any { f(); return nil })
		r.v.Call("addEventListener", event, fn)
		go func() {
			<-ctx.Done()
			func() {
				defer func() { recover() }() // a request of a closed connection may throw
				r.v.Call("removeEventListener", event, fn)
			}()
			fn.Release()
		}()
	}
	on("success", success)
	on("error", failed)
	return nil
}

// WithTimeout is context.WithTimeout on the browser's clock. Go's js/wasm
// runtime leaves the browser's timeout of a stopped timer in place, so a
// context.WithTimeout that is cancelled long before its deadline still
// wakes the idle page once at that deadline; cancelling this one clears
// the timeout. When the time is up, Err is context.DeadlineExceeded, as
// for context.WithTimeout, in it and in the contexts made from it.
func WithTimeout(parent context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	c := &browserDeadline{parent: parent, at: time.Now().Add(d), done: make(chan struct{})}
	fn := js.FuncOf(func(js.Value, []js.Value) any {
		c.end(context.DeadlineExceeded)
		return nil
	})
	id := js.Global().Call("setTimeout", fn, d.Milliseconds())
	if pd := parent.Done(); pd != nil {
		go func() {
			select {
			case <-pd:
				c.end(parent.Err())
			case <-c.done:
			}
		}()
	}
	var once sync.Once
	return c, func() {
		c.end(context.Canceled)
		once.Do(func() {
			js.Global().Call("clearTimeout", id)
			fn.Release()
		})
	}
}

// browserDeadline is the context WithTimeout makes: its own Done channel
// and error, so that the contexts made from it take its error, not that
// of a cancelCtx inside.
type browserDeadline struct {
	parent context.Context
	at     time.Time
	done   chan struct{}
	mu     sync.Mutex
	err    error
}

func (c *browserDeadline) end(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		c.err = err
		close(c.done)
	}
}

func (c *browserDeadline) Deadline() (time.Time, bool) { return c.at, true }
func (c *browserDeadline) Done() <-chan struct{}       { return c.done }
func (c *browserDeadline) Value(key any) any           { return c.parent.Value(key) }

func (c *browserDeadline) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

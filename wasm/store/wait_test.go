//go:build js && wasm

package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestWithTimeout: the browser-clock context ends with DeadlineExceeded
// when its time is up, with Canceled when cancelled, and its children
// see the same.
func TestWithTimeout(t *testing.T) {
	ctx, cancel := WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	child, stop := context.WithCancel(ctx)
	defer stop()
	if _, ok := ctx.Deadline(); !ok || ctx.Err() != nil {
		t.Fatalf("before its time: deadline %v, err %v", ok, ctx.Err())
	}
	select {
	case <-child.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the deadline never came")
	}
	if !errors.Is(ctx.Err(), context.DeadlineExceeded) || !errors.Is(child.Err(), context.DeadlineExceeded) {
		t.Errorf("after the deadline: err %v, child %v; want DeadlineExceeded", ctx.Err(), child.Err())
	}

	ctx2, cancel2 := WithTimeout(context.Background(), time.Hour)
	cancel2()
	cancel2()
	if !errors.Is(ctx2.Err(), context.Canceled) {
		t.Errorf("cancelled: err %v, want Canceled", ctx2.Err())
	}
}

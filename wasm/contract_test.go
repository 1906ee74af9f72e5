//go:build js && wasm

package main

import (
	"context"
	"fmt"
	"syscall/js"
	"testing"
	"time"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/wasm/store"
)

// A tab that keeps an older version of the database open blocks the
// upgrade: Open gives up after its timeout with store.blocked. (It used to
// read the still pending request's result then: the getter throws, an
// exception no recover catches, and the Go program died.) When the other
// tab closes, the open that gave up goes ahead, upgrades the database
// properly and closes its connection, so the next Open works.
func TestOpenBlocked(t *testing.T) {
	dbCount++
	name := fmt.Sprintf("evidraft-test-blocked-%d", dbCount)
	// Another tab's connection to version 1 (its two object stores), which
	// does not close when asked to.
	other, rej := settle(js.Global().Get("Function").New("name", `
		return new Promise((resolve, reject) => {
			const req = indexedDB.open(name, 1)
			req.onupgradeneeded = () => {
				const drafts = req.result.createObjectStore('drafts', {keyPath: 'id'})
				drafts.createIndex('updated', 'updated')
				drafts.createIndex('kind', 'kind')
				req.result.createObjectStore('bodies', {keyPath: 'id'})
			}
			req.onsuccess = () => resolve(req.result)
			req.onerror = () => reject(req.error)
		})`).Invoke(name))
	if !rej.IsUndefined() {
		t.Fatalf("opening version 1: %v", rej)
	}

	start := time.Now()
	_, err := store.Open(ctx(), store.Options{Name: name, Timeout: 300 * time.Millisecond})
	if code := locales.Code(err); code != "store.blocked" {
		t.Fatalf("Open while another tab holds version 1 = %v, want store.blocked", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("Open gave up after %v", d)
	}

	other.Call("close")
	s, err := store.Open(ctx(), store.Options{Name: name})
	if err != nil {
		t.Fatalf("Open once the other tab closed: %v", err)
	}
	defer func() {
		s.Close()
		c, cancel := context.WithTimeout(ctx(), 5*time.Second)
		defer cancel()
		store.Delete(c, name)
	}()
	if _, err := s.Save(ctx(), store.Record{Kind: "mla", Body: []byte(`{"kind":"mla"}`)}); err != nil {
		t.Errorf("Save after the late upgrade: %v (the database was left without its object stores)", err)
	}
}

type unprintable struct{}

func (unprintable) Error() string { panic("no message") }

// Arguments that throw when read, and failures that cannot be printed,
// reject; the engine goes on.
func TestHostileArguments(t *testing.T) {
	api := startTest(t, nil)
	hostile := js.Global().Get("Function").New(`
		const thrown = new Proxy({}, {get () { throw new Error('thrown proxy') }})
		const trap = () => { throw thrown }
		const traps = {get: trap, has: trap, ownKeys: trap, getPrototypeOf: trap, getOwnPropertyDescriptor: trap}
		const revoked = Proxy.revocable({}, {})
		revoked.revoke()
		return {
			proxy: new Proxy({}, traps),
			list: new Proxy([], traps),
			revoked: revoked.proxy,
			toJSON: {toJSON: trap},
			getter: {get limit () { throw thrown }, get lang () { throw thrown }},
			big: 10n,
			thrown,
		}`).Invoke()
	for _, c := range []struct {
		name string
		args []any
	}{
		{"validate", []any{"{}", hostile.Get("proxy")}},
		{"validate", []any{hostile.Get("toJSON")}},
		{"validate", []any{hostile.Get("revoked")}},
		{"form", []any{"{}", hostile.Get("getter")}},
		{"listDrafts", []any{hostile.Get("getter")}},
		{"saveDraft", []any{hostile.Get("big")}},
		{"saveDraft", []any{hostile.Get("proxy")}},
		{"importPreview", []any{hostile.Get("proxy")}},
		{"importPreview", []any{hostile.Get("revoked")}},
		{"exportDrafts", []any{hostile.Get("list")}},
		{"setLanguage", []any{hostile.Get("list")}},
		{"setLanguage", []any{hostile.Get("revoked")}},
		{"revertDraft", []any{"x", js.Global().Get("NaN")}},
	} {
		if code, _ := rejects(t, api, c.name, c.args...); code != "api.badArgument" {
			t.Errorf("%s(%v) rejected with %s, want api.badArgument", c.name, c.args, code)
		}
	}
	for name, fn := range map[string]func([]js.Value) (any, error){
		"a panic with a hostile thrown value": func([]js.Value) (any, error) { panic(js.Error{Value: hostile.Get("thrown")}) },
		"an error that cannot be printed":     func([]js.Value) (any, error) { return nil, unprintable{} },
		"a panic with such an error":          func([]js.Value) (any, error) { panic(unprintable{}) },
	} {
		f := async(fn)
		_, rej := settle(f.Invoke())
		f.Release()
		if rej.IsUndefined() || !rej.InstanceOf(js.Global().Get("Error")) || rej.Get("code").String() != "api.internal" {
			t.Errorf("%s: rejected with %v, want an Error with code api.internal", name, rej)
		}
	}
	if !call(t, api, "validate", call(t, api, "example", "mla")).Get("valid").Bool() {
		t.Error("the engine is broken after hostile arguments")
	}
}

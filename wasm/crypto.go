//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"

	"github.com/evidraft/evidraft/schemas/export"
)

// webCrypto is export.Cipher over the browser's crypto.subtle: PBKDF2 of
// 600,000 rounds takes a fraction of a second there, seconds in Go's
// WebAssembly. The derived key is not extractable. Pages without
// crypto.subtle (plain http on a LAN host is not a secure context) fall
// back to Go's standard library.
type webCrypto struct{}

type webKey struct{ key js.Value }

// cipherFor returns the browser's cipher when it has one.
func cipherFor() export.Cipher {
	c := js.Global().Get("crypto")
	if c.Truthy() && c.Get("subtle").Truthy() {
		return webCrypto{}
	}
	return export.Std
}

func (webCrypto) Key(passphrase string, salt []byte, iterations int) (export.Key, error) {
	subtle := js.Global().Get("crypto").Get("subtle")
	usage := func(u ...any) js.Value { return js.ValueOf(u) }
	base, err := await(subtle.Call("importKey", "raw", bytesJS([]byte(passphrase)), "PBKDF2", false, usage("deriveKey")))
	if err != nil {
		return nil, err
	}
	params := js.ValueOf(map[string]any{"name": "PBKDF2", "iterations": iterations, "hash": "SHA-256"})
	params.Set("salt", bytesJS(salt))
	key, err := await(subtle.Call("deriveKey", params, base, js.ValueOf(map[string]any{"name": "AES-GCM", "length": 256}), false, usage("encrypt", "decrypt")))
	if err != nil {
		return nil, err
	}
	return webKey{key}, nil
}

func (k webKey) Seal(iv, plain, ad []byte) ([]byte, error) { return k.run("encrypt", iv, plain, ad) }

func (k webKey) Open(iv, sealed, ad []byte) ([]byte, error) { return k.run("decrypt", iv, sealed, ad) }

func (k webKey) run(op string, iv, data, ad []byte) ([]byte, error) {
	alg := js.ValueOf(map[string]any{"name": "AES-GCM"})
	alg.Set("iv", bytesJS(iv))
	if ad != nil {
		alg.Set("additionalData", bytesJS(ad))
	}
	out, err := await(js.Global().Get("crypto").Get("subtle").Call(op, alg, k.key, bytesJS(data)))
	if err != nil {
		return nil, err
	}
	return bytesGo(js.Global().Get("Uint8Array").New(out)), nil
}

// await waits for a Promise; call it from a goroutine, never from the
// event loop itself.
func await(p js.Value) (js.Value, error) {
	v, reason := settle(p)
	if reason.IsUndefined() {
		return v, nil
	}
	msg := "promise rejected"
	if reason.Truthy() && reason.Get("message").Type() == js.TypeString {
		msg = reason.Get("name").String() + ": " + reason.Get("message").String()
	}
	return js.Undefined(), errors.New(msg)
}

// settle waits for a Promise: its value, or its rejection reason.
func settle(p js.Value) (val js.Value, rejected js.Value) {
	type result struct {
		v  js.Value
		ok bool
	}
	ch := make(chan result, 1)
	then := js.FuncOf(func(_ js.Value, a []js.Value) any { ch <- result{arg(a, 0), true}; return nil })
	catch := js.FuncOf(func(_ js.Value, a []js.Value) any {
		reason := arg(a, 0)
		if reason.IsUndefined() {
			reason = js.Null() // rejected without a reason is still rejected
		}
		ch <- result{reason, false}
		return nil
	})
	defer then.Release()
	defer catch.Release()
	p.Call("then", then, catch)
	r := <-ch
	if r.ok {
		return r.v, js.Undefined()
	}
	return js.Undefined(), r.v
}

func bytesJS(b []byte) js.Value {
	a := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(a, b)
	return a
}

func bytesGo(a js.Value) []byte {
	b := make([]byte, a.Get("length").Int())
	js.CopyBytesToGo(b, a)
	return b
}

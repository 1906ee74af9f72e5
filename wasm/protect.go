//go:build js && wasm

package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"syscall/js"

	"github.com/evidraft/evidraft/schemas/export"
	"github.com/evidraft/evidraft/wasm/store"
)

// metaProtection holds how the drafts' key is derived, never the key.
const metaProtection = "protection"

// keyCodec encrypts draft bodies with a derived key, a fresh IV each time.
type keyCodec struct{ key export.Key }

func (c keyCodec) Seal(plain []byte) ([]byte, []byte, error) {
	iv := make([]byte, 12)
	if _, err := rand.Read(iv); err != nil {
		return nil, nil, err
	}
	ct, err := c.key.Seal(iv, plain)
	return iv, ct, err
}

func (c keyCodec) Open(iv, sealed []byte) ([]byte, error) { return c.key.Open(iv, sealed) }

// loadProtection marks the store encrypted (and locked) when its drafts
// were protected in an earlier session.
func loadProtection(s store.DraftStore) bool {
	v, err := s.Meta(context.Background(), metaProtection)
	if err != nil || v == "" {
		return false
	}
	s.SetCodec(nil, true)
	return true
}

// protection() -> {protected, unlocked}.
func protectionFn(args []js.Value) (any, error) {
	s, err := draftStore()
	if err != nil {
		return nil, err
	}
	enc, unlocked := s.Encrypted()
	return map[string]bool{"protected": enc, "unlocked": unlocked}, nil
}

// passAndStore reads the passphrase argument and returns the open store.
func passAndStore(args []js.Value) (string, store.DraftStore, error) {
	pass, err := stringArg(args, 0, "passphrase")
	if err != nil {
		return "", nil, err
	}
	s, err := draftStore()
	return pass, s, err
}

// protectDrafts(passphrase) encrypts every stored body and revision with a
// key derived from the passphrase (PBKDF2-SHA-256, 600,000 iterations,
// AES-GCM-256 via WebCrypto), and every later save. The key lives in this
// page only; the passphrase is asked again in the next session.
func protectDrafts(args []js.Value) (any, error) {
	pass, s, err := passAndStore(args)
	if err != nil {
		return nil, err
	}
	e, key, err := export.NewKey(cipherFor(), pass)
	if err != nil {
		return nil, err
	}
	settings, _ := json.Marshal(e)
	if err := s.Protect(context.Background(), keyCodec{key}, string(settings)); err != nil {
		return nil, err
	}
	events.local(changeEvent{Action: "protected"})
	return map[string]bool{"protected": true, "unlocked": true}, nil
}

// unlockDrafts(passphrase) derives the key again and checks it; a wrong
// passphrase is refused with store.wrongPassphrase.
func unlockDrafts(args []js.Value) (any, error) {
	pass, s, err := passAndStore(args)
	if err != nil {
		return nil, err
	}
	v, err := s.Meta(context.Background(), metaProtection)
	if err != nil {
		return nil, err
	}
	var e export.Encryption
	if v == "" || json.Unmarshal([]byte(v), &e) != nil {
		return nil, &store.Error{Code: "corrupt", Err: errors.New("no protection settings")}
	}
	key, err := export.OpenKey(cipherFor(), &e, pass)
	if errors.Is(err, export.ErrWrongPassphrase) {
		return nil, &store.Error{Code: "wrongPassphrase"}
	}
	if err != nil {
		return nil, &store.Error{Code: "corrupt", Err: err}
	}
	s.SetCodec(keyCodec{key}, true)
	return map[string]bool{"protected": true, "unlocked": true}, nil
}

// lockDrafts() forgets the key: drafts cannot be opened or saved until
// unlocked again.
func lockDrafts(args []js.Value) (any, error) {
	s, err := draftStore()
	if err != nil {
		return nil, err
	}
	if enc, _ := s.Encrypted(); enc {
		s.SetCodec(nil, true)
	}
	return nil, nil
}

//go:build js && wasm

package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall/js"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas/export"
	"github.com/evidraft/evidraft/wasm/store"
)

// metaProtection holds how the drafts' key is derived, never the key.
const metaProtection = "protection"

// keyCodec encrypts draft bodies with a derived key, a fresh IV each time;
// ad binds each ciphertext to where it is stored.
type keyCodec struct{ key export.Key }

func (c keyCodec) Seal(plain, ad []byte) ([]byte, []byte, error) {
	iv := make([]byte, 12)
	if _, err := rand.Read(iv); err != nil {
		return nil, nil, err
	}
	ct, err := c.key.Seal(iv, plain, ad)
	return iv, ct, err
}

func (c keyCodec) Open(iv, sealed, ad []byte) ([]byte, error) { return c.key.Open(iv, sealed, ad) }

// atRest is the "protection" meta record: how the key is derived (never
// the key, never the passphrase) and the store's Binding.
type atRest struct {
	export.Encryption
	Binding int `json:"binding,omitempty"` // 0 or 1: sealed without additional data
}

// unlocked is the key of this session, for exports that open with the
// drafts' passphrase: the non-extractable WebCrypto key and its settings.
// The passphrase itself is never kept. lockDrafts forgets it.
var unlocked atomic.Pointer[unlockedKey]

type unlockedKey struct {
	key      export.Key
	settings export.Encryption
}

// checkPassphrase refuses a new passphrase shorter than
// export.MinPassphrase.
func checkPassphrase(pass string) error {
	if export.ShortPassphrase(pass) {
		return &locales.Error{Code: "ui.export.tooShort", Params: map[string]any{"N": export.MinPassphrase}}
	}
	return nil
}

// loadProtection marks the store encrypted (and locked) when its drafts
// were protected in an earlier session: by the meta record, or by the
// data itself, so that deleting that record does not make the page write
// in clear.
func loadProtection(s store.DraftStore) bool {
	v, err := s.Meta(context.Background(), metaProtection)
	if err != nil || v == "" {
		// Read the data only when the record says nothing.
		if sealed, _ := s.SealedData(context.Background()); !sealed {
			return false
		}
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
	enc, open := s.Encrypted()
	return map[string]bool{"protected": enc, "unlocked": open}, nil
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
// AES-GCM-256 via WebCrypto, each ciphertext bound to its database, object
// store, draft and revision), and every later save. The key lives in this
// page only; the passphrase is asked again in the next session.
func protectDrafts(args []js.Value) (any, error) {
	pass, s, err := passAndStore(args)
	if err != nil {
		return nil, err
	}
	if err := checkPassphrase(pass); err != nil {
		return nil, err
	}
	e, key, err := export.NewKey(cipherFor(), pass)
	if err != nil {
		return nil, err
	}
	settings, _ := json.Marshal(atRest{Encryption: *e, Binding: store.Binding})
	if err := s.Protect(context.Background(), keyCodec{key}, string(settings)); err != nil {
		return nil, err
	}
	unlocked.Store(&unlockedKey{key: key, settings: *e})
	events.local(changeEvent{Action: "protected"})
	return map[string]bool{"protected": true, "unlocked": true}, nil
}

// unlockDrafts(passphrase) derives the key again and checks it; a wrong
// passphrase is refused with store.wrongPassphrase. A store protected
// before ciphertexts were bound to their place is sealed again, bound,
// at once.
func unlockDrafts(args []js.Value) (any, error) {
	pass, s, err := passAndStore(args)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	v, err := s.Meta(ctx, metaProtection)
	if err != nil {
		return nil, err
	}
	var e atRest
	if v == "" || json.Unmarshal([]byte(v), &e) != nil {
		return nil, &locales.Error{Code: "store.settingsMissing", Err: errors.New("the drafts are encrypted but their protection settings are missing")}
	}
	key, err := export.OpenKey(cipherFor(), &e.Encryption, pass)
	if errors.Is(err, export.ErrWrongPassphrase) {
		return nil, &locales.Error{Code: "store.wrongPassphrase"}
	}
	if err != nil {
		return nil, &locales.Error{Code: "store.corrupt", Err: err}
	}
	if e.Binding < store.Binding {
		e.Binding = store.Binding
		settings, _ := json.Marshal(e)
		if err := s.Rebind(ctx, keyCodec{key}, string(settings)); err != nil {
			return nil, err
		}
	}
	s.SetCodec(keyCodec{key}, true)
	unlocked.Store(&unlockedKey{key: key, settings: e.Encryption})
	out := map[string]any{"protected": true, "unlocked": true}
	changes, err := s.VerifyManifest(ctx)
	if err != nil {
		return nil, err
	}
	if len(changes) > 0 {
		out["changes"] = changes
		out["warning"] = describeChanges(currentLocalizer(), changes)
	}
	return out, nil
}

// describeChanges says in the user's language which drafts were added,
// removed or set back outside evidraft.
func describeChanges(loc *locales.Localizer, changes []store.Change) string {
	parts := make([]string, 0, len(changes))
	for _, c := range changes {
		name := c.Title
		if name == "" {
			name = c.ID
		}
		p := map[string]any{"Title": name, "ID": c.ID, "Revision": strconv.Itoa(c.Revision), "Expected": strconv.Itoa(c.Expected)}
		parts = append(parts, loc.Message("store.change."+c.What, p))
	}
	return loc.Message("store.changed", map[string]any{"Changes": strings.Join(parts, "; ")})
}

// lockDrafts() forgets the key: drafts cannot be opened or saved until
// unlocked again.
func lockDrafts(args []js.Value) (any, error) {
	s, err := draftStore()
	if err != nil {
		return nil, err
	}
	unlocked.Store(nil)
	if enc, _ := s.Encrypted(); enc {
		s.SetCodec(nil, true)
	}
	events.local(changeEvent{Action: "locked"})
	return map[string]bool{"protected": true, "unlocked": false}, nil
}

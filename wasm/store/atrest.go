//go:build js && wasm

package store

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"syscall/js"

	"github.com/hack-pad/go-indexeddb/idb"

	"github.com/evidraft/evidraft/locales"
)

// Codec encrypts draft bodies at rest. The store calls Seal before a write
// transaction opens and Open after a read one has ended: WebCrypto is
// asynchronous, and waiting on it inside a transaction would end it. ad is
// AES-GCM's additional data: where the ciphertext belongs (see adFor).
type Codec interface {
	Seal(plain, ad []byte) (iv, sealed []byte, err error)
	Open(iv, sealed, ad []byte) ([]byte, error)
}

// Binding is the version of the additional data every ciphertext is
// sealed with. Stores protected before it (version 1) sealed with none: a
// ciphertext then opened under any draft's id; Rebind brings them here.
const Binding = 2

type protection struct {
	codec     Codec
	encrypted bool // the store's bodies are encrypted (a codec is needed to read or write them)
	legacy    bool // sealed without additional data (Binding 1): only Rebind opens them
}

// stillInClear, inside a write transaction that holds "meta", asks for
// the "protection" record; the function it returns refuses a write in
// clear once another tab has protected the drafts (that tab's message may
// not have reached this one yet). The store then counts as protected and
// locked. The request is sent at once, so that it travels with the
// transaction's first reads.
func (s *IDB) stillInClear(tx *idb.Transaction) func(ctx context.Context) error {
	if enc, _ := s.Encrypted(); enc {
		return func(context.Context) error { return nil }
	}
	get := metaGet(tx, "protection")
	return func(ctx context.Context) error {
		v, err := get(ctx)
		if err != nil {
			return err
		}
		if v.Truthy() {
			s.SetCodec(nil, true)
			return ErrLocked
		}
		return nil
	}
}

// metaGet asks, inside a transaction holding "meta", for the record
// under key at once; the function it returns waits for it.
func metaGet(tx *idb.Transaction, key string) func(ctx context.Context) (js.Value, error) {
	meta, err := tx.ObjectStore("meta")
	if err != nil {
		return func(context.Context) (js.Value, error) { return js.Undefined(), mapErr(err, "") }
	}
	req, err := meta.Get(js.ValueOf(key))
	if err != nil {
		return func(context.Context) (js.Value, error) { return js.Undefined(), mapErr(err, "") }
	}
	return func(ctx context.Context) (js.Value, error) {
		v, err := wait(ctx, req)
		return v, mapErr(err, "")
	}
}

// SetCodec says whether the bodies are encrypted and gives the key (nil
// when the user has not unlocked them). Writes while encrypted but locked
// fail with ErrLocked rather than store plain text.
func (s *IDB) SetCodec(c Codec, encrypted bool) {
	s.prot.Store(&protection{codec: c, encrypted: encrypted})
}

// Encrypted reports whether the bodies are encrypted, and whether a key is set.
func (s *IDB) Encrypted() (encrypted, unlocked bool) {
	p := s.prot.Load()
	return p != nil && p.encrypted, p != nil && p.codec != nil
}

// adFor is the additional data of a ciphertext: the database, the object
// store, the draft and the revision it is stored as. A ciphertext moved to
// another draft, another revision, another store or another database does
// not open.
func (s *IDB) adFor(store, id string, revision int) []byte {
	return []byte("evidraft/at-rest/" + strconv.Itoa(Binding) + "\x00" + s.name + "\x00" + store + "\x00" + id + "\x00" + strconv.Itoa(revision))
}

// sealed is a body ready to be written as revision: the fields of its
// "bodies" record and of its "revisions" record (its JSON text twice, or
// two ciphertexts, each bound to its place).
type sealed struct {
	body, rev map[string]any
	revision  int
	manifest  *sealedManifest // nil in clear
}

// manifestOf is the manifest written with b; none for a body copied in
// clear (b nil).
func (b *sealed) manifestOf() *sealedManifest {
	if b == nil {
		return nil
	}
	return b.manifest
}

// writeCodec is the key writes seal with: nil for a store in clear,
// ErrLocked for an encrypted one without a usable key.
func (s *IDB) writeCodec() (Codec, error) {
	p := s.prot.Load()
	if p == nil || !p.encrypted {
		return nil, nil
	}
	if p.codec == nil || p.legacy {
		return nil, ErrLocked
	}
	return p.codec, nil
}

// sealFor prepares plain to be stored as draft id's revision.
func (s *IDB) sealFor(plain, id string, revision int) (*sealed, error) {
	b, err := s.sealAt(plain, "bodies", id, revision)
	if err != nil {
		return nil, err
	}
	r, err := s.sealAt(plain, "revisions", id, revision)
	if err != nil {
		return nil, err
	}
	return &sealed{body: b, rev: r, revision: revision}, nil
}

// sealAt gives the fields plain is stored with in one object store as
// draft id's revision: its text in clear, or its ciphertext for that place.
func (s *IDB) sealAt(plain, store, id string, revision int) (map[string]any, error) {
	c, err := s.writeCodec()
	if err != nil {
		return nil, err
	}
	if c == nil {
		return map[string]any{"json": plain}, nil
	}
	return s.seal(c, plain, store, id, revision)
}

// seal encrypts a body with c for its place: the fields "iv" and "enc",
// in base64.
func (s *IDB) seal(c Codec, plain, store, id string, revision int) (map[string]any, error) {
	iv, ct, err := c.Seal([]byte(plain), s.adFor(store, id, revision))
	if err != nil {
		return nil, &locales.Error{Code: "store.internal", Err: err}
	}
	b64 := base64.StdEncoding.EncodeToString
	return map[string]any{"iv": b64(iv), "enc": b64(ct)}, nil
}

// openBody reads a stored body (store "bodies", revision the draft's) or
// revision record (store "revisions") back to JSON text. In a protected
// store a body in clear is refused: only someone who bypassed the page can
// have put it there.
func (s *IDB) openBody(v js.Value, store, id string, revision int) (string, error) {
	f, ok := bodyFields(v)
	if !ok {
		return "", &locales.Error{Code: "store.corrupt", ID: id, Err: errors.New("body missing, or with neither text nor ciphertext")}
	}
	p := s.prot.Load()
	encrypted := p != nil && p.encrypted
	if text, ok := f["json"].(string); ok {
		if encrypted {
			return "", &locales.Error{Code: "store.corrupt", ID: id, Err: errors.New("a body in clear in a protected store")}
		}
		return text, nil
	}
	if p == nil || p.codec == nil {
		return "", &locales.Error{Code: "store.locked", ID: id}
	}
	ad := s.adFor(store, id, revision)
	if p.legacy {
		ad = nil
	}
	return openWith(p.codec, f, ad, id)
}

func openWith(c Codec, f map[string]any, ad []byte, id string) (string, error) {
	iv, err1 := base64.StdEncoding.DecodeString(f["iv"].(string))
	ct, err2 := base64.StdEncoding.DecodeString(f["enc"].(string))
	if err1 != nil || err2 != nil {
		return "", &locales.Error{Code: "store.corrupt", ID: id, Err: errors.New("ciphertext is not base64")}
	}
	plain, err := c.Open(iv, ct, ad)
	if err != nil {
		return "", &locales.Error{Code: "store.corrupt", ID: id, Err: fmt.Errorf("cannot decrypt (a wrong key, or a ciphertext moved or changed): %v", err)}
	}
	return string(plain), nil
}

// bodyFields copies the stored fields of a body record ("json", or "iv"
// and "enc") so that they can be written again unchanged.
func bodyFields(v js.Value) (map[string]any, bool) {
	if !v.Truthy() {
		return nil, false
	}
	if j := v.Get("json"); j.Type() == js.TypeString {
		return map[string]any{"json": j.String()}, true
	}
	if v.Get("enc").Type() == js.TypeString && v.Get("iv").Type() == js.TypeString {
		return map[string]any{"iv": v.Get("iv").String(), "enc": v.Get("enc").String()}, true
	}
	return nil, false
}

func with(fields map[string]any, extra map[string]any) map[string]any {
	out := make(map[string]any, len(fields)+len(extra))
	for k, v := range fields {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

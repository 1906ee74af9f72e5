//go:build js && wasm

package store

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"syscall/js"

	"github.com/hack-pad/go-indexeddb/idb"
)

// Codec encrypts draft bodies at rest. The store calls Seal before a write
// transaction opens and Open after a read one has ended: WebCrypto is
// asynchronous, and waiting on it inside a transaction would end it.
type Codec interface {
	Seal(plain []byte) (iv, sealed []byte, err error)
	Open(iv, sealed []byte) ([]byte, error)
}

// ErrLocked: the bodies are encrypted and no key was given this session.
var ErrLocked = &Error{Code: "locked"}

type protection struct {
	codec     Codec
	encrypted bool // the store's bodies are encrypted (a codec is needed to read or write them)
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

// sealBody gives the fields a body is stored with: its JSON text, or its
// IV and ciphertext (base64) when bodies are encrypted.
func (s *IDB) sealBody(plain string) (map[string]any, error) {
	p := s.prot.Load()
	if p == nil || !p.encrypted {
		return map[string]any{"json": plain}, nil
	}
	if p.codec == nil {
		return nil, ErrLocked
	}
	return seal(p.codec, plain)
}

// seal encrypts a body with c: the fields "iv" and "enc", in base64.
func seal(c Codec, plain string) (map[string]any, error) {
	iv, ct, err := c.Seal([]byte(plain))
	if err != nil {
		return nil, &Error{Code: "internal", Err: err}
	}
	b64 := base64.StdEncoding.EncodeToString
	return map[string]any{"iv": b64(iv), "enc": b64(ct)}, nil
}

// openBody reads a stored body (or revision) record back to JSON text.
func (s *IDB) openBody(v js.Value, id string) (string, error) {
	f, ok := bodyFields(v)
	if !ok {
		return "", &Error{Code: "corrupt", ID: id, Err: errors.New("body missing, or with neither text nor ciphertext")}
	}
	if text, ok := f["json"].(string); ok {
		return text, nil
	}
	p := s.prot.Load()
	if p == nil || p.codec == nil {
		return "", &Error{Code: "locked", ID: id}
	}
	iv, err1 := base64.StdEncoding.DecodeString(f["iv"].(string))
	ct, err2 := base64.StdEncoding.DecodeString(f["enc"].(string))
	if err1 != nil || err2 != nil {
		return "", &Error{Code: "corrupt", ID: id, Err: errors.New("ciphertext is not base64")}
	}
	plain, err := p.codec.Open(iv, ct)
	if err != nil {
		return "", &Error{Code: "corrupt", ID: id, Err: fmt.Errorf("cannot decrypt: %v", err)}
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

// Protect encrypts every body and revision with c, and records settings
// (the caller's JSON: salt, iterations, check value) under the meta key
// "protection", all in one transaction; from then on the store keeps
// bodies encrypted. Everything is read and encrypted before that
// transaction opens.
func (s *IDB) Protect(ctx context.Context, c Codec, settings string) error {
	if enc, _ := s.Encrypted(); enc {
		return &Error{Code: "internal", Err: errors.New("the drafts are protected already")}
	}
	var bodies, revs []js.Value
	for _, st := range []struct {
		name string
		out  *[]js.Value
	}{{"bodies", &bodies}, {"revisions", &revs}} {
		all, err := s.rawAll(ctx, st.name)
		if err != nil {
			return err
		}
		*st.out = all
	}
	reseal := func(v js.Value, keep ...string) (map[string]any, error) {
		plain, err := s.openBody(v, v.Get("id").String())
		if err != nil {
			return nil, err
		}
		f, err := seal(c, plain)
		if err != nil {
			return nil, err
		}
		for _, k := range keep {
			f[k] = v.Get(k)
		}
		return f, nil
	}
	var putBodies, putRevs []map[string]any
	for _, v := range bodies {
		f, err := reseal(v, "id")
		if err != nil {
			return err
		}
		putBodies = append(putBodies, f)
	}
	for _, v := range revs {
		f, err := reseal(v, "id", "revision", "updated", "title", "status")
		if err != nil {
			return err
		}
		putRevs = append(putRevs, f)
	}
	tx, err := s.txn(idb.TransactionReadWrite, "bodies", "revisions", "meta")
	if err != nil {
		return err
	}
	bst, _ := tx.ObjectStore("bodies")
	rst, _ := tx.ObjectStore("revisions")
	mst, _ := tx.ObjectStore("meta")
	for _, f := range putBodies {
		if _, err := bst.Put(js.ValueOf(f)); err != nil {
			return abort(tx, mapErr(err, ""))
		}
	}
	for _, f := range putRevs {
		if _, err := rst.Put(js.ValueOf(f)); err != nil {
			return abort(tx, mapErr(err, ""))
		}
	}
	if _, err := mst.Put(js.ValueOf(map[string]any{"key": "protection", "json": settings})); err != nil {
		return abort(tx, mapErr(err, ""))
	}
	if err := tx.Await(ctx); err != nil {
		return mapErr(err, "")
	}
	s.SetCodec(c, true)
	return nil
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

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
		v, err := req.Await(ctx)
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

// Protect encrypts every body and revision with c, and records settings
// (the caller's JSON: salt, iterations, check value) under the meta key
// "protection", all in one transaction; from then on the store keeps
// bodies encrypted. Everything is read and encrypted before that
// transaction opens.
func (s *IDB) Protect(ctx context.Context, c Codec, settings string) error {
	if enc, _ := s.Encrypted(); enc {
		return &locales.Error{Code: "store.internal", Err: errors.New("the drafts are protected already")}
	}
	return s.reseal(ctx, func(v js.Value, store, id string, revision int) (string, error) {
		return s.openBody(v, store, id, revision)
	}, c, settings)
}

// Rebind seals again, with their additional data, the bodies and
// revisions a store protected at Binding 1 sealed with none, and stores
// the new settings, in one transaction. c is the key the user unlocked.
func (s *IDB) Rebind(ctx context.Context, c Codec, settings string) error {
	return s.reseal(ctx, func(v js.Value, store, id string, revision int) (string, error) {
		f, ok := bodyFields(v)
		if !ok {
			return "", &locales.Error{Code: "store.corrupt", ID: id, Err: errors.New("body missing")}
		}
		if text, ok := f["json"].(string); ok {
			return "", &locales.Error{Code: "store.corrupt", ID: id, Err: fmt.Errorf("a body in clear in a protected store (%d bytes)", len(text))}
		}
		return openWith(c, f, nil, id)
	}, c, settings)
}

// reseal reads every body and revision with open, seals each with c for
// its place, then writes them and settings in one transaction. Bodies of
// no draft (left by an interrupted write of old code) are deleted rather
// than kept in clear.
func (s *IDB) reseal(ctx context.Context, open func(v js.Value, store, id string, revision int) (string, error), c Codec, settings string) error {
	current, err := s.currentRevisions(ctx)
	if err != nil {
		return err
	}
	all := map[string][]js.Value{}
	for _, name := range []string{"bodies", "revisions"} {
		v, err := s.rawAll(ctx, name)
		if err != nil {
			return err
		}
		all[name] = v
	}
	var putBodies, putRevs []map[string]any
	var orphans []string
	for _, v := range all["bodies"] {
		id := v.Get("id").String()
		rev, ok := current[id]
		if !ok {
			orphans = append(orphans, id)
			continue
		}
		plain, err := open(v, "bodies", id, rev)
		if err != nil {
			return err
		}
		f, err := s.seal(c, plain, "bodies", id, rev)
		if err != nil {
			return err
		}
		putBodies = append(putBodies, with(f, map[string]any{"id": id}))
	}
	for _, v := range all["revisions"] {
		id, rev := v.Get("id").String(), v.Get("revision").Int()
		plain, err := open(v, "revisions", id, rev)
		if err != nil {
			return err
		}
		f, err := s.seal(c, plain, "revisions", id, rev)
		if err != nil {
			return err
		}
		for _, k := range []string{"id", "revision", "updated", "title", "status", "checkpoint"} {
			if x := v.Get(k); !x.IsUndefined() {
				f[k] = x
			}
		}
		putRevs = append(putRevs, f)
	}
	man, err := s.sealManifest(c, manifest{Seq: 1, Drafts: current}, -1)
	if err != nil {
		return err
	}
	tx, err := s.txn(idb.TransactionReadWrite, "bodies", "revisions", "meta")
	if err != nil {
		return err
	}
	bst, _ := tx.ObjectStore("bodies")
	rst, _ := tx.ObjectStore("revisions")
	mst, _ := tx.ObjectStore("meta")
	for _, id := range orphans {
		if _, err := bst.Delete(js.ValueOf(id)); err != nil {
			return abort(tx, mapErr(err, id))
		}
	}
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
	if _, err := mst.Put(js.ValueOf(man.record)); err != nil {
		return abort(tx, mapErr(err, ""))
	}
	if err := tx.Await(ctx); err != nil {
		return mapErr(err, "")
	}
	s.SetCodec(c, true)
	return nil
}

// setLegacy marks an encrypted store as sealed at Binding 1: nothing is
// written until Rebind.
func (s *IDB) setLegacy(c Codec) {
	s.prot.Store(&protection{codec: c, encrypted: true, legacy: true})
}

// SealedData reports whether the store holds ciphertext, whatever the
// meta record says: it reads the first and the last record of "bodies"
// and of "revisions". Deleting the "protection" record therefore does not
// make the page write in clear; only replacing every record would, and
// that is a different set of drafts (the page then shows them as not
// protected).
func (s *IDB) SealedData(ctx context.Context) (bool, error) {
	if s.closed.Load() || !s.raw.Truthy() {
		return false, ErrClosed
	}
	for _, store := range []string{"bodies", "revisions"} {
		for _, dir := range []string{"next", "prev"} {
			v, err := s.edge(ctx, store, dir)
			if err != nil {
				return false, err
			}
			if f, ok := bodyFields(v); ok && f["enc"] != nil {
				return true, nil
			}
		}
	}
	return false, nil
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
	if err := awaitRaw(ctx, req); err != nil {
		return js.Undefined(), err
	}
	if c := req.Get("result"); c.Truthy() {
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

//go:build js && wasm

package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync/atomic"
	"syscall/js"
	"time"

	"github.com/hack-pad/go-indexeddb/idb"

	"github.com/evidraft/evidraft/locales"
)

// Version is the current database version; Open upgrades older ones.
//
//	1: "drafts" (metadata, indexes "updated" and "kind") and "bodies"
//	2: adds "revisions"
//	3: adds "meta" (key/value: what was exported when)
//	4: adds "list" (the list index, see listindex.go; built at the first
//	   listing); a tab still running older code is closed by the upgrade,
//	   so that nothing writes drafts without updating it
const Version = 4

// MaxRevisions is how many of the newest versions of a draft are all kept,
// the current one included.
const MaxRevisions = 20

// Older versions are thinned as they leave the newest MaxRevisions: one is
// kept when it is a checkpoint (the page marks the first save of each
// visit to a section) or the last save of its KeepEvery window, and at most
// MaxOlder of them, the newest. 20 autosaves are about 15 seconds of
// typing; the older ones keep a day's work within reach.
const (
	KeepEvery = 10 * time.Minute
	MaxOlder  = 100
)

// DefaultTimeout bounds Open: an open that waits longer is blocked by
// another tab that keeps an older version open.
const DefaultTimeout = 5 * time.Second

// Options configure Open.
type Options struct {
	Name    string        // database name; portals prefix it to keep their drafts apart
	Timeout time.Duration // DefaultTimeout if zero
	Version uint          // Version if zero; tests open older versions
	// OnVersionChange is called when another tab upgrades the database;
	// this handle is then closed and every call fails with ErrClosed.
	OnVersionChange func()
}

// IDB is a DraftStore over IndexedDB.
type IDB struct {
	db     *idb.Database
	raw    js.Value // the same connection as db, for bulk reads go-indexeddb lacks
	name   string
	closed atomic.Bool
	prot   atomic.Pointer[protection]
	// manCache is the manifest this handle wrote last (manifest.go).
	manCache atomic.Pointer[manifest]
}

// Available reports whether the browser offers IndexedDB at all.
func Available() bool {
	v := js.Global().Get("indexedDB")
	return v.Truthy()
}

// Open opens (creating or upgrading) the named database.
func Open(ctx context.Context, o Options) (s *IDB, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, &locales.Error{Code: "store.unavailable", Err: fmt.Errorf("%v", r)}
		}
	}()
	if !Available() {
		return nil, &locales.Error{Code: "store.unavailable", Err: errors.New("indexedDB is not defined")}
	}
	if o.Timeout == 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Version == 0 {
		o.Version = Version
	}
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	// The upgrade listener lives as long as the request, not as long as
	// ctx: an open that timed out still goes ahead when the tab that
	// blocked it closes, and must then upgrade the database properly (with
	// no listener, the database would be left at the new version without
	// its object stores).
	upgradeCtx, upgradeDone := context.WithCancel(context.Background())
	req, err := idb.Global().Open(upgradeCtx, o.Name, o.Version, safeUpgrade)
	if err != nil {
		upgradeDone()
		return nil, mapErr(err, "")
	}
	db, err := req.Await(ctx)
	// When ctx ends first, go-indexeddb's Await returns no error and the
	// request is still pending. Reading its result then throws
	// InvalidStateError from a getter: an exception that unwinds through
	// the Go program (recover never sees it) and leaves the runtime
	// broken. A tab holding an older version open, or a page keeping the
	// event loop busy for the whole timeout, did that.
	if state, _ := req.Request.ReadyState(); state != "done" {
		// Should it open later, that connection is closed at once.
		closeLate := func() {
			if raw, err := req.Request.Result(); err == nil && raw.Type() == js.TypeObject {
				raw.Call("close")
			}
			upgradeDone()
		}
		if req.Request.Listen(context.Background(), closeLate, upgradeDone) != nil {
			upgradeDone()
		}
		return nil, &locales.Error{Code: "store.blocked", Err: fmt.Errorf("opening %q took longer than %v", o.Name, o.Timeout)}
	}
	upgradeDone()
	if err != nil {
		return nil, mapErr(err, "")
	}
	s = &IDB{db: db, name: o.Name}
	if raw, err := req.Request.Result(); err == nil {
		s.raw = raw
		onChange := js.FuncOf(func(js.Value, []js.Value) any {
			s.closed.Store(true)
			if o.OnVersionChange != nil {
				go o.OnVersionChange()
			}
			return nil
		})
		raw.Call("addEventListener", "versionchange", onChange)
		raw.Call("addEventListener", "close", onChange)
	}
	return s, nil
}

// safeUpgrade is upgrade as go-indexeddb calls it: from a js.FuncOf
// callback, where it panics with any error returned, and a panic there
// ends the Go program. A failed upgrade closes the connection instead, so
// that the store is not used half made.
func safeUpgrade(db *idb.Database, oldVersion, newVersion uint) error {
	err := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("upgrade: %v", r)
			}
		}()
		return upgrade(db, oldVersion, newVersion)
	}()
	if err != nil {
		func() {
			defer func() { recover() }()
			js.Global().Get("console").Call("error", "evidraft: upgrading the database: "+err.Error())
			db.Close()
		}()
	}
	return nil
}

// upgrade brings a database from oldVersion to newVersion. It must not
// wait for anything (awaiting inside the upgrade callback hangs).
func upgrade(db *idb.Database, oldVersion, newVersion uint) error {
	id := js.ValueOf("id")
	if oldVersion < 1 {
		drafts, err := db.CreateObjectStore("drafts", idb.ObjectStoreOptions{KeyPath: id})
		if err != nil {
			return err
		}
		if _, err := drafts.CreateIndex("updated", js.ValueOf("updated"), idb.IndexOptions{}); err != nil {
			return err
		}
		if _, err := drafts.CreateIndex("kind", js.ValueOf("kind"), idb.IndexOptions{}); err != nil {
			return err
		}
		if _, err := db.CreateObjectStore("bodies", idb.ObjectStoreOptions{KeyPath: id}); err != nil {
			return err
		}
	}
	if oldVersion < 2 && newVersion >= 2 {
		key := js.ValueOf([]any{"id", "revision"})
		if _, err := db.CreateObjectStore("revisions", idb.ObjectStoreOptions{KeyPath: key}); err != nil {
			return err
		}
	}
	if oldVersion < 3 && newVersion >= 3 {
		if _, err := db.CreateObjectStore("meta", idb.ObjectStoreOptions{KeyPath: js.ValueOf("key")}); err != nil {
			return err
		}
	}
	if oldVersion < 4 && newVersion >= 4 {
		if _, err := db.CreateObjectStore("list", idb.ObjectStoreOptions{KeyPath: js.ValueOf("key")}); err != nil {
			return err
		}
	}
	return nil
}

// Delete removes a whole database (tests use unique names and delete them).
func Delete(ctx context.Context, name string) error {
	req, err := idb.Global().DeleteDatabase(name)
	if err != nil {
		return mapErr(err, "")
	}
	return mapErr(req.Await(ctx), "")
}

// Close closes the database handle.
func (s *IDB) Close() error {
	s.closed.Store(true)
	return s.db.Close()
}

// Name returns the database name.
func (s *IDB) Name() string { return s.name }

func (s *IDB) txn(mode idb.TransactionMode, stores ...string) (*idb.Transaction, error) {
	if s.closed.Load() {
		return nil, &locales.Error{Code: "store.closed"}
	}
	t, err := s.db.Transaction(mode, stores[0], stores[1:]...)
	if err != nil {
		return nil, mapErr(err, "")
	}
	return t, nil
}

// NewID returns a random draft id (UUID version 4).
func NewID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// clock is where the store takes the time of a save from; tests set it.
var clock = time.Now

func now() string { return clock().UTC().Format("2006-01-02T15:04:05.000Z") }

// Save stores r as a new revision. r.Revision must be the revision it was
// read at (0 for a new draft); otherwise nothing is written and the error
// is ErrStale. The returned record carries the new revision.
func (s *IDB) Save(ctx context.Context, r Record) (Record, error) {
	if len(r.Body) == 0 || !json.Valid(r.Body) {
		return Record{}, &locales.Error{Code: "store.corrupt", ID: r.ID, Err: errors.New("body is not JSON")}
	}
	if r.ID == "" {
		if r.Revision != 0 {
			return Record{}, &locales.Error{Code: "store.notFound", Err: errors.New("a record without id must have revision 0")}
		}
		r.ID = NewID()
	}
	if r.Status == "" {
		r.Status = "draft"
	}
	// Everything is prepared before the transaction opens: waiting on
	// anything but its own requests would end it.
	t := now()
	body, err := s.sealFor(string(r.Body), r.ID, r.Revision+1)
	if err != nil {
		return Record{}, err
	}
	plain := r.Body
	var saved Record
	err = s.withManifest(ctx, func(m map[string]int) { m[r.ID] = r.Revision + 1 }, func(m *sealedManifest) (err error) {
		body.manifest = m
		saved, err = s.write(ctx, r.ID, r.Revision, func(old *Record) (Record, bool) {
			n := r
			n.Body = nil
			n.Revision = r.Revision + 1
			n.Updated = t
			n.Created = t
			if old != nil {
				n.Created = old.Created
				n.Trashed = old.Trashed
			}
			return n, true
		}, body)
		return err
	})
	saved.Body = plain
	return saved, err
}

// write runs one read-check-write transaction: it reads the stored
// metadata, refuses a stale expected revision (expect < 0 skips the check),
// lets change compute the new metadata, and stores it with the body's
// fields (sealFor, for the new revision; nil copies the stored body, which
// only a store in clear can do) and a revision entry. The returned record
// has no body.
func (s *IDB) write(ctx context.Context, id string, expect int, change func(old *Record) (Record, bool), body *sealed) (Record, error) {
	tx, err := s.txn(idb.TransactionReadWrite, "drafts", "bodies", "revisions", "list", "meta")
	if err != nil {
		return Record{}, err
	}
	drafts, _ := tx.ObjectStore("drafts")
	bodies, _ := tx.ObjectStore("bodies")
	revs, _ := tx.ObjectStore("revisions")
	list, err := newListTx(tx)
	if err != nil {
		return Record{}, abort(tx, mapErr(err, id))
	}
	inClear := s.stillInClear(tx)
	man := manifestCheck(tx, body.manifestOf())
	var old *Record
	req, err := drafts.Get(js.ValueOf(id))
	if err != nil {
		return Record{}, abort(tx, mapErr(err, id))
	}
	list.prefetch(id)
	if err := inClear(ctx); err != nil {
		return Record{}, abort(tx, err)
	}
	if err := man(ctx); err != nil {
		return Record{}, abort(tx, err)
	}
	v, err := req.Await(ctx)
	if err != nil {
		return Record{}, abort(tx, mapErr(err, id))
	}
	if v.Truthy() {
		o, err := decodeMeta(v)
		if err != nil {
			return Record{}, abort(tx, &locales.Error{Code: "store.corrupt", ID: id, Err: err})
		}
		old = &o
	}
	switch {
	case old == nil && expect > 0:
		return Record{}, abort(tx, &locales.Error{Code: "store.notFound", ID: id})
	case old != nil && expect >= 0 && old.Revision != expect:
		return Record{}, abort(tx, &locales.Error{Code: "store.stale", ID: id, Err: fmt.Errorf("saved at revision %d, stored revision is %d", expect, old.Revision)})
	}
	n, ok := change(old)
	if !ok {
		return Record{}, abort(tx, &locales.Error{Code: "store.notFound", ID: id})
	}
	var bf, rf map[string]any
	switch {
	case body != nil && body.revision != n.Revision:
		return Record{}, abort(tx, &locales.Error{Code: "store.stale", ID: id, Err: fmt.Errorf("sealed for revision %d, writing %d", body.revision, n.Revision)})
	case body != nil:
		bf, rf = body.body, body.rev
	default:
		if enc, _ := s.Encrypted(); enc {
			return Record{}, abort(tx, &locales.Error{Code: "store.internal", ID: id, Err: errors.New("an encrypted body must be sealed again for its new revision")})
		}
		breq, err := bodies.Get(js.ValueOf(id))
		if err != nil {
			return Record{}, abort(tx, mapErr(err, id))
		}
		bv, err := breq.Await(ctx)
		if err != nil {
			return Record{}, abort(tx, mapErr(err, id))
		}
		f, ok := bodyFields(bv)
		if !bv.Truthy() || !ok || f["json"] == nil {
			return Record{}, abort(tx, &locales.Error{Code: "store.corrupt", ID: id, Err: errors.New("body missing")})
		}
		bf, rf = f, f
	}
	if _, err := drafts.Put(encodeMeta(n)); err != nil {
		return Record{}, abort(tx, mapErr(err, id))
	}
	if err := list.set(ctx, n); err != nil {
		return Record{}, abort(tx, mapErr(err, id))
	}
	if err := list.flush(); err != nil {
		return Record{}, abort(tx, mapErr(err, id))
	}
	if _, err := bodies.Put(js.ValueOf(with(bf, map[string]any{"id": id}))); err != nil {
		return Record{}, abort(tx, mapErr(err, id))
	}
	rev := with(rf, map[string]any{"id": id, "revision": n.Revision, "updated": n.Updated, "title": n.Title, "status": n.Status})
	if n.Checkpoint {
		rev["checkpoint"] = true
	}
	if _, err := revs.Put(js.ValueOf(rev)); err != nil {
		return Record{}, abort(tx, mapErr(err, id))
	}
	if n.Revision > MaxRevisions {
		if err := thin(ctx, revs, id, n.Revision-MaxRevisions); err != nil {
			return Record{}, abort(tx, mapErr(err, id))
		}
	}
	if err := tx.Await(ctx); err != nil {
		return Record{}, mapErr(err, id)
	}
	return n, nil
}

// thin decides on revision r, which has just left the newest MaxRevisions:
// it stays if it is a checkpoint or the last save of its KeepEvery window
// (the next revision is in another one), and the older versions are then
// cut to the newest MaxOlder. It waits only on the transaction's requests.
func thin(ctx context.Context, revs *idb.ObjectStore, id string, r int) error {
	get := func(n int) (js.Value, error) {
		req, err := revs.Get(js.ValueOf([]any{id, n}))
		if err != nil {
			return js.Undefined(), err
		}
		return req.Await(ctx)
	}
	v, err := get(r)
	if err != nil {
		return err
	}
	if v.Truthy() {
		next, err := get(r + 1)
		if err != nil {
			return err
		}
		keep := v.Get("checkpoint").Truthy() || !next.Truthy() || window(v.Get("updated").String()) != window(next.Get("updated").String())
		if !keep {
			if _, err := revs.Delete(js.ValueOf([]any{id, r})); err != nil {
				return err
			}
		}
	}
	kr, err := idb.NewKeyRangeBound(js.ValueOf([]any{id, 0}), js.ValueOf([]any{id, r}), false, false)
	if err != nil {
		return err
	}
	req, err := revs.GetAllKeysRange(kr, 0)
	if err != nil {
		return err
	}
	keys, err := req.Await(ctx)
	if err != nil {
		return err
	}
	if extra := len(keys) - MaxOlder; extra > 0 {
		if _, err := revs.Delete(bound(id, 0, keys[extra-1].Index(1).Int())); err != nil {
			return err
		}
	}
	return nil
}

// window numbers the KeepEvery window a save time falls in.
func window(updated string) int64 {
	t, err := time.Parse(time.RFC3339Nano, updated)
	if err != nil {
		return 0
	}
	return t.UnixNano() / int64(KeepEvery)
}

func abort(tx *idb.Transaction, err error) error {
	tx.Abort()
	return err
}

// Get returns the draft with id, body included.
func (s *IDB) Get(ctx context.Context, id string) (Record, error) {
	tx, err := s.txn(idb.TransactionReadOnly, "drafts", "bodies")
	if err != nil {
		return Record{}, err
	}
	drafts, _ := tx.ObjectStore("drafts")
	bodies, _ := tx.ObjectStore("bodies")
	mreq, err := drafts.Get(js.ValueOf(id))
	if err != nil {
		return Record{}, mapErr(err, id)
	}
	breq, err := bodies.Get(js.ValueOf(id))
	if err != nil {
		return Record{}, mapErr(err, id)
	}
	mv, err := mreq.Await(ctx)
	if err != nil {
		return Record{}, mapErr(err, id)
	}
	bv, err := breq.Await(ctx)
	if err != nil {
		return Record{}, mapErr(err, id)
	}
	if !mv.Truthy() {
		return Record{}, &locales.Error{Code: "store.notFound", ID: id}
	}
	r, err := decodeMeta(mv)
	if err != nil {
		return Record{}, &locales.Error{Code: "store.corrupt", ID: id, Err: err}
	}
	text, err := s.openBody(bv, "bodies", id, r.Revision)
	if err != nil {
		return Record{}, err
	}
	if !json.Valid([]byte(text)) {
		return Record{}, &locales.Error{Code: "store.corrupt", ID: id, Err: errors.New("body is not JSON")}
	}
	r.Body = json.RawMessage(text)
	return r, nil
}

// List returns drafts' metadata, newest first, filtered by o. Records that
// cannot be read are skipped, so one corrupt record does not hide the rest.
func (s *IDB) List(ctx context.Context, o ListOptions) ([]Record, error) {
	if s.closed.Load() {
		return nil, ErrClosed
	}
	if o.newestFew() {
		return s.listCursor(ctx, o) // the newest few: stop early
	}
	return s.listAll(ctx, o)
}

// newestFew: o asks for at most 200 live drafts of any kind and status,
// which a cursor on the "updated" index finds without reading the rest
// (14 ms for 50 of 10,000).
func (o ListOptions) newestFew() bool {
	return o.Kind == "" && o.Status == "" && !o.Trash && o.Limit > 0 && o.Limit <= 200
}

// listAll reads every record's metadata with one getAll on the "updated"
// index and one JSON round trip, then filters in Go: a walk with a cursor
// costs a Go/JS round trip per record (0.9 s for 10,000).
func (s *IDB) listAll(ctx context.Context, o ListOptions) ([]Record, error) {
	if !s.raw.Truthy() {
		return s.listCursor(ctx, o)
	}
	text, err := s.getAll(ctx, "drafts", "updated")
	if err != nil {
		return nil, err
	}
	all, err := decodeRecords(text)
	if err != nil {
		return nil, err
	}
	out := []Record{}
	for i := len(all) - 1; i >= 0; i-- { // the index is oldest first
		r := all[i]
		if r.ID == "" || r.Revision < 1 {
			continue // corrupt: skipped, as Get reports it
		}
		if (r.Trashed != "") != o.Trash || (o.Status != "" && r.Status != o.Status) || (o.Kind != "" && r.Kind != o.Kind) {
			continue
		}
		out = append(out, r)
		if o.Limit > 0 && len(out) >= o.Limit {
			break
		}
	}
	return out, nil
}

// decodeRecords decodes a getAll result given as JSON text: in one pass
// in the common case, record by record when one is corrupt (it is then
// left empty, and an empty ID makes the callers skip it).
func decodeRecords(text string) ([]Record, error) {
	var all []Record
	if err := json.Unmarshal([]byte(text), &all); err != nil {
		var raws []json.RawMessage
		if err := json.Unmarshal([]byte(text), &raws); err != nil {
			return nil, &locales.Error{Code: "store.corrupt", Err: err}
		}
		all = make([]Record, len(raws))
		for i, raw := range raws {
			if json.Unmarshal(raw, &all[i]) != nil {
				all[i] = Record{}
			}
		}
	}
	return all, nil
}

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
	req := src.Call("getAll")
	if err := awaitRaw(ctx, req); err != nil {
		return js.Undefined(), err
	}
	return req.Get("result"), nil
}

// awaitRaw waits for a raw IDBRequest to succeed or fail.
func awaitRaw(ctx context.Context, req js.Value) error {
	done := make(chan error, 1)
	onOK := js.FuncOf(func(js.Value, []js.Value) any { done <- nil; return nil })
	onErr := js.FuncOf(func(js.Value, []js.Value) any { done <- mapErr(js.Error{Value: req.Get("error")}, ""); return nil })
	defer onOK.Release()
	defer onErr.Release()
	req.Set("onsuccess", onOK)
	req.Set("onerror", onErr)
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// listCursor walks the "updated" index (or the "kind" index) with a
// cursor, newest first.
func (s *IDB) listCursor(ctx context.Context, o ListOptions) ([]Record, error) {
	tx, err := s.txn(idb.TransactionReadOnly, "drafts")
	if err != nil {
		return nil, err
	}
	drafts, _ := tx.ObjectStore("drafts")
	index, err := drafts.Index("updated")
	if err != nil {
		return nil, mapErr(err, "")
	}
	var cur *idb.CursorWithValueRequest
	if o.Kind != "" {
		// the kind index narrows the walk; sort afterwards
		ki, err := drafts.Index("kind")
		if err != nil {
			return nil, mapErr(err, "")
		}
		kr, err := idb.NewKeyRangeOnly(js.ValueOf(o.Kind))
		if err != nil {
			return nil, mapErr(err, "")
		}
		cur, err = ki.OpenCursorRange(kr, idb.CursorNext)
		if err != nil {
			return nil, mapErr(err, "")
		}
	} else {
		cur, err = index.OpenCursor(idb.CursorPrevious)
		if err != nil {
			return nil, mapErr(err, "")
		}
	}
	stringify := js.Global().Get("JSON").Get("stringify")
	var out []Record
	err = cur.Iter(ctx, func(c *idb.CursorWithValue) error {
		v, err := c.Value()
		if err != nil {
			return err
		}
		var r Record
		if json.Unmarshal([]byte(stringify.Invoke(v).String()), &r) != nil || r.ID == "" {
			return nil // corrupt: skipped
		}
		if (r.Trashed != "") != o.Trash || (o.Status != "" && r.Status != o.Status) {
			return nil
		}
		out = append(out, r)
		if o.Kind == "" && o.Limit > 0 && len(out) >= o.Limit {
			return idb.ErrCursorStopIter
		}
		return nil
	})
	if err != nil {
		return nil, mapErr(err, "")
	}
	if o.Kind != "" {
		slices.SortStableFunc(out, func(a, b Record) int { return -compareStrings(a.Updated, b.Updated) })
		if o.Limit > 0 && len(out) > o.Limit {
			out = out[:o.Limit]
		}
	}
	if out == nil {
		out = []Record{}
	}
	return out, nil
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Trash moves a draft to the trash; Restore brings it back. Both are
// changes like any other: they take a new revision.
func (s *IDB) Trash(ctx context.Context, id string) (Record, error) {
	t := now()
	return s.move(ctx, id, func(old Record) Record {
		old.Trashed, old.Updated = t, t
		return old
	})
}

// Restore takes a draft out of the trash.
func (s *IDB) Restore(ctx context.Context, id string) (Record, error) {
	t := now()
	return s.move(ctx, id, func(old Record) Record {
		old.Trashed, old.Updated = "", t
		return old
	})
}

// move saves a change of metadata as a new revision with the same body.
// In clear the body is copied inside the transaction. Encrypted, it is
// read, and sealed again for the new revision, first: a ciphertext is
// bound to its revision. Should another tab save in between, it tries
// again.
func (s *IDB) move(ctx context.Context, id string, change func(old Record) Record) (Record, error) {
	step := func(old *Record) (Record, bool) {
		if old == nil {
			return Record{}, false
		}
		n := change(*old)
		n.Revision = old.Revision + 1
		return n, true
	}
	if enc, _ := s.Encrypted(); !enc {
		return s.write(ctx, id, -1, step, nil)
	}
	for attempt := 0; ; attempt++ {
		cur, err := s.Get(ctx, id)
		if err != nil {
			return Record{}, err
		}
		body, err := s.sealFor(string(cur.Body), id, cur.Revision+1)
		if err != nil {
			return Record{}, err
		}
		var n Record
		err = s.withManifest(ctx, func(m map[string]int) { m[id] = cur.Revision + 1 }, func(m *sealedManifest) (err error) {
			body.manifest = m
			n, err = s.write(ctx, id, cur.Revision, step, body)
			return err
		})
		if errors.Is(err, ErrStale) && attempt < 3 {
			continue
		}
		return n, err
	}
}

// Purge deletes a draft, its body and its revisions for good.
func (s *IDB) Purge(ctx context.Context, id string) error {
	return s.withManifest(ctx, func(m map[string]int) { delete(m, id) }, func(m *sealedManifest) error { return s.purge(ctx, id, m) })
}

func (s *IDB) purge(ctx context.Context, id string, m *sealedManifest) error {
	tx, err := s.txn(idb.TransactionReadWrite, "drafts", "bodies", "revisions", "list", "meta")
	if err != nil {
		return err
	}
	drafts, _ := tx.ObjectStore("drafts")
	bodies, _ := tx.ObjectStore("bodies")
	revs, _ := tx.ObjectStore("revisions")
	list, err := newListTx(tx)
	if err != nil {
		return abort(tx, mapErr(err, id))
	}
	man := manifestCheck(tx, m)
	req, err := drafts.Get(js.ValueOf(id))
	if err != nil {
		return abort(tx, mapErr(err, id))
	}
	if err := man(ctx); err != nil {
		return abort(tx, err)
	}
	v, err := req.Await(ctx)
	if err != nil {
		return abort(tx, mapErr(err, id))
	}
	if !v.Truthy() {
		return abort(tx, &locales.Error{Code: "store.notFound", ID: id})
	}
	for _, del := range []func() error{
		func() error { _, err := drafts.Delete(js.ValueOf(id)); return err },
		func() error { _, err := bodies.Delete(js.ValueOf(id)); return err },
		func() error { _, err := revs.Delete(bound(id, 0, math.MaxInt32)); return err },
		func() error { return list.remove(ctx, id) },
		list.flush,
	} {
		if err := del(); err != nil {
			return abort(tx, mapErr(err, id))
		}
	}
	return mapErr(tx.Await(ctx), id)
}

// Revisions returns the kept versions of a draft, newest first.
func (s *IDB) Revisions(ctx context.Context, id string) ([]Revision, error) {
	tx, err := s.txn(idb.TransactionReadOnly, "revisions")
	if err != nil {
		return nil, err
	}
	revs, _ := tx.ObjectStore("revisions")
	kr, _ := idb.NewKeyRangeBound(js.ValueOf([]any{id, 0}), js.ValueOf([]any{id, math.MaxInt32}), false, false)
	cur, err := revs.OpenCursorRange(kr, idb.CursorPrevious)
	if err != nil {
		return nil, mapErr(err, id)
	}
	var out []Revision
	var raw []js.Value
	err = cur.Iter(ctx, func(c *idb.CursorWithValue) error {
		v, err := c.Value()
		if err != nil {
			return err
		}
		r := Revision{ID: v.Get("id").String(), Revision: v.Get("revision").Int(), Updated: v.Get("updated").String(),
			Title: v.Get("title").String(), Status: v.Get("status").String(), Checkpoint: v.Get("checkpoint").Truthy()}
		raw = append(raw, v)
		out = append(out, r)
		return nil
	})
	if err != nil {
		return nil, mapErr(err, id)
	}
	// Decrypted after the transaction: WebCrypto would end it.
	for i, v := range raw {
		if text, err := s.openBody(v, "revisions", id, out[i].Revision); err == nil {
			out[i].Body = json.RawMessage(text)
		} else if errors.Is(err, ErrLocked) {
			return nil, err
		}
	}
	if out == nil {
		out = []Revision{}
	}
	return out, nil
}

// Revert saves the body of an earlier revision as a new revision, so that
// a revert can itself be undone. from is the revision the caller holds.
func (s *IDB) Revert(ctx context.Context, id string, revision, from int) (Record, error) {
	revs, err := s.Revisions(ctx, id)
	if err != nil {
		return Record{}, err
	}
	i := slices.IndexFunc(revs, func(r Revision) bool { return r.Revision == revision })
	if i < 0 {
		return Record{}, &locales.Error{Code: "store.notFound", ID: id, Err: fmt.Errorf("no revision %d", revision)}
	}
	cur, err := s.Get(ctx, id)
	if err != nil {
		return Record{}, err
	}
	cur.Body = revs[i].Body
	cur.Title = revs[i].Title
	if from >= 0 {
		cur.Revision = from // else from the stored revision: Save refuses it if another save comes first
	}
	return s.Save(ctx, cur)
}

// bound is the key range of a draft's revisions from..to, as a raw
// IDBKeyRange (the idb package does not hand one out for Delete).
func bound(id string, from, to int) js.Value {
	return js.Global().Get("IDBKeyRange").Call("bound", js.ValueOf([]any{id, from}), js.ValueOf([]any{id, to}))
}

func encodeMeta(r Record) js.Value {
	r.Body = nil
	r.Checkpoint = false // a mark of the revision, not of the draft
	b, _ := json.Marshal(r)
	return js.Global().Get("JSON").Call("parse", string(b))
}

func decodeMeta(v js.Value) (Record, error) {
	var r Record
	if v.Type() != js.TypeObject {
		return r, errors.New("record is not an object")
	}
	if err := json.Unmarshal([]byte(js.Global().Get("JSON").Call("stringify", v).String()), &r); err != nil {
		return r, err
	}
	if r.ID == "" || r.Revision < 1 {
		return r, errors.New("record lacks id or revision")
	}
	return r, nil
}

// mapErr turns browser errors into typed store errors by DOMException name.
func mapErr(err error, id string) error {
	if err == nil {
		return nil
	}
	if locales.Code(err) != "" {
		return err
	}
	name := ""
	var jsErr js.Error
	if errors.As(err, &jsErr) && jsErr.Value.Type() == js.TypeObject {
		name = jsErr.Value.Get("name").String()
	} else if errors.As(err, &jsErr) {
		// A transaction's error is null when it was aborted: js.Error's
		// own Error method would panic on it.
		err = errors.New("the browser gave no error object (" + jsErr.Value.Type().String() + ")")
	}
	for _, n := range []string{"QuotaExceededError", "InvalidStateError", "DataCloneError", "DataError"} {
		if errors.Is(err, idb.NewDOMException(n)) {
			name = n
		}
	}
	switch name {
	case "QuotaExceededError":
		return &locales.Error{Code: "store.quota", ID: id, Err: err}
	case "InvalidStateError":
		return &locales.Error{Code: "store.closed", ID: id, Err: err}
	case "DataCloneError", "DataError":
		return &locales.Error{Code: "store.corrupt", ID: id, Err: err}
	}
	return &locales.Error{Code: "store.internal", ID: id, Err: err}
}

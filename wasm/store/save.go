//go:build js && wasm

package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"syscall/js"

	"github.com/hack-pad/go-indexeddb/idb"

	"github.com/evidraft/evidraft/locales"
)

// NewID returns a random draft id (UUID version 4).
func NewID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// now is the time of a change, as the store writes it, from the handle's
// clock (Options.Now).
func (s *IDB) now() string { return s.clock().UTC().Format("2006-01-02T15:04:05.000Z") }

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
	t := s.now()
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
// only a store in clear can do) as a new version (putVersion). The
// returned record has no body.
func (s *IDB) write(ctx context.Context, id string, expect int, change func(old *Record) (Record, bool), body *sealed) (Record, error) {
	w, err := s.versionTx()
	if err != nil {
		return Record{}, err
	}
	tx := w.tx
	inClear := s.stillInClear(tx)
	man := manifestCheck(tx, body.manifestOf())
	req, err := w.drafts.Get(js.ValueOf(id))
	if err != nil {
		return Record{}, abort(tx, mapErr(err, id))
	}
	w.list.prefetch(id)
	if err := inClear(ctx); err != nil {
		return Record{}, abort(tx, err)
	}
	if err := man(ctx); err != nil {
		return Record{}, abort(tx, err)
	}
	old, err := metaOf(ctx, req, id)
	if err != nil {
		return Record{}, abort(tx, err)
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
		breq, err := w.bodies.Get(js.ValueOf(id))
		if err != nil {
			return Record{}, abort(tx, mapErr(err, id))
		}
		bv, err := wait(ctx, breq)
		if err != nil {
			return Record{}, abort(tx, mapErr(err, id))
		}
		f, ok := bodyFields(bv)
		if !ok || f["json"] == nil {
			return Record{}, abort(tx, &locales.Error{Code: "store.corrupt", ID: id, Err: errors.New("body missing")})
		}
		bf, rf = f, f
	}
	if err := w.putVersion(ctx, n, bf, rf); err != nil {
		return Record{}, abort(tx, mapErr(err, id))
	}
	if err := w.commit(ctx, id); err != nil {
		return Record{}, err
	}
	return n, nil
}

// writeStores are the object stores a write of a version holds.
var writeStores = []string{"drafts", "bodies", "revisions", "list", "meta"}

// versionTx is a read-write transaction over writeStores, for writing
// versions of drafts (Save, Trash, Restore, Revert, Import) or deleting
// them (Purge).
type versionTx struct {
	tx                   *idb.Transaction
	drafts, bodies, revs *idb.ObjectStore
	list                 *listTx
}

func (s *IDB) versionTx() (*versionTx, error) {
	tx, err := s.txn(idb.TransactionReadWrite, writeStores...)
	if err != nil {
		return nil, err
	}
	w := &versionTx{tx: tx}
	w.drafts, _ = tx.ObjectStore("drafts")
	w.bodies, _ = tx.ObjectStore("bodies")
	w.revs, _ = tx.ObjectStore("revisions")
	if w.list, err = newListTx(tx); err != nil {
		return nil, abort(tx, mapErr(err, ""))
	}
	return w, nil
}

// putVersion writes n as its draft's current version: its metadata, its
// line of the list index, its body (the fields bf: its text, or its
// ciphertext for "bodies") and its revision record (rf, for
// "revisions"), then thins the older versions. It is the one place that
// writes a version; it waits only on the transaction's own requests.
func (w *versionTx) putVersion(ctx context.Context, n Record, bf, rf map[string]any) error {
	if _, err := w.drafts.Put(encodeMeta(n)); err != nil {
		return err
	}
	if err := w.list.set(ctx, n); err != nil {
		return err
	}
	if _, err := w.bodies.Put(js.ValueOf(with(bf, map[string]any{"id": n.ID}))); err != nil {
		return err
	}
	rev := with(rf, map[string]any{"id": n.ID, "revision": n.Revision, "updated": n.Updated, "title": n.Title, "status": n.Status})
	if n.Checkpoint {
		rev["checkpoint"] = true
	}
	if _, err := w.revs.Put(js.ValueOf(rev)); err != nil {
		return err
	}
	if n.Revision > MaxRevisions {
		return thin(ctx, w.revs, n.ID, n.Revision-MaxRevisions)
	}
	return nil
}

// commit writes the changed buckets of the list index and waits for the
// transaction to complete.
func (w *versionTx) commit(ctx context.Context, id string) error {
	if err := w.list.flush(); err != nil {
		return abort(w.tx, mapErr(err, id))
	}
	return mapErr(w.tx.Await(ctx), id)
}

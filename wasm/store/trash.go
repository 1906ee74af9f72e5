//go:build js && wasm

package store

import (
	"context"
	"errors"
	"math"
	"syscall/js"

	"github.com/evidraft/evidraft/locales"
)

// Trash moves a draft to the trash; Restore brings it back. Both are
// changes like any other: they take a new revision.
func (s *IDB) Trash(ctx context.Context, id string) (Record, error) {
	t := s.now()
	return s.move(ctx, id, func(old Record) Record {
		old.Trashed, old.Updated = t, t
		return old
	})
}

// Restore takes a draft out of the trash.
func (s *IDB) Restore(ctx context.Context, id string) (Record, error) {
	t := s.now()
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
	w, err := s.versionTx()
	if err != nil {
		return err
	}
	man := manifestCheck(w.tx, m)
	req, err := w.drafts.Get(js.ValueOf(id))
	if err != nil {
		return abort(w.tx, mapErr(err, id))
	}
	if err := man(ctx); err != nil {
		return abort(w.tx, err)
	}
	v, err := wait(ctx, req)
	if err != nil {
		return abort(w.tx, mapErr(err, id))
	}
	if !v.Truthy() {
		return abort(w.tx, &locales.Error{Code: "store.notFound", ID: id})
	}
	for _, del := range []func() error{
		func() error { _, err := w.drafts.Delete(js.ValueOf(id)); return err },
		func() error { _, err := w.bodies.Delete(js.ValueOf(id)); return err },
		func() error { _, err := w.revs.Delete(bound(id, 0, math.MaxInt32)); return err },
		func() error { return w.list.remove(ctx, id) },
	} {
		if err := del(); err != nil {
			return abort(w.tx, mapErr(err, id))
		}
	}
	return w.commit(ctx, id)
}

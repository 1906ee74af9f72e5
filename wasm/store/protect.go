//go:build js && wasm

package store

import (
	"context"
	"errors"
	"fmt"
	"syscall/js"

	"github.com/hack-pad/go-indexeddb/idb"

	"github.com/evidraft/evidraft/locales"
)

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

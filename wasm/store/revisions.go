//go:build js && wasm

package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"syscall/js"
	"time"

	"github.com/hack-pad/go-indexeddb/idb"

	"github.com/evidraft/evidraft/locales"
)

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
		return wait(ctx, req)
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
	keys, err := wait(ctx, req.Request)
	if err != nil {
		return err
	}
	if extra := keys.Length() - MaxOlder; extra > 0 {
		if _, err := revs.Delete(bound(id, 0, keys.Index(extra-1).Index(1).Int())); err != nil {
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

// bound is the key range of a draft's revisions from..to, as a raw
// IDBKeyRange (the idb package does not hand one out for Delete).
func bound(id string, from, to int) js.Value {
	return js.Global().Get("IDBKeyRange").Call("bound", js.ValueOf([]any{id, from}), js.ValueOf([]any{id, to}))
}

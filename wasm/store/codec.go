//go:build js && wasm

package store

import (
	"context"
	"encoding/json"
	"errors"
	"syscall/js"

	"github.com/hack-pad/go-indexeddb/idb"

	"github.com/evidraft/evidraft/locales"
)

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
	mv, err := wait(ctx, mreq)
	if err != nil {
		return Record{}, mapErr(err, id)
	}
	bv, err := wait(ctx, breq)
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

// metaOf waits for a request of a draft's metadata in "drafts": nil
// when there is none.
func metaOf(ctx context.Context, req *idb.Request, id string) (*Record, error) {
	v, err := wait(ctx, req)
	if err != nil {
		return nil, mapErr(err, id)
	}
	if !v.Truthy() {
		return nil, nil
	}
	r, err := decodeMeta(v)
	if err != nil {
		return nil, &locales.Error{Code: "store.corrupt", ID: id, Err: err}
	}
	return &r, nil
}

// encodeMeta is the stored form of a draft's metadata.
func encodeMeta(r Record) js.Value {
	r.Body = nil
	r.Checkpoint = false // a mark of the revision, not of the draft
	b, _ := json.Marshal(r)
	return js.Global().Get("JSON").Call("parse", string(b))
}

// decodeMeta reads a draft's stored metadata.
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

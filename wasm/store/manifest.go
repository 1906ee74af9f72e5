//go:build js && wasm

package store

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"maps"
	"slices"
	"strconv"
	"syscall/js"

	"github.com/hack-pad/go-indexeddb/idb"

	"github.com/evidraft/evidraft/locales"
)

// The manifest of a protected store: every draft's id and revision,
// authenticated with the drafts' key (AES-GCM with no plaintext, the list
// as additional data: a GMAC), in the meta record "manifest". Each write
// changes it in the same transaction. Ciphertexts bound to their draft
// and revision (atrest.go) stop a moved or changed body; the manifest
// stops what leaves every remaining body intact: a draft deleted, a draft
// set back to an older revision with its older records, a deleted draft
// put back. VerifyManifest compares it with the drafts at unlock.
//
// What no key can stop: someone who saved a copy of the whole database
// can put all of it back, manifest included; that is an older state of
// the drafts, complete and consistent.

const manifestKey = "manifest"

type manifest struct {
	Seq    int            `json:"seq"`
	Drafts map[string]int `json:"drafts"` // id -> revision; encoding/json writes the keys sorted
}

// manifestAD is the additional data the manifest's text is authenticated
// as: the text, bound to this database.
func (s *IDB) manifestAD(text []byte) []byte {
	return append([]byte("evidraft/manifest/"+strconv.Itoa(Binding)+"\x00"+s.name+"\x00"), text...)
}

// sealedManifest is a manifest ready to write, and the seq of the stored
// one it was made from (-1: none was stored).
type sealedManifest struct {
	record map[string]any
	from   int
	m      manifest
}

// errManifestMoved: another tab wrote between reading the manifest and
// writing it; the write is tried again from the new one.
var errManifestMoved = errors.New("the manifest changed during the write")

func manifestMoved(err error) bool { return errors.Is(err, errManifestMoved) }

func (s *IDB) sealManifest(c Codec, m manifest, from int) (*sealedManifest, error) {
	text, _ := json.Marshal(m)
	iv, tag, err := c.Seal(nil, s.manifestAD(text))
	if err != nil {
		return nil, &locales.Error{Code: "store.internal", Err: err}
	}
	b64 := base64.StdEncoding.EncodeToString
	// seq is also kept as a number beside the text, so that a write
	// compares it without decoding the list.
	return &sealedManifest{record: map[string]any{"key": manifestKey, "seq": m.Seq, "json": string(text), "iv": b64(iv), "tag": b64(tag)}, from: from, m: m}, nil
}

// rawManifest reads the stored manifest record (undefined if none).
func (s *IDB) rawManifest(ctx context.Context) (js.Value, error) { return s.rawMeta(ctx, manifestKey) }

// storedManifest reads the manifest as stored, unverified: nil if none.
func (s *IDB) storedManifest(ctx context.Context) (*manifest, js.Value, error) {
	v, err := s.rawManifest(ctx)
	if err != nil {
		return nil, js.Undefined(), err
	}
	m, ok := decodeManifest(v)
	if !ok {
		return nil, v, nil
	}
	return m, v, nil
}

func decodeManifest(v js.Value) (*manifest, bool) {
	if !v.Truthy() || v.Get("json").Type() != js.TypeString {
		return nil, false
	}
	var m manifest
	if json.Unmarshal([]byte(v.Get("json").String()), &m) != nil || m.Drafts == nil {
		return nil, false
	}
	return &m, true
}

// nextManifest prepares the manifest with change applied, sealed, before
// a write transaction opens; nil when the store is in clear. A manifest
// missing or unreadable is made again from the drafts stored.
func (s *IDB) nextManifest(ctx context.Context, change func(drafts map[string]int)) (*sealedManifest, error) {
	c, err := s.writeCodec()
	if err != nil || c == nil {
		return nil, err
	}
	raw, err := s.rawManifest(ctx)
	if err != nil {
		return nil, err
	}
	from := -1
	if raw.Truthy() {
		from = seqOf(raw)
	}
	// The last manifest this handle wrote, when it is still the stored
	// one: decoding the stored list again costs more than the write.
	var m *manifest
	if last := s.manCache.Load(); last != nil && last.Seq == from {
		m = &manifest{Seq: last.Seq, Drafts: maps.Clone(last.Drafts)}
	} else {
		m, _ = decodeManifest(raw)
	}
	if m == nil {
		all, err := s.currentRevisions(ctx)
		if err != nil {
			return nil, err
		}
		m = &manifest{Drafts: all}
	}
	m.Seq++
	change(m.Drafts)
	return s.sealManifest(c, *m, from)
}

func seqOf(v js.Value) int {
	if n := v.Get("seq"); n.Type() == js.TypeNumber {
		return n.Int()
	}
	if m, ok := decodeManifest(v); ok {
		return m.Seq
	}
	return -2 // there, unreadable: any manifest made from it is stale
}

// storedDrafts reads every readable draft's metadata, by id.
func (s *IDB) storedDrafts(ctx context.Context) (map[string]Record, error) {
	all, err := s.rawAll(ctx, "drafts")
	if err != nil {
		return nil, err
	}
	out := make(map[string]Record, len(all))
	for _, v := range all {
		if r, err := decodeMeta(v); err == nil {
			out[r.ID] = r
		}
	}
	return out, nil
}

// currentRevisions reads every draft's id and revision.
func (s *IDB) currentRevisions(ctx context.Context) (map[string]int, error) {
	stored, err := s.storedDrafts(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]int, len(stored))
	for id, r := range stored {
		out[id] = r.Revision
	}
	return out, nil
}

// manifestCheck asks, inside a write transaction holding "meta", for the
// stored manifest; the function it returns refuses the write if another
// write changed it since m was made, then puts m.
func manifestCheck(tx *idb.Transaction, m *sealedManifest) func(ctx context.Context) error {
	if m == nil {
		return func(context.Context) error { return nil }
	}
	get := metaGet(tx, manifestKey)
	return func(ctx context.Context) error {
		v, err := get(ctx)
		if err != nil {
			return err
		}
		now := -1
		if v.Truthy() {
			now = seqOf(v)
		}
		if now != m.from {
			return &locales.Error{Code: "store.internal", Err: errManifestMoved}
		}
		meta, _ := tx.ObjectStore("meta")
		if _, err := meta.Put(js.ValueOf(m.record)); err != nil {
			return mapErr(err, "")
		}
		return nil
	}
}

// withManifest runs a write built on a fresh manifest, again while
// another tab's write moved it first.
func (s *IDB) withManifest(ctx context.Context, change func(drafts map[string]int), write func(m *sealedManifest) error) error {
	for attempt := 0; ; attempt++ {
		m, err := s.nextManifest(ctx, change)
		if err != nil {
			return err
		}
		err = write(m)
		if manifestMoved(err) && attempt < 8 {
			continue
		}
		if err == nil && m != nil {
			s.manCache.Store(&m.m)
		}
		return err
	}
}

// Change is a difference between the manifest and the drafts stored: a
// draft "added" or "removed" outside evidraft, or at another "revision"
// than the one last written; "manifest" when the manifest itself is
// missing or does not verify.
type Change struct {
	ID       string `json:"id,omitempty"`
	Title    string `json:"title,omitempty"`
	What     string `json:"what"`
	Revision int    `json:"revision,omitempty"` // stored
	Expected int    `json:"expected,omitempty"` // in the manifest
}

// VerifyManifest compares the stored drafts with the manifest, with the
// key set by SetCodec, then writes a manifest of the drafts as they are
// now, so that a difference is reported once. Stores in clear have none.
func (s *IDB) VerifyManifest(ctx context.Context) ([]Change, error) {
	p := s.prot.Load()
	if p == nil || !p.encrypted || p.codec == nil || p.legacy {
		return nil, nil
	}
	stored, err := s.storedDrafts(ctx)
	if err != nil {
		return nil, err
	}
	m, raw, err := s.storedManifest(ctx)
	if err != nil {
		return nil, err
	}
	var out []Change
	if m == nil || !s.manifestSound(p.codec, raw) {
		out = append(out, Change{What: "manifest"})
	} else {
		for id, rev := range m.Drafts {
			r, ok := stored[id]
			switch {
			case !ok:
				out = append(out, Change{ID: id, What: "removed", Expected: rev})
			case r.Revision != rev:
				out = append(out, Change{ID: id, Title: r.Title, What: "revision", Revision: r.Revision, Expected: rev})
			}
		}
		for id, r := range stored {
			if _, ok := m.Drafts[id]; !ok {
				out = append(out, Change{ID: id, Title: r.Title, What: "added", Revision: r.Revision})
			}
		}
	}
	slices.SortFunc(out, func(a, b Change) int { return compareStrings(a.What+a.ID, b.What+b.ID) })
	if len(out) > 0 {
		now := manifest{Seq: 1, Drafts: map[string]int{}}
		if m != nil {
			now.Seq = m.Seq + 1
		}
		for id, r := range stored {
			now.Drafts[id] = r.Revision
		}
		sm, err := s.sealManifest(p.codec, now, -1)
		if err != nil {
			return out, err
		}
		if err := s.putMeta(ctx, sm.record); err != nil {
			return out, err
		}
	}
	return out, nil
}

// manifestSound reports whether the stored manifest's tag authenticates
// its text with c.
func (s *IDB) manifestSound(c Codec, raw js.Value) bool {
	iv, err1 := base64.StdEncoding.DecodeString(raw.Get("iv").String())
	tag, err2 := base64.StdEncoding.DecodeString(raw.Get("tag").String())
	if err1 != nil || err2 != nil || raw.Get("iv").Type() != js.TypeString || raw.Get("tag").Type() != js.TypeString {
		return false
	}
	_, err := c.Open(iv, tag, s.manifestAD([]byte(raw.Get("json").String())))
	return err == nil
}

// rawMeta reads the meta record under key in its own read-only
// transaction (undefined if none).
func (s *IDB) rawMeta(ctx context.Context, key string) (js.Value, error) {
	tx, err := s.txn(idb.TransactionReadOnly, "meta")
	if err != nil {
		return js.Undefined(), err
	}
	return metaGet(tx, key)(ctx)
}

// putMeta writes one whole meta record in its own transaction.
func (s *IDB) putMeta(ctx context.Context, record map[string]any) error {
	tx, err := s.txn(idb.TransactionReadWrite, "meta")
	if err != nil {
		return err
	}
	meta, _ := tx.ObjectStore("meta")
	if _, err := meta.Put(js.ValueOf(record)); err != nil {
		return abort(tx, mapErr(err, ""))
	}
	return mapErr(tx.Await(ctx), "")
}

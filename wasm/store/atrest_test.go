//go:build js && wasm

package store

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"syscall/js"
	"testing"
	"time"

	"github.com/hack-pad/go-indexeddb/idb"

	"github.com/evidraft/evidraft/schemas/export"
)

type gcmCodec struct{ aead cipher.AEAD }

func newCodec() gcmCodec {
	key := make([]byte, 32)
	rand.Read(key)
	b, _ := aes.NewCipher(key)
	g, _ := cipher.NewGCM(b)
	return gcmCodec{g}
}

func (c gcmCodec) Seal(plain, ad []byte) ([]byte, []byte, error) {
	iv := make([]byte, 12)
	rand.Read(iv)
	return iv, c.aead.Seal(nil, iv, plain, ad), nil
}

func (c gcmCodec) Open(iv, ct, ad []byte) ([]byte, error) { return c.aead.Open(nil, iv, ct, ad) }

// rawText is everything the bodies and revisions stores hold, as JSON.
func rawText(t *testing.T, s *IDB) string {
	t.Helper()
	var b strings.Builder
	for _, st := range []string{"bodies", "revisions"} {
		all, err := s.rawAll(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range all {
			b.WriteString(js.Global().Get("JSON").Call("stringify", v).String())
		}
	}
	return b.String()
}

func TestProtect(t *testing.T) {
	s := openTest(t, Options{})
	r := save(t, s, Record{Kind: "mla", Title: "T", Body: body("SECRET-ONE")})
	r.Body = body("SECRET-TWO")
	r = save(t, s, r)
	c := newCodec()
	if err := s.Protect(ctx, c, `{"salt":"x"}`); err != nil {
		t.Fatal(err)
	}
	if raw := rawText(t, s); strings.Contains(raw, "SECRET") || !strings.Contains(raw, `"enc"`) {
		t.Fatalf("after Protect the store holds plain text: %.300s", raw)
	}
	if v, _ := s.Meta(ctx, "protection"); v != `{"salt":"x"}` {
		t.Errorf("settings = %q", v)
	}
	got, err := s.Get(ctx, r.ID)
	if err != nil || string(got.Body) != string(body("SECRET-TWO")) {
		t.Fatalf("Get after Protect = %s, %v", got.Body, err)
	}
	got.Body = body("SECRET-THREE")
	if _, err := s.Save(ctx, got); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(rawText(t, s), "SECRET") {
		t.Fatal("a save after Protect stored plain text")
	}
	revs, err := s.Revisions(ctx, r.ID)
	if err != nil || len(revs) != 3 || string(revs[2].Body) != string(body("SECRET-ONE")) {
		t.Fatalf("revisions after Protect: %v, %+v", err, revs)
	}
	// Locked: nothing is read or written in clear, metadata still lists.
	s.SetCodec(nil, true)
	if _, err := s.Get(ctx, r.ID); !errors.Is(err, ErrLocked) {
		t.Errorf("Get while locked = %v", err)
	}
	if _, err := s.Save(ctx, Record{Kind: "mla", Body: body("SECRET-FOUR")}); !errors.Is(err, ErrLocked) {
		t.Errorf("Save while locked = %v", err)
	}
	if l, _ := s.List(ctx, ListOptions{}); len(l) != 1 {
		t.Errorf("List while locked: %d drafts", len(l))
	}
	if _, err := s.Trash(ctx, r.ID); !errors.Is(err, ErrLocked) {
		t.Errorf("Trash while locked = %v, want locked (the body is sealed again for the new revision)", err)
	}
	s.SetCodec(c, true)
	if tr, err := s.Trash(ctx, r.ID); err != nil || tr.Trashed == "" {
		t.Fatalf("Trash = %+v, %v", tr, err)
	}
	if _, err := s.Restore(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Get(ctx, r.ID); err != nil || string(got.Body) != string(body("SECRET-THREE")) {
		t.Errorf("after unlock: %s %v", got.Body, err)
	}
	// A wrong key reads nothing.
	s.SetCodec(newCodec(), true)
	if _, err := s.Get(ctx, r.ID); err == nil {
		t.Error("a wrong key decrypted the draft")
	}
}

// copyOf is a copy of a stored record, kept as an attacker keeps one.
func copyOf(v js.Value) js.Value {
	return js.Global().Get("JSON").Call("parse", js.Global().Get("JSON").Call("stringify", v))
}

// rawPut writes a record straight into an object store, as another page
// of the same origin can.
func rawPut(t *testing.T, s *IDB, store string, v js.Value) {
	t.Helper()
	tx, err := s.txn(idb.TransactionReadWrite, store)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := tx.ObjectStore(store)
	if _, err := st.Put(v); err != nil {
		t.Fatal(err)
	}
	if err := tx.Await(ctx); err != nil {
		t.Fatal(err)
	}
}

func rawGet(t *testing.T, s *IDB, store string, key any) js.Value {
	t.Helper()
	tx, err := s.txn(idb.TransactionReadOnly, store)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := tx.ObjectStore(store)
	req, err := st.Get(js.ValueOf(key))
	if err != nil {
		t.Fatal(err)
	}
	v, err := req.Await(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSealedWhereItBelongs: a ciphertext opens only as the draft, the
// revision and the object store it was sealed for, and a protected store
// refuses a body in clear.
func TestSealedWhereItBelongs(t *testing.T) {
	s := openTest(t, Options{})
	c := newCodec()
	a := save(t, s, Record{Kind: "mla", Title: "A", Body: body("SECRET-A1")})
	b := save(t, s, Record{Kind: "mla", Title: "B", Body: body("SECRET-B1")})
	if err := s.Protect(ctx, c, `{}`); err != nil {
		t.Fatal(err)
	}
	older := copyOf(rawGet(t, s, "bodies", a.ID)) // A's body at revision 1
	a.Body = body("SECRET-A2")
	a = save(t, s, a)

	// B's body under A's id.
	bb := copyOf(rawGet(t, s, "bodies", b.ID))
	keep := copyOf(rawGet(t, s, "bodies", a.ID))
	bb.Set("id", a.ID)
	rawPut(t, s, "bodies", bb)
	if _, err := s.Get(ctx, a.ID); !errors.Is(err, ErrCorrupt) {
		t.Errorf("B's ciphertext under A's id: Get = %v, want corrupt", err)
	}
	// A's body of revision 1 put back at revision 2.
	rawPut(t, s, "bodies", older)
	if _, err := s.Get(ctx, a.ID); !errors.Is(err, ErrCorrupt) {
		t.Errorf("A's body of revision 1 at revision 2: Get = %v, want corrupt", err)
	}
	// The revision record of the current revision, moved to "bodies".
	cur := copyOf(rawGet(t, s, "revisions", []any{a.ID, a.Revision}))
	cur.Delete("revision")
	rawPut(t, s, "bodies", cur)
	if _, err := s.Get(ctx, a.ID); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a revisions record moved to bodies: Get = %v, want corrupt", err)
	}
	// A plain body planted in place of the encrypted one.
	rawPut(t, s, "bodies", js.ValueOf(map[string]any{"id": a.ID, "json": `{"planted":true}`}))
	if _, err := s.Get(ctx, a.ID); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a plain body in a protected store: Get = %v, want corrupt", err)
	}
	// Put back, it opens again.
	rawPut(t, s, "bodies", keep)
	if got, err := s.Get(ctx, a.ID); err != nil || string(got.Body) != string(body("SECRET-A2")) {
		t.Errorf("the draft's own ciphertext: %s, %v", got.Body, err)
	}
	// The same database name with another key, or the same key under
	// another database name, opens nothing.
	other := openTest(t, Options{})
	other.SetCodec(c, true)
	bb = copyOf(rawGet(t, s, "bodies", b.ID))
	meta := copyOf(rawGet(t, s, "drafts", b.ID))
	rawPut(t, other, "drafts", meta)
	rawPut(t, other, "bodies", bb)
	if _, err := other.Get(ctx, b.ID); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a ciphertext copied to another database: Get = %v, want corrupt", err)
	}
}

// TestProtectedFromTheData: with the "protection" record deleted, the
// ciphertexts still say the store is protected.
func TestProtectedFromTheData(t *testing.T) {
	s := openTest(t, Options{})
	if got, err := s.SealedData(ctx); err != nil || got {
		t.Fatalf("empty store: SealedData = %v, %v", got, err)
	}
	save(t, s, Record{Kind: "mla", Title: "A", Body: body("SECRET-A")})
	if got, _ := s.SealedData(ctx); got {
		t.Fatal("a store in clear reported sealed")
	}
	if err := s.Protect(ctx, newCodec(), `{}`); err != nil {
		t.Fatal(err)
	}
	save(t, s, Record{Kind: "mla", Title: "B", Body: body("SECRET-B")})
	if got, err := s.SealedData(ctx); err != nil || !got {
		t.Fatalf("protected store: SealedData = %v, %v", got, err)
	}
}

// TestRebind: drafts sealed without additional data (Binding 1) are
// sealed again with it, and then no longer open under another id.
func TestRebind(t *testing.T) {
	s := openTest(t, Options{})
	a := save(t, s, Record{Kind: "mla", Title: "A", Body: body("SECRET-A")})
	c := newCodec()
	// What a store protected at Binding 1 holds: ciphertexts without ad.
	for _, st := range []string{"bodies", "revisions"} {
		all, err := s.rawAll(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range all {
			iv, ct, _ := c.Seal([]byte(v.Get("json").String()), nil)
			v.Delete("json")
			v.Set("iv", base64.StdEncoding.EncodeToString(iv))
			v.Set("enc", base64.StdEncoding.EncodeToString(ct))
			rawPut(t, s, st, v)
		}
	}
	s.setLegacy(c)
	if _, err := s.Save(ctx, a); !errors.Is(err, ErrLocked) {
		t.Errorf("Save before Rebind = %v, want locked", err)
	}
	if err := s.Rebind(ctx, c, `{"binding":2}`); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Get(ctx, a.ID); err != nil || string(got.Body) != string(body("SECRET-A")) {
		t.Fatalf("after Rebind: %s, %v", got.Body, err)
	}
	if v := rawGet(t, s, "bodies", a.ID); v.Get("json").Truthy() || !v.Get("enc").Truthy() {
		t.Fatal("Rebind left a body in clear")
	}
	if _, err := s.Save(ctx, a); err != nil {
		t.Errorf("Save after Rebind = %v", err)
	}
}

func rawDelete(t *testing.T, s *IDB, store string, key any) {
	t.Helper()
	tx, err := s.txn(idb.TransactionReadWrite, store)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := tx.ObjectStore(store)
	if _, err := st.Delete(js.ValueOf(key)); err != nil {
		t.Fatal(err)
	}
	if err := tx.Await(ctx); err != nil {
		t.Fatal(err)
	}
}

func whats(cs []Change) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(c.What + ":" + c.ID + " ")
	}
	return strings.TrimSpace(b.String())
}

// TestManifest: in a protected store, a draft removed, set back to an
// older revision with its older records, or put back after it was
// purged, each with ciphertexts that still open, is reported at the next
// verification, once; the store's own writes, from two handles in turn
// (two tabs), are never reported.
func TestManifest(t *testing.T) {
	s := openTest(t, Options{})
	c := newCodec()
	if err := s.Protect(ctx, c, `{}`); err != nil {
		t.Fatal(err)
	}
	other, err := Open(ctx, Options{Name: s.Name()})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.SetCodec(c, true)
	a := save(t, s, Record{Kind: "mla", Title: "A", Body: body("A1")})
	b := save(t, other, Record{Kind: "mla", Title: "B", Body: body("B1")})
	a.Body = body("A2")
	a = save(t, s, a)
	if _, err := other.Trash(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Restore(ctx, b.ID); err != nil {
		t.Fatal(err)
	}
	d := save(t, other, Record{Kind: "mla", Title: "D", Body: body("D1")})
	if cs, err := s.VerifyManifest(ctx); err != nil || len(cs) != 0 {
		t.Fatalf("after the store's own writes from two handles: %v, %v", whats(cs), err)
	}

	// Snapshots an attacker keeps: A at revision 2, D before its purge.
	oldA := map[string]js.Value{"drafts": copyOf(rawGet(t, s, "drafts", a.ID)), "bodies": copyOf(rawGet(t, s, "bodies", a.ID))}
	oldD := map[string]js.Value{"drafts": copyOf(rawGet(t, s, "drafts", d.ID)), "bodies": copyOf(rawGet(t, s, "bodies", d.ID)), "revisions": copyOf(rawGet(t, s, "revisions", []any{d.ID, 1}))}
	a.Body = body("A3")
	a = save(t, s, a)
	if err := s.Purge(ctx, d.ID); err != nil {
		t.Fatal(err)
	}
	for st, v := range oldA {
		rawPut(t, s, st, v)
	}
	for st, v := range oldD {
		rawPut(t, s, st, v)
	}
	rawDelete(t, s, "drafts", b.ID)
	if got, err := s.Get(ctx, a.ID); err != nil || string(got.Body) != string(body("A2")) {
		t.Fatalf("the set-back draft should open (its records are genuine): %s %v", got.Body, err)
	}
	cs, err := s.VerifyManifest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := whats(cs), "added:"+d.ID+" removed:"+b.ID+" revision:"+a.ID; got != want {
		t.Errorf("changes = %q, want %q", got, want)
	}
	if cs, _ := s.VerifyManifest(ctx); len(cs) != 0 {
		t.Errorf("reported twice: %v", whats(cs))
	}
	// A forged manifest (its list changed, its tag kept) is reported.
	m := copyOf(rawGet(t, s, "meta", manifestKey))
	m.Set("json", strings.Replace(m.Get("json").String(), `"seq":`, `"seq":1`, 1))
	rawPut(t, s, "meta", m)
	if cs, _ := s.VerifyManifest(ctx); whats(cs) != "manifest:" {
		t.Errorf("a forged manifest: %q", whats(cs))
	}
}

// BenchmarkSaveProtected is BenchmarkSave in a protected store holding
// others more drafts: the two ciphertexts, the read of the manifest and
// its GMAC over every draft's (id, revision). Compare with BenchmarkSave
// of the same run (the codec here is Go's AES-GCM, not WebCrypto).
func BenchmarkSaveProtected(b *testing.B) {
	for _, others := range []int{0, 1000} {
		b.Run(strconv.Itoa(others), func(b *testing.B) {
			s := openTest(b, Options{})
			if err := s.Protect(ctx, newCodec(), `{}`); err != nil {
				b.Fatal(err)
			}
			var recs []export.Record
			for i := range others {
				recs = append(recs, export.Record{ID: fmt.Sprintf("other-%d", i), Kind: "mla", Revision: 1, Body: body("x")})
			}
			if _, err := s.Import(ctx, recs, func(string) Policy { return KeepBoth }); err != nil {
				b.Fatal(err)
			}
			r, _ := s.Save(ctx, Record{Kind: "preservation", Body: body(strings.Repeat("facts ", 500))})
			if _, err := s.ListJSON(ctx, ListOptions{}); err != nil {
				b.Fatal(err)
			}
			var lat []time.Duration
			for b.Loop() {
				start := time.Now()
				var err error
				if r, err = s.Save(ctx, r); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			reportPercentiles(b, lat)
		})
	}
}

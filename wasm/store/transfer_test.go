//go:build js && wasm

package store

import (
	"errors"
	"fmt"
	"reflect"
	"syscall/js"
	"testing"
	"time"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas/export"
)

// dump is everything a store holds, to compare before and after.
func dump(t *testing.T, s *IDB) []export.Record {
	t.Helper()
	live, err := s.Export(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	trash, _ := s.List(ctx, ListOptions{Trash: true})
	var ids []string
	for _, r := range trash {
		ids = append(ids, r.ID)
	}
	if len(ids) == 0 {
		return live
	}
	dead, err := s.Export(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	return append(live, dead...)
}

func TestExportImportRoundTrip(t *testing.T) {
	src := openTest(t, Options{})
	a := save(t, src, Record{Kind: "mla", Title: "A", Lang: "fr", Body: body("a1")})
	a.Body = body("a2 <script>\u202e")
	a = save(t, src, a)
	a.Body = body("a3")
	a.Status = "final"
	a = save(t, src, a)
	save(t, src, Record{Kind: "preservation", Title: "B", Body: body("b1")})
	recs, err := src.Export(ctx, nil)
	if err != nil || len(recs) != 2 {
		t.Fatalf("Export = %d records, %v", len(recs), err)
	}
	var ea export.Record
	for _, r := range recs {
		if r.ID == a.ID {
			ea = r
		}
	}
	if len(ea.Revisions) != 2 || ea.Revisions[0].Revision != 1 || string(ea.Revisions[1].Body) != string(body("a2 <script>\u202e")) {
		t.Fatalf("exported history = %+v", ea.Revisions)
	}
	dst := openTest(t, Options{})
	out, err := dst.Import(ctx, recs, func(string) Policy { return KeepBoth })
	if err != nil || len(out) != 2 || out[0].Action != "added" {
		t.Fatalf("Import = %+v, %v", out, err)
	}
	if got := dump(t, dst); !reflect.DeepEqual(got, dump(t, src)) {
		t.Errorf("imported store differs:\n got %+v\nwant %+v", got, dump(t, src))
	}
	revs, _ := dst.Revisions(ctx, a.ID)
	if len(revs) != 3 {
		t.Errorf("imported draft has %d revisions, want 3", len(revs))
	}
	// The imported draft goes on like any other: the next save is revision 4.
	got, _ := dst.Get(ctx, a.ID)
	got.Body = body("a4")
	if n := save(t, dst, got); n.Revision != 4 {
		t.Errorf("save after import: revision %d", n.Revision)
	}
}

func TestImportPolicies(t *testing.T) {
	s := openTest(t, Options{})
	stored := save(t, s, Record{Kind: "mla", Title: "stored", Body: body("stored")})
	older := export.Record{ID: stored.ID, Kind: "mla", SchemaVersion: 1, Title: "older", Status: "draft",
		Created: "2020-01-01T00:00:00.000Z", Updated: "2020-01-02T00:00:00.000Z", Revision: 7, Body: body("older")}
	newer := older
	newer.Title, newer.Updated, newer.Body = "newer", "2999-01-01T00:00:00.000Z", body("newer")

	out, err := s.Import(ctx, []export.Record{older}, func(string) Policy { return ReplaceIfNewer })
	if err != nil || out[0].Action != "skipped" {
		t.Fatalf("replace-if-newer with an older file: %+v %v", out, err)
	}
	out, _ = s.Import(ctx, []export.Record{newer}, func(string) Policy { return Skip })
	if out[0].Action != "skipped" {
		t.Errorf("skip: %+v", out)
	}
	if g, _ := s.Get(ctx, stored.ID); string(g.Body) != string(body("stored")) {
		t.Fatalf("skipped imports changed the draft: %s", g.Body)
	}
	out, err = s.Import(ctx, []export.Record{newer}, func(string) Policy { return ReplaceIfNewer })
	if err != nil || out[0].Action != "replaced" {
		t.Fatalf("replace-if-newer with a newer file: %+v %v", out, err)
	}
	g, _ := s.Get(ctx, stored.ID)
	if string(g.Body) != string(body("newer")) || g.Revision != 8 || g.Created != stored.Created {
		t.Errorf("replaced draft = %+v", g)
	}
	// The version it replaced is still in its history.
	revs, _ := s.Revisions(ctx, stored.ID)
	if len(revs) != 2 || string(revs[1].Body) != string(body("stored")) {
		t.Errorf("history after replace = %+v", revs)
	}
	out, _ = s.Import(ctx, []export.Record{older}, func(string) Policy { return KeepBoth })
	if out[0].Action != "copied" || out[0].ID == stored.ID {
		t.Fatalf("keep both: %+v", out)
	}
	if c, err := s.Get(ctx, out[0].ID); err != nil || string(c.Body) != string(body("older")) {
		t.Errorf("copy = %+v %v", c, err)
	}
	if all, _ := s.List(ctx, ListOptions{}); len(all) != 2 {
		t.Errorf("after keep both, %d drafts, want 2", len(all))
	}
}

// TestImportIsAtomic: the disk fills up half-way through an import; the
// store is exactly as it was before.
func TestImportIsAtomic(t *testing.T) {
	s := openTest(t, Options{})
	save(t, s, Record{Kind: "mla", Title: "kept", Body: body("kept")})
	before := dump(t, s)
	var recs []export.Record
	for i := range 5 {
		recs = append(recs, export.Record{ID: NewID(), Kind: "mla", SchemaVersion: 1, Title: "new", Revision: 1 + i,
			Updated: time.Now().UTC().Format(time.RFC3339), Body: body("new")})
	}
	proto := js.Global().Get("IDBObjectStore").Get("prototype")
	orig := proto.Get("put")
	js.Global().Set("__origPut", orig)
	// The 9th put (the 3rd record) finds the disk full.
	full := js.Global().Get("Function").New(`let n = 0; return function (...a) {
		if (++n === 9) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
		return globalThis.__origPut.apply(this, a) }`).Invoke()
	proto.Set("put", full)
	_, err := s.Import(ctx, recs, func(string) Policy { return KeepBoth })
	proto.Set("put", orig)
	if !errors.Is(err, ErrQuota) {
		t.Fatalf("Import on a full disk = %v, want ErrQuota", err)
	}
	if after := dump(t, s); !reflect.DeepEqual(before, after) {
		t.Errorf("a failed import changed the store:\nbefore %+v\nafter  %+v", before, after)
	}
}

func TestMeta(t *testing.T) {
	s := openTest(t, Options{})
	if v, err := s.Meta(ctx, "exported"); v != "" || err != nil {
		t.Fatalf("Meta of nothing = %q, %v", v, err)
	}
	if err := s.SetMeta(ctx, "exported", `{"a":"2026"}`); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Meta(ctx, "exported"); v != `{"a":"2026"}` {
		t.Errorf("Meta = %q", v)
	}
}

// TestExportAllReportsUnreadable: a record List skips (a revision of
// 2^63-1 read back as a float, or none at all) fails "export all" with an
// export.unreadable naming it, instead of leaving it out of the backup.
func TestExportAllReportsUnreadable(t *testing.T) {
	s := openTest(t, Options{})
	good := save(t, s, Record{Kind: "mla", Title: "good", Body: body("ok")})
	rawWrite(t, s.Name(), Version, []string{"drafts"}, func(tx js.Value) {
		tx.Call("objectStore", "drafts").Call("put", js.ValueOf(map[string]any{"id": "huge", "title": "LYON 9", "kind": "mla",
			"revision": 9223372036854775807.0, "updated": "2026-11-20T10:00:00.000Z"}))
		tx.Call("objectStore", "drafts").Call("put", js.ValueOf(map[string]any{"id": "norev", "updated": "2026-11-20T10:00:00.000Z"}))
	})
	recs, err := s.Export(ctx, nil)
	var ue *locales.Error
	if !errors.As(err, &ue) || ue.Code != "export.unreadable" {
		t.Fatalf("Export(all) = %d records, %v, want export.unreadable", len(recs), err)
	}
	want := []Unreadable{{ID: "huge", Title: "LYON 9"}, {ID: "norev"}}
	if got := ue.Params["Unreadable"]; !reflect.DeepEqual(got, want) || ue.Params["Drafts"] != "“LYON 9” (huge), norev" {
		t.Errorf("Export(all) unreadable = %+v, %q, want %+v", got, ue.Params["Drafts"], want)
	}
	// A chosen readable draft still exports.
	if recs, err := s.Export(ctx, []string{good.ID}); err != nil || len(recs) != 1 {
		t.Errorf("Export(%s) = %d records, %v", good.ID, len(recs), err)
	}
}

// TestImportKeepsFileHistory: an imported draft keeps the versions its
// file brings as its saves kept them (one putVersion thins both), not
// only the newest MaxRevisions.
func TestImportKeepsFileHistory(t *testing.T) {
	s := openTest(t, Options{})
	start := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	at := func(n int) string { return start.Add(time.Duration(n) * KeepEvery).Format(time.RFC3339) }
	r := Record{ID: NewID(), Kind: "mla", SchemaVersion: 1, Title: "long", Status: "draft", Revision: 50, Created: at(0), Updated: at(50), Body: body("50")}
	for n := 1; n < 50; n++ { // each the last save of its window
		r.Revisions = append(r.Revisions, Revision{Revision: n, Updated: at(n), Title: "long", Status: "draft", Body: body(fmt.Sprint(n))})
	}
	if _, err := s.Import(ctx, []Record{r}, func(string) Policy { return KeepBoth }); err != nil {
		t.Fatal(err)
	}
	revs, err := s.Revisions(ctx, r.ID)
	if err != nil || len(revs) != 50 || revs[0].Revision != 50 || revs[49].Revision != 1 || string(revs[49].Body) != string(body("1")) {
		t.Fatalf("Revisions after import = %d, %v; want 50 to 1", len(revs), err)
	}
}

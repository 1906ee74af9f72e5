//go:build js && wasm

package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"syscall/js"
	"testing"
	"time"

	"github.com/evidraft/evidraft/locales"
)

var ctx = context.Background()

// testClock is the clock of the tests' stores, all handles alike (two
// handles stand for two tabs): it starts on a fixed day and moves on a
// millisecond at each reading, so that every change has a time of its
// own and no test sleeps for one.
var testClock = func() func() time.Time {
	var mu sync.Mutex
	at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		at = at.Add(time.Millisecond)
		return at
	}
}()

// openTest opens a database of its own for one test and deletes it after.
func openTest(t testing.TB, o Options) *IDB {
	t.Helper()
	if o.Name == "" {
		o.Name = fmt.Sprintf("evidraft-test-%s-%s", strings.ReplaceAll(t.Name(), "/", "-"), NewID()[:8])
	}
	if o.Now == nil {
		o.Now = testClock
	}
	s, err := Open(ctx, o)
	if err != nil {
		t.Fatalf("Open(%s) = %v", o.Name, err)
	}
	t.Cleanup(func() {
		s.Close()
		if err := Delete(ctx, o.Name); err != nil {
			t.Errorf("Delete(%s) = %v", o.Name, err)
		}
	})
	return s
}

func body(s string) json.RawMessage {
	return json.RawMessage(`{"kind":"preservation","facts":` + fmt.Sprintf("%q", s) + `}`)
}

func save(t *testing.T, s *IDB, r Record) Record {
	t.Helper()
	got, err := s.Save(ctx, r)
	if err != nil {
		t.Fatalf("Save(%s) = %v", r.ID, err)
	}
	return got
}

func TestCRUD(t *testing.T) {
	s := openTest(t, Options{})
	r := save(t, s, Record{Kind: "preservation", Title: "Lyon fraud", Lang: "fr", Body: body("one")})
	if r.ID == "" || r.Revision != 1 || r.Status != "draft" || r.Created == "" || r.Created != r.Updated {
		t.Fatalf("Save(new) = %+v", r)
	}
	got, err := s.Get(ctx, r.ID)
	if err != nil || string(got.Body) != string(body("one")) || got.Title != "Lyon fraud" || got.Lang != "fr" {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	got.Body = body("two")
	r2 := save(t, s, got)
	if r2.Revision != 2 || r2.Created != r.Created || r2.Updated == r.Updated {
		t.Errorf("Save(update) = %+v", r2)
	}
	got, _ = s.Get(ctx, r.ID)
	if string(got.Body) != string(body("two")) {
		t.Errorf("Get after update body = %s", got.Body)
	}
	if err := s.Purge(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, r.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Purge = %v, want ErrNotFound", err)
	}
	if revs, _ := s.Revisions(ctx, r.ID); len(revs) != 0 {
		t.Errorf("Revisions after Purge = %d, want 0", len(revs))
	}
}

func TestSaveRefusesBadBody(t *testing.T) {
	s := openTest(t, Options{})
	if _, err := s.Save(ctx, Record{Kind: "mla", Body: json.RawMessage(`{"a":`)}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Save(bad JSON) = %v, want ErrCorrupt", err)
	}
}

func TestListOrderAndFilters(t *testing.T) {
	s := openTest(t, Options{})
	var ids []string
	for i, k := range []string{"preservation", "mla", "preservation", "emergency"} {
		r := Record{Kind: k, Title: fmt.Sprint("draft ", i), Body: body(fmt.Sprint(i))}
		if i == 2 {
			r.Status = "final"
		}
		ids = append(ids, save(t, s, r).ID)
	}
	all, err := s.List(ctx, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 4 || all[0].ID != ids[3] || all[3].ID != ids[0] {
		t.Fatalf("List() order = %v, want newest first %v", titles(all), ids)
	}
	if all[0].Body != nil {
		t.Errorf("List returns bodies; want metadata only")
	}
	if got, _ := s.List(ctx, ListOptions{Kind: "preservation"}); len(got) != 2 || got[0].ID != ids[2] || got[1].ID != ids[0] {
		t.Errorf("List(kind preservation) = %v", titles(got))
	}
	if got, _ := s.List(ctx, ListOptions{Status: "final"}); len(got) != 1 || got[0].ID != ids[2] {
		t.Errorf("List(status final) = %v", titles(got))
	}
	if got, _ := s.List(ctx, ListOptions{Limit: 2}); len(got) != 2 || got[0].ID != ids[3] {
		t.Errorf("List(limit 2) = %v", titles(got))
	}
	if got, _ := s.List(ctx, ListOptions{Kind: "preservation", Limit: 1}); len(got) != 1 || got[0].ID != ids[2] {
		t.Errorf("List(kind, limit 1) = %v", titles(got))
	}
}

func titles(rs []Record) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Title+"/"+r.ID[:8])
	}
	return out
}

func TestTrashRestore(t *testing.T) {
	s := openTest(t, Options{})
	r := save(t, s, Record{Kind: "mla", Title: "to trash", Body: body("x")})
	keep := save(t, s, Record{Kind: "mla", Title: "kept", Body: body("y")})
	tr, err := s.Trash(ctx, r.ID)
	if err != nil || tr.Trashed == "" || tr.Revision != 2 {
		t.Fatalf("Trash = %+v, %v", tr, err)
	}
	if live, _ := s.List(ctx, ListOptions{}); len(live) != 1 || live[0].ID != keep.ID {
		t.Errorf("List after Trash = %v, want only the kept draft", titles(live))
	}
	if trash, _ := s.List(ctx, ListOptions{Trash: true}); len(trash) != 1 || trash[0].ID != r.ID {
		t.Errorf("List(trash) = %v", titles(trash))
	}
	got, _ := s.Get(ctx, r.ID)
	if string(got.Body) != string(body("x")) {
		t.Errorf("trashed draft lost its body: %s", got.Body)
	}
	if _, err := s.Restore(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	if live, _ := s.List(ctx, ListOptions{}); len(live) != 2 {
		t.Errorf("List after Restore = %v, want 2", titles(live))
	}
	if _, err := s.Trash(ctx, "no-such-id"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Trash(unknown) = %v, want ErrNotFound", err)
	}
}

func TestRevisionsAndRevert(t *testing.T) {
	s := openTest(t, Options{})
	r := save(t, s, Record{Kind: "mla", Title: "v1", Body: body("v1")})
	r.Body, r.Title = body("v2"), "v2"
	r = save(t, s, r)
	r.Body, r.Title = body("v3"), "v3"
	r = save(t, s, r)
	revs, err := s.Revisions(ctx, r.ID)
	if err != nil || len(revs) != 3 || revs[0].Revision != 3 || revs[2].Revision != 1 || string(revs[2].Body) != string(body("v1")) {
		t.Fatalf("Revisions = %+v, %v", revs, err)
	}
	back, err := s.Revert(ctx, r.ID, 1, r.Revision)
	if err != nil || back.Revision != 4 || string(back.Body) != string(body("v1")) || back.Title != "v1" {
		t.Fatalf("Revert(1) = %+v, %v", back, err)
	}
	if _, err := s.Revert(ctx, r.ID, 2, r.Revision); !errors.Is(err, ErrStale) {
		t.Errorf("Revert from a stale revision = %v, want ErrStale", err)
	}
	if _, err := s.Revert(ctx, r.ID, 99, back.Revision); !errors.Is(err, ErrNotFound) {
		t.Errorf("Revert(99) = %v, want ErrNotFound", err)
	}
}

func TestRevisionsBounded(t *testing.T) {
	s := openTest(t, Options{})
	r := save(t, s, Record{Kind: "mla", Body: body("0")})
	for i := 1; i < MaxRevisions+5; i++ {
		r.Body = body(fmt.Sprint(i))
		r = save(t, s, r)
	}
	revs, _ := s.Revisions(ctx, r.ID)
	if len(revs) < MaxRevisions || revs[0].Revision != r.Revision || revs[MaxRevisions-1].Revision != r.Revision-MaxRevisions+1 {
		t.Errorf("after %d saves, Revisions = %d from %d to %d; want the newest %d", r.Revision, len(revs), revs[0].Revision, revs[len(revs)-1].Revision, MaxRevisions)
	}
}

// fixClock gives a store clock that reads *at, which starts at the
// returned time.
func fixClock() (start time.Time, at *time.Time, o Options) {
	start = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	t := start
	at = &t
	return start, at, Options{Now: func() time.Time { return *at }}
}

// TestRevisionsThinned: with the clock set, saves a minute apart for
// three hours keep the newest MaxRevisions, then the checkpoints and the
// last save of each KeepEvery window, and never more than MaxOlder older
// versions.
func TestRevisionsThinned(t *testing.T) {
	start, at, o := fixClock()
	s := openTest(t, o)
	r := save(t, s, Record{Kind: "mla", Body: body("0")})
	checkpoints := map[int]bool{}
	for i := 1; i < 180; i++ {
		*at = start.Add(time.Duration(i) * time.Minute)
		r.Body = body(fmt.Sprint(i))
		r.Checkpoint = i%7 == 3
		if r.Checkpoint {
			checkpoints[r.Revision+1] = true
		}
		r = save(t, s, r)
	}
	revs, err := s.Revisions(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int]bool{}
	for _, v := range revs {
		got[v.Revision] = true
		if v.Checkpoint != checkpoints[v.Revision] {
			t.Errorf("revision %d: checkpoint %v, want %v", v.Revision, v.Checkpoint, checkpoints[v.Revision])
		}
	}
	// Revision n was saved at start + (n-1) minutes.
	for n := 1; n <= r.Revision; n++ {
		recent := n > r.Revision-MaxRevisions
		lastOfWindow := n%10 == 0 // saved at minute 9, 19, ...: the next is in the next window
		want := recent || checkpoints[n] || lastOfWindow
		if got[n] != want {
			t.Errorf("revision %d kept %v, want %v (recent %v, checkpoint %v, last of its window %v)", n, got[n], want, recent, checkpoints[n], lastOfWindow)
		}
	}
	if older := len(revs) - MaxRevisions; older > MaxOlder || older < 30 {
		t.Errorf("%d older versions kept, want 30..%d", older, MaxOlder)
	}
	if revs[0].Revision != r.Revision {
		t.Errorf("newest kept %d, want %d", revs[0].Revision, r.Revision)
	}
}

// TestRevisionsAtMostMaxOlder: saves KeepEvery apart are each the last of
// their window; only the newest MaxOlder of them stay.
func TestRevisionsAtMostMaxOlder(t *testing.T) {
	start, at, o := fixClock()
	s := openTest(t, o)
	r := save(t, s, Record{Kind: "mla", Body: body("0")})
	for i := 1; i < MaxRevisions+MaxOlder+30; i++ {
		*at = start.Add(time.Duration(i) * KeepEvery)
		r.Body = body(fmt.Sprint(i))
		r = save(t, s, r)
	}
	revs, _ := s.Revisions(ctx, r.ID)
	if len(revs) != MaxRevisions+MaxOlder || revs[len(revs)-1].Revision != r.Revision-MaxRevisions-MaxOlder+1 {
		t.Errorf("after %d saves, %d versions kept down to %d; want %d down to %d", r.Revision, len(revs), revs[len(revs)-1].Revision,
			MaxRevisions+MaxOlder, r.Revision-MaxRevisions-MaxOlder+1)
	}
}

// TestStaleFromTwoTabs: two handles on one database, as two tabs have.
func TestStaleFromTwoTabs(t *testing.T) {
	a := openTest(t, Options{})
	b, err := Open(ctx, Options{Name: a.Name()})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	r := save(t, a, Record{Kind: "preservation", Body: body("original")})
	inB, _ := b.Get(ctx, r.ID)
	inB.Body = body("tab B")
	if _, err := b.Save(ctx, inB); err != nil {
		t.Fatal(err)
	}
	r.Body = body("tab A, stale")
	_, err = a.Save(ctx, r)
	var se *locales.Error
	if !errors.Is(err, ErrStale) || !errors.As(err, &se) || se.ID != r.ID {
		t.Fatalf("Save from stale tab = %v, want ErrStale naming the draft", err)
	}
	got, _ := a.Get(ctx, r.ID)
	if string(got.Body) != string(body("tab B")) || got.Revision != 2 {
		t.Errorf("after refused save, stored = %s rev %d; want tab B's at 2", got.Body, got.Revision)
	}
	// Saving a "new" record whose id exists is stale too, not an overwrite.
	if _, err := a.Save(ctx, Record{ID: r.ID, Kind: "preservation", Body: body("clobber")}); !errors.Is(err, ErrStale) {
		t.Errorf("Save(revision 0, existing id) = %v, want ErrStale", err)
	}
}

// rawOpen opens a database with plain JavaScript, as an older release or
// another program would, and runs fn in a readwrite transaction on stores.
func rawWrite(t *testing.T, name string, version int, stores []string, fn func(tx js.Value)) {
	t.Helper()
	done := make(chan string, 1)
	req := js.Global().Get("indexedDB").Call("open", name, version)
	var onUp, onOK, onErr js.Func
	onUp = js.FuncOf(func(this js.Value, args []js.Value) any {
		db := req.Get("result")
		if !db.Get("objectStoreNames").Call("contains", "drafts").Bool() {
			d := db.Call("createObjectStore", "drafts", map[string]any{"keyPath": "id"})
			d.Call("createIndex", "updated", "updated")
			d.Call("createIndex", "kind", "kind")
			db.Call("createObjectStore", "bodies", map[string]any{"keyPath": "id"})
		}
		return nil
	})
	onOK = js.FuncOf(func(this js.Value, args []js.Value) any {
		db := req.Get("result")
		tx := db.Call("transaction", js.ValueOf(toAny(stores)), "readwrite")
		fn(tx)
		tx.Set("oncomplete", js.FuncOf(func(js.Value, []js.Value) any { db.Call("close"); done <- ""; return nil }))
		tx.Set("onerror", js.FuncOf(func(js.Value, []js.Value) any { db.Call("close"); done <- "transaction failed"; return nil }))
		return nil
	})
	onErr = js.FuncOf(func(js.Value, []js.Value) any { done <- "open failed"; return nil })
	req.Set("onupgradeneeded", onUp)
	req.Set("onsuccess", onOK)
	req.Set("onerror", onErr)
	if msg := <-done; msg != "" {
		t.Fatal(msg)
	}
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// TestUpgradeKeepsData: a version 1 database, as the first release wrote it,
// is upgraded to the current version with its drafts intact.
func TestUpgradeKeepsData(t *testing.T) {
	name := "evidraft-test-upgrade-" + NewID()[:8]
	old, err := Open(ctx, Options{Name: name, Version: 1})
	if err != nil {
		t.Fatal(err)
	}
	old.Close()
	rawWrite(t, name, 1, []string{"drafts", "bodies"}, func(tx js.Value) {
		tx.Call("objectStore", "drafts").Call("put", js.ValueOf(map[string]any{
			"id": "old-1", "kind": "mla", "schemaVersion": 1, "lang": "en", "title": "from v1", "status": "draft",
			"created": "2026-01-02T03:04:05.000Z", "updated": "2026-01-02T03:04:05.000Z", "revision": 3}))
		tx.Call("objectStore", "bodies").Call("put", js.ValueOf(map[string]any{"id": "old-1", "json": `{"kind":"mla"}`}))
	})
	s := openTest(t, Options{Name: name})
	got, err := s.Get(ctx, "old-1")
	if err != nil || got.Title != "from v1" || got.Revision != 3 || string(got.Body) != `{"kind":"mla"}` {
		t.Fatalf("Get after upgrade = %+v, %v", got, err)
	}
	got.Body = json.RawMessage(`{"kind":"mla","facts":"new"}`)
	saved, err := s.Save(ctx, got)
	if err != nil || saved.Revision != 4 {
		t.Fatalf("Save after upgrade = %+v, %v", saved, err)
	}
	if revs, _ := s.Revisions(ctx, "old-1"); len(revs) != 1 || revs[0].Revision != 4 {
		t.Errorf("Revisions after upgrade = %+v", revs)
	}
}

// TestQuota simulates a full disk: the browser's put throws
// QuotaExceededError. The save fails with ErrQuota and nothing stored is
// damaged; once space is back, saving works again.
func TestQuota(t *testing.T) {
	s := openTest(t, Options{})
	r := save(t, s, Record{Kind: "mla", Body: body("safe")})
	proto := js.Global().Get("IDBObjectStore").Get("prototype")
	orig := proto.Get("put")
	// The browser's put throws synchronously when the origin is over its
	// quota; a plain JS function does the same here.
	full := js.Global().Get("Function").New(`throw new DOMException("The quota has been exceeded.", "QuotaExceededError")`)
	proto.Set("put", full)
	r.Body = body("too big")
	_, err := s.Save(ctx, r)
	proto.Set("put", orig)
	if !errors.Is(err, ErrQuota) {
		t.Fatalf("Save on a full disk = %v, want ErrQuota", err)
	}
	got, _ := s.Get(ctx, r.ID)
	if string(got.Body) != string(body("safe")) || got.Revision != 1 {
		t.Errorf("after quota error, stored = %s rev %d; want the earlier save intact", got.Body, got.Revision)
	}
	if _, err := s.Save(ctx, r); err != nil {
		t.Errorf("Save after space is back = %v", err)
	}
}

// TestCorruptRecord: a record another program mangled gives ErrCorrupt for
// that draft and hides nothing else.
func TestCorruptRecord(t *testing.T) {
	s := openTest(t, Options{})
	good := save(t, s, Record{Kind: "mla", Title: "good", Body: body("ok")})
	rawWrite(t, s.Name(), Version, []string{"drafts", "bodies"}, func(tx js.Value) {
		tx.Call("objectStore", "drafts").Call("put", js.ValueOf(map[string]any{"id": "bad-1", "revision": "not a number", "updated": "9999"}))
		tx.Call("objectStore", "drafts").Call("put", js.ValueOf(map[string]any{"id": "bad-2", "revision": 1, "updated": "9998", "kind": "mla"}))
		tx.Call("objectStore", "bodies").Call("put", js.ValueOf(map[string]any{"id": "bad-2", "json": "{not json"}))
	})
	for _, id := range []string{"bad-1", "bad-2"} {
		if _, err := s.Get(ctx, id); !errors.Is(err, ErrCorrupt) {
			t.Errorf("Get(%s) = %v, want ErrCorrupt", id, err)
		}
	}
	list, err := s.List(ctx, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range list {
		found = found || r.ID == good.ID
		if r.ID == "bad-1" {
			t.Errorf("List returned the unreadable record bad-1")
		}
	}
	if !found {
		t.Errorf("List hides the good draft next to a corrupt one: %v", titles(list))
	}
	if _, err := s.Get(ctx, good.ID); err != nil {
		t.Errorf("Get(good) = %v", err)
	}
}

// TestUnavailable: without IndexedDB (private modes, some embedded
// browsers) Open fails with ErrUnavailable, not a crash.
func TestUnavailable(t *testing.T) {
	obj := js.Global().Get("Object")
	desc := obj.Call("getOwnPropertyDescriptor", js.Global(), "indexedDB")
	obj.Call("defineProperty", js.Global(), "indexedDB", map[string]any{"value": js.Undefined(), "configurable": true})
	_, err := Open(ctx, Options{Name: "evidraft-test-unavailable"})
	if desc.Truthy() {
		obj.Call("defineProperty", js.Global(), "indexedDB", desc)
	} else {
		js.Global().Delete("indexedDB")
	}
	if !errors.Is(err, ErrUnavailable) {
		t.Fatalf("Open without indexedDB = %v, want ErrUnavailable", err)
	}
	if !Available() {
		t.Fatal("indexedDB not restored")
	}
}

// TestVersionChange: when another tab upgrades the database, this handle
// is told, closes, and refuses further work with ErrClosed.
func TestVersionChange(t *testing.T) {
	changed := make(chan bool, 1)
	s := openTest(t, Options{OnVersionChange: func() { changed <- true }})
	save(t, s, Record{Kind: "mla", Body: body("x")})
	rawWrite(t, s.Name(), Version+1, []string{"drafts"}, func(js.Value) {})
	select {
	case <-changed:
	case <-time.After(5 * time.Second):
		t.Fatal("OnVersionChange was not called")
	}
	if _, err := s.Save(ctx, Record{Kind: "mla", Body: body("y")}); !errors.Is(err, ErrClosed) {
		t.Errorf("Save after versionchange = %v, want ErrClosed", err)
	}
}

func BenchmarkSave(b *testing.B) {
	s := openTest(b, Options{})
	r, _ := s.Save(ctx, Record{Kind: "preservation", Body: body(strings.Repeat("facts ", 500))})
	if _, err := s.ListJSON(ctx, ListOptions{}); err != nil { // the list index is built, as after the home page
		b.Fatal(err)
	}
	var lat []time.Duration
	for b.Loop() {
		start := time.Now()
		var err error
		r, err = s.Save(ctx, r)
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	reportPercentiles(b, lat)
}

func BenchmarkGet(b *testing.B) {
	s := openTest(b, Options{})
	r, _ := s.Save(ctx, Record{Kind: "preservation", Body: body(strings.Repeat("facts ", 500))})
	for b.Loop() {
		if _, err := s.Get(ctx, r.ID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkList10000 lists 50 newest of 10,000 stored drafts, and all of them.
func BenchmarkList10000(b *testing.B) {
	s := openTest(b, Options{})
	fill(b, s, 10000)
	b.Run("limit50", func(b *testing.B) {
		for b.Loop() {
			if got, err := s.List(ctx, ListOptions{Limit: 50}); err != nil || len(got) != 50 {
				b.Fatal(len(got), err)
			}
		}
	})
	b.Run("all", func(b *testing.B) {
		for b.Loop() {
			if got, err := s.List(ctx, ListOptions{}); err != nil || len(got) != 10000 {
				b.Fatal(len(got), err)
			}
		}
	})
	// The list index, as the engine's listDrafts reads it (JSON text for
	// the page); the first listing builds it, outside the timing.
	if _, err := s.ListJSON(ctx, ListOptions{}); err != nil {
		b.Fatal(err)
	}
	b.Run("all-index", func(b *testing.B) {
		for b.Loop() {
			if text, err := s.ListJSON(ctx, ListOptions{}); err != nil || len(text) < 10000 {
				b.Fatal(len(text), err)
			}
		}
	})
	b.Run("index-getAll-only", func(b *testing.B) {
		for b.Loop() {
			if v, err := s.getAllRaw(ctx, "list", ""); err != nil || v.Length() != listBuckets {
				b.Fatal(err)
			}
		}
	})
	b.Run("index-lines-only", func(b *testing.B) {
		for b.Loop() {
			if v, err := s.indexLines(ctx); err != nil || len(v) != 10000 {
				b.Fatal(err)
			}
		}
	})
	b.Run("all-index-parsed", func(b *testing.B) {
		for b.Loop() {
			text, err := s.ListJSON(ctx, ListOptions{})
			if err != nil || js.Global().Get("JSON").Call("parse", text).Length() != 10000 {
				b.Fatal(err)
			}
		}
	})
	// The cursor walk List used before: the reference for the ratio.
	b.Run("all-cursor", func(b *testing.B) {
		for b.Loop() {
			if got, err := s.listCursor(ctx, ListOptions{}); err != nil || len(got) != 10000 {
				b.Fatal(len(got), err)
			}
		}
	})
}

// fill writes n drafts in one raw transaction, quickly.
func fill(b *testing.B, s *IDB, n int) {
	done := make(chan bool)
	req := js.Global().Get("indexedDB").Call("open", s.Name())
	req.Set("onsuccess", js.FuncOf(func(js.Value, []js.Value) any {
		db := req.Get("result")
		tx := db.Call("transaction", js.ValueOf([]any{"drafts", "bodies"}), "readwrite")
		d, bo := tx.Call("objectStore", "drafts"), tx.Call("objectStore", "bodies")
		for i := 0; i < n; i++ {
			id := fmt.Sprintf("bench-%05d", i)
			ts := time.Date(2026, 1, 1, 0, 0, i, 0, time.UTC).Format("2006-01-02T15:04:05.000Z")
			d.Call("put", js.ValueOf(map[string]any{"id": id, "kind": "mla", "schemaVersion": 1, "lang": "en", "title": "Draft " + id,
				"status": "draft", "created": ts, "updated": ts, "revision": 1}))
			bo.Call("put", js.ValueOf(map[string]any{"id": id, "json": `{"kind":"mla"}`}))
		}
		tx.Set("oncomplete", js.FuncOf(func(js.Value, []js.Value) any { db.Call("close"); done <- true; return nil }))
		return nil
	}))
	<-done
}

func reportPercentiles(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	sorted := append([]time.Duration(nil), lat...)
	for i := range sorted {
		for j := i + 1; j < len(sorted); j++ {
			if sorted[j] < sorted[i] {
				sorted[i], sorted[j] = sorted[j], sorted[i]
			}
		}
	}
	b.ReportMetric(float64(sorted[len(sorted)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(sorted[len(sorted)*95/100].Microseconds())/1000, "p95-ms")
}

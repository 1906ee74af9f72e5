//go:build js && wasm

package store

import (
	"encoding/json"
	"fmt"
	"reflect"
	"syscall/js"
	"testing"

	"github.com/evidraft/evidraft/schemas/export"
)

// sameList checks that the index answers every listing as List does from
// the "drafts" store itself.
func sameList(t *testing.T, s *IDB, when string) {
	t.Helper()
	for _, o := range []ListOptions{{}, {Trash: true}, {Kind: "mla"}, {Status: "final"}, {Kind: "preservation", Status: "draft"}, {Limit: 3}, {Trash: true, Limit: 1}} {
		want, err := s.listAll(ctx, o)
		if err != nil {
			t.Fatal(err)
		}
		text, err := s.ListJSON(ctx, o)
		if err != nil {
			t.Fatalf("%s: ListJSON(%+v) = %v", when, o, err)
		}
		var got []Record
		if err := json.Unmarshal([]byte(text), &got); err != nil {
			t.Fatalf("%s: ListJSON(%+v) is not JSON: %v", when, o, err)
		}
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: ListJSON(%+v) =\n%v\nList =\n%v", when, o, titles(got), titles(want))
		}
	}
	stamps, err := s.Stamps(ctx)
	live, _ := s.listAll(ctx, ListOptions{})
	if err != nil || len(stamps) != len(live) {
		t.Fatalf("%s: Stamps = %d, %v; %d drafts", when, len(stamps), err, len(live))
	}
	for i, st := range stamps {
		if st.ID != live[i].ID || st.Updated != live[i].Updated {
			t.Errorf("%s: stamp %d = %+v, draft %s %s", when, i, st, live[i].ID, live[i].Updated)
		}
	}
}

// TestListIndex: the list index follows every change (save, trash,
// restore, revert, purge, import), is built when missing, and survives
// the upgrade from version 3.
func TestListIndex(t *testing.T) {
	s := openTest(t, Options{})
	sameList(t, s, "empty")
	var recs []Record
	for i := range 12 {
		kind, status := []string{"mla", "preservation", "emergency"}[i%3], []string{"draft", "final"}[i%2]
		recs = append(recs, save(t, s, Record{Kind: kind, Status: status, Title: fmt.Sprintf("draft %d\t<tab> \"q\"", i), Body: body(fmt.Sprint(i))}))
	}
	sameList(t, s, "after saves")
	recs[0].Body = body("changed")
	recs[0] = save(t, s, recs[0])
	if _, err := s.Trash(ctx, recs[1].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Trash(ctx, recs[2].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Restore(ctx, recs[2].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Purge(ctx, recs[3].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Revert(ctx, recs[0].ID, 1, recs[0].Revision); err != nil {
		t.Fatal(err)
	}
	sameList(t, s, "after trash, restore, purge and revert")
	in := []export.Record{
		{ID: recs[4].ID, Kind: "mla", SchemaVersion: 1, Title: "replaced", Status: "final", Updated: "2099-01-01T00:00:00.000Z", Revision: 9, Body: body("r")},
		{ID: recs[5].ID, Kind: "mla", SchemaVersion: 1, Title: "a copy", Status: "draft", Updated: "2001-01-01T00:00:00.000Z", Revision: 1, Body: body("c")},
		{ID: NewID(), Kind: "emergency", SchemaVersion: 1, Title: "new", Status: "draft", Revision: 2, Body: body("n")},
	}
	if _, err := s.Import(ctx, in, func(id string) Policy {
		if id == recs[4].ID {
			return ReplaceIfNewer
		}
		return KeepBoth
	}); err != nil {
		t.Fatal(err)
	}
	sameList(t, s, "after import")

	// Lost: every bucket removed; the next listing builds it again.
	rawWrite(t, s.Name(), Version, []string{"list"}, func(tx js.Value) { tx.Call("objectStore", "list").Call("clear") })
	recs[6].Body = body("saved while the index was missing")
	save(t, s, recs[6])
	sameList(t, s, "rebuilt")
	recs[7].Body = body("after the rebuild")
	save(t, s, recs[7])
	sameList(t, s, "after the rebuild")
}

// TestListIndexUpgrade: drafts saved by version 3 are listed through the
// index after the upgrade.
func TestListIndexUpgrade(t *testing.T) {
	name := "evidraft-test-listupgrade-" + NewID()[:8]
	old, err := Open(ctx, Options{Name: name, Version: 3})
	if err != nil {
		t.Fatal(err)
	}
	old.Close()
	rawWrite(t, name, 3, []string{"drafts", "bodies"}, func(tx js.Value) {
		for i := range 5 {
			id := fmt.Sprint("v3-", i)
			ts := fmt.Sprintf("2026-01-02T03:04:0%d.000Z", i)
			tx.Call("objectStore", "drafts").Call("put", js.ValueOf(map[string]any{
				"id": id, "kind": "mla", "schemaVersion": 1, "lang": "en", "title": "from v3 " + id, "status": "draft",
				"created": ts, "updated": ts, "revision": 1}))
			tx.Call("objectStore", "bodies").Call("put", js.ValueOf(map[string]any{"id": id, "json": `{"kind":"mla"}`}))
		}
	})
	s := openTest(t, Options{Name: name})
	sameList(t, s, "after the upgrade")
	if text, _ := s.ListJSON(ctx, ListOptions{}); len(text) < 100 {
		t.Errorf("ListJSON after the upgrade = %s", text)
	}
}

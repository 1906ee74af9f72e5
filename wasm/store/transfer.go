//go:build js && wasm

package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"syscall/js"

	"github.com/hack-pad/go-indexeddb/idb"

	"github.com/evidraft/evidraft/locales"
)

// Policy says what an import does with a draft whose id is already stored.
type Policy string

const (
	KeepBoth       Policy = "keepBoth"       // import it as a copy with a new id
	ReplaceIfNewer Policy = "replaceIfNewer" // replace the stored one if the file's is newer, else skip
	Skip           Policy = "skip"           // keep the stored one
)

// Valid reports whether p is a known policy.
func (p Policy) Valid() bool { return p == KeepBoth || p == ReplaceIfNewer || p == Skip }

// Stored is what an import finds in the store for a draft of the file.
type Stored struct {
	Revision int    `json:"revision"`
	Updated  string `json:"updated"`
	Title    string `json:"title"`
	Trashed  bool   `json:"trashed,omitempty"`
	Created  string `json:"-"`
}

// Outcome is what an import did with one draft of the file.
type Outcome struct {
	ID     string `json:"id"`     // the id in the store
	FileID string `json:"fileId"` // the id in the file
	Title  string `json:"title"`
	Action string `json:"action"` // "added", "copied", "replaced", "skipped"
}

// Export returns the drafts with ids (every live draft when ids is empty),
// each with its kept revisions, oldest first, for an export file. Every
// draft is exported or none: with ids empty, stored records that cannot be
// read (List skips them) fail the export with export.unreadable naming
// them (see Unreadable), rather than leave them out of the backup.
func (s *IDB) Export(ctx context.Context, ids []string) ([]Record, error) {
	if len(ids) == 0 {
		bad, err := s.unreadable(ctx)
		if err != nil {
			return nil, err
		}
		if len(bad) > 0 {
			return nil, unreadableError(bad)
		}
		all, err := s.List(ctx, ListOptions{})
		if err != nil {
			return nil, err
		}
		for _, r := range all {
			ids = append(ids, r.ID)
		}
	}
	out := make([]Record, 0, len(ids))
	for _, id := range ids {
		r, err := s.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		revs, err := s.Revisions(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, r.ForFile(revs))
	}
	return out, nil
}

// Unreadable is a stored draft record that cannot be read: its id, and
// its title when that much can be read.
type Unreadable struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
}

// unreadableError refuses an export of every draft because of the
// drafts bad: its params are Drafts, their titles and ids as the message
// names them, and Unreadable, the list itself for the page.
func unreadableError(bad []Unreadable) error {
	names := make([]string, len(bad))
	ids := make([]string, len(bad))
	for i, d := range bad {
		names[i], ids[i] = d.ID, strconv.Quote(d.ID)
		if d.Title != "" {
			names[i] = "“" + d.Title + "” (" + d.ID + ")"
		}
	}
	return &locales.Error{Code: "export.unreadable", ID: bad[0].ID, Params: map[string]any{"Drafts": strings.Join(names, ", "), "Unreadable": bad},
		Err: errors.New("unreadable drafts: " + strings.Join(ids, " "))}
}

// unreadable lists the records of the drafts object store that List
// skips: not JSON for a Record, or without id or revision.
func (s *IDB) unreadable(ctx context.Context) ([]Unreadable, error) {
	if s.closed.Load() {
		return nil, ErrClosed
	}
	if !s.raw.Truthy() {
		return nil, nil // no raw connection: List reads with a cursor and so does this not
	}
	v, err := s.getAllRaw(ctx, "drafts", "")
	if err != nil {
		return nil, err
	}
	var raws []json.RawMessage
	if err := json.Unmarshal([]byte(js.Global().Get("JSON").Call("stringify", v).String()), &raws); err != nil {
		return nil, &locales.Error{Code: "store.corrupt", Err: err}
	}
	var out []Unreadable
	for i, raw := range raws {
		var r Record
		if json.Unmarshal(raw, &r) == nil && r.ID != "" && r.Revision >= 1 {
			continue
		}
		var loose struct {
			ID    any `json:"id"`
			Title any `json:"title"`
		}
		json.Unmarshal(raw, &loose)
		u := Unreadable{ID: fmt.Sprint(loose.ID)}
		if loose.ID == nil {
			u.ID = fmt.Sprintf("#%d", i+1)
		}
		if t, ok := loose.Title.(string); ok {
			u.Title = t
		}
		out = append(out, u)
	}
	return out, nil
}

// Lookup returns what is stored under each id (nil where nothing is), in
// one read-only transaction.
func (s *IDB) Lookup(ctx context.Context, ids []string) (map[string]*Stored, error) {
	tx, err := s.txn(idb.TransactionReadOnly, "drafts")
	if err != nil {
		return nil, err
	}
	drafts, _ := tx.ObjectStore("drafts")
	out := map[string]*Stored{}
	for _, id := range ids {
		r, err := getMeta(ctx, drafts, id)
		if err != nil {
			return nil, err
		}
		if r != nil {
			out[id] = &Stored{Revision: r.Revision, Updated: r.Updated, Title: r.Title, Trashed: r.Trashed != "", Created: r.Created}
		}
	}
	return out, nil
}

// revisionOf is the revision of a stored record, 0 for none.
func revisionOf(r *Record) int {
	if r == nil {
		return 0
	}
	return r.Revision
}

func getMeta(ctx context.Context, drafts *idb.ObjectStore, id string) (*Record, error) {
	req, err := drafts.Get(js.ValueOf(id))
	if err != nil {
		return nil, mapErr(err, id)
	}
	return metaOf(ctx, req, id)
}

// Import writes the drafts of an export file in one transaction: if any
// write fails (a full disk, another tab upgrading the database), nothing
// is written. policy gives the rule for each draft whose id is stored
// already; drafts not yet stored are always added. A replaced draft keeps
// its stored history, so the version it had can still be restored; an
// added or copied draft brings the file's history with it.
func (s *IDB) Import(ctx context.Context, recs []Record, policy func(fileID string) Policy) ([]Outcome, error) {
	seen := map[string]bool{}
	for _, r := range recs {
		if r.ID == "" || r.Kind == "" || !json.Valid(r.Body) {
			return nil, &locales.Error{Code: "store.corrupt", ID: r.ID, Err: errors.New("incomplete record")}
		}
		if seen[r.ID] {
			return nil, &locales.Error{Code: "store.corrupt", ID: r.ID, Err: errors.New("the file holds this draft twice")}
		}
		seen[r.ID] = true
	}
	t := s.now()
	// What happens to each draft is decided first, from what is stored
	// now, so that its bodies can be sealed for the id and revision they
	// will have (encryption is bound to both) before the transaction
	// opens; the transaction then refuses the import if another tab
	// changed one of those drafts in between.
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = r.ID
	}
	stored, err := s.Lookup(ctx, ids)
	if err != nil {
		return nil, err
	}
	steps := make([]importStep, len(recs))
	for i, r := range recs {
		st := importStep{o: Outcome{ID: r.ID, FileID: r.ID, Title: r.Title, Action: "added"}}
		n := r
		n.Trashed, n.Body, n.Revisions, n.Checkpoint = "", nil, nil, false
		n.Revision = max(r.Revision, 1)
		if n.Status == "" {
			n.Status = "draft"
		}
		if n.Created == "" {
			n.Created = t
		}
		if n.Updated == "" {
			n.Updated = t
		}
		history := r.Revisions
		if old := stored[r.ID]; old != nil {
			st.expect = old.Revision
			switch p := policy(r.ID); {
			case p == Skip, p == ReplaceIfNewer && r.Updated <= old.Updated:
				st.o.Action = "skipped"
				steps[i] = st
				continue
			case p == ReplaceIfNewer:
				st.o.Action = "replaced"
				n.Created = old.Created
				n.Revision = max(old.Revision, r.Revision) + 1
				history = nil
			default:
				st.o.Action = "copied"
				n.ID = NewID()
				st.o.ID = n.ID
				st.expect = -1 // a new id: nothing to compare
			}
		}
		if st.body, err = s.sealFor(string(r.Body), n.ID, n.Revision); err != nil {
			return nil, err
		}
		for _, v := range history {
			if v.Revision < 1 || v.Revision >= n.Revision || len(v.Body) == 0 {
				continue
			}
			f, err := s.sealAt(string(v.Body), "revisions", n.ID, v.Revision)
			if err != nil {
				return nil, err
			}
			st.history = append(st.history, with(f, map[string]any{"id": n.ID, "revision": v.Revision, "updated": v.Updated, "title": v.Title, "status": v.Status}))
		}
		st.n = n
		steps[i] = st
	}
	var out []Outcome
	err = s.withManifest(ctx, func(m map[string]int) {
		for _, st := range steps {
			if st.o.Action != "skipped" {
				m[st.n.ID] = st.n.Revision
			}
		}
	}, func(m *sealedManifest) (err error) {
		out, err = s.importTx(ctx, steps, m)
		return err
	})
	return out, err
}

// importTx writes the steps of an import in one transaction.
func (s *IDB) importTx(ctx context.Context, steps []importStep, m *sealedManifest) ([]Outcome, error) {
	w, err := s.versionTx()
	if err != nil {
		return nil, err
	}
	if err := s.stillInClear(w.tx)(ctx); err != nil {
		return nil, abort(w.tx, err)
	}
	if err := manifestCheck(w.tx, m)(ctx); err != nil {
		return nil, abort(w.tx, err)
	}
	var out []Outcome
	for _, st := range steps {
		if st.expect >= 0 {
			old, err := getMeta(ctx, w.drafts, st.o.FileID)
			if err != nil {
				return nil, abort(w.tx, err)
			}
			if now := revisionOf(old); now != st.expect {
				return nil, abort(w.tx, &locales.Error{Code: "store.stale", ID: st.o.FileID, Err: fmt.Errorf("stored revision went from %d to %d during the import", st.expect, now)})
			}
		}
		if st.o.Action == "skipped" {
			out = append(out, st.o)
			continue
		}
		for _, h := range st.history {
			if _, err := w.revs.Put(js.ValueOf(h)); err != nil {
				return nil, abort(w.tx, mapErr(err, st.n.ID))
			}
		}
		if err := w.putVersion(ctx, st.n, st.body.body, st.body.rev); err != nil {
			return nil, abort(w.tx, mapErr(err, st.n.ID))
		}
		out = append(out, st.o)
	}
	if err := w.commit(ctx, ""); err != nil {
		return nil, err
	}
	return out, nil
}

// importStep is what an import does with one draft of the file.
type importStep struct {
	o       Outcome
	n       Record
	expect  int // the stored revision the plan was made from, 0 if none, -1 for a new id
	body    *sealed
	history []map[string]any
}

// Meta returns the JSON value stored under key in "meta", "" if none.
func (s *IDB) Meta(ctx context.Context, key string) (string, error) {
	v, err := s.rawMeta(ctx, key)
	if err != nil {
		return "", err
	}
	if !v.Truthy() || v.Get("json").Type() != js.TypeString {
		return "", nil
	}
	return v.Get("json").String(), nil
}

// SetMeta stores a JSON value under key in "meta".
func (s *IDB) SetMeta(ctx context.Context, key, value string) error {
	return s.putMeta(ctx, map[string]any{"key": key, "json": value})
}

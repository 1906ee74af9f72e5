//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"syscall/js"
	"time"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
	"github.com/evidraft/evidraft/schemas/export"
	"github.com/evidraft/evidraft/wasm/store"
)

// Keys of the store's meta object store.
const (
	metaExported   = "exported"   // {draft id: its "updated" when last exported}
	metaLastExport = "lastExport" // when the last export file was written
)

// exportDrafts(ids?, {passphrase, key}) -> the text of an export file
// holding those drafts (all live drafts when ids is empty) with their
// history, encrypted when a passphrase is given, or with key "drafts"
// (the drafts' own key, so that it opens with their passphrase). The drafts are marked exported.
func exportDrafts(args []js.Value) (any, error) {
	s, err := draftStore()
	if err != nil {
		return nil, err
	}
	var ids []string
	switch v := arg(args, 0); v.Type() {
	case js.TypeObject:
		if n := prop(v, "length"); n.Type() != js.TypeUndefined {
			ids = stringList(v, "ids", maxIDs)
		}
	case js.TypeString:
		id, err := stringArg(args, 0, "id")
		if err != nil {
			return nil, err
		}
		ids = []string{id}
	}
	ctx := context.Background()
	recs, err := s.Export(ctx, ids)
	if err != nil {
		return nil, err
	}
	data, err := export.Marshal(export.Content{App: version, Records: recs})
	if err != nil {
		return nil, err
	}
	switch pass := option(arg(args, 1), "passphrase"); {
	case option(arg(args, 1), "key") == "drafts":
		// Encrypted with the key that protects the drafts: the file opens
		// with their passphrase, which the page never asks for again.
		k := unlocked.Load()
		if k == nil {
			return nil, &locales.Error{Code: "store.locked"}
		}
		if data, err = export.SealWithKey(k.settings, k.key, data); err != nil {
			return nil, &locales.Error{Code: "api.internal", Params: map[string]any{"Detail": err.Error()}, Err: err}
		}
	case pass != "":
		if err := checkPassphrase(pass); err != nil {
			return nil, err
		}
		if data, err = export.SealWith(cipherFor(), data, pass); err != nil {
			return nil, &locales.Error{Code: "api.internal", Params: map[string]any{"Detail": err.Error()}, Err: err}
		}
	}
	// Remember what went into a file, for the "changed since last export"
	// reminder. A failure here does not undo the export.
	marks := exportMarks(ctx, s)
	for _, r := range recs {
		marks[r.ID] = r.Updated
	}
	b, _ := json.Marshal(marks)
	s.SetMeta(ctx, metaExported, string(b))
	t, _ := json.Marshal(time.Now().UTC().Format(time.RFC3339))
	s.SetMeta(ctx, metaLastExport, string(t))
	events.local(changeEvent{Action: "exported"})
	return string(data), nil
}

// maxIDs bounds the ids exportDrafts takes: more than any store holds.
const maxIDs = 1 << 20

// exportMarks reads what went into export files: draft id -> its
// "updated" then. Unreadable or missing, it is empty.
func exportMarks(ctx context.Context, s store.DraftStore) map[string]string {
	marks := map[string]string{}
	if v, err := s.Meta(ctx, metaExported); err == nil && v != "" {
		json.Unmarshal([]byte(v), &marks)
	}
	return marks
}

// previewDraft is one draft of an export file, as importPreview shows it.
type previewDraft struct {
	FileID        string        `json:"fileId"`
	Title         string        `json:"title"`
	Kind          string        `json:"kind"`
	Status        string        `json:"status"`
	Updated       string        `json:"updated"`
	Revisions     int           `json:"revisions"` // kept versions in the file, besides the current one
	SchemaVersion int           `json:"schemaVersion"`
	ReadOnly      bool          `json:"readOnly"` // written in a newer format: it will open read-only
	State         string        `json:"state"`    // "new", "newer", "older", "same" than the stored draft
	Stored        *store.Stored `json:"stored,omitempty"`
}

type preview struct {
	Encrypted      bool           `json:"encrypted"`
	App            string         `json:"app"`
	Created        string         `json:"created"`
	SchemaVersions []int          `json:"schemaVersions"`
	Count          int            `json:"count"`
	Kinds          map[string]int `json:"kinds"`
	Drafts         []previewDraft `json:"drafts"`
}

// importPreview(file, {passphrase}) -> what the file holds and how each
// draft compares with the stored one; nothing is written. file is the
// file's text, or its bytes (Uint8Array or ArrayBuffer), so that invalid
// UTF-8 is seen as such.
func importPreview(args []js.Value) (any, error) {
	s, err := draftStore()
	if err != nil {
		return nil, err
	}
	c, err := readImport(args)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, r := range c.Records {
		ids = append(ids, r.ID)
	}
	stored, err := s.Lookup(context.Background(), ids)
	if err != nil {
		return nil, err
	}
	p := preview{Encrypted: c.Encrypted, App: c.App, Created: c.Created, SchemaVersions: c.SchemaVersions, Count: len(c.Records), Kinds: map[string]int{}, Drafts: []previewDraft{}}
	for _, r := range c.Records {
		d := previewDraft{FileID: r.ID, Title: r.Title, Kind: r.Kind, Status: r.Status, Updated: r.Updated, Revisions: len(r.Revisions),
			SchemaVersion: r.SchemaVersion, ReadOnly: r.SchemaVersion > schemas.SchemaVersion, State: "new", Stored: stored[r.ID]}
		if st := d.Stored; st != nil {
			switch {
			case r.Updated > st.Updated:
				d.State = "newer"
			case r.Updated < st.Updated:
				d.State = "older"
			default:
				d.State = "same"
			}
		}
		p.Kinds[r.Kind]++
		p.Drafts = append(p.Drafts, d)
	}
	return p, nil
}

// importDrafts(file, {policy, policies, passphrase}) -> {drafts: [{id,
// fileId, title, action}], added, copied, replaced, skipped}. policy
// ("keepBoth", "replaceIfNewer" or "skip"; keepBoth by default) applies to
// drafts already stored; policies maps a file id to its own policy. All
// drafts are written in one transaction, or none.
func importDrafts(args []js.Value) (any, error) {
	s, err := draftStore()
	if err != nil {
		return nil, err
	}
	opts := arg(args, 1)
	def := store.KeepBoth
	if p := store.Policy(option(opts, "policy")); p != "" {
		if !p.Valid() {
			return nil, badArgument("policy must be keepBoth, replaceIfNewer or skip")
		}
		def = p
	}
	per := map[string]store.Policy{}
	if m := prop(opts, "policies"); m.Type() == js.TypeObject {
		text, err := jsonText(m)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(text), &per); err != nil {
			return nil, badArgument("policies must map draft ids to policies")
		}
		for _, p := range per {
			if !p.Valid() {
				return nil, badArgument("policy must be keepBoth, replaceIfNewer or skip")
			}
		}
	}
	c, err := readImport(args)
	if err != nil {
		return nil, err
	}
	out, err := s.Import(context.Background(), c.Records, func(id string) store.Policy {
		if p, ok := per[id]; ok {
			return p
		}
		return def
	})
	if err != nil {
		return nil, err
	}
	res := map[string]any{"drafts": out, "added": 0, "copied": 0, "replaced": 0, "skipped": 0}
	for _, o := range out {
		res[o.Action] = res[o.Action].(int) + 1
	}
	events.local(changeEvent{Action: "imported"})
	return res, nil
}

// readImport reads, verifies and decrypts an export file given as the
// first argument, and brings each draft (and each kept version) to the
// current format. A draft that cannot be brought forward rejects the whole
// file with export.migration, naming the draft.
func readImport(args []js.Value) (*export.Content, error) {
	data, err := fileArg(arg(args, 0))
	if err != nil {
		return nil, err
	}
	c, err := export.UnmarshalWith(cipherFor(), data, option(arg(args, 1), "passphrase"))
	if err != nil {
		return nil, err // an export.<code> *locales.Error
	}
	loc := currentLocalizer()
	for i := range c.Records {
		r := &c.Records[i]
		fail := func(err error) error {
			reason := loc.Error(err)
			title := r.Title
			if title == "" {
				title = r.ID
			}
			return &locales.Error{Code: "export.migration", ID: r.ID, Params: map[string]any{"Title": title, "Reason": reason}, Err: err}
		}
		body, from, err := schemas.Migrate(r.Body)
		switch {
		case err != nil && from > schemas.SchemaVersion:
			r.SchemaVersion = from // newer: kept as it is, opens read-only
			continue
		case err != nil:
			return nil, fail(err)
		}
		r.Body = body
		if from != 0 {
			r.SchemaVersion = schemas.SchemaVersion
		}
		for j := range r.Revisions {
			v := &r.Revisions[j]
			if v.Body, _, err = schemas.Migrate(v.Body); err != nil {
				return nil, fail(err)
			}
		}
	}
	return c, nil
}

// fileArg reads a file given as text, Uint8Array or ArrayBuffer. The
// bytes are copied into a Uint8Array the engine makes: v itself could be
// a Proxy, and instanceof (in InstanceOf and CopyBytesToGo) would run its
// traps where an exception cannot be caught.
func fileArg(v js.Value) ([]byte, error) {
	if v.Type() == js.TypeString {
		return []byte(v.String()), nil
	}
	bad := badArgument("the file must be text, a Uint8Array or an ArrayBuffer")
	if !isObject(v) {
		return nil, bad
	}
	var tag string
	if err := try(func() { tag = jsObject.Get("prototype").Get("toString").Call("call", v).String() }); err != nil {
		return nil, bad
	}
	if tag != "[object Uint8Array]" && tag != "[object ArrayBuffer]" {
		return nil, bad
	}
	var copied js.Value
	if err := try(func() { copied = js.Global().Get("Uint8Array").New(v) }); err != nil {
		return nil, bad
	}
	return bytesGo(copied), nil
}

type storageStatus struct {
	Persisted      bool     `json:"persisted"`
	Usage          float64  `json:"usage"` // bytes, as the browser estimates them; 0 when unknown
	Quota          float64  `json:"quota"`
	LastExport     string   `json:"lastExport,omitempty"`
	Drafts         int      `json:"drafts"`
	NotExported    int      `json:"notExported"` // drafts changed (or new) since their last export
	NotExportedIDs []string `json:"notExportedIds"`
}

// storageStatus({persist}) -> {persisted, usage, quota, lastExport,
// drafts, notExported, notExportedIds}. With persist: true it first asks
// the browser to keep the site's storage (navigator.storage.persist).
func storageStatusFn(args []js.Value) (any, error) {
	s, err := draftStore()
	if err != nil {
		return nil, err
	}
	var st storageStatus
	if sm := js.Global().Get("navigator").Get("storage"); sm.Truthy() {
		if optionBool(arg(args, 0), "persist") && sm.Get("persist").Type() == js.TypeFunction {
			if v, err := await(sm.Call("persist")); err == nil {
				st.Persisted = v.Truthy()
			}
		} else if sm.Get("persisted").Type() == js.TypeFunction {
			if v, err := await(sm.Call("persisted")); err == nil {
				st.Persisted = v.Truthy()
			}
		}
		if sm.Get("estimate").Type() == js.TypeFunction {
			if v, err := await(sm.Call("estimate")); err == nil && v.Truthy() {
				if u := v.Get("usage"); u.Type() == js.TypeNumber {
					st.Usage = u.Float()
				}
				if q := v.Get("quota"); q.Type() == js.TypeNumber {
					st.Quota = q.Float()
				}
			}
		}
	}
	ctx := context.Background()
	if v, err := s.Meta(ctx, metaLastExport); err == nil && v != "" {
		json.Unmarshal([]byte(v), &st.LastExport)
	}
	marks := exportMarks(ctx, s)
	list, err := s.Stamps(ctx)
	if err != nil {
		return nil, err
	}
	st.Drafts = len(list)
	st.NotExportedIDs = []string{}
	for _, r := range list {
		if marks[r.ID] != r.Updated {
			st.NotExported++
			st.NotExportedIDs = append(st.NotExportedIDs, r.ID)
		}
	}
	return st, nil
}

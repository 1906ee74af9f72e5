//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"syscall/js"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
	"github.com/evidraft/evidraft/wasm/store"
)

// The engine's draft store calls: new, save, get, list, trash, restore,
// purge, revisions and revert.

// newDraft(kind, lang?) -> an unsaved record with a fresh id and a body
// holding the kind, the format version and the request language.
func newDraft(args []js.Value) (any, error) {
	k, err := stringArg(args, 0, "kind")
	if err != nil {
		return nil, err
	}
	if _, err := schemas.KindByID(k); err != nil {
		return nil, unknownKind(k)
	}
	tag := langOption(arg(args, 1))
	body, _ := json.Marshal(map[string]any{"kind": k, "schemaVersion": schemas.SchemaVersion, "language": tag.String()})
	return store.Record{ID: store.NewID(), Kind: k, SchemaVersion: schemas.SchemaVersion, Lang: tag.String(), Status: "draft", Body: body}, nil
}

// saveDraft(record, {body}) -> the saved record with its new revision;
// with body: false, its metadata only (what a page that keeps the body
// it sent reads: revision, title, status, updated). The record's body is
// an object or its JSON text (a string: it is then not serialised again,
// and the text is read once). The record is refused with store.stale when
// another tab saved it meanwhile.
func saveDraft(args []js.Value) (any, error) {
	r, err := recordArg(arg(args, 0))
	if err != nil {
		return nil, err
	}
	withBody := true
	if opts := arg(args, 1); isObject(opts) {
		if b := prop(opts, "body"); b.Type() == js.TypeBoolean {
			withBody = b.Bool()
		}
	}
	s, err := draftStore()
	if err != nil {
		return nil, err
	}
	saved, err := s.SaveChecked(context.Background(), r)
	if err != nil {
		return nil, err
	}
	events.local(changed("saved", saved))
	if !withBody {
		return saved, nil
	}
	// The body goes back as the browser parses it, not through Go's
	// encoder, which would scan it once more.
	out, err := toJS(saved)
	if err != nil {
		return nil, err
	}
	out.Set("body", jsJSON.Call("parse", string(r.Body)))
	return out, nil
}

// recordFields are the metadata fields of a record the API reads: all
// but its body (read on its own) and an export file's revisions.
var recordFields = []any{"id", "kind", "schemaVersion", "lang", "title", "status", "created", "updated", "revision", "trashed", "checkpoint"}

// recordArg reads a record given as an object (or JSON text). Its body,
// an object or JSON text, must be a JSON object no larger than a draft
// may be, and is read once (schemas.ReadDraft): kind and format version
// are taken from it, and the title from its reference when the record
// has none.
func recordArg(v js.Value) (store.Record, error) {
	var r store.Record
	var body []byte
	if isArray(v) {
		return store.Record{}, badArgument("record must be an object or JSON text, not a list")
	}
	if t, _ := typeOf(v); t == js.TypeObject {
		// The metadata through JSON.stringify with the names as its
		// allow-list (the body is left out), the body on its own. Eleven
		// short fields: megabytes there are refused before they are
		// copied into Go and parsed (seven 16 MB fields took 8.7 s).
		var meta js.Value
		if err := try(func() { meta = jsJSON.Call("stringify", v, js.ValueOf(recordFields)) }); err != nil {
			return store.Record{}, badArgument("record cannot be turned into JSON: %v", err)
		}
		if t, _ := typeOf(meta); t == js.TypeString && strLen(meta) > maxStringArg {
			return store.Record{}, badArgument("record: its fields other than the body are too long")
		}
		if err := json.Unmarshal([]byte(meta.String()), &r); err != nil {
			return store.Record{}, badArgument("record: %v", err)
		}
		b := prop(v, "body")
		switch t, _ := typeOf(b); {
		case t == js.TypeString && strLen(b) > schemas.MaxDraftSize: // UTF-8 takes no fewer bytes
			return store.Record{}, &locales.Error{Code: "error.json.tooLarge", Params: map[string]any{"Limit": schemas.MaxDraftSize}}
		case t == js.TypeString:
			body = []byte(b.String())
		case t == js.TypeObject:
			text, err := jsonStringify(b)
			if err != nil {
				return store.Record{}, badArgument("body cannot be turned into JSON: %v", err)
			}
			body = []byte(text)
		case t != js.TypeUndefined && t != js.TypeNull:
			body = []byte(describe(b)) // not JSON text: ReadDraft says what is wrong
		}
	} else {
		text, err := jsonText(v)
		if err != nil {
			return store.Record{}, err
		}
		// The body may come as JSON text inside the record: escaped, it can
		// take twice the room. Anything larger cannot hold a draft.
		if len(text) > 2*schemas.MaxDraftSize+maxStringArg {
			return store.Record{}, &locales.Error{Code: "error.json.tooLarge", Params: map[string]any{"Limit": schemas.MaxDraftSize}}
		}
		if err := json.Unmarshal([]byte(text), &r); err != nil {
			return store.Record{}, badArgument("record: %v", err)
		}
		body = r.Body
		var s string
		if json.Unmarshal(body, &s) == nil {
			body = []byte(s) // the body was given as JSON text
		}
	}
	obj, err := schemas.ReadDraftObject(body)
	if err != nil {
		return store.Record{}, err
	}
	r.Body = body
	if k, ok := obj["kind"].(string); ok {
		r.Kind = k
	}
	if n, ok := obj["schemaVersion"].(json.Number); ok {
		if i, err := n.Int64(); err == nil {
			r.SchemaVersion = int(i)
		}
	}
	if r.SchemaVersion > schemas.SchemaVersion {
		// Written by a newer evidraft: this one cannot know what its
		// fields mean, so it never rewrites it.
		return store.Record{}, &locales.Error{Code: "error.version.newer", Params: map[string]any{"Version": fmt.Sprint(r.SchemaVersion), "Current": schemas.SchemaVersion}}
	}
	if r.Title == "" {
		if ref, ok := obj["reference"].(string); ok {
			r.Title = ref
		}
	}
	if l, ok := obj["language"].(string); ok && r.Lang == "" {
		r.Lang = l
	}
	return r, nil
}

func changed(action string, r store.Record) changeEvent {
	return changeEvent{Action: action, ID: r.ID, Revision: r.Revision, Kind: r.Kind, Status: r.Status, Title: r.Title, Updated: r.Updated}
}

// getDraft(id) -> the record with its body. A body in an older format is
// brought to the current one (the stored copy changes at the next save); a
// body in a newer format comes back as it is, with readOnly set.
func getDraft(args []js.Value) (any, error) {
	return withID(args, func(s store.DraftStore, id string) (any, error) {
		r, err := s.Get(context.Background(), id)
		if err != nil {
			return nil, err
		}
		v := schemas.DraftVersion(r.Body)
		switch {
		case v > schemas.SchemaVersion:
			return struct {
				store.Record
				ReadOnly bool `json:"readOnly"`
			}{r, true}, nil
		case v > 0 && v < schemas.SchemaVersion:
			body, _, err := schemas.Migrate(r.Body)
			if err != nil {
				return nil, err
			}
			r.Body, r.SchemaVersion = body, schemas.SchemaVersion
		}
		return r, nil
	})
}

// listDrafts({kind, status, trash, limit}) -> metadata, newest first.
func listDrafts(args []js.Value) (any, error) {
	s, err := draftStore()
	if err != nil {
		return nil, err
	}
	opts := arg(args, 0)
	// The index's JSON goes to the page as it is: decoding and encoding
	// 10,000 records in Go took longer than reading them.
	list, err := s.ListJSON(context.Background(), store.ListOptions{
		Kind: option(opts, "kind"), Status: option(opts, "status"),
		Trash: optionBool(opts, "trash"), Limit: optionInt(opts, "limit"),
	})
	if err != nil {
		return nil, err
	}
	return json.RawMessage(list), nil
}

// deleteDraft(id) -> the record, now in the trash.
func deleteDraft(args []js.Value) (any, error) {
	return mutate(args, "trashed", store.DraftStore.Trash)
}

// restoreDraft(id) -> the record, out of the trash.
func restoreDraft(args []js.Value) (any, error) {
	return mutate(args, "restored", store.DraftStore.Restore)
}

// purgeDraft(id) removes the draft and its revisions for good.
func purgeDraft(args []js.Value) (any, error) {
	return withID(args, func(s store.DraftStore, id string) (any, error) {
		if err := s.Purge(context.Background(), id); err != nil {
			return nil, err
		}
		events.local(changeEvent{Action: "purged", ID: id})
		return nil, nil
	})
}

// revisions(id) -> the kept versions of a draft, newest first.
func revisions(args []js.Value) (any, error) {
	return withID(args, func(s store.DraftStore, id string) (any, error) {
		revs, err := s.Revisions(context.Background(), id)
		if revs == nil && err == nil {
			revs = []store.Revision{}
		}
		return revs, err
	})
}

// revertDraft(id, revision, from?) -> the record saved anew with the body
// of that earlier revision. from, when given, is the revision the caller
// last saw; a newer stored one makes it store.stale.
func revertDraft(args []js.Value) (any, error) {
	return withID(args, func(s store.DraftStore, id string) (any, error) {
		rev, ok := intOf(arg(args, 1))
		if !ok {
			return nil, badArgument("revision must be a whole number")
		}
		from := -1
		if f := arg(args, 2); f.Type() == js.TypeNumber {
			if from, ok = intOf(f); !ok {
				return nil, badArgument("from must be a whole number")
			}
		}
		r, err := s.Revert(context.Background(), id, rev, from)
		if err != nil {
			return nil, err
		}
		events.local(changed("reverted", r))
		return r, nil
	})
}

func withID(args []js.Value, fn func(s store.DraftStore, id string) (any, error)) (any, error) {
	id, err := stringArg(args, 0, "id")
	if err != nil {
		return nil, err
	}
	s, err := draftStore()
	if err != nil {
		return nil, err
	}
	return fn(s, id)
}

func mutate(args []js.Value, action string, op func(store.DraftStore, context.Context, string) (store.Record, error)) (any, error) {
	return withID(args, func(s store.DraftStore, id string) (any, error) {
		r, err := op(s, context.Background(), id)
		if err != nil {
			return nil, err
		}
		events.local(changed(action, r))
		return r, nil
	})
}

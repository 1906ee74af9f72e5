//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"syscall/js"

	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
	"github.com/evidraft/evidraft/schemas/export"
	"github.com/evidraft/evidraft/schemas/render"
	"github.com/evidraft/evidraft/wasm/store"
)

// register sets the API functions on the evidraft object.
func register(api js.Value) {
	fns := map[string]func([]js.Value) (any, error){
		"languages":     languages,
		"setLanguage":   setLanguage,
		"kinds":         kinds,
		"example":       example,
		"schema":        schema,
		"validate":      validate,
		"form":          form,
		"texts":         texts,
		"countries":     func([]js.Value) (any, error) { return schemas.Countries(), nil },
		"timeZones":     func([]js.Value) (any, error) { return schemas.TimeZones(), nil },
		"render":        renderDraft,
		"newDraft":      newDraft,
		"saveDraft":     saveDraft,
		"getDraft":      getDraft,
		"listDrafts":    listDrafts,
		"deleteDraft":   deleteDraft,
		"restoreDraft":  restoreDraft,
		"purgeDraft":    purgeDraft,
		"revisions":     revisions,
		"revertDraft":   revertDraft,
		"history":       history,
		"diffDrafts":    diffDrafts,
		"exportDrafts":  exportDrafts,
		"importPreview": importPreview,
		"importDrafts":  importDrafts,
		"storageStatus": storageStatusFn,
		"protection":    protectionFn,
		"protectDrafts": protectDrafts,
		"unlockDrafts":  unlockDrafts,
		"lockDrafts":    lockDrafts,
		"warm":          warm,
		"expiring":      expiring,
		"followUp":      followUp,
		"limits": func([]js.Value) (any, error) {
			return map[string]int{"maxFileBytes": export.MaxFileBytes, "maxRecords": export.MaxRecords, "minPassphrase": export.MinPassphrase}, nil
		},
	}
	for name, fn := range fns {
		api.Set(name, async(fn))
	}
}

type languageInfo struct {
	Tag  string `json:"tag"`
	Name string `json:"name"` // the language's own name for itself
	Dir  string `json:"dir"`
}

func info(tag language.Tag) languageInfo {
	return languageInfo{Tag: tag.String(), Name: locales.SelfName(tag), Dir: locales.Dir(tag)}
}

// languages() -> [{tag, name, dir}], the supported languages.
func languages([]js.Value) (any, error) {
	var out []languageInfo
	for _, t := range locales.Supported() {
		out = append(out, info(t))
	}
	return out, nil
}

// setLanguage(tag | [tags]) -> {tag, name, dir}: the supported language
// that best matches, which messages and errors use from now on.
func setLanguage(args []js.Value) (any, error) {
	v := arg(args, 0)
	var prefs []string
	switch {
	case v.Type() == js.TypeString:
		if strLen(v) <= 255 { // longer, it is no language tag
			prefs = []string{v.String()}
		}
	case isArray(v):
		prefs = stringList(v, "language", 1000)
	default:
		return nil, badArgument("language must be a BCP 47 tag or a list of them")
	}
	t := locales.Match(prefs...)
	mu.Lock()
	lang = t
	mu.Unlock()
	return info(t), nil
}

// langOption returns the language named in opts.lang (or given as a
// string), else the engine's current language.
func langOption(v js.Value) language.Tag {
	t := v
	if v.Type() != js.TypeString {
		t = prop(v, "lang")
	}
	switch {
	case t.Type() != js.TypeString || strLen(t) == 0:
		return currentLang()
	case strLen(t) > 255:
		return locales.Match() // no language tag is that long
	}
	return locales.Match(t.String())
}

// texts(lang?) -> the interface strings ("ui.*") by id, with {Name}
// placeholders for the page to fill in.
func texts(args []js.Value) (any, error) {
	return locales.For(langOption(arg(args, 0))).Texts("ui."), nil
}

type kindInfo struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Articles    string `json:"articles"`
}

// kinds(lang?) -> [{id, title, description, articles}] in that language.
func kinds(args []js.Value) (any, error) {
	loc := locales.For(langOption(arg(args, 0)))
	var out []kindInfo
	for _, k := range schemas.Kinds() {
		out = append(out, kindInfo{ID: k.ID, Title: loc.Text(k.Title), Description: loc.Text(k.Description), Articles: k.Articles})
	}
	return out, nil
}

// example(kind, {now}) -> a complete, valid example draft of that kind,
// dated from now (see nowOption).
func example(args []js.Value) (any, error) {
	now, err := nowOption(arg(args, 1))
	if err != nil {
		return nil, err
	}
	return kindFile(args, func(kind string) ([]byte, error) { return schemas.ExampleAt(kind, now) })
}

// schema(kind) -> the JSON Schema of that kind.
func schema(args []js.Value) (any, error) { return kindFile(args, schemas.Schema) }

func kindFile(args []js.Value, read func(kind string) ([]byte, error)) (any, error) {
	k, err := stringArg(args, 0, "kind")
	if err != nil {
		return nil, err
	}
	b, err := read(k)
	if err != nil {
		return nil, unknownKind(k)
	}
	return json.RawMessage(b), nil
}

func unknownKind(k string) error {
	for i := range k { // a long one is cut, at a character's start
		if i >= 100 {
			k = k[:i] + "…"
			break
		}
	}
	return &schemas.InputError{ID: "error.kind.unknown", Params: map[string]any{"Kind": k, "Kinds": schemas.KindIDs()}}
}

// warm() compiles the schemas now (the first validation or form would),
// so that opening the first draft does not wait for it; the page calls it
// when it is idle after drawing. It rejects if they do not compile.
func warm([]js.Value) (any, error) { return nil, schemas.CompileError() }

// validate(draft, {lang, final, kind, now}) -> {kind, valid, findings}, the
// same shape as the CLI's JSON output. draft is JSON text or an object.
func validate(args []js.Value) (any, error) {
	text, err := jsonText(arg(args, 0))
	if err != nil {
		return nil, err
	}
	opts := arg(args, 1)
	now, err := nowOption(opts)
	if err != nil {
		return nil, err
	}
	o := schemas.Options{Lang: langOption(opts), Kind: option(opts, "kind"), Now: now}
	if optionBool(opts, "final") {
		o.Mode = schemas.Final
	}
	return schemas.Validate([]byte(text), o)
}

// form(draft, {lang, final, now, rows}) -> the editor's model: sections with
// status, fields with widget, label, hint, options, flags, value and
// findings, each finding with its section; with rows: true each section
// also has its check-answers rows.
func form(args []js.Value) (any, error) {
	text, err := jsonText(arg(args, 0))
	if err != nil {
		return nil, err
	}
	v, err := schemas.ReadDraft([]byte(text))
	if err != nil {
		return nil, err
	}
	opts := arg(args, 1)
	now, err := nowOption(opts)
	if err != nil {
		return nil, err
	}
	o := schemas.FormOptions{Lang: langOption(opts), Now: now, Rows: optionBool(opts, "rows")}
	if optionBool(opts, "final") {
		o.Mode = schemas.Final
	}
	return schemas.BuildForm(v, o)
}

// render(draft, {lang, second, final, now}) -> the printed request as an
// HTML fragment (every answer escaped), in the request's language or lang,
// with a second language beside it if asked. Unless final is true and the
// draft passes the final check (as of now), every page is marked a draft.
func renderDraft(args []js.Value) (any, error) {
	text, err := jsonText(arg(args, 0))
	if err != nil {
		return nil, err
	}
	opts := arg(args, 1)
	now, err := nowOption(opts)
	if err != nil {
		return nil, err
	}
	o := render.Options{Final: optionBool(opts, "final"), Now: now}
	if l := option(opts, "lang"); l != "" {
		o.Lang = locales.Match(l)
	}
	if l := option(opts, "second"); l != "" {
		o.Second = locales.Match(l)
	}
	var b strings.Builder
	if err := render.Render(&b, []byte(text), o); err != nil {
		return nil, err
	}
	return b.String(), nil
}

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

// saveDraft(record) -> the saved record with its new revision. The record
// is refused with store.stale when another tab saved it meanwhile.
func saveDraft(args []js.Value) (any, error) {
	r, err := recordArg(arg(args, 0))
	if err != nil {
		return nil, err
	}
	s, err := draftStore()
	if err != nil {
		return nil, err
	}
	saved, err := s.Save(context.Background(), r)
	if err != nil {
		return nil, err
	}
	events.local(changed("saved", saved))
	return saved, nil
}

// recordArg reads a record given as an object (or JSON text). Its body
// must be a JSON object no larger than a draft may be; kind and format
// version are taken from it, and the title from its reference when the
// record has none.
func recordArg(v js.Value) (store.Record, error) {
	text, err := jsonText(v)
	if err != nil {
		return store.Record{}, err
	}
	// The body may come as JSON text inside the record: escaped, it can
	// take twice the room. Anything larger cannot hold a draft.
	if len(text) > 2*schemas.MaxDraftSize+maxStringArg {
		return store.Record{}, &schemas.InputError{ID: "error.json.tooLarge", Params: map[string]any{"Limit": schemas.MaxDraftSize}}
	}
	var r store.Record
	if err := json.Unmarshal([]byte(text), &r); err != nil {
		return store.Record{}, badArgument("record: %v", err)
	}
	body := []byte(r.Body)
	var s string
	if json.Unmarshal(body, &s) == nil {
		body = []byte(s) // the body was given as JSON text
	}
	parsed, err := schemas.ReadDraft(body)
	if err != nil {
		return store.Record{}, err
	}
	obj, ok := parsed.(map[string]any)
	if !ok {
		return store.Record{}, &schemas.InputError{ID: "error.json.notObject"}
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
		return store.Record{}, &schemas.InputError{ID: "error.version.newer", Params: map[string]any{"Version": fmt.Sprint(r.SchemaVersion), "Current": schemas.SchemaVersion}}
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

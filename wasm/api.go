//go:build js && wasm

package main

import (
	"encoding/json"
	"syscall/js"

	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
	"github.com/evidraft/evidraft/schemas/export"
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
		"read":          readDraft,
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
	return &locales.Error{Code: "error.kind.unknown", Params: map[string]any{"Kind": k, "Kinds": schemas.KindIDs()}}
}

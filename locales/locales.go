// Package locales holds the translation catalogs of evidraft and turns message
// ids and schema titles into text in the user's language.
//
// # Catalogs
//
// Each supported language has a folder named by its BCP 47 tag (en, fr, ar...)
// with JSON files in the shape the gotext tool reads and writes: a list of
// messages, each with an id, the English message, its translation and its
// named placeholders. Schema titles, descriptions and enum labels use the
// English text as their id; interface strings and finding messages use stable
// ids such as "finding.required".
//
//	loc := locales.For(locales.Match("fr-CA", "en"))
//	loc.Text("Reference number")                               // "Numéro de référence"
//	loc.Message("finding.required", map[string]any{"Field": f}) // a sentence naming f
//
// English is complete and is the fallback for any id another language lacks.
//
// # Errors
//
// Error is the one error type the user is told about, whichever package
// fails (a draft, an export file, the draft store, the API): its code is
// a message id, and Localizer.Error gives any error its message.
//
//	loc.Error(&locales.Error{Code: "store.quota"}) // "The browser's storage is full…"
package locales

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

//go:embed */*.json
var files embed.FS

// FS returns the embedded catalog files, one folder per language.
func FS() fs.FS { return files }

// File is one catalog file in gotext's JSON shape.
type File struct {
	Language string    `json:"language"`
	Messages []Message `json:"messages"`
}

// Message is one entry of a catalog file.
type Message struct {
	ID                string        `json:"id"`
	Message           string        `json:"message"`
	Translation       Translation   `json:"translation"`
	TranslatorComment string        `json:"translatorComment,omitempty"`
	Placeholders      []Placeholder `json:"placeholders,omitempty"`
}

// Placeholder names one argument of a message, as gotext writes it.
type Placeholder struct {
	ID             string `json:"id"`
	String         string `json:"string"`
	Type           string `json:"type"`
	UnderlyingType string `json:"underlyingType"`
	ArgNum         int    `json:"argNum"`
	Expr           string `json:"expr,omitempty"`
	Comment        string `json:"comment,omitempty"`
}

// Translation is either plain text or a plural selection, as in gotext.
type Translation struct {
	Text   string
	Select *Select
}

// Select chooses a text by the plural form of one argument.
type Select struct {
	Feature string          `json:"feature"`
	Arg     string          `json:"arg"`
	Cases   map[string]Case `json:"cases"`
}

// Case is the text of one plural form.
type Case struct {
	Msg string `json:"msg"`
}

// UnmarshalJSON reads a translation given as a string or as {"select": ...}.
func (t *Translation) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &t.Text)
	}
	var v struct {
		Select *Select `json:"select"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	t.Select = v.Select
	return nil
}

// MarshalJSON writes a translation back in the shape it was read.
func (t Translation) MarshalJSON() ([]byte, error) {
	if t.Select != nil {
		return json.Marshal(struct {
			Select *Select `json:"select"`
		}{t.Select})
	}
	return json.Marshal(t.Text)
}

// pluralForms lists the CLDR plural form names in gotext's spelling.
var pluralForms = map[string]plural.Form{
	"zero": plural.Zero, "one": plural.One, "two": plural.Two,
	"few": plural.Few, "many": plural.Many, "other": plural.Other,
}

// bundle holds the catalogs. A language's files are read when it is
// first asked for (English, the fallback, always): reading all six takes
// about 0.2 s in a page that has just started, on the way to its first
// paint.
type bundle struct {
	fsys fs.FS
	cat  *catalog.Builder
	tags []language.Tag // from the folder names, English first

	mu   sync.Mutex
	done map[language.Tag]bool
	args map[string][]string                // message id -> placeholder ids by argument number; English, so fixed once newBundle returns
	raw  map[language.Tag]map[string]string // plain translations with {Name} placeholders
	errs []error
}

var (
	loadOnce sync.Once
	loaded   *bundle
)

// load returns the bundle with English read.
func load() *bundle {
	loadOnce.Do(func() { loaded = newBundle(files) })
	return loaded
}

// loadAll returns the bundle with every language read.
func loadAll() *bundle {
	b := load()
	for _, tag := range b.tags {
		b.read(tag)
	}
	return b
}

var (
	extraMu    sync.Mutex
	extraFiles []*File  // catalogs a portal adds for its own request kinds
	extraData  []string // their text, to add each once
)

// AddCatalog adds the messages of one catalog file (gotext's JSON shape,
// its "language" one of the supported ones): the titles, descriptions and
// enum labels of a request kind a portal defines. It returns the errors
// of loading, if any; the catalogs are rebuilt at once.
func AddCatalog(data []byte) error { return addCatalog(data, true) }

// AddBuiltCatalog is AddCatalog for a catalog that evidraft build has
// already checked with AddCatalog: its language is read, with it, when
// first needed, as every language is. The engine uses it at start, where
// reading the language at once took a quarter of a second per catalog.
func AddBuiltCatalog(data []byte) error { return addCatalog(data, false) }

func addCatalog(data []byte, check bool) error {
	var f File
	if err := json.Unmarshal(data, &f); err != nil {
		return fmt.Errorf("locales: extra catalog: %w", err)
	}
	tag, err := language.Parse(f.Language)
	if err != nil {
		return fmt.Errorf("locales: extra catalog: language %q: %w", f.Language, err)
	}
	// Supported reads English; the built path leaves that to the first
	// text asked for (the build has checked the language).
	if check && !slices.Contains(Supported(), tag) {
		return fmt.Errorf("locales: extra catalog: %s is not a supported language (add a folder for it)", tag)
	}
	extraMu.Lock()
	if slices.Contains(extraData, string(data)) {
		extraMu.Unlock()
		return nil // the same catalog added again
	}
	extraData = append(extraData, string(data))
	extraFiles = append(extraFiles, &f)
	extraMu.Unlock()
	loadOnce = sync.Once{}
	matcherOnce = sync.Once{}
	localizers = sync.Map{}
	if !check {
		return nil
	}
	b := load()
	b.read(tag)
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.errs) > 0 {
		return b.errs[0]
	}
	return nil
}

// newBundle lists the languages of fsys (one folder each) and reads English.
func newBundle(fsys fs.FS) *bundle {
	bd := &bundle{fsys: fsys, cat: catalog.NewBuilder(catalog.Fallback(language.English)),
		done: map[language.Tag]bool{}, args: map[string][]string{}, raw: map[language.Tag]map[string]string{}}
	dirs, err := fs.ReadDir(fsys, ".")
	if err != nil {
		bd.errs = append(bd.errs, err)
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		tag, err := language.Parse(d.Name())
		if err != nil {
			bd.errs = append(bd.errs, fmt.Errorf("locales: folder %s: %w", d.Name(), err))
			continue
		}
		bd.tags = append(bd.tags, tag)
	}
	sort.Slice(bd.tags, func(i, j int) bool {
		// English first: it is the fallback and the matcher's default.
		if (bd.tags[i] == language.English) != (bd.tags[j] == language.English) {
			return bd.tags[i] == language.English
		}
		return bd.tags[i].String() < bd.tags[j].String()
	})
	bd.read(language.English)
	return bd
}

// read adds the catalogs of one language (its folder, then the portal's
// extra catalogs in it), once.
func (bd *bundle) read(tag language.Tag) {
	bd.mu.Lock()
	defer bd.mu.Unlock()
	if bd.done[tag] || !slices.Contains(bd.tags, tag) {
		return
	}
	bd.done[tag] = true
	names, _ := fs.Glob(bd.fsys, path.Join(tag.String(), "*.gotext.json"))
	var all []*File
	for _, name := range names {
		f, err := ReadFile(bd.fsys, name)
		if err != nil {
			bd.errs = append(bd.errs, err)
			continue
		}
		all = append(all, f)
	}
	extraMu.Lock()
	for _, f := range extraFiles {
		if t, _ := language.Parse(f.Language); t == tag {
			all = append(all, f)
		}
	}
	extraMu.Unlock()
	for _, f := range all {
		for _, m := range f.Messages {
			if err := set(bd.cat, tag, m); err != nil {
				bd.errs = append(bd.errs, fmt.Errorf("locales: %s: %s: %w", tag, m.ID, err))
			}
			if _, ok := bd.args[m.ID]; !ok && tag == language.English {
				bd.args[m.ID] = argOrder(m.Placeholders)
			}
			if m.Translation.Select == nil && m.Translation.Text != "" {
				if bd.raw[tag] == nil {
					bd.raw[tag] = map[string]string{}
				}
				bd.raw[tag][m.ID] = m.Translation.Text
			}
		}
	}
}

// ReadFile reads and decodes one catalog file.
func ReadFile(fsys fs.FS, name string) (*File, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("locales: %w", err)
	}
	var f File
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("locales: %s: %w", name, err)
	}
	return &f, nil
}

func argOrder(ps []Placeholder) []string {
	var names []string
	for _, p := range ps {
		for len(names) < p.ArgNum {
			names = append(names, "")
		}
		if p.ArgNum > 0 {
			names[p.ArgNum-1] = p.ID
		}
	}
	return names
}

// set adds one message to the builder, turning {Name} placeholders into the
// printf verbs gotext would generate.
func set(b *catalog.Builder, tag language.Tag, m Message) error {
	if m.Translation.Select == nil {
		text := m.Translation.Text
		if text == "" {
			return nil // untranslated: the fallback language answers
		}
		return b.SetString(tag, m.ID, expand(text, m.Placeholders))
	}
	s := m.Translation.Select
	if s.Feature != "plural" {
		return fmt.Errorf("unsupported select feature %q", s.Feature)
	}
	arg := 0
	for _, p := range m.Placeholders {
		if p.ID == s.Arg {
			arg = p.ArgNum
		}
	}
	if arg == 0 {
		return fmt.Errorf("select on unknown placeholder %q", s.Arg)
	}
	var cases []any
	for _, form := range []string{"zero", "one", "two", "few", "many", "other"} {
		c, ok := s.Cases[form]
		if !ok {
			continue
		}
		cases = append(cases, form, expand(c.Msg, m.Placeholders))
	}
	for form := range s.Cases {
		if _, ok := pluralForms[form]; !ok {
			return fmt.Errorf("unknown plural form %q", form)
		}
	}
	if _, ok := s.Cases["other"]; !ok {
		return fmt.Errorf("plural select without an \"other\" case")
	}
	return b.Set(tag, m.ID, plural.Selectf(arg, "", cases...))
}

// expand escapes literal percent signs and replaces {ID} with the
// placeholder's printf verb.
func expand(text string, ps []Placeholder) string {
	text = strings.ReplaceAll(text, "%", "%%")
	for _, p := range ps {
		text = strings.ReplaceAll(text, "{"+p.ID+"}", p.String)
	}
	return text
}

// Placeholders returns the {Name} placeholders used in text, in order.
func Placeholders(text string) []string {
	var names []string
	for {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			return names
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			return names
		}
		names = append(names, text[i+1:i+j])
		text = text[i+j+1:]
	}
}

// LoadErrors reports problems found while reading the embedded catalogs.
// It is empty in a correct build; tests check it.
func LoadErrors() []error {
	b := loadAll()
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.errs)
}

// Supported returns the languages that have a catalog, English first.
func Supported() []language.Tag { return slices.Clone(load().tags) }

var (
	matcherOnce sync.Once
	matcher     language.Matcher
)

// Match returns the supported language that best fits the user's
// preferences, given as BCP 47 tags in order (as navigator.languages or
// Accept-Language lists them). It returns English when nothing fits.
func Match(prefs ...string) language.Tag {
	tags := Supported()
	matcherOnce.Do(func() { matcher = language.NewMatcher(tags) })
	var want []language.Tag
	for _, p := range prefs {
		if t, err := language.Parse(strings.TrimSpace(p)); err == nil {
			want = append(want, t)
		}
	}
	// Use the index, not the returned tag: the matcher returns the user's
	// tag with extensions, which is not one of ours.
	_, i, conf := matcher.Match(want...)
	if conf == language.No {
		return language.English
	}
	return tags[i]
}

// Dir returns "rtl" for languages written right to left and "ltr" otherwise.
func Dir(tag language.Tag) string {
	base, _ := tag.Base()
	switch base.String() {
	case "ar", "he", "fa", "ur", "ps", "dv", "yi", "ku", "sd", "ug":
		return "rtl"
	}
	return "ltr"
}

// Localizer turns ids into text in one language.
type Localizer struct {
	tag  language.Tag
	p    *message.Printer
	repl *termReplacer // the terms of one instrument, see Terms; nil for the catalog's
}

var localizers sync.Map // language.Tag -> *Localizer

// For returns the Localizer of tag, which should be one of Supported;
// other tags are matched to the closest supported language.
func For(tag language.Tag) *Localizer {
	if l, ok := localizers.Load(tag); ok {
		return l.(*Localizer)
	}
	sup := Match(tag.String())
	b := load()
	b.read(sup)
	l := &Localizer{tag: sup, p: message.NewPrinter(printerTag(sup), message.Catalog(b.cat))}
	actual, _ := localizers.LoadOrStore(tag, l)
	return actual.(*Localizer)
}

// printerTag is the tag numbers in messages are written for. Arabic
// numbers are written in Latin digits, as the browsers' Intl writes
// Arabic dates and numbers (CLDR 42 made Latin digits the default for
// "ar"): x/text's older data would write Arabic-Indic digits, and a letter
// would say "٥ سنوات" beside "1 ديسمبر 2026".
func printerTag(t language.Tag) language.Tag {
	if base, _ := t.Base(); base.String() == "ar" {
		return language.MustParse("ar-u-nu-latn")
	}
	return t
}

// SelfName returns a supported language's name for itself ("Français"),
// for the language switch. It reads only that language's small
// language.gotext.json, so that listing the languages does not read
// every catalog.
func SelfName(tag language.Tag) string {
	b := load()
	b.mu.Lock()
	done := b.done[tag]
	b.mu.Unlock()
	if done {
		return For(tag).Text("language.self")
	}
	f, err := ReadFile(b.fsys, path.Join(tag.String(), "language.gotext.json"))
	if err == nil {
		for _, m := range f.Messages {
			if m.ID == "language.self" && m.Translation.Text != "" {
				return m.Translation.Text
			}
		}
	}
	return For(tag).Text("language.self")
}

// Tag returns the language of l.
func (l *Localizer) Tag() language.Tag { return l.tag }

// Text returns the translation of a text without placeholders, such as a
// schema title; the English text itself when no translation exists.
func (l *Localizer) Text(id string) string {
	if id == "" {
		return ""
	}
	return l.fix(l.p.Sprintf(message.Key(id, strings.ReplaceAll(id, "%", "%%"))))
}

// Message formats the message id with named parameters; numbers are
// formatted for the language and plural forms chosen by its rules.
func (l *Localizer) Message(id string, params map[string]any) string {
	names := load().args[id]
	args := make([]any, len(names))
	for i, n := range names {
		args[i] = params[n]
		if list, ok := params[n].([]string); ok {
			args[i] = l.List(list)
		}
	}
	if l.repl == nil {
		return l.p.Sprintf(id, args...)
	}
	// The instrument's terms replace the catalog's in the message's own
	// words only: each text parameter (the user's answers among them)
	// stands aside as a private-use mark while they do.
	var texts []string
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = string(rune(0xF0000 + len(texts)))
			texts = append(texts, s)
		}
	}
	out := l.fix(l.p.Sprintf(id, args...))
	for i, s := range texts {
		out = strings.ReplaceAll(out, string(rune(0xF0000+i)), s)
	}
	return out
}

// List joins items with the language's list separator ("a, b" in
// English, "a、b" in Chinese, "a، b" in Arabic).
func (l *Localizer) List(items []string) string {
	return strings.Join(items, l.Text("list.separator"))
}

// Texts returns every message whose id starts with prefix, in l's
// language (English where it has none), by id, with placeholders left as
// {Name}: the interface strings the browser fills in itself. Plural
// messages are not included.
func (l *Localizer) Texts(prefix string) map[string]string {
	b := load()
	b.mu.Lock()
	defer b.mu.Unlock()
	out := map[string]string{}
	for _, tag := range []language.Tag{language.English, l.tag} {
		for id, text := range b.raw[tag] {
			if strings.HasPrefix(id, prefix) {
				out[id] = text
			}
		}
	}
	return out
}

// Has reports whether id is a message of the English catalog.
func Has(id string) bool {
	_, ok := load().args[id]
	return ok
}

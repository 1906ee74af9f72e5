package render

import (
	"strings"

	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
)

// letter is a printed request in one language: a list of rows of HTML.
// The rows depend on the draft only, never on the language, so that two
// letters of one draft align row by row in a bilingual print.
type letter struct {
	lang, dir string
	title     string // the kind's title, for <title>
	reference string
	loc       *locales.Localizer
	mark      string // the draft mark on every page, "" for a final request
	rows      []row

	v       map[string]any
	kind    string
	by      map[string]*schemas.Field // visible fields by pointer
	top     []*schemas.Field          // visible top-level fields in form order
	used    map[string]bool           // top-level properties already printed
	n       int                       // the last section number
	data    int                       // the number of the data section, once printed
	origin  language.Tag              // the language of the original
	twoCols bool
	// translations are the answers' translations when this letter is in
	// the draft's translation language (nil otherwise).
	translations map[string]schemas.Translation
}

// row is one paragraph, box, table or heading of the letter.
type row struct {
	class string // evd-print__<class> on the row
	html  string
}

// compose builds the letter of draft v in lang; origin is the language of
// the original (the draft's), named when the letter is printed in another
// language or in two. In the draft's translation language the answers are
// printed as translated.
func compose(v any, lang, origin language.Tag, twoCols bool) (*letter, error) {
	form, err := schemas.BuildForm(v, schemas.FormOptions{Lang: lang})
	if err != nil {
		return nil, err
	}
	obj, _ := v.(map[string]any)
	l := &letter{lang: form.Lang, dir: form.Dir, title: form.Title, loc: locales.For(lang).Terms(schemas.TermsOf(obj)), v: obj, kind: form.Kind,
		by: map[string]*schemas.Field{}, used: map[string]bool{"kind": true, "schemaVersion": true, "tracking": true /* after sending: not part of the request */}, origin: origin, twoCols: twoCols}
	for _, s := range form.Sections {
		index(s.Fields, l.by)
		for _, f := range s.Fields {
			if f.Visible {
				l.top = append(l.top, f)
			}
		}
	}
	l.reference = l.text("/reference")
	if tl, _ := obj["translationLanguage"].(string); lang != origin && tl != "" && locales.Match(tl) == lang {
		l.translations = schemas.Translations(obj)
	}
	l.compose()
	return l, nil
}

func index(fields []*schemas.Field, by map[string]*schemas.Field) {
	for _, f := range fields {
		if !f.Visible {
			continue
		}
		by[f.Pointer] = f
		index(f.Fields, by)
		index(f.Items, by)
	}
}

// ---- reading the draft ----

// field is the visible field at ptr, nil if hidden or absent.
func (l *letter) field(ptr string) *schemas.Field {
	if f := l.by[ptr]; f != nil && f.Value != nil {
		return f
	}
	return nil
}

// str is the raw answer at ptr ("" if none or hidden), trimmed: for
// deciding what to write, never for printing (text is the one display).
func (l *letter) str(ptr string) string {
	if f := l.field(ptr); f != nil {
		if s, ok := f.Value.(string); ok {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// text is the answer at ptr as it is read: dates written out, codes
// named; in the translation's column, free text as translated.
func (l *letter) text(ptr string) string {
	f := l.field(ptr)
	if f == nil {
		return ""
	}
	if l.translations != nil && schemas.Translatable(f) {
		tr := l.translations[ptr]
		if tr.Text != "" && tr.Of == strings.TrimSpace(f.Value.(string)) {
			return locales.Reveal(schemas.CapText(tr.Text, f.MaxLength, l.loc), false)
		}
		return l.say("letter.untranslated", "Text", f.Text)
	}
	return f.Text
}

// label is the question's label at ptr.
func (l *letter) label(ptr string) string {
	if f := l.by[ptr]; f != nil {
		return f.Label
	}
	return ""
}

func (l *letter) yes(ptr string) bool {
	f := l.field(ptr)
	return f != nil && f.Value == true
}

// count is the number of items of the list at ptr.
func (l *letter) count(ptr string) int {
	if f := l.field(ptr); f != nil {
		return len(f.Items)
	}
	return 0
}

func (l *letter) has(prop string) bool { return l.field("/"+prop) != nil }

// then joins two sentences of one paragraph as the language does.
func (l *letter) then(a, b string) string { return l.loc.Then(a, b) }

// say formats a message with its parameters given as name, value pairs:
// one slice where a map literal at each of the letter's hundred calls
// cost app.wasm tens of kilobytes.
func (l *letter) say(id string, kv ...any) string {
	params := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		params[kv[i].(string)] = kv[i+1]
	}
	return l.loc.Message(id, params)
}

// msg formats a message of the letter's language.
func (l *letter) msg(id string, params map[string]any) string { return l.loc.Message(id, params) }

// ---- building rows ----

func (l *letter) add(class, html string) {
	if html != "" {
		l.rows = append(l.rows, row{class: class, html: html})
	}
}

// section starts a numbered section; with a first paragraph so that its
// heading never ends a page alone.
func (l *letter) section(title, first string) int {
	l.n++
	h := `<h2 class="evd-print__heading">` + esc(l.say("print.section", "N", l.n, "Title", title)) + "</h2>"
	l.add("section", h+first)
	return l.n
}

// para is a paragraph of the letter's own words, with user text isolated.
func para(s string) string {
	if s == "" {
		return ""
	}
	return "<p>" + codes(esc(s)) + "</p>"
}

// codes keeps each identifier a sentence holds (between U+2066 and
// U+2069, see ltr) on one line: a reference cut at its hyphen reads as two.
func codes(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "\u2066")
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], "\u2069")
		if j < 0 {
			break
		}
		b.WriteString(s[:i])
		b.WriteString(`<span class="evd-print__code">` + s[i:i+j+len("\u2069")] + "</span>")
		s = s[i+j+len("\u2069"):]
	}
	b.WriteString(s)
	return b.String()
}

// answer is a free-text answer under its label: the user's own words,
// line breaks kept.
func (l *letter) answer(ptr string) string {
	t := l.text(ptr)
	if t == "" {
		return ""
	}
	return `<h3 class="evd-print__label">` + esc(l.label(ptr)) + `</h3><p class="evd-print__answer"` + dirAttr(l.field(ptr)) + "><bdi>" + esc(t) + "</bdi></p>"
}

func dirAttr(f *schemas.Field) string {
	if f != nil && f.Dir == "ltr" {
		return ` dir="ltr"`
	}
	return ""
}

// ltr isolates an identifier, code or date inside a sentence, left to
// right whatever the language (U+2066 ... U+2069).
func ltr(s string) string { return "\u2066" + s + "\u2069" }

// isolate keeps user text with its own direction inside a sentence
// (U+2068 ... U+2069), so that hostile bidi controls stay inside it.
func isolate(s string) string { return "\u2068" + s + "\u2069" }

// ---- the letter ----

func (l *letter) compose() {
	if euKind(l.kind) {
		l.certificate()
		return
	}
	if l.kind == "emergency" {
		l.emergencyBox()
	}
	l.letterhead()
	l.subject()
	l.urgencyBox()
	l.confidentialityBox()
	if l.twoCols || l.loc.Tag() != l.origin {
		l.add("original", para(l.say("letter.original", "Language", l.loc.LanguageName(l.origin.String()))))
	}
	l.operative()
	l.legalBasis()
	l.caseFacts()
	l.dataItems()
	l.measure()
	l.undertakings()
	l.earlier()
	l.contacts()
	l.rest()
	l.signature()
	// The operative paragraph names the data section, numbered only now.
	if l.data == 0 {
		l.data = l.n + 1
	}
	num := l.say("words.number", "N", l.data)
	for i := range l.rows {
		l.rows[i].html = strings.ReplaceAll(l.rows[i].html, dataSection, num)
	}
}

// dataSection stands for the data section's number until it is known.
const dataSection = "\uE010"

func (l *letter) mark_(props ...string) {
	for _, p := range props {
		l.used[p] = true
	}
}

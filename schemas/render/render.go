// Package render writes the printed request: a draft as the numbered,
// signed document the requested State receives, in the request's language
// (or two languages side by side), as HTML in which everything the user
// typed is escaped.
//
//	err := render.Render(w, draft, render.Options{Lang: language.French, Standalone: true})
package render

import (
	_ "embed"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
)

//go:embed print.css
var css string

// CSS returns the print style sheet the document's classes use.
func CSS() string { return css }

// Options control Render.
type Options struct {
	Lang       language.Tag // language of the request; the draft's "language" when zero
	Second     language.Tag // if set, a second column in this language
	Standalone bool         // a whole HTML document with its style sheet; else a fragment
}

// Render writes the printed request for draft (JSON text).
func Render(w io.Writer, draft []byte, opts Options) error {
	v, err := schemas.ReadDraft(draft)
	if err != nil {
		return err
	}
	if opts.Lang == (language.Tag{}) {
		opts.Lang = requestLanguage(v)
	}
	first, err := document(v, opts.Lang)
	if err != nil {
		return err
	}
	page := pageView{Lang: first.Lang, Dir: first.Dir, Title: first.Kind, Docs: []*docView{first}, Standalone: opts.Standalone, CSS: css}
	if opts.Second != (language.Tag{}) && opts.Second != opts.Lang {
		second, err := document(v, opts.Second)
		if err != nil {
			return err
		}
		page.Docs = append(page.Docs, second)
	}
	return page.write(w)
}

// requestLanguage is the draft's request language if it is one we speak.
func requestLanguage(v any) language.Tag {
	if obj, ok := v.(map[string]any); ok {
		if s, ok := obj["language"].(string); ok && s != "" {
			return locales.Match(s)
		}
	}
	return language.English
}

type pageView struct {
	Lang, Dir, Title string
	Docs             []*docView
	Standalone       bool
	CSS              string // trusted: our own style sheet
}

type docView struct {
	Lang, Dir    string
	Heading      string
	Kind         string
	Reference    string
	Date         string
	Confidential string
	Urgent       string
	Sections     []sectionView
	SignedAt     string
	Signer       []string
}

type sectionView struct {
	Title  string
	Intro  string
	Fields []fieldView
}

// fieldView is a question and its answer: a text, a list of texts, nested
// fields, or numbered items.
type fieldView struct {
	Label  string
	Text   string
	LTR    bool // an identifier, a date or a code: kept left to right
	Texts  []string
	Fields []fieldView
	Items  []itemView
}

type itemView struct {
	Title  string
	Fields []fieldView
	Text   string
}

func document(v any, tag language.Tag) (*docView, error) {
	form, err := schemas.BuildForm(v, schemas.FormOptions{Lang: tag})
	if err != nil {
		return nil, err
	}
	loc := locales.For(tag)
	obj := v.(map[string]any)
	d := &docView{Lang: tag.String(), Dir: locales.Dir(tag), Heading: loc.Text("print.heading"), Kind: form.Title}
	if ref, ok := obj["reference"].(string); ok {
		d.Reference = loc.Message("print.reference", map[string]any{"Reference": ltr(ref)})
	}
	if date, ok := obj["issueDate"].(string); ok {
		d.Date = loc.Message("print.date", map[string]any{"Date": ltr(date)})
	}
	if c, ok := obj["confidentiality"].(map[string]any); ok && (c["confidential"] == true || c["nonNotification"] == true) {
		d.Confidential = loc.Text("print.confidential")
	}
	if u, ok := obj["urgency"].(map[string]any); ok && u["urgent"] == true {
		deadline, _ := u["deadline"].(string)
		if deadline == "" {
			deadline = loc.Text("print.notProvided")
		}
		d.Urgent = loc.Message("print.urgent", map[string]any{"Deadline": ltr(deadline)})
	}
	n := 0
	for _, s := range form.Sections {
		if s.ID == "details" {
			continue // in the header
		}
		if s.ID == "signature" {
			sig, _ := obj["signature"].(map[string]any)
			place, _ := sig["place"].(string)
			date, _ := sig["date"].(string)
			if place != "" || date != "" {
				d.SignedAt = loc.Message("print.signedAt", map[string]any{"Place": isolate(place), "Date": ltr(date)})
			}
			for _, k := range []string{"name", "title"} {
				if s, ok := sig[k].(string); ok && s != "" {
					d.Signer = append(d.Signer, s)
				}
			}
			continue
		}
		sv := sectionView{}
		fields := s.Fields
		if len(fields) == 1 && fields[0].Widget == "group" {
			fields = fields[0].Fields // the section is that group: no heading twice
		}
		for _, f := range fields {
			if fv, ok := view(f, loc); ok {
				sv.Fields = append(sv.Fields, fv)
			}
		}
		if len(sv.Fields) == 0 {
			continue
		}
		n++
		sv.Title = loc.Message("print.section", map[string]any{"N": n, "Title": s.Title})
		if s.ID == "legalBasis" {
			sv.Intro = loc.Text("print.legalBasis.intro")
		}
		d.Sections = append(d.Sections, sv)
	}
	return d, nil
}

// ltr isolates an identifier, code or date inside a sentence, left to
// right whatever the language (U+2066 ... U+2069), so that 2026-11-20 is
// not shown as 20-11-2026 in Arabic.
func ltr(s string) string { return "\u2066" + s + "\u2069" }

// isolate keeps user text with its own direction inside a sentence
// (U+2068 ... U+2069).
func isolate(s string) string { return "\u2068" + s + "\u2069" }

// ltrWidgets hold identifiers, codes and dates, which stay left to right
// inside right-to-left text.
var ltrWidgets = map[string]bool{"date": true, "datetime": true, "timezone": true, "country": true, "language": true, "email": true, "tel": true, "url": true, "number": true}

// view turns a visible, answered field into what is printed.
func view(f *schemas.Field, loc *locales.Localizer) (fieldView, bool) {
	if !f.Visible || f.Value == nil {
		return fieldView{}, false
	}
	fv := fieldView{Label: f.Label, LTR: ltrWidgets[f.Widget]}
	switch f.Widget {
	case "group":
		for _, c := range f.Fields {
			if cv, ok := view(c, loc); ok {
				fv.Fields = append(fv.Fields, cv)
			}
		}
		return fv, len(fv.Fields) > 0
	case "groups":
		for _, it := range f.Items {
			iv := itemView{Title: it.Label}
			for _, c := range it.Fields {
				if cv, ok := view(c, loc); ok {
					iv.Fields = append(iv.Fields, cv)
				}
			}
			fv.Items = append(fv.Items, iv)
		}
		return fv, len(fv.Items) > 0
	case "list":
		for _, it := range f.Items {
			if s := scalar(it, loc); s != "" {
				fv.Texts = append(fv.Texts, s)
			}
		}
		return fv, len(fv.Texts) > 0
	case "checkboxes":
		vals, _ := f.Value.([]any)
		for _, x := range vals {
			fv.Texts = append(fv.Texts, optionLabel(f, fmt.Sprint(x)))
		}
		return fv, len(fv.Texts) > 0
	}
	fv.Text = scalar(f, loc)
	return fv, fv.Text != ""
}

func scalar(f *schemas.Field, loc *locales.Localizer) string {
	switch x := f.Value.(type) {
	case nil:
		return ""
	case bool:
		if x {
			return loc.Text("print.yes")
		}
		return loc.Text("print.no")
	case string:
		if len(f.Options) > 0 {
			return optionLabel(f, x)
		}
		return capText(strings.TrimSpace(x), f.MaxLength, loc)
	}
	return fmt.Sprint(f.Value)
}

// printCap is the longest answer printed when its field sets no limit.
const printCap = 20000

// capText cuts an answer longer than its field allows (a huge paste; such
// a draft cannot be finalised) and says how much is left out: laying out
// megabytes of text freezes the browser for minutes.
func capText(s string, limit int, loc *locales.Localizer) string {
	if limit <= 0 {
		limit = printCap
	}
	if len(s) <= limit { // bytes >= runes: most answers stop here
		return s
	}
	n := utf8.RuneCountInString(s)
	if n <= limit {
		return s
	}
	cut := 0
	for i := range s {
		if limit == 0 {
			cut = i
			break
		}
		limit--
	}
	return s[:cut] + "\n" + loc.Message("print.truncated", map[string]any{"N": n - utf8.RuneCountInString(s[:cut])})
}

func optionLabel(f *schemas.Field, v string) string {
	for _, o := range f.Options {
		if o.Value == v {
			return o.Label
		}
	}
	return v
}

// The writer below produces what this template did, byte for byte
// (render_test.go keeps the template and compares): html/template's
// reflection made the linker keep every exported method of every type,
// 420 KB of the engine's 2 MB (brotli), for 40 lines of markup.
//
//	{{define "page"}}...{{range .Docs}}{{template "doc" .}}{{end}}...{{end}}
//
// Every text and attribute value goes through esc, html/template's
// escaping of text, attributes and RCDATA.

// esc escapes s as html/template does in text, quoted attributes and
// <title>: NUL, quotes, &, +, < and >.
func esc(s string) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b.WriteString(s[written:i])
		b.WriteString(repl)
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

// writer writes the page; the first error stops it.
type writer struct {
	w   io.Writer
	err error
}

func (w *writer) raw(parts ...string) {
	for _, p := range parts {
		if w.err == nil {
			_, w.err = io.WriteString(w.w, p)
		}
	}
}

func (p pageView) write(out io.Writer) error {
	w := &writer{w: out}
	if p.Standalone {
		w.raw("<!doctype html>\n<html lang=\"", esc(p.Lang), "\" dir=\"", esc(p.Dir), "\">\n<head>\n<meta charset=\"utf-8\">\n",
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", esc(p.Title), "</title>\n<style>", p.CSS,
			"</style>\n</head>\n<body class=\"evd-print-page\">\n")
	}
	if len(p.Docs) > 1 {
		w.raw(`<div class="evd-print__columns">`)
	}
	for _, d := range p.Docs {
		d.write(w)
	}
	if len(p.Docs) > 1 {
		w.raw("</div>")
	}
	if p.Standalone {
		w.raw("\n</body>\n</html>\n")
	}
	return w.err
}

func (d *docView) write(w *writer) {
	w.raw(`<article class="evd-print" lang="`, esc(d.Lang), `" dir="`, esc(d.Dir), "\">\n<header class=\"evd-print__header\">\n",
		`<h1 class="evd-print__heading">`, esc(d.Heading), "</h1>\n", `<p class="evd-print__kind">`, esc(d.Kind), "</p>\n")
	for _, m := range []struct{ class, text string }{{"meta", d.Reference}, {"meta", d.Date}, {"notice", d.Urgent}, {"notice", d.Confidential}} {
		if m.text != "" {
			w.raw(`<p class="evd-print__`, m.class, `">`, esc(m.text), "</p>")
		}
		w.raw("\n")
	}
	w.raw("</header>\n")
	for _, s := range d.Sections {
		w.raw(`<section class="evd-print__section">`, "\n", `<h2 class="evd-print__section-title">`, esc(s.Title), "</h2>\n")
		if s.Intro != "" {
			w.raw(`<p class="evd-print__intro">`, esc(s.Intro), "</p>")
		}
		w.raw("\n")
		writeFields(w, s.Fields)
		w.raw("\n</section>\n")
	}
	w.raw(`<footer class="evd-print__signature">`, "\n")
	if d.SignedAt != "" {
		w.raw("<p>", esc(d.SignedAt), "</p>")
	}
	w.raw("\n", `<p class="evd-print__sign-line">`)
	for i, s := range d.Signer {
		if i > 0 {
			w.raw("<br>")
		}
		w.raw("<bdi>", esc(s), "</bdi>")
	}
	w.raw("</p>\n</footer>\n</article>\n")
}

func writeFields(w *writer, fields []fieldView) {
	w.raw(`<dl class="evd-print__list">`, "\n")
	for _, f := range fields {
		w.raw(`<dt class="evd-print__term">`, esc(f.Label), "</dt>\n")
		dir := ""
		if f.LTR {
			dir = ` dir="ltr"`
		}
		switch {
		case len(f.Fields) > 0:
			w.raw(`<dd class="evd-print__value">`)
			writeFields(w, f.Fields)
			w.raw("</dd>\n")
		case len(f.Items) > 0:
			w.raw(`<dd class="evd-print__value">`)
			for _, it := range f.Items {
				w.raw(`<div class="evd-print__item"><h3 class="evd-print__item-title">`, esc(it.Title), "</h3>")
				writeFields(w, it.Fields)
				w.raw("</div>")
			}
			w.raw("</dd>\n")
		case len(f.Texts) > 0:
			w.raw(`<dd class="evd-print__value">`)
			for i, t := range f.Texts {
				if i > 0 {
					w.raw("<br>")
				}
				w.raw("<bdi", dir, ">", esc(t), "</bdi>")
			}
			w.raw("</dd>\n")
		default:
			w.raw(`<dd class="evd-print__value"><bdi`, dir, ">", esc(f.Text), "</bdi></dd>\n")
		}
	}
	w.raw("</dl>")
}

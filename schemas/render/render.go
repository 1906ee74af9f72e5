// Package render writes the printed request: a draft as the letter the
// requested State receives and the official signs. Who asks whom, the
// request's status, urgency and confidentiality, and the operative
// paragraph (what is asked, on which data, for how long, on which legal
// basis) come first; then numbered sections in the order a receiving
// authority checks them, the data items as one table, the undertakings
// as commitments, the contacts in sentences, the signature block and the
// annexes. Dates, countries, languages and time zones are written out in
// the letter's language (locales.Words); identifiers stay as entered, left
// to right. Everything the user typed is escaped.
//
//	err := render.Render(w, draft, render.Options{Lang: language.French, Standalone: true})
//
// With a second language the letter is printed in two aligned columns,
// each row holding the same paragraph in both languages.
package render

import (
	_ "embed"
	"io"
	"strconv"
	"strings"
	"time"

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
	// Final says the draft was marked final. A draft that is not final, or
	// that does not pass the final check, is marked on every page as a
	// draft not valid for sending, with its number of errors.
	Final bool
	Now   time.Time // the current time, for the final check (zero skips the checks against today)
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
	res, err := schemas.ValidateValue(v, schemas.Options{Lang: opts.Lang, Mode: schemas.Final, Now: opts.Now})
	if err != nil {
		return err
	}
	errs := 0
	for _, f := range res.Findings {
		if f.Severity == schemas.Error {
			errs++
		}
	}
	mark := !opts.Final || errs > 0
	tags := []language.Tag{opts.Lang}
	if opts.Second != (language.Tag{}) && opts.Second != opts.Lang {
		tags = append(tags, opts.Second)
	}
	var docs []*letter
	origin := requestLanguage(v)
	for _, tag := range tags {
		l, err := compose(v, tag, origin, len(tags) > 1)
		if err != nil {
			return err
		}
		switch {
		case errs > 0:
			l.mark = l.loc.Message("print.draftMark", map[string]any{"N": errs})
		case mark:
			l.mark = l.loc.Message("print.draftMarkNotFinal", nil)
		}
		docs = append(docs, l)
	}
	return write(w, docs, opts.Standalone)
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

// PageCSS is the @page rules of a printed request: its reference at the
// top and "page x of y" at the foot of every page, in lang, and the draft
// mark, if any, at the top of every page (in the margin, where it hides no
// word of the letter). It is text for a style sheet: the site adds it
// through the CSSOM (its CSP allows no inline style), a standalone page in
// its <style>.
func PageCSS(reference string, lang language.Tag, mark string) string {
	loc := locales.For(lang)
	// Private-use characters mark where the counters go.
	page := cssString(loc.Message("print.pageOf", map[string]any{"N": "\uE000", "Total": "\uE001"}))
	page = strings.NewReplacer("\uE000", `" counter(page) "`, "\uE001", `" counter(pages) "`).Replace(page)
	var b strings.Builder
	b.WriteString("@page { ")
	if mark != "" {
		b.WriteString("@top-left { content: " + cssString(mark) + "; font: bold 9pt sans-serif; } ")
	}
	if reference != "" {
		b.WriteString("@top-right { content: " + cssString(loc.Message("print.reference", map[string]any{"Reference": reference})) + "; font: 8pt sans-serif; } ")
	}
	b.WriteString("@bottom-center { content: " + page + "; font: 8pt sans-serif; } }")
	return b.String()
}

// cssString quotes s as a CSS string: quotes, backslashes and line breaks
// escaped, so that no text closes the rule.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString(`\` + string(r))
		case r < 0x20 || r == 0x7f || r == '<' || r == '>':
			b.WriteString(`\` + strconv.FormatInt(int64(r), 16) + " ")
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// esc escapes s for HTML text and quoted attributes: NUL, quotes, &, +,
// < and > (as html/template does).
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

// write writes the letters: one, or two aligned row by row.
func write(out io.Writer, docs []*letter, standalone bool) error {
	w := &writer{w: out}
	first := docs[0]
	var marks []string
	for _, d := range docs {
		if d.mark != "" {
			marks = append(marks, d.mark)
		}
	}
	pageCSS := PageCSS(first.reference, first.loc.Tag(), strings.Join(marks, " · "))
	if standalone {
		w.raw("<!doctype html>\n<html lang=\"", esc(first.lang), "\" dir=\"", esc(first.dir), "\">\n<head>\n<meta charset=\"utf-8\">\n",
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", esc(first.title), "</title>\n<style>", css, "\n", pageCSS,
			"</style>\n</head>\n<body class=\"evd-print-page\">\n")
	}
	if first.mark != "" {
		w.raw(`<div class="evd-print__mark" data-draft-mark>`)
		for i, d := range docs {
			if i > 0 {
				w.raw(" · ")
			}
			w.raw(`<span lang="`, esc(d.lang), `" dir="`, esc(d.dir), `">`, esc(d.mark), "</span>")
		}
		w.raw("</div>\n")
	}
	two := len(docs) > 1 && len(docs[1].rows) == len(first.rows)
	class := "evd-print"
	if len(docs) > 1 {
		class += " evd-print--two"
	}
	w.raw(`<article class="`, class, `" lang="`, esc(first.lang), `" dir="`, esc(first.dir), `" data-page-css="`, esc(pageCSS), "\">\n")
	switch {
	case two:
		for i := range first.rows {
			w.raw(`<div class="evd-print__pair">`)
			for _, d := range docs {
				rr := d.rows[i]
				w.raw(`<div class="evd-print__row evd-print__`, rr.class, `" lang="`, esc(d.lang), `" dir="`, esc(d.dir), `">`, rr.html, "</div>")
			}
			w.raw("</div>\n")
		}
	case len(docs) > 1: // cannot happen: rows depend on the draft only
		w.raw(`<div class="evd-print__pair">`)
		for _, d := range docs {
			w.raw(`<div class="evd-print__row" lang="`, esc(d.lang), `" dir="`, esc(d.dir), `">`)
			for _, r := range d.rows {
				w.raw(`<div class="evd-print__row evd-print__`, r.class, `">`, r.html, "</div>")
			}
			w.raw("</div>")
		}
		w.raw("</div>\n")
	default:
		for _, r := range first.rows {
			w.raw(`<div class="evd-print__row evd-print__`, r.class, `">`, r.html, "</div>\n")
		}
	}
	w.raw("</article>\n")
	if standalone {
		w.raw("</body>\n</html>\n")
	}
	return w.err
}

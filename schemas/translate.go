package schemas

import (
	"strings"

	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
)

// Translations: a draft that declares a translation language
// (translationLanguage) gets, for every free-text answer, an optional
// translation kept beside the answers in "translations", keyed by the
// answer's JSON Pointer and holding the text it translates:
//
//	"translations": {"/facts": {"text": "Entre le 1er et le 5 octobre…", "of": "Between 1 and 5 October…"}}
//
// The form shows them as their own section of the task list, one
// question per answer with the original as its hint; a translation whose
// original has changed since is flagged, and so is an answer without one.
// The printed request's second column prints the translations.

// Translation is one answer's translation.
type Translation struct {
	Text string // the translation, "" if none
	Of   string // the answer it translates, as it was then
}

// Also asks the page to set a second value when a field changes: a
// translation records the answer it translates.
type Also struct {
	Pointer string `json:"pointer"`
	Value   any    `json:"value"`
}

// Translatable reports whether an answer is free text that a translation
// of the request must translate: visible, answered, neither an
// identifier nor a person's name.
func Translatable(f *Field) bool {
	if !f.Visible || f.Dir == "ltr" || (f.Widget != "text" && f.Widget != "textarea") || len(f.Options) > 0 {
		return false
	}
	if s, ok := f.Value.(string); !ok || strings.TrimSpace(s) == "" {
		return false
	}
	switch f.Name {
	case "address":
		return false // written as the post office reads it
	case "service":
		return !strings.HasSuffix(f.Pointer, "/identifier/service") // an identifier's service is a product's name
	case "name":
		// Authorities and offences are translated; people and companies keep their names.
		return f.Pointer == "/requestingAuthority/name" || strings.HasSuffix(f.Pointer, "/conductingAuthority/name") || strings.HasPrefix(f.Pointer, "/offences/")
	}
	return !strings.HasPrefix(f.Pointer, "/translations/")
}

// Translations reads a draft's translations by pointer.
func Translations(v any) map[string]Translation {
	out := map[string]Translation{}
	obj, _ := v.(map[string]any)
	tr, _ := obj["translations"].(map[string]any)
	for ptr, x := range tr {
		o, _ := x.(map[string]any)
		text, _ := o["text"].(string)
		of, _ := o["of"].(string)
		out[ptr] = Translation{Text: strings.TrimSpace(text), Of: of}
	}
	return out
}

// translationSection fills the translations field of the form: one
// question per free-text answer; it returns the findings with one warning
// per answer not translated or translated from an older text. Without a
// translation language the field is hidden.
func (b *formBuilder) translationSection(top *Field, obj map[string]any, all []Finding) []Finding {
	var tf *Field
	for _, f := range top.Fields {
		if f.Name == "translations" {
			tf = f
		}
	}
	if tf == nil {
		return all
	}
	lang, _ := obj["translationLanguage"].(string)
	main, _ := obj["language"].(string)
	if lang == "" || lang == main || !printable(lang) {
		tf.Visible = false // none, or one the print cannot write its own words in
		return all
	}
	have := Translations(obj)
	langName := b.loc.LanguageName(lang)
	tf.Fields = nil
	visit := func(f *Field) {
		if f.Widget == "group" || f.Widget == "groups" || f.Widget == "list" || !Translatable(f) {
			return
		}
		orig := strings.TrimSpace(f.Value.(string))
		key := escapePointer(f.Pointer)
		label := b.kind.FieldLabel(f.Pointer, b.loc)
		q := &Field{Pointer: "/translations/" + key + "/text", Name: "text", Widget: "textarea", Visible: true,
			Label: label, Hint: b.loc.Message("field.translationOf", map[string]any{"Text": shorten(orig, 300)}),
			MaxLength: displayCap, Also: &Also{Pointer: "/translations/" + key + "/of", Value: orig}}
		tr, ok := have[f.Pointer]
		code := "untranslated"
		if ok && tr.Text != "" {
			q.Value, q.Text = tr.Text, tr.Text
			code = ""
			if tr.Of != orig {
				code = "translationStale"
			}
		}
		if code != "" {
			fd := Finding{Pointer: q.Pointer, Code: code, Severity: Warning,
				Message: b.loc.Message("finding."+code, map[string]any{"Field": label, "Language": langName})}
			q.Findings = append(q.Findings, fd)
			all = append(all, fd)
		}
		tf.Fields = append(tf.Fields, q)
	}
	for _, f := range top.Fields {
		if f != tf {
			walkFields(f, visit)
		}
	}
	tf.Label = b.loc.Message("field.translations", map[string]any{"Language": langName})
	tf.Visible = len(tf.Fields) > 0
	return all
}

// shorten cuts s after n characters, with an ellipsis.
func shorten(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i] + "…"
		}
		n--
	}
	return s
}

// printable reports whether the printed request can be written in lang:
// a translation into another language is attached, not made here.
func printable(lang string) bool {
	t, err := language.Parse(lang)
	if err != nil {
		return false
	}
	base, _ := t.Base()
	for _, s := range locales.Supported() {
		if sb, _ := s.Base(); sb == base {
			return true
		}
	}
	return false
}

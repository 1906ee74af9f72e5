package locales

import (
	"encoding/json"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"
)

// sameAsEnglish lists the ids whose translation may equal the English text
// in every language: names and symbols that are not translated.
var sameAsEnglish = map[string]bool{
	"URL": true, "INTERPOL": true, "e-CODEX": true, "Bitcoin": true, "Ethereum": true,
	"field.item": true, "field.separator": true, "field.unknown": true, "list.separator": true,
	"cli.summary": true, "cli.finding": true, "print.section": true, "words.zone": true, // placeholders and punctuation only
	"words.number": true, "letter.nameRole": true, "letter.labelled": true, "letter.earlierKind": true, "letter.basesSeparator": true, // placeholders and punctuation only
	"ui.title": true, // the product name
}

// sameInLanguage lists, per language, the true cognates: words spelt as in
// English that are the right term in that language too.
var sameInLanguage = map[string]map[string]bool{
	"ru": {"words.dateTime": true},
	"fr": {"Annexes": true, "Article": true, "Instrument": true, "Signature": true, "section.signature": true, "ui.list.actions": true},
	"es": {"cli.severity.error": true, "print.no": true, "ui.errorPrefix": true},
}

// TestComplete fails when a language lacks an id English has, leaves one
// empty, or keeps the English text outside the explicit exceptions.
func TestComplete(t *testing.T) {
	en := messagesOf(t, "en")
	for _, tag := range Supported()[1:] {
		lang := tag.String()
		other := messagesOf(t, lang)
		for id, e := range en {
			m, ok := other[id]
			switch {
			case !ok:
				t.Errorf("%s: id %q is missing", lang, id)
			case m.Translation.Text == "" && m.Translation.Select == nil:
				t.Errorf("%s: id %q is not translated", lang, id)
			case m.Translation.Select == nil && m.Translation.Text == e.Message && !sameAsEnglish[id] && !sameInLanguage[lang][id]:
				t.Errorf("%s: id %q is still English: %q", lang, id, m.Translation.Text)
			}
			if ok && m.Message != e.Message {
				t.Errorf("%s: id %q has source %q, English is now %q: retranslate", lang, id, m.Message, e.Message)
			}
		}
	}
}

// Glossary is a language's list of legal terms, in the Convention's wording.
type Glossary struct {
	Language string `json:"language"`
	Source   string `json:"source"`
	Terms    []Term `json:"terms"`
}

// Term is one glossary entry: the English term and the accepted forms of
// its translation (inflected forms where the language has cases).
type Term struct {
	ID    string   `json:"id"`
	En    string   `json:"en"`
	Forms []string `json:"forms"`
	Note  string   `json:"note,omitempty"`
}

func glossaryOf(t *testing.T, lang string) *Glossary {
	t.Helper()
	data, err := fs.ReadFile(FS(), path.Join(lang, "glossary.json"))
	if err != nil {
		t.Fatalf("%s: %v", lang, err)
	}
	var g Glossary
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatalf("%s glossary: %v", lang, err)
	}
	return &g
}

// TestGlossary: every language has a glossary with the terms English has,
// and wherever an English text uses a term, its translation uses one of
// the glossary's forms for it.
func TestGlossary(t *testing.T) {
	enG := glossaryOf(t, "en")
	en := messagesOf(t, "en")
	for _, tag := range Supported() {
		lang := tag.String()
		g := glossaryOf(t, lang)
		terms := map[string]Term{}
		for _, term := range g.Terms {
			terms[term.ID] = term
		}
		msgs := messagesOf(t, lang)
		for _, et := range enG.Terms {
			term, ok := terms[et.ID]
			if !ok || len(term.Forms) == 0 {
				t.Errorf("%s: glossary lacks %q", lang, et.ID)
				continue
			}
			re := regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(et.En) + `\b`)
			for id, e := range en {
				if !re.MatchString(e.Message) {
					continue
				}
				m, ok := msgs[id]
				if !ok {
					continue // TestComplete reports it
				}
				text := strings.ToLower(m.Translation.Text)
				if s := m.Translation.Select; s != nil {
					text = strings.ToLower(s.Cases["other"].Msg)
				}
				found := false
				for _, f := range term.Forms {
					if strings.Contains(text, strings.ToLower(f)) {
						found = true
					}
				}
				if !found {
					t.Errorf("%s: %q uses %q but its translation %q has none of %q", lang, id, et.En, text, term.Forms)
				}
			}
		}
	}
}

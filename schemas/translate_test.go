package schemas

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/locales/cldr"
)

// With a translation language, every free-text answer has a question in
// the translation section, with the original as its hint; an answer
// without a translation, or translated from an older text, is flagged.
func TestTranslationSection(t *testing.T) {
	cldr.Use()
	t.Cleanup(func() { locales.SetWords(nil) })
	body := string(mustExample(t, "preservation"))
	if !strings.Contains(body, `"translationLanguage": "fr"`) {
		t.Fatal("the example declares no French translation")
	}
	facts := "the accounts department of a pharmaceutical company in Lyon"
	v, err := ReadDraft([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	// The example translates every answer: make the facts' translation
	// one of an older text, and drop that of the system's location.
	tr := v.(map[string]any)["translations"].(map[string]any)
	tr["/facts"].(map[string]any)["of"] = "old text"
	delete(tr, "/systemLocation")
	form, err := BuildForm(v, FormOptions{Lang: language.English})
	if err != nil {
		t.Fatal(err)
	}
	var sec *Section
	for _, s := range form.Sections {
		if s.ID == "translation" {
			sec = s
		}
	}
	if sec == nil || len(sec.Fields) != 1 {
		t.Fatalf("no translation section: %v", sec)
	}
	byPtr := map[string]*Field{}
	for _, q := range sec.Fields[0].Fields {
		byPtr[q.Pointer] = q
	}
	f := byPtr["/translations/~1facts/text"]
	if f == nil || !strings.Contains(f.Hint, facts) || f.Also == nil || f.Also.Pointer != "/translations/~1facts/of" || !strings.Contains(f.Also.Value.(string), facts) {
		t.Fatalf("facts translation question = %+v", f)
	}
	for _, want := range []string{"/translations/~1necessity/text", "/translations/~1dataSought~10~1description/text", "/translations/~1requestingAuthority~1name/text"} {
		if byPtr[want] == nil {
			t.Errorf("no translation question %s", want)
		}
	}
	for _, not := range []string{"/translations/~1reference/text", "/translations/~1requestingAuthority~1contact~1name/text", "/translations/~1dataSought~10~1identifier~1value/text"} {
		if byPtr[not] != nil {
			t.Errorf("an identifier or a name is offered for translation: %s", not)
		}
	}
	codes := map[string]string{}
	for _, fd := range form.Findings {
		if strings.HasPrefix(fd.Pointer, "/translations/") {
			codes[fd.Pointer] = fd.Code
		}
	}
	if codes["/translations/~1facts/text"] != "translationStale" || codes["/translations/~1necessity/text"] != "" || codes["/translations/~1systemLocation/text"] != "untranslated" {
		t.Errorf("translation findings = %v", codes)
	}
	if !slices.ContainsFunc(form.Findings, func(fd FormFinding) bool { return fd.Code == "untranslated" && strings.Contains(fd.Message, "French") }) {
		t.Error("the untranslated warning does not name the language")
	}

	// Without a translation language there is no such section.
	delete(v.(map[string]any), "translationLanguage")
	form, _ = BuildForm(v, FormOptions{Lang: language.English})
	for _, s := range form.Sections {
		if s.ID == "translation" {
			t.Error("a translation section without a translation language")
		}
	}
}

func mustExample(t *testing.T, kind string) []byte {
	t.Helper()
	b, err := Example(kind)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

package locales

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/language"
)

func TestLoad(t *testing.T) {
	for _, err := range LoadErrors() {
		t.Error(err)
	}
	if got := Supported(); len(got) == 0 || got[0] != language.English {
		t.Errorf("Supported() = %v, want English first", got)
	}
}

// TestPlaceholders checks every catalog against English: the same ids
// (none extra), placeholders with the same names and argument numbers, and
// every {Name} in a text declared.
func TestPlaceholders(t *testing.T) {
	en := messagesOf(t, "en")
	for _, m := range en {
		checkTextPlaceholders(t, "en", m)
	}
	for _, tag := range Supported()[1:] {
		lang := tag.String()
		other := messagesOf(t, lang)
		for id, m := range other {
			e, ok := en[id]
			if !ok {
				t.Errorf("%s: id %q is not in English", lang, id)
				continue
			}
			if !samePlaceholders(e.Placeholders, m.Placeholders) {
				t.Errorf("%s: %q placeholders %v, want %v", lang, id, m.Placeholders, e.Placeholders)
			}
			checkTextPlaceholders(t, lang, m)
			if missing := lost(used(e), used(m)); len(missing) > 0 {
				t.Errorf("%s: %q drops placeholders %v that English uses", lang, id, missing)
			}
		}
	}
}

// used returns the placeholders a message's translation uses, over all its
// plural cases.
func used(m Message) map[string]bool {
	texts := []string{m.Translation.Text}
	if s := m.Translation.Select; s != nil {
		for _, c := range s.Cases {
			texts = append(texts, c.Msg)
		}
	}
	out := map[string]bool{}
	for _, text := range texts {
		for _, name := range Placeholders(text) {
			out[name] = true
		}
	}
	return out
}

func lost(want, got map[string]bool) []string {
	var out []string
	for name := range want {
		if !got[name] {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

func messagesOf(t *testing.T, lang string) map[string]Message {
	t.Helper()
	out := map[string]Message{}
	names, _ := fs.Glob(FS(), path.Join(lang, "*.gotext.json"))
	for _, name := range names {
		f, err := ReadFile(FS(), name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range f.Messages {
			if _, dup := out[m.ID]; dup {
				t.Errorf("%s: id %q appears twice", name, m.ID)
			}
			out[m.ID] = m
		}
	}
	return out
}

func samePlaceholders(a, b []Placeholder) bool {
	return slices.EqualFunc(a, b, func(x, y Placeholder) bool { return x.ID == y.ID && x.ArgNum == y.ArgNum && x.String == y.String })
}

func checkTextPlaceholders(t *testing.T, lang string, m Message) {
	t.Helper()
	texts := []string{m.Translation.Text}
	if s := m.Translation.Select; s != nil {
		texts = nil
		for _, c := range s.Cases {
			texts = append(texts, c.Msg)
		}
	}
	declared := map[string]bool{}
	for _, p := range m.Placeholders {
		declared[p.ID] = true
	}
	for _, text := range texts {
		for _, name := range Placeholders(text) {
			if !declared[name] {
				t.Errorf("%s: %q uses {%s}, which is not a declared placeholder", lang, m.ID, name)
			}
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		prefs []string
		want  language.Tag
	}{
		{[]string{"en-GB", "fr"}, language.English},
		{[]string{"xx-invalid", "en"}, language.English},
		{[]string{"tlh"}, language.English},
		{nil, language.English},
		// The browser's list, best first: the first one we speak wins,
		// regional variants and scripts included.
		{[]string{"fr-CA", "en"}, language.French},
		{[]string{"de", "ru-UA", "en"}, language.Russian},
		{[]string{"ar-EG"}, language.Arabic},
		{[]string{"zh-TW"}, language.Chinese},
		{[]string{"es-419", "en"}, language.Spanish},
		{[]string{" fr ", "en"}, language.French},
	}
	for _, tc := range tests {
		if got := Match(tc.prefs...); got != tc.want {
			t.Errorf("Match(%v) = %v, want %v", tc.prefs, got, tc.want)
		}
	}
	// Every supported language matches itself and its regional variants,
	// and Match returns our tag, not the user's.
	for _, tag := range Supported() {
		for _, pref := range []string{tag.String(), tag.String() + "-u-nu-latn"} {
			if got := Match(pref); got != tag {
				t.Errorf("Match(%q) = %v, want %v", pref, got, tag)
			}
		}
	}
}

func TestDir(t *testing.T) {
	for tag, want := range map[string]string{"ar": "rtl", "ar-EG": "rtl", "en": "ltr", "zh-Hans": "ltr", "fa": "rtl", "ru": "ltr"} {
		if got := Dir(language.MustParse(tag)); got != want {
			t.Errorf("Dir(%s) = %s, want %s", tag, got, want)
		}
	}
}

func TestPlural(t *testing.T) {
	en := For(language.English)
	for n, want := range map[int]string{0: "0 errors", 1: "1 error", 3: "3 errors", 1000: "1,000 errors"} {
		if got := en.Message("cli.errors", map[string]any{"N": n}); got != want {
			t.Errorf("Message(cli.errors, %d) = %q, want %q", n, got, want)
		}
	}
}

// TestPluralForms: CLDR's forms for Russian (one, few, many) and Arabic
// (all six), with numbers printed the language's way (Arabic in Latin
// digits, as the browsers write its dates: printerTag).
func TestPluralForms(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"ru", 1, "1 ошибка"}, {"ru", 2, "2 ошибки"}, {"ru", 5, "5 ошибок"}, {"ru", 21, "21 ошибка"}, {"ru", 1000, "1 000 ошибок"},
		{"ar", 0, "لا أخطاء"}, {"ar", 1, "خطأ واحد"}, {"ar", 2, "خطآن"}, {"ar", 3, "3 أخطاء"}, {"ar", 11, "11 خطأً"}, {"ar", 100, "100 خطأ"},
		{"fr", 0, "0 erreur"}, {"fr", 1, "1 erreur"}, {"fr", 2, "2 erreurs"},
		{"es", 1, "1 error"}, {"es", 2, "2 errores"},
		{"zh", 1, "1 个错误"}, {"zh", 2, "2 个错误"},
	}
	for _, tc := range tests {
		got := For(language.MustParse(tc.lang)).Message("cli.errors", map[string]any{"N": tc.n})
		got = strings.ReplaceAll(got, "\u00a0", " ")
		if got != tc.want {
			t.Errorf("%s cli.errors %d = %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
}

// TestList joins with the language's separator.
func TestList(t *testing.T) {
	for lang, want := range map[string]string{"en": "a, b", "zh": "a、b", "ar": "a، b"} {
		if got := For(language.MustParse(lang)).List([]string{"a", "b"}); got != want {
			t.Errorf("%s List = %q, want %q", lang, got, want)
		}
	}
}

func TestMessageNamedParams(t *testing.T) {
	en := For(language.English)
	got := en.Message("finding.range.order", map[string]any{"Field": "Time range", "Start": "S", "End": "E"})
	want := "Time range: the end (E) is before the start (S); swap them or correct one."
	if got != want {
		t.Errorf("Message(range.order) = %q, want %q", got, want)
	}
	if got := en.Text("no such text 100%"); got != "no such text 100%" {
		t.Errorf("Text of an unknown id = %q", got)
	}
}

// TestLazyLanguages: only English is read until another language is asked
// for, and asking for it reads it (the page starts faster that way).
func TestLazyLanguages(t *testing.T) {
	b := newBundle(files)
	if !b.done[language.English] || len(b.done) != 1 {
		t.Fatalf("read after start: %v", b.done)
	}
	if len(b.raw[language.French]) != 0 {
		t.Fatal("French read before it was asked for")
	}
	b.read(language.French)
	if !b.done[language.French] || b.raw[language.French]["ui.skip"] == "" || len(b.errs) > 0 {
		t.Fatalf("French after read: %v, %d messages, %v", b.done, len(b.raw[language.French]), b.errs)
	}
}

// TestSelfName: each language's name for itself, read without its
// catalogs, is the one its catalogs give.
func TestSelfName(t *testing.T) {
	for _, tag := range Supported() {
		want := For(tag).Text("language.self")
		loadOnce = sync.Once{} // a fresh bundle: only English read
		localizers = sync.Map{}
		if got := SelfName(tag); got != want || want == "" || (tag != language.English && want == "English") {
			t.Errorf("%s: SelfName %q, catalog %q", tag, got, want)
		}
		if tag != language.English && load().done[tag] {
			t.Errorf("%s: SelfName read the whole catalog", tag)
		}
	}
}

// TestAddBuiltCatalog: a portal's catalog added as built does not read
// its language at once (the engine's start), yet its messages are there
// when the language is first asked for.
func TestAddBuiltCatalog(t *testing.T) {
	t.Cleanup(func() {
		extraMu.Lock()
		extraFiles, extraData = nil, nil
		extraMu.Unlock()
		loadOnce, matcherOnce, localizers = sync.Once{}, sync.Once{}, sync.Map{}
	})
	cat := `{"language": "fr", "messages": [{"id": "test.builtCatalog", "message": "Built", "translation": "Construit"}]}`
	if err := AddBuiltCatalog([]byte(cat)); err != nil {
		t.Fatal(err)
	}
	if load().done[language.French] {
		t.Error("AddBuiltCatalog read French at once")
	}
	if got := For(language.French).Text("test.builtCatalog"); got != "Construit" {
		t.Errorf("French text of the added message = %q, want Construit", got)
	}
	if err := AddBuiltCatalog([]byte(`{"language": "not a tag"}`)); err == nil {
		t.Error("a catalog with no language tag was taken")
	}
	if err := AddCatalog([]byte(`{"language": "de"}`)); err == nil {
		t.Error("AddCatalog took a catalog in a language that is not supported")
	}
}

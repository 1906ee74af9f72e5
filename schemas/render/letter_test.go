package render

import (
	"flag"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
)

var update = flag.Bool("update", false, "rewrite the golden printed requests in testdata/letters")

// TestGoldenLetters: the printed request of every kind's example in every
// language is the reviewed one in testdata/letters (go test -update
// rewrites them; read the diff as the receiving officer would).
func TestGoldenLetters(t *testing.T) {
	dir := filepath.Join("testdata", "letters")
	for _, kind := range schemas.KindIDs() {
		for _, tag := range tags {
			got := render(t, example(t, kind), Options{Lang: tag})
			name := filepath.Join(dir, kind+"."+tag.String()+".html")
			if *update {
				os.MkdirAll(dir, 0o755)
				if err := os.WriteFile(name, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(name)
			if err != nil {
				t.Fatalf("%v (run go test ./schemas/render -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s: printed request differs from the golden one (go test ./schemas/render -update, then review the diff)\n%s", name, firstDiff(got, string(want)))
			}
		}
	}
}

// readable is the text of a printed request as the officer reads it,
// without identifiers (kept as entered: inside LTR isolates or marked as
// identifiers) and without markup.
func readable(doc string) string {
	doc = regexp.MustCompile(`(?s)<bdi dir="ltr" class="evd-print__id">.*?</bdi>`).ReplaceAllString(doc, " ")
	doc = regexp.MustCompile(`(?s)<[^>]*>`).ReplaceAllString(doc, " ")
	doc = html.UnescapeString(doc)
	return regexp.MustCompile("(?s)\u2066.*?\u2069").ReplaceAllString(doc, " ")
}

var (
	isoDate   = regexp.MustCompile(`\d{4}-\d{2}-\d{2}|\d{2}:\d{2}:\d{2}|T\d{2}:\d{2}`)
	ianaZone  = regexp.MustCompile(`\b[A-Z][a-z]+/[A-Z][A-Za-z_]+\b`)
	upperWord = regexp.MustCompile(`\b[A-Z]{2}\b`)
)

// TestLetterInWords: no ISO date or time, no country code and no language
// tag in any printed example, in any language, outside identifiers; no
// "Not provided" and no Yes/No answer; the operative paragraph states the
// measure with the requested State's name.
func TestLetterInWords(t *testing.T) {
	for _, kind := range schemas.KindIDs() {
		body := example(t, kind)
		v, _ := schemas.ReadDraft(body)
		codes := countryCodes(v)
		for _, tag := range tags {
			loc := locales.For(tag)
			doc := render(t, body, Options{Lang: tag})
			text := readable(doc)
			if m := isoDate.FindString(text); m != "" {
				t.Errorf("%s %s: ISO date or time %q in the letter", kind, tag, m)
			}
			for _, w := range upperWord.FindAllString(text, -1) {
				if codes[w] {
					t.Errorf("%s %s: country code %q in the letter", kind, tag, w)
				}
			}
			for _, bad := range []string{notProvided[tag.String()], loc.Text("ui.notAnswered"), ": " + loc.Text("print.yes"), ": " + loc.Text("print.no"), "%!", "{", "}"} {
				if strings.Contains(text, bad) {
					t.Errorf("%s %s: %q in the letter", kind, tag, bad)
				}
			}
			for _, tagList := range languageLists(v) {
				var names []string
				for _, tg := range strings.Split(tagList, ", ") {
					names = append(names, loc.LanguageName(tg))
				}
				want := loc.Message("letter.speaks", map[string]any{"Languages": loc.List(names)})
				bad := loc.Message("letter.speaks", map[string]any{"Languages": loc.List(strings.Split(tagList, ", "))})
				if !strings.Contains(text, want) || strings.Contains(text, bad) {
					t.Errorf("%s %s: the languages spoken are not named (%q wanted)", kind, tag, want)
				}
			}
			to, _ := v.(map[string]any)["requestedState"].(map[string]any)
			if a, ok := v.(map[string]any)["addressee"].(map[string]any); ok { // an EU certificate goes to a provider's addressee
				to = a
			}
			state := loc.Country(to["country"].(string))
			op := regexp.MustCompile(`(?s)evd-print__heading">[^<]*</h2><p>(.*?)</p>`).FindStringSubmatch(doc)
			if op == nil || !strings.Contains(html.UnescapeString(op[1]), state) {
				t.Errorf("%s %s: the first section does not state the request to %s: %v", kind, tag, state, op)
			}
		}
	}
}

// walkDraft calls fn with every value of a draft and the name of the
// property it is (or whose list it is in); fn returns false to go no
// deeper.
func walkDraft(v any, fn func(key string, v any) bool) {
	var walk func(k string, v any)
	walk = func(k string, v any) {
		if !fn(k, v) {
			return
		}
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				walk(k, c)
			}
		case []any:
			for _, c := range x {
				walk(k, c)
			}
		}
	}
	walk("", v)
}

// notProvided is what the form dump printed for a missing answer.
var notProvided = map[string]string{"en": "Not provided", "ar": "غير مذكور", "es": "No consta", "fr": "Non renseigné", "ru": "Не указано", "zh": "未提供"}

// countryCodes lists every country code a draft holds.
func countryCodes(v any) map[string]bool {
	out := map[string]bool{}
	walkDraft(v, func(k string, v any) bool {
		if s, ok := v.(string); ok && k == "country" {
			out[s] = true
		}
		return true
	})
	return out
}

// languageLists lists the contact languages as tags joined ("fr, en").
func languageLists(v any) []string {
	var out []string
	walkDraft(v, func(k string, v any) bool {
		list, ok := v.([]any)
		if !ok || k != "languages" {
			return true
		}
		var tags []string
		for _, c := range list {
			if s, ok := c.(string); ok {
				tags = append(tags, s)
			}
		}
		out = append(out, strings.Join(tags, ", "))
		return false
	})
	return out
}

// TestDraftMark: a draft not marked final, or final but invalid, carries
// the draft mark in each printed language; a final valid one prints clean.
func TestDraftMark(t *testing.T) {
	body := example(t, "preservation")
	now := schemas.ExampleDate
	if doc := render(t, body, Options{Lang: language.French, Second: language.Arabic, Now: now}); !strings.Contains(doc, "data-draft-mark") ||
		!strings.Contains(doc, locales.For(language.French).Text("print.draftMarkNotFinal")) ||
		!strings.Contains(doc, locales.For(language.Arabic).Text("print.draftMarkNotFinal")) {
		t.Error("a draft not marked final printed without the draft mark in both languages")
	}
	if doc := render(t, body, Options{Lang: language.English, Final: true, Now: now}); strings.Contains(doc, "data-draft-mark") {
		t.Error("a final, valid request printed with the draft mark")
	}
	broken := strings.Replace(string(body), `"necessity": "`, `"necessityX": "`, 1)
	res, _ := schemas.Validate([]byte(broken), schemas.Options{Mode: schemas.Final, Now: now})
	errs := 0
	for _, f := range res.Findings {
		if f.Severity == schemas.Error {
			errs++
		}
	}
	if errs == 0 {
		t.Fatal("the broken draft has no error")
	}
	if doc := render(t, []byte(broken), Options{Lang: language.English, Final: true, Now: now}); !strings.Contains(doc, locales.For(language.English).Message("print.draftMark", map[string]any{"N": errs})) {
		t.Errorf("a final but invalid request printed without the mark naming its %d errors", errs)
	}
}

// TestBilingualRows: two languages print row by row, each row holding the
// same paragraph in both, the original language named.
func TestBilingualRows(t *testing.T) {
	doc := render(t, example(t, "preservation"), Options{Lang: language.French, Second: language.Arabic})
	pairs := strings.Count(doc, `<div class="evd-print__pair">`)
	fr := strings.Count(doc, `lang="fr" dir="ltr">`)
	ar := strings.Count(doc, `lang="ar" dir="rtl">`)
	if pairs < 10 || fr < pairs || ar < pairs {
		t.Errorf("%d rows, %d French cells, %d Arabic cells", pairs, fr, ar)
	}
	if want := locales.For(language.Arabic).Message("letter.original", map[string]any{"Language": locales.For(language.Arabic).LanguageName("en")}); !strings.Contains(html.UnescapeString(doc), want) {
		t.Errorf("the Arabic column does not name English, the draft's language, as the original: %q", want)
	}
}

// TestPageCSS: every page carries the reference and "page x of y"; no
// text can close the rule.
func TestPageCSS(t *testing.T) {
	css := PageCSS(`A"B\C</style>`, language.French, "PROJET")
	if !strings.Contains(css, `counter(page)`) || !strings.Contains(css, `counter(pages)`) || strings.Contains(css, `A"B`) || strings.Contains(css, "</style>") || !strings.Contains(css, `"PROJET"`) {
		t.Errorf("PageCSS = %s", css)
	}
}

// firstDiff returns a from a little before where it first differs from b.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return a[max(0, i-80):min(len(a), i+200)]
}

// TestTranslatedColumn: the column in the declared translation language
// prints the answers' translations; an answer without one, or translated
// from an older text, is marked as not translated.
func TestTranslatedColumn(t *testing.T) {
	body := example(t, "preservation")
	v, _ := schemas.ReadDraft(body)
	tr := schemas.Translations(v)
	facts := tr["/facts"].Text
	if facts == "" {
		t.Fatal("the example has no French translation of the facts")
	}
	doc := html.UnescapeString(render(t, body, Options{Lang: language.English, Second: language.French}))
	notTranslated := locales.For(language.French).Message("letter.untranslated", map[string]any{"Text": ""})
	if !strings.Contains(doc, facts) || strings.Contains(doc, notTranslated) {
		t.Errorf("the French column does not print the translations (facts translated: %v, a mark: %v)", strings.Contains(doc, facts), strings.Contains(doc, notTranslated))
	}
	stale := strings.Replace(string(body), `"Between 2 and 5 October 2026, the accounts`, `"Between 2 and 6 October 2026, the accounts`, 1)
	if stale == string(body) {
		t.Fatal("the facts of the example changed: fix the test")
	}
	doc = html.UnescapeString(render(t, []byte(stale), Options{Lang: language.English, Second: language.French}))
	if strings.Contains(doc, facts) || !strings.Contains(doc, strings.TrimSpace(notTranslated)) {
		t.Error("a translation of an older text was printed as the translation")
	}
	// Without the translation language, the French column is the letter in
	// French with the answers as written.
	doc = html.UnescapeString(render(t, []byte(strings.Replace(string(body), `"translationLanguage": "fr",`, "", 1)), Options{Lang: language.English, Second: language.French}))
	if strings.Contains(doc, facts) {
		t.Error("translations printed for a draft that declares no translation language")
	}
}

// TestDualCriminality: the corresponding offence under the requested
// State's law is printed with the offence when the draft gives it.
func TestDualCriminality(t *testing.T) {
	doc := render(t, example(t, "stored-data"), Options{Lang: language.English})
	if want := "Under the law of the requested State the conduct constitutes: \u2068Criminal Damage Act 1991, section 2"; !strings.Contains(html.UnescapeString(doc), want) {
		t.Errorf("stored-data letter lacks %q", want)
	}
}

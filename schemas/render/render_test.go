package render

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
)

func example(t *testing.T, kind string) []byte {
	t.Helper()
	b, err := schemas.Example(kind)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func render(t *testing.T, draft []byte, opts Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, draft, opts); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// Every kind prints in every language: heading, numbered sections in the
// task-list order, the legal basis cited in full and the signature block.
func TestRenderEveryKind(t *testing.T) {
	for _, kind := range schemas.KindIDs() {
		for _, tag := range []language.Tag{language.English, language.Arabic, language.French, language.Russian, language.Spanish, language.Chinese} {
			html := render(t, example(t, kind), Options{Lang: tag, Standalone: true})
			dir := "ltr"
			if tag == language.Arabic {
				dir = "rtl"
			}
			if !strings.Contains(html, `<html lang="`+tag.String()+`" dir="`+dir+`">`) {
				t.Errorf("%s %s: no html lang/dir", kind, tag)
			}
			// Sections are numbered 1, 2, 3... in the language's digits.
			nums := regexp.MustCompile(`evd-print__section-title">(\p{Nd}+)\. `).FindAllStringSubmatch(html, -1)
			if len(nums) < 5 {
				t.Errorf("%s %s: %d sections", kind, tag, len(nums))
			}
			for i, n := range nums {
				if want := locales.For(tag).Message("print.section", map[string]any{"N": i + 1, "Title": ""}); n[1]+". " != want {
					t.Errorf("%s %s: section %d numbered %q, want %q", kind, tag, i+1, n[1], want)
				}
			}
			if !strings.Contains(html, "evd-print__sign-line") || !strings.Contains(html, "<style>") {
				t.Errorf("%s %s: no signature block or style", kind, tag)
			}
		}
	}
	en := render(t, example(t, "preservation"), Options{Lang: language.English})
	for _, want := range []string{
		"This request is made under the following instruments and provisions:",
		"United Nations Convention against Cybercrime (2024)",
		"Done at ",
		"CONFIDENTIAL",
	} {
		if !strings.Contains(en, want) {
			t.Errorf("preservation in English lacks %q", want)
		}
	}
	if strings.Contains(en, "<html") {
		t.Error("a fragment was asked for, got a document")
	}
}

// Two languages side by side, each column in its own language and
// direction.
func TestRenderBilingual(t *testing.T) {
	html := render(t, example(t, "mla"), Options{Lang: language.French, Second: language.Arabic, Standalone: true})
	if !strings.Contains(html, `class="evd-print__columns"`) ||
		!strings.Contains(html, `<article class="evd-print" lang="fr" dir="ltr">`) ||
		!strings.Contains(html, `<article class="evd-print" lang="ar" dir="rtl">`) {
		t.Error("no two-column layout with fr and ar articles")
	}
}

// What the user typed is escaped; hidden answers are not printed.
func TestRenderHostile(t *testing.T) {
	draft := strings.Replace(string(example(t, "preservation")), `"facts": "`, `"facts": "<script>alert(1)</script> \u202e `, 1)
	html := render(t, []byte(draft), Options{Lang: language.English})
	if strings.Contains(html, "<script>") || !strings.Contains(html, "&lt;script&gt;") {
		t.Error("user text is not escaped")
	}
	draft = strings.Replace(string(example(t, "preservation")), `"type": "network247"`, `"type": "centralAuthority"`, 1)
	if !strings.Contains(draft, `"centralAuthority"`) || !strings.Contains(draft, `"contact247"`) {
		t.Fatal("the example no longer has a 24/7 channel with its contact")
	}
	html = render(t, []byte(draft), Options{Lang: language.English})
	if strings.Contains(html, ">24/7 point of contact<") {
		t.Error("a hidden answer (the 24/7 contact of a non-24/7 channel) was printed")
	}
}

// The request language defaults to the draft's own.
func TestRenderDraftLanguage(t *testing.T) {
	draft := strings.Replace(string(example(t, "stored-data")), `"language": "en"`, `"language": "es"`, 1)
	if !strings.Contains(draft, `"language": "es"`) {
		t.Skip("example is not in English")
	}
	html := render(t, []byte(draft), Options{})
	if !strings.Contains(html, `lang="es"`) {
		t.Error("did not print in the draft's language")
	}
}

// TestWriteSamples writes the printed request of every kind to
// testdata/ when EVIDRAFT_SAMPLES is set, for looking at them.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("EVIDRAFT_SAMPLES")
	if dir == "" {
		t.Skip("set EVIDRAFT_SAMPLES=DIR to write sample documents")
	}
	for _, kind := range schemas.KindIDs() {
		os.WriteFile(filepath.Join(dir, kind+".html"), []byte(render(t, example(t, kind), Options{Standalone: true})), 0o644)
	}
}


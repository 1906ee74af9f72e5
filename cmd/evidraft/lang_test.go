package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
)

// scripts: what a message in each language must contain. Arabic, Chinese
// and Russian are told by their script; English, French and Spanish by
// articles and verbs of that language and not of the other two.
var scripts = map[string]*regexp.Regexp{
	"ar": regexp.MustCompile(`\p{Arabic}{3}`),
	"zh": regexp.MustCompile(`\p{Han}{2}`),
	"ru": regexp.MustCompile(`\p{Cyrillic}{3}`),
	"fr": regexp.MustCompile(`\b(une|les|des|est|aux|du|cette|ce|saisissez)\b`),
	"es": regexp.MustCompile(`\b(una|los|las|del|es|este|esta|el|introduzca)\b`),
	"en": regexp.MustCompile(`\b(the|a|an|is|this|of|enter)\b`),
}

// TestValidateEveryLanguage: `evidraft validate --lang L --format json` on
// an invalid draft of every kind prints every message in L, naming the
// field by its translated title.
func TestValidateEveryLanguage(t *testing.T) {
	if len(locales.Supported()) != len(scripts) {
		t.Fatalf("languages %v, test knows %d", locales.Supported(), len(scripts))
	}
	for _, kind := range schemas.KindIDs() {
		path := filepath.Join("..", "..", "schemas", "testdata", "i18n", kind+".json")
		k, _ := schemas.KindByID(kind)
		for _, tag := range locales.Supported() {
			lang := tag.String()
			code, out, stderr := runCLI(t, "", "validate", "--lang", lang, "--format", "json", path)
			if code != exitInvalid {
				t.Fatalf("validate --lang %s %s = %d, stderr %s", lang, kind, code, stderr)
			}
			var res fileResult
			if err := json.Unmarshal([]byte(out), &res); err != nil {
				t.Fatalf("%s %s: %v\n%s", lang, kind, err, out)
			}
			if len(res.Findings) == 0 {
				t.Fatalf("%s %s: no findings", lang, kind)
			}
			loc := locales.For(tag)
			for _, f := range res.Findings {
				if !scripts[lang].MatchString(f.Message) {
					t.Errorf("%s %s %s: %q is not in %s", lang, kind, f.Pointer, f.Message, lang)
				}
				label := k.FieldLabel(f.Pointer, loc)
				if !strings.HasPrefix(f.Message, label) {
					t.Errorf("%s %s: %q does not name the field %q", lang, kind, f.Message, label)
				}
				if tag != language.English && strings.Contains(f.Message, k.FieldLabel(f.Pointer, locales.For(language.English))) {
					t.Errorf("%s %s: %q names the field in English", lang, kind, f.Message)
				}
			}
		}
	}
}

// TestLangFlagText: the text output's summary and severities are
// translated too, with the language's plural forms.
func TestLangFlagText(t *testing.T) {
	path := filepath.Join("..", "..", "schemas", "testdata", "i18n", "preservation.json")
	want := map[string][]string{
		"ar": {"أخطاء", "تنبيه واحد", "خطأ:"},
		"ru": {"ошибки", "1 предупреждение", "ошибка:"},
		"zh": {"个错误", "1 个警告", "错误："},
		"fr": {"erreurs", "1 avertissement", "erreur :"},
		"es": {"errores", "1 advertencia", "error:"},
		"en": {"errors", "1 warning", "error:"},
	}
	for lang, parts := range want {
		_, out, _ := runCLI(t, "", "validate", "--lang", lang, path)
		for _, p := range parts {
			if !strings.Contains(out, p) {
				t.Errorf("validate --lang %s: output lacks %q:\n%s", lang, p, out)
			}
		}
	}
}

// TestExtraFlag: validate and render take a portal's own kind from --extra.
func TestExtraFlag(t *testing.T) {
	dir := filepath.Join("..", "..", "site", "testdata", "extra")
	ex := filepath.Join(dir, "video-hearing.example.json")
	code, out, stderr := runCLI(t, "", "validate", "--extra", dir, "--lang", "fr", ex)
	if code != exitOK || !strings.Contains(out, "Demande d’audition par vidéoconférence") {
		t.Errorf("validate --extra = %d %q %q", code, out, stderr)
	}
	code, out, _ = runCLI(t, "", "render", "--extra", dir, "--lang", "fr", ex)
	if code != exitOK || !strings.Contains(out, "Questions à poser") {
		t.Errorf("render --extra = %d, %.200s", code, out)
	}
	if code, _, _ := runCLI(t, "", "validate", "--extra", filepath.Join(dir, "nope"), ex); code != exitUsage {
		t.Errorf("a missing --extra folder gave %d", code)
	}
}

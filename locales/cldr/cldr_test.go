package cldr_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/locales/cldr"
	"github.com/evidraft/evidraft/schemas"
)

// paris is 2026-12-03T18:00:00+01:00, the instant most tests write.
var paris = time.Date(2026, 12, 3, 18, 0, 0, 0, time.FixedZone("", 3600))

func tag(t *testing.T, s string) language.Tag {
	t.Helper()
	tg, err := language.Parse(s)
	if err != nil {
		t.Fatalf("language.Parse(%q): %v", s, err)
	}
	return tg
}

func TestSupported(t *testing.T) {
	w := cldr.New()
	for _, lang := range locales.Supported() {
		if w.Date(lang, paris) == "" || w.Time(lang, paris) == "" {
			t.Errorf("Date, Time(%s) give \"\" for a supported language", lang)
		}
	}
	if got := w.Date(language.German, paris); got != "" {
		t.Errorf("Date(de) = %q, want \"\" for an unsupported language", got)
	}
}

func TestDate(t *testing.T) {
	w := cldr.New()
	first := time.Date(2026, 1, 1, 0, 5, 0, 0, time.UTC)
	for _, tc := range []struct {
		lang       string
		dec3, jan1 string
	}{
		{"ar", "3 ديسمبر 2026", "1 يناير 2026"},
		{"en", "3 December 2026", "1 January 2026"},
		{"es", "3 de diciembre de 2026", "1 de enero de 2026"},
		{"fr", "3 décembre 2026", "1 janvier 2026"},
		{"ru", "3 декабря 2026 г.", "1 января 2026 г."},
		{"zh", "2026年12月3日", "2026年1月1日"},
	} {
		if got := w.Date(tag(t, tc.lang), paris); got != tc.dec3 {
			t.Errorf("Date(%s, %v) = %q, want %q", tc.lang, paris, got, tc.dec3)
		}
		if got := w.Date(tag(t, tc.lang), first); got != tc.jan1 {
			t.Errorf("Date(%s, %v) = %q, want %q", tc.lang, first, got, tc.jan1)
		}
	}
}

func TestTime(t *testing.T) {
	w := cldr.New()
	morning := time.Date(2026, 12, 3, 9, 5, 0, 0, time.FixedZone("", -5*3600))
	for _, tc := range []struct {
		lang           string
		evening, early string
	}{
		{"ar", "6:00 م", "9:05 ص"},
		{"en", "18:00", "09:05"},
		{"es", "18:00", "9:05"},
		{"fr", "18:00", "09:05"},
		{"ru", "18:00", "09:05"},
		{"zh", "18:00", "09:05"},
	} {
		if got := w.Time(tag(t, tc.lang), paris); got != tc.evening {
			t.Errorf("Time(%s, %v) = %q, want %q", tc.lang, paris, got, tc.evening)
		}
		if got := w.Time(tag(t, tc.lang), morning); got != tc.early {
			t.Errorf("Time(%s, %v) = %q, want %q", tc.lang, morning, got, tc.early)
		}
	}
	// The same instant in UTC is written in UTC: no zone is converted to.
	if got, want := w.Time(language.English, paris.UTC()), "17:00"; got != want {
		t.Errorf("Time(en, %v) = %q, want %q", paris.UTC(), got, want)
	}
}

func TestCountry(t *testing.T) {
	w := cldr.New()
	for _, tc := range []struct {
		lang, code, want string
	}{
		{"ar", "DE", "ألمانيا"},
		{"ar", "US", "الولايات المتحدة"},
		{"en", "DE", "Germany"},
		{"en", "US", "United States"},
		{"es", "DE", "Alemania"},
		{"es", "US", "Estados Unidos"},
		{"fr", "DE", "Allemagne"},
		{"fr", "US", "États-Unis"},
		{"ru", "DE", "Германия"},
		{"ru", "US", "Соединенные Штаты"},
		{"zh", "DE", "德国"},
		{"zh", "US", "美国"},
		{"en", "XK", "Kosovo"},
		{"en", "MK", "North Macedonia"},
		{"fr", "SZ", "Eswatini"},
		{"zh", "SZ", "斯威士兰"},
		{"en", "ZZ", ""},
		{"en", "EU", ""},
		{"en", "QO", ""},
		{"en", "AA", ""},
		{"en", "276", ""},
		{"en", "D", ""},
		{"en", "", ""},
	} {
		if got := w.Country(tag(t, tc.lang), tc.code); got != tc.want {
			t.Errorf("Country(%s, %q) = %q, want %q", tc.lang, tc.code, got, tc.want)
		}
	}
}

// TestCountries checks that every code a draft may hold has a name in
// every language.
func TestCountries(t *testing.T) {
	w := cldr.New()
	for _, lang := range locales.Supported() {
		for _, code := range schemas.Countries() {
			if got := w.Country(lang, code); got == "" {
				t.Errorf("Country(%s, %q) = \"\", want a name", lang, code)
			}
		}
	}
}

// TestRenamed fails when x/text itself writes a country the way the
// table of renamed countries does: the entry is then not needed.
func TestRenamed(t *testing.T) {
	w := cldr.New()
	for _, tc := range []struct{ lang, code string }{
		{"ar", "MK"}, {"en", "MK"}, {"es", "MK"}, {"fr", "MK"}, {"ru", "MK"}, {"zh", "MK"},
		{"ar", "SZ"}, {"en", "SZ"}, {"es", "SZ"}, {"fr", "SZ"}, {"ru", "SZ"},
		{"en", "TR"},
	} {
		lang := tag(t, tc.lang)
		got := w.Country(lang, tc.code)
		old := display.Regions(lang).Name(language.MustParseRegion(tc.code))
		if got == old {
			t.Errorf("Country(%s, %q) = %q, as x/text writes it: drop it from renamed", tc.lang, tc.code, got)
		}
	}
}

func TestLanguage(t *testing.T) {
	w := cldr.New()
	for _, tc := range []struct {
		lang, fr, en string
	}{
		{"ar", "الفرنسية", "الإنجليزية"},
		{"en", "French", "English"},
		{"es", "francés", "inglés"},
		{"fr", "français", "anglais"},
		{"ru", "французский", "английский"},
		{"zh", "法语", "英语"},
	} {
		if got := w.Language(tag(t, tc.lang), "fr"); got != tc.fr {
			t.Errorf("Language(%s, \"fr\") = %q, want %q", tc.lang, got, tc.fr)
		}
		if got := w.Language(tag(t, tc.lang), "en"); got != tc.en {
			t.Errorf("Language(%s, \"en\") = %q, want %q", tc.lang, got, tc.en)
		}
	}
	for _, code := range []string{"", "und", "xx", "qaa", "!!"} {
		if got := w.Language(language.English, code); got != "" {
			t.Errorf("Language(en, %q) = %q, want \"\"", code, got)
		}
	}
}

func TestZone(t *testing.T) {
	w := cldr.New()
	for _, lang := range locales.Supported() {
		if got := w.Zone(lang, "Europe/Paris"); got != "" {
			t.Errorf("Zone(%s, \"Europe/Paris\") = %q, want \"\"", lang, got)
		}
	}
}

func TestOffset(t *testing.T) {
	w := cldr.New()
	for _, tc := range []struct {
		zone    string
		at      time.Time
		seconds int
		ok      bool
	}{
		{"Europe/Paris", time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC), 7200, true},
		{"Europe/Paris", time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC), 3600, true},
		{"America/New_York", time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC), -4 * 3600, true},
		{"America/New_York", time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC), -5 * 3600, true},
		{"Asia/Kolkata", time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC), 5*3600 + 1800, true},
		{"UTC", time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC), 0, true},
		{"Europe/Atlantis", time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC), 0, false},
		{"", time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC), 0, false},
		{"Local", time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC), 0, false},
	} {
		seconds, ok := w.Offset(tc.zone, tc.at)
		if seconds != tc.seconds || ok != tc.ok {
			t.Errorf("Offset(%q, %v) = %d, %v, want %d, %v", tc.zone, tc.at, seconds, ok, tc.seconds, tc.ok)
		}
	}
}

// TestDateTime writes an instant through a Localizer, with the catalog's
// sentence around the CLDR date and time.
func TestDateTime(t *testing.T) {
	locales.SetWords(cldr.New())
	t.Cleanup(func() { locales.SetWords(nil) })
	for _, tc := range []struct {
		lang, want string
	}{
		{"ar", "3 ديسمبر 2026، الساعة 6:00 م (UTC+01:00)"},
		{"en", "3 December 2026, 18:00 (UTC+01:00)"},
		{"es", "3 de diciembre de 2026, a las 18:00 (UTC+01:00)"},
		{"fr", "3 décembre 2026 à 18:00 (UTC+01:00)"},
		{"ru", "3 декабря 2026 г., 18:00 (UTC+01:00)"},
		{"zh", "2026年12月3日 18:00（UTC+01:00）"},
	} {
		if got := locales.For(tag(t, tc.lang)).DateTime(paris); got != tc.want {
			t.Errorf("For(%s).DateTime(%v) = %q, want %q", tc.lang, paris, got, tc.want)
		}
	}
	// Without a zone name, a zone is written as its id with its offset.
	at := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	if got, want := locales.For(language.English).Zone("Europe/Paris", at), "Europe/Paris (UTC+01:00)"; got != want {
		t.Errorf("For(en).Zone(\"Europe/Paris\", %v) = %q, want %q", at, got, want)
	}
}

// TestUse checks that Use sets the Words every Localizer writes with.
func TestUse(t *testing.T) {
	cldr.Use()
	t.Cleanup(func() { locales.SetWords(nil) })
	if got, want := locales.For(language.French).Country("DE"), "Allemagne"; got != want {
		t.Errorf("after Use, For(fr).Country(\"DE\") = %q, want %q", got, want)
	}
}

// TestNotInWasm checks that the browser build does not carry this
// package or its CLDR tables.
func TestNotInWasm(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	cmd := exec.Command(gobin, "list", "-deps", "github.com/evidraft/evidraft/wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("GOOS=js GOARCH=wasm go list -deps ./wasm: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if pkg == "github.com/evidraft/evidraft/locales/cldr" || strings.HasPrefix(pkg, "github.com/go-playground/") {
			t.Errorf("./wasm depends on %s", pkg)
		}
	}
}

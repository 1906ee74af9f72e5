//go:build js && wasm

package main

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
)

// wordsAt is the instant the tests write out: 18:00 in Paris in winter.
var wordsAt = time.Date(2026, 12, 3, 18, 0, 0, 0, time.FixedZone("", 3600))

// TestWordsEveryLanguage: each language has a date written out, with the
// year in Latin digits or its script's own, never the ISO form; and every
// answer is logged for review.
func TestWordsEveryLanguage(t *testing.T) {
	w := intlWords{}
	years := map[string][]string{"ar": {"2026", "٢٠٢٦"}}
	for _, tag := range locales.Supported() {
		date := w.Date(tag, wordsAt)
		t.Logf("%s: Date=%q Time=%q Country(DE)=%q Language(fr)=%q Zone(Europe/Paris)=%q",
			tag, date, w.Time(tag, wordsAt), w.Country(tag, "DE"), w.Language(tag, "fr"), w.Zone(tag, "Europe/Paris"))
		want := years[tag.String()]
		if want == nil {
			want = []string{"2026"}
		}
		hasYear := false
		for _, y := range want {
			hasYear = hasYear || strings.Contains(date, y)
		}
		if date == "" || !hasYear || strings.Contains(date, "2026-12-03") {
			t.Errorf("Date(%s, %v) = %q, want the year %v written out, not an ISO date", tag, wordsAt, date, want)
		}
		for name, s := range map[string]string{
			"Time": w.Time(tag, wordsAt), "Country(DE)": w.Country(tag, "DE"),
			"Language(fr)": w.Language(tag, "fr"), "Zone(Europe/Paris)": w.Zone(tag, "Europe/Paris"),
		} {
			if s == "" {
				t.Errorf("%s in %s = \"\", want a word", name, tag)
			}
		}
	}
}

func TestWords(t *testing.T) {
	w := intlWords{}
	en, fr := language.English, language.French
	for _, tc := range []struct {
		call, got, want string
	}{
		{"Date(en)", w.Date(en, wordsAt), "3 December 2026"},
		{"Date(fr)", w.Date(fr, wordsAt), "3 décembre 2026"},
		// The calendar day, whatever the offset: late on the 3rd in
		// Auckland is still the 3rd.
		{"Date(en, 23:30+13:00)", w.Date(en, time.Date(2026, 12, 3, 23, 30, 0, 0, time.FixedZone("", 13*3600))), "3 December 2026"},
		{"Time(en)", w.Time(en, wordsAt), "18:00"},
		{"Time(en, 00:05-05:00)", w.Time(en, time.Date(2026, 12, 3, 0, 5, 0, 0, time.FixedZone("", -5*3600))), "00:05"},
		{"Country(en, DE)", w.Country(en, "DE"), "Germany"},
		{"Country(fr, US)", w.Country(fr, "US"), "États-Unis"},
		{"Country(en, XX)", w.Country(en, "XX"), ""},
		{"Country(en, D)", w.Country(en, "D"), ""}, // RangeError
		{"Country(en, \"\")", w.Country(en, ""), ""},
		{"Language(fr, en)", w.Language(fr, "en"), "anglais"},
		{"Language(en, qqq)", w.Language(en, "qqq"), ""},
		{"Language(en, 1)", w.Language(en, "1"), ""}, // RangeError
		{"Zone(en, Europe/Paris)", w.Zone(en, "Europe/Paris"), "Central European Time"},
		{"Zone(fr, Europe/Paris)", w.Zone(fr, "Europe/Paris"), "heure d’Europe centrale"},
		{"Zone(en, Etc/GMT-3)", w.Zone(en, "Etc/GMT-3"), ""}, // only an offset
		{"Zone(en, Nowhere/Else)", w.Zone(en, "Nowhere/Else"), ""},
		{"Zone(en, \"\")", w.Zone(en, ""), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.call, tc.got, tc.want)
		}
	}
}

func TestWordsOffset(t *testing.T) {
	w := intlWords{}
	for _, tc := range []struct {
		zone string
		at   time.Time
		want int
		ok   bool
	}{
		{"Europe/Paris", time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC), 7200, true},
		{"Europe/Paris", wordsAt, 3600, true},
		{"UTC", wordsAt, 0, true},
		{"America/St_Johns", wordsAt, -(3*3600 + 30*60), true},
		{"Asia/Kolkata", wordsAt, 5*3600 + 30*60, true},
		{"Nowhere/Else", wordsAt, 0, false},
		{"", wordsAt, 0, false},
	} {
		got, ok := w.Offset(tc.zone, tc.at)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Offset(%q, %v) = %d, %v, want %d, %v", tc.zone, tc.at, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseOffset(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"", 0, true}, {"+02:00", 7200, true}, {"-03:30", -12600, true},
		{"\u221205:00", -18000, true}, {"+00:09:21", 561, true},
		{"+2:60", 0, false}, {"02:00", 0, false}, {"+x", 0, false}, {"+1:2:3:4", 0, false},
	} {
		got, ok := parseOffset(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseOffset(%q) = %d, %v, want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// TestWordsAtStart: the engine writes dates in words once started, through
// the Localizer the form model uses.
func TestWordsAtStart(t *testing.T) {
	locales.SetWords(nil)
	startTest(t, nil)
	if _, ok := locales.CurrentWords().(intlWords); !ok {
		t.Fatalf("after start, CurrentWords() = %T, want intlWords", locales.CurrentWords())
	}
	got := locales.For(language.French).DateTime(wordsAt)
	if want := "3 décembre 2026 à 18:00 (UTC+01:00)"; got != want {
		t.Errorf("For(fr).DateTime(%v) = %q, want %q", wordsAt, got, want)
	}
}

// The cost of a call once its formatter is made: the same answer again
// (a field that did not change), and a new one (the value just typed).
func BenchmarkWordsDate(b *testing.B) {
	w := intlWords{}
	w.Date(language.French, wordsAt)
	for b.Loop() {
		w.Date(language.French, wordsAt)
	}
}

func BenchmarkWordsDateNew(b *testing.B) {
	w := intlWords{}
	w.Date(language.French, wordsAt)
	i := 0
	for b.Loop() {
		// More days than the cache holds: each is asked of Intl.
		w.Date(language.French, wordsAt.AddDate(0, 0, i%(2*intlAnswersMax)))
		i++
	}
}

func BenchmarkWordsCountry(b *testing.B) {
	w := intlWords{}
	w.Country(language.French, "DE")
	for b.Loop() {
		w.Country(language.French, "DE")
	}
}

func BenchmarkWordsCountryNew(b *testing.B) {
	key := askKey{intlKey: intlKey{lang: "fr", kind: intlRegion}, code: "DE"}
	o := intlObject(key.intlKey)
	for b.Loop() {
		askIntl(o, key) // what ask does when the answer is not kept
	}
}

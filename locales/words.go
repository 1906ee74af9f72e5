package locales

import (
	"fmt"
	"sync"
	"time"

	"golang.org/x/text/language"
)

// Words writes dates, times and the names of countries, languages and time
// zones as people read them, from the CLDR data the platform already has:
// Intl in the browser (wasm/words.go), golang.org/x/text and
// go-playground/locales natively (package locales/cldr). app.wasm carries
// no CLDR table.
//
// Every method gets a supported language (one of Supported) and returns ""
// when it does not know the answer; the callers then fall back to the
// code as written.
type Words interface {
	// Date is a calendar date written out: "3 December 2026",
	// "3 décembre 2026", "2026年12月3日". Only t's year, month and day count.
	Date(lang language.Tag, t time.Time) string
	// Time is the time of day in t's own offset, hours and minutes: "18:00".
	Time(lang language.Tag, t time.Time) string
	// Country is the name of an ISO 3166-1 alpha-2 region: "Germany".
	Country(lang language.Tag, code string) string
	// Language is the name of a BCP 47 language: "French".
	Language(lang language.Tag, tag string) string
	// Zone is the name of an IANA time zone as people say it
	// ("Central European Time", or its city), without the offset.
	Zone(lang language.Tag, zone string) string
	// Offset is the UTC offset, in seconds, of an IANA time zone at t.
	Offset(zone string, t time.Time) (seconds int, ok bool)
}

var (
	wordsMu sync.RWMutex
	words   Words = plainWords{}
)

// SetWords makes w the source of written-out dates and names. The browser
// engine and the CLI each set theirs at start; without one, codes are
// written as they are (ISO dates, country codes, zone ids).
func SetWords(w Words) {
	wordsMu.Lock()
	defer wordsMu.Unlock()
	if w == nil {
		w = plainWords{}
	}
	words = w
}

// CurrentWords returns the Words in use.
func CurrentWords() Words {
	wordsMu.RLock()
	defer wordsMu.RUnlock()
	return words
}

// plainWords writes codes as they are: what a program that set no Words
// gets. Offsets come from the system's time zone database when it has one.
type plainWords struct{}

func (plainWords) Date(_ language.Tag, t time.Time) string     { return t.Format(time.DateOnly) }
func (plainWords) Time(_ language.Tag, t time.Time) string     { return t.Format("15:04") }
func (plainWords) Country(_ language.Tag, code string) string  { return "" }
func (plainWords) Language(_ language.Tag, tag string) string  { return "" }
func (plainWords) Zone(_ language.Tag, zone string) string     { return "" }
func (plainWords) Offset(zone string, t time.Time) (int, bool) { return LocationOffset(zone, t) }

// LocationOffset is zone's offset at t from the time zone database Go can
// read (the system's, or time/tzdata where a program embeds it).
func LocationOffset(zone string, t time.Time) (int, bool) {
	loc, err := time.LoadLocation(zone)
	if err != nil || zone == "" || zone == "Local" {
		return 0, false
	}
	_, off := t.In(loc).Zone()
	return off, true
}

// FormatOffset writes an offset in seconds as UTC+01:00 (UTC for zero).
func FormatOffset(seconds int) string {
	if seconds == 0 {
		return "UTC"
	}
	sign := '+'
	if seconds < 0 {
		sign, seconds = '-', -seconds
	}
	return fmt.Sprintf("UTC%c%02d:%02d", sign, seconds/3600, seconds%3600/60)
}

// Date writes a calendar date in l's language.
func (l *Localizer) Date(t time.Time) string {
	if s := CurrentWords().Date(l.tag, t); s != "" {
		return s
	}
	return t.Format(time.DateOnly)
}

// DateTime writes an instant as a person reads it, in its own offset:
// "3 December 2026, 18:00 (UTC+01:00)".
func (l *Localizer) DateTime(t time.Time) string {
	w := CurrentWords()
	_, off := t.Zone()
	date, clock := w.Date(l.tag, t), w.Time(l.tag, t)
	if date == "" {
		date = t.Format(time.DateOnly)
	}
	if clock == "" {
		clock = t.Format("15:04")
	}
	return l.Message("words.dateTime", map[string]any{"Date": date, "Time": clock, "Offset": FormatOffset(off)})
}

// Country writes the name of a country code, or the code if unknown.
func (l *Localizer) Country(code string) string {
	if s := CurrentWords().Country(l.tag, code); s != "" {
		return s
	}
	return code
}

// LanguageName writes the name of a language tag, or the tag if unknown.
func (l *Localizer) LanguageName(tag string) string {
	if s := CurrentWords().Language(l.tag, tag); s != "" {
		return s
	}
	return tag
}

// Zone writes an IANA time zone with its name and, when at is not zero,
// its offset then: "Central European Time (Europe/Paris, UTC+01:00)".
func (l *Localizer) Zone(zone string, at time.Time) string {
	w := CurrentWords()
	name := w.Zone(l.tag, zone)
	off := ""
	if !at.IsZero() {
		if s, ok := w.Offset(zone, at); ok {
			off = FormatOffset(s)
		}
	}
	switch {
	case name == "" && off == "":
		return zone
	case name == "":
		return l.Message("words.zone", map[string]any{"Name": zone, "Details": off})
	case off == "":
		return l.Message("words.zone", map[string]any{"Name": name, "Details": zone})
	}
	return l.Message("words.zone", map[string]any{"Name": name, "Details": zone + ", " + off})
}

// Then joins two sentences the language's way: Chinese puts no space
// after 。, the others one.
func (l *Localizer) Then(a, b string) string {
	if base, _ := l.tag.Base(); base.String() == "zh" {
		return a + b
	}
	return a + " " + b
}

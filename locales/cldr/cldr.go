// Package cldr writes dates, times and the names of countries and languages
// from CLDR data compiled into the program: the native [locales.Words] of
// the CLI and of native tests.
//
// # Use
//
// A program that wants dates and names written out, rather than codes,
// sets the Words once at start:
//
//	cldr.Use()
//	locales.For(language.French).DateTime(t) // "3 décembre 2026 à 18:00 (UTC+01:00)"
//
// # Native only
//
// The browser build (app.wasm) must not import this package: it has its
// own Words over Intl (wasm/words.go), and the tables here (the month
// names, formats and currencies of six locales, x/text's names of every
// language and region in a hundred languages, the time zone database)
// would only make it larger. A test checks that ./wasm does not depend on it.
//
// # Sources
//
// Dates and times come from github.com/go-playground/locales (CLDR 36):
// the CLDR long date and short time of each language. English uses en_GB
// ("3 December 2026", "18:00"), not en-US ("December 3, 2026", "6:00 PM"):
// our letters go between countries, and day-month-year with a 24-hour
// clock reads the same everywhere. Arabic keeps Latin digits and a
// 12-hour clock ("3 ديسمبر 2026", "6:00 م"), as CLDR ar and Chromium's
// Intl.DateTimeFormat("ar") write them. Chinese times are written "18:00":
// CLDR 36 still had "下午6:00", current CLDR and Chromium have "HH:mm".
//
// Country and language names come from golang.org/x/text/language/display,
// whose CLDR 32 predates three renamed countries: a small table writes
// North Macedonia, Eswatini and Türkiye as current CLDR (and Chromium) do.
//
// Zone returns "": x/text has no zone names, and go-playground/locales
// keys its names by abbreviation (and not always the one the time zone
// database uses: CET is "MEZ"), with no generic names ("Central European
// Time") and no map from an IANA id to them. Callers then write the IANA
// id with its offset: "Europe/Paris (UTC+01:00)".
//
// Offset reads the time zone database embedded with time/tzdata, so that
// it gives the same answer on any machine.
package cldr

import (
	"time"
	_ "time/tzdata" // Offset works where the system has no zoneinfo.

	playground "github.com/go-playground/locales"
	"github.com/go-playground/locales/ar"
	"github.com/go-playground/locales/en_GB"
	"github.com/go-playground/locales/es"
	"github.com/go-playground/locales/fr"
	"github.com/go-playground/locales/ru"
	"github.com/go-playground/locales/zh"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/evidraft/evidraft/locales"
)

// words is the Words of New, with one date formatter per supported
// language, keyed by base language.
type words struct {
	dates map[string]playground.Translator
}

var _ locales.Words = (*words)(nil)

// New returns Words that write dates and times from CLDR and names from
// x/text, in the six supported languages.
func New() locales.Words {
	return &words{dates: map[string]playground.Translator{
		"ar": ar.New(),
		"en": en_GB.New(),
		"es": es.New(),
		"fr": fr.New(),
		"ru": ru.New(),
		"zh": zh.New(),
	}}
}

// Use makes New's Words the ones every Localizer writes with.
func Use() { locales.SetWords(New()) }

// translator returns the date formatter of lang's base language, or nil.
func (w *words) translator(lang language.Tag) (string, playground.Translator) {
	base, _ := lang.Base()
	b := base.String()
	return b, w.dates[b]
}

// Date writes the CLDR long date: "3 December 2026".
func (w *words) Date(lang language.Tag, t time.Time) string {
	if _, tr := w.translator(lang); tr != nil {
		return tr.FmtDateLong(t)
	}
	return ""
}

// Time writes the CLDR short time in t's own offset: "18:00".
func (w *words) Time(lang language.Tag, t time.Time) string {
	base, tr := w.translator(lang)
	switch {
	case tr == nil:
		return ""
	case base == "zh":
		return t.Format("15:04") // CLDR 36 has "ah:mm"; see the package doc.
	}
	return tr.FmtTimeShort(t)
}

// Country names an ISO 3166-1 alpha-2 country or territory: "Germany",
// "Kosovo" for XK. Codes CLDR has no country for (ZZ, EU, QO, numeric
// codes, other private-use codes) give "". Which codes a draft may hold is
// the schemas' rule (schemas.IsCountry), not this one.
func (w *words) Country(lang language.Tag, code string) string {
	if len(code) != 2 {
		return ""
	}
	r, err := language.ParseRegion(code)
	if err != nil || !r.IsCountry() {
		return ""
	}
	base, _ := lang.Base()
	if s := renamed[r.String()+" "+base.String()]; s != "" {
		return s
	}
	return name(display.Regions(lang), r)
}

// renamed holds, as current CLDR writes them, the names of countries that
// renamed themselves after the CLDR 32 that x/text carries (North
// Macedonia 2019, Eswatini 2018, Türkiye 2022), in the languages where
// x/text still has the old name ("Macedonia"). A test fails once x/text
// has one of them, so that the entry can go.
var renamed = map[string]string{
	"MK ar": "مقدونيا الشمالية",
	"MK en": "North Macedonia",
	"MK es": "Macedonia del Norte",
	"MK fr": "Macédoine du Nord",
	"MK ru": "Северная Македония",
	"MK zh": "北马其顿",
	"SZ ar": "إسواتيني",
	"SZ en": "Eswatini",
	"SZ es": "Esuatini",
	"SZ fr": "Eswatini",
	"SZ ru": "Эсватини",
	"TR en": "Türkiye",
}

// Language names a BCP 47 language, with its region or script when CLDR
// has a name for the pair ("British English"); "" for und or a tag x/text
// does not know.
func (w *words) Language(lang language.Tag, tag string) string {
	t, err := language.Parse(tag)
	if err != nil || t == language.Und {
		return ""
	}
	return name(display.Languages(lang), t)
}

// Zone returns "": no source of zone names here is reliable (see the
// package doc).
func (w *words) Zone(lang language.Tag, zone string) string { return "" }

// Offset is zone's UTC offset at t, from the embedded time zone database.
func (w *words) Offset(zone string, t time.Time) (int, bool) {
	return locales.LocationOffset(zone, t)
}

// name asks n for x's name, "" when n has no data for the language.
func name(n display.Namer, x any) string {
	if n == nil {
		return ""
	}
	return n.Name(x)
}

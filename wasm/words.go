//go:build js && wasm

package main

// Dates, times and names written out by the browser's Intl (its CLDR), so
// that app.wasm carries no CLDR table.
//
// These are called for every date and name on the form model, on every
// keystroke, and a call from Go into JavaScript costs several times what
// Intl takes to answer it. So each Intl formatter is made once per
// language and options, and each answer kept: a field that did not
// change costs a map look-up. Only Value.New and Value.Call reach Intl,
// whose exceptions (a RangeError for an unknown zone or a malformed code)
// become Go panics that try recovers (guard.go); nothing else is read from
// a value Intl did not make. new Function would be simpler, but the site's
// CSP refuses code built from strings.

import (
	"strconv"
	"strings"
	"sync"
	"syscall/js"
	"time"
	"unicode"

	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
)

// intlWords is locales.Words over Intl.DateTimeFormat and Intl.DisplayNames.
//
// English dates are day-month-year ("3 December 2026", as en-GB writes
// them), not the American "December 3, 2026": the requests are
// international legal letters, read by people for whom the day comes first.
type intlWords struct{}

var _ locales.Words = intlWords{}

// jsIntl is taken once, like the globals in guard.go.
var jsIntl = js.Global().Get("Intl")

// intlKind is what a cached Intl object does.
type intlKind uint8

const (
	intlDate     intlKind = iota // DateTimeFormat, dateStyle long, in UTC
	intlTime                     // DateTimeFormat, HH:mm, in UTC
	intlRegion                   // DisplayNames of regions
	intlLanguage                 // DisplayNames of languages
	intlZone                     // DateTimeFormat in a zone, longGeneric name
	intlOffset                   // DateTimeFormat in a zone, longOffset, in English
)

// intlKey names one Intl object.
type intlKey struct {
	lang string // the locale given to Intl; "" for intlOffset
	kind intlKind
	zone string // for intlZone and intlOffset
}

// askKey names one answer: an object and what it was asked.
type askKey struct {
	intlKey
	code string  // DisplayNames: the code named
	ms   float64 // DateTimeFormat: the time value formatted
}

// Each cache is bounded: zones and dates come from what people type, one
// new value a keystroke. A full cache is emptied and fills again.
const (
	intlObjectsMax = 512
	intlAnswersMax = 4096
)

var intlCache struct {
	mu      sync.Mutex
	objects map[intlKey]js.Value // undefined: Intl refused these options
	answers map[askKey]string    // "": Intl had no answer
}

// intlLocale is the locale Intl gets for one of our languages: English is
// British English, for its day-month-year dates; Chinese "zh" is
// Simplified Chinese in Intl as in our catalogs.
func intlLocale(lang language.Tag) string {
	if base, _ := lang.Base(); base.String() == "en" {
		return "en-GB"
	}
	return lang.String()
}

// ask returns Intl's answer for key, asked once: the date, time or offset
// formatted, the name of the code or of the zone; "" when Intl throws
// (an unknown zone, a malformed code) or has no answer.
func ask(key askKey) string {
	intlCache.mu.Lock()
	s, ok := intlCache.answers[key]
	intlCache.mu.Unlock()
	if ok {
		return s
	}
	if o := intlObject(key.intlKey); !o.IsUndefined() {
		try(func() { s = askIntl(o, key) })
	}
	intlCache.mu.Lock()
	defer intlCache.mu.Unlock()
	if intlCache.answers == nil || len(intlCache.answers) >= intlAnswersMax {
		intlCache.answers = map[askKey]string{}
	}
	intlCache.answers[key] = s
	return s
}

// askIntl asks o; it panics with what Intl throws.
func askIntl(o js.Value, key askKey) string {
	var v js.Value
	switch key.kind {
	case intlRegion, intlLanguage:
		v = o.Call("of", key.code)
	case intlZone:
		parts := o.Call("formatToParts", key.ms)
		for i, n := 0, parts.Length(); i < n; i++ {
			if p := parts.Index(i); p.Get("type").String() == "timeZoneName" {
				v = p.Get("value")
			}
		}
	default:
		v = o.Call("format", key.ms)
	}
	if v.Type() != js.TypeString {
		return "" // DisplayNames has no name: undefined
	}
	return v.String()
}

// intlObject returns the Intl object for key, made once, or undefined when
// Intl throws for these options (an unknown zone) or is missing.
func intlObject(key intlKey) js.Value {
	intlCache.mu.Lock()
	defer intlCache.mu.Unlock()
	if o, ok := intlCache.objects[key]; ok {
		return o
	}
	if intlCache.objects == nil || len(intlCache.objects) >= intlObjectsMax {
		intlCache.objects = map[intlKey]js.Value{}
	}
	o := js.Undefined()
	try(func() { o = newIntl(key) })
	intlCache.objects[key] = o
	return o
}

func newIntl(key intlKey) js.Value {
	opts := map[string]any{}
	ctor := "DateTimeFormat"
	lang := key.lang
	switch key.kind {
	case intlDate:
		opts["dateStyle"], opts["timeZone"] = "long", "UTC"
	case intlTime:
		opts["hour"], opts["minute"], opts["hourCycle"], opts["timeZone"] = "2-digit", "2-digit", "h23", "UTC"
	case intlRegion, intlLanguage:
		ctor = "DisplayNames"
		opts["type"], opts["fallback"] = "region", "none"
		if key.kind == intlLanguage {
			opts["type"] = "language"
		}
	case intlZone:
		if key.zone == "" {
			return js.Undefined() // Intl would take it for UTC
		}
		opts["timeZone"], opts["timeZoneName"] = key.zone, "longGeneric"
	case intlOffset:
		if key.zone == "" {
			return js.Undefined()
		}
		// English with Latin digits, so that the offset parses.
		lang = "en-US-u-nu-latn"
		opts["timeZone"], opts["timeZoneName"] = key.zone, "longOffset"
	}
	return jsIntl.Get(ctor).New(lang, js.ValueOf(opts))
}

// Date formats t's calendar day at midnight UTC, in UTC, so that no offset
// moves it to the day before or after.
func (intlWords) Date(lang language.Tag, t time.Time) string {
	y, m, d := t.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return ask(askKey{intlKey: intlKey{lang: intlLocale(lang), kind: intlDate}, ms: float64(day.UnixMilli())})
}

// Time formats t's wall clock in its own offset, read as UTC, in UTC.
func (intlWords) Time(lang language.Tag, t time.Time) string {
	y, m, d := t.Date()
	clock := time.Date(y, m, d, t.Hour(), t.Minute(), 0, 0, time.UTC)
	return ask(askKey{intlKey: intlKey{lang: intlLocale(lang), kind: intlTime}, ms: float64(clock.UnixMilli())})
}

func (intlWords) Country(lang language.Tag, code string) string {
	return displayName(intlKey{lang: intlLocale(lang), kind: intlRegion}, code)
}

func (intlWords) Language(lang language.Tag, tag string) string {
	return displayName(intlKey{lang: intlLocale(lang), kind: intlLanguage}, tag)
}

// displayName is Intl.DisplayNames' name of code, "" when it has none (it
// throws for a malformed code, and would otherwise give the code back).
func displayName(key intlKey, code string) string {
	if code == "" {
		return ""
	}
	s := ask(askKey{intlKey: key, code: code})
	if strings.EqualFold(s, code) {
		return ""
	}
	return s
}

// Zone is the zone's generic name ("Central European Time"), "" when Intl
// does not know the zone or only has an offset for it ("GMT+03:00",
// "UTC−5", "غرينتش+٣": any digit). A generic name does not change with
// the seasons, so it is asked for once, at the time the engine started:
// the name that holds today (zones do change, as Asia/Almaty did in 2024).
func (intlWords) Zone(lang language.Tag, zone string) string {
	s := ask(askKey{intlKey: intlKey{lang: intlLocale(lang), kind: intlZone, zone: zone}, ms: zoneInstant})
	for _, r := range s {
		if unicode.IsDigit(r) {
			return ""
		}
	}
	return s
}

// zoneInstant is when the engine started, as a JavaScript time value.
var zoneInstant = float64(time.Now().Truncate(time.Second).UnixMilli())

// Offset reads the zone's longOffset at t ("GMT+02:00", "GMT" for zero);
// ok is false when Intl does not know the zone.
func (intlWords) Offset(zone string, t time.Time) (int, bool) {
	s := ask(askKey{intlKey: intlKey{kind: intlOffset, zone: zone}, ms: float64(t.Truncate(time.Second).UnixMilli())})
	i := strings.LastIndex(s, "GMT")
	if i < 0 {
		return 0, false
	}
	return parseOffset(s[i+len("GMT"):])
}

// parseOffset reads "", "+02:00", "-03:30" or "+00:09:21" as seconds.
func parseOffset(s string) (int, bool) {
	if s == "" {
		return 0, true
	}
	sign := 1
	switch {
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	case strings.HasPrefix(s, "-"):
		sign, s = -1, s[1:]
	case strings.HasPrefix(s, "\u2212"): // minus sign
		sign, s = -1, s[len("\u2212"):]
	default:
		return 0, false
	}
	fields := strings.Split(s, ":")
	if len(fields) > 3 {
		return 0, false
	}
	secs, unit := 0, 3600
	for _, f := range fields {
		n, err := strconv.Atoi(f)
		if err != nil || n < 0 || (unit != 3600 && n >= 60) {
			return 0, false
		}
		secs += n * unit
		unit /= 60
	}
	return sign * secs, true
}

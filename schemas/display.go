package schemas

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/evidraft/evidraft/locales"
)

// Display text: the one place where an answer becomes the words a person
// reads, on the check-answers page and in the printed request. Dates and
// times are written out, codes become names, options their labels;
// identifiers stay as entered, left to right, but for the characters
// locales.Reveal shows as code points.

// ltrWidgets hold identifiers and addresses, which stay left to right
// inside right-to-left text.
var ltrWidgets = map[string]bool{"email": true, "tel": true, "url": true}

// ltrNames are text and number answers that are identifiers by their
// name: the value and port of an identifier, references, citations and
// domain names.
var ltrNames = map[string]bool{"value": true, "reference": true, "caseReference": true,
	"requestedStateReference": true, "authorisationReference": true, "article": true, "paragraph": true, "point": true,
	"domainName": true, "port": true}

// displayCap is the longest answer shown when its field sets no limit.
const displayCap = 20000

// display sets f.Text and f.Dir from its value.
func (b *formBuilder) display(f *Field) {
	if ltrWidgets[f.Widget] || (f.Widget == "text" || f.Widget == "textarea" || f.Widget == "number") && ltrNames[f.Name] {
		f.Dir = "ltr"
	}
	switch f.Widget {
	case "group", "groups":
		return
	case "list":
		var texts []string
		for _, it := range f.Items {
			if it.Text != "" {
				texts = append(texts, it.Text)
			}
		}
		if len(f.Items) > 0 && f.Items[0].Dir == "ltr" {
			f.Dir = "ltr"
		}
		sep := "\n"
		if len(f.Items) > 0 && (f.Items[0].Widget == "language" || f.Items[0].Widget == "country") {
			sep = b.loc.Text("list.separator")
		}
		f.Text = strings.Join(texts, sep)
		return
	case "checkboxes":
		vals, _ := f.Value.([]any)
		var texts []string
		for _, x := range vals {
			if s, ok := x.(string); ok {
				texts = append(texts, OptionLabel(f, s))
			}
		}
		f.Text = b.loc.List(texts)
		return
	}
	f.Text = DisplayValue(f, b.loc)
}

// DisplayValue is the text of a scalar answer: "" when there is none.
func DisplayValue(f *Field, loc *locales.Localizer) string {
	switch x := f.Value.(type) {
	case nil:
		return ""
	case bool:
		if x {
			return loc.Text("print.yes")
		}
		return loc.Text("print.no")
	case json.Number:
		return x.String()
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		if len(f.Options) > 0 {
			return OptionLabel(f, x)
		}
		s := strings.TrimSpace(x)
		switch f.Widget {
		case "date":
			if t, err := time.Parse(time.DateOnly, s); err == nil {
				return loc.Date(t)
			}
		case "datetime":
			if t, err := time.Parse(time.RFC3339, s); err == nil {
				return loc.DateTime(t)
			}
		case "timezone", "country", "language":
			if name := codeName(f.Widget, s, loc); name != s {
				return name
			}
			return locales.Reveal(s, true) // no code it knows: shown as entered
		}
		return locales.Reveal(CapText(s, f.MaxLength, loc), f.Dir == "ltr")
	}
	return ""
}

// codeName is the name of a time zone, country or language code, or the
// code itself where it names none.
func codeName(widget, s string, loc *locales.Localizer) string {
	switch widget {
	case "timezone":
		return loc.Zone(s, time.Time{})
	case "country":
		return loc.Country(s)
	}
	return loc.LanguageName(s)
}

// OptionLabel is the label of option v of f, or v.
func OptionLabel(f *Field, v string) string {
	for _, o := range f.Options {
		if o.Value == v {
			return o.Label
		}
	}
	return v
}

// CapText cuts an answer longer than its field allows (a huge paste;
// such a draft cannot be finalised) and says how much is left out: laying
// out megabytes of text freezes the browser for minutes.
func CapText(s string, limit int, loc *locales.Localizer) string {
	if limit <= 0 {
		limit = displayCap
	}
	if len(s) <= limit { // bytes >= runes: most answers stop here
		return s
	}
	n := utf8.RuneCountInString(s)
	if n <= limit {
		return s
	}
	cut := 0
	for i := range s {
		if limit == 0 {
			cut = i
			break
		}
		limit--
	}
	return s[:cut] + "\n" + loc.Message("print.truncated", map[string]any{"N": n - utf8.RuneCountInString(s[:cut])})
}

package render

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
)

// TestRowsPrinted: the check-answers page and the printed request agree
// answer by answer. For every kind's example in every language, each
// answered row of the check-answers page (Section.Rows: the form's
// display text, Field.Text) is in the printed request of that draft in
// that language, escaped as the letter escapes it, and printed left to
// right exactly when the row says so; except where a rule of printedAs
// says how the letter prints that answer instead. No row is passed over
// without a rule, and the rules are counted in the log.
func TestRowsPrinted(t *testing.T) {
	type sample struct {
		kind  string
		draft []byte
	}
	var samples []sample
	for _, kind := range schemas.KindIDs() {
		samples = append(samples, sample{kind, example(t, kind)})
	}
	// With what was recorded after sending, which is no part of the request.
	for kind, tr := range map[string]map[string]any{
		"preservation": {"sent": "2031-01-02", "preservedOn": "2031-01-03", "theirReference": "THEIRS-777", "confirmedEnd": "2031-04-05", "confirmedDays": 77},
		"epoc-pr":      {"sent": "2031-01-02", "preservedOn": "2031-01-03"},
		"epoc":         {"sentAt": "2031-01-02T10:00:00+01:00", "dataReceived": "2031-01-05"},
	} {
		var d map[string]any
		if err := json.Unmarshal(example(t, kind), &d); err != nil {
			t.Fatal(err)
		}
		d["tracking"] = tr
		b, _ := json.Marshal(d)
		samples = append(samples, sample{kind, b})
	}
	checked, byRule := 0, map[string]int{}
	for _, sm := range samples {
		kind, draft := sm.kind, sm.draft
		v, err := schemas.ReadDraft(draft)
		if err != nil {
			t.Fatal(err)
		}
		obj := v.(map[string]any)
		tl, _ := obj["translationLanguage"].(string)
		for _, tag := range tags {
			form, err := schemas.BuildForm(v, schemas.FormOptions{Lang: tag, Rows: true})
			if err != nil {
				t.Fatal(err)
			}
			c := &printCheck{kind: kind, loc: locales.For(tag), fields: map[string]*schemas.Field{},
				letter: render(t, draft, Options{Lang: tag}), original: tag == requestLanguage(v)}
			for _, s := range form.Sections {
				index(s.Fields, c.fields)
			}
			if tl != "" {
				c.translated = render(t, draft, Options{Lang: locales.Match(tl)})
				// In the translation's language the letter prints the
				// translations: the translation section's rows.
				if locales.Match(tl) == tag && !c.original {
					c.translations = map[string]string{}
					for _, s := range form.Sections {
						for _, r := range s.Rows {
							if s.ID == "translation" && !r.Missing {
								c.translations[r.Pointer] = r.Text
							}
						}
					}
				}
			}
			for _, s := range form.Sections {
				for _, r := range s.Rows {
					if r.Missing {
						continue
					}
					where := fmt.Sprintf("%s in %s, row %s %q", kind, tag, r.Pointer, r.Label)
					rule, doc, want := c.printedAs(s, r)
					if rule != "" {
						byRule[rule]++
					}
					if s.AfterFinal && strings.Contains(c.letter, esc(r.Text)) {
						t.Errorf("%s: %q recorded after sending is printed", where, r.Text)
					}
					if want == nil {
						continue
					}
					checked++
					for _, w := range want {
						if !strings.Contains(doc, esc(w)) {
							t.Errorf("%s: the printed request lacks %q (rule %q)", where, w, rule)
						}
					}
					if len(want) == 1 && want[0] == r.Text {
						if got, want := printedLTR(doc, r.Text), r.Dir == "ltr"; got != want {
							t.Errorf("%s: dir %q, but printed left to right: %v", where, r.Dir, got)
						}
					}
				}
			}
		}
	}
	if checked < 1000 {
		t.Errorf("only %d answers compared", checked)
	}
	t.Logf("%d answers compared; passed by rule: %v", checked, byRule)
}

// printCheck is one draft's form and printed request in one language.
type printCheck struct {
	kind         string
	loc          *locales.Localizer
	fields       map[string]*schemas.Field // visible fields by pointer
	letter       string                    // the printed request in the form's language
	translated   string                    // the printed request in the translation's language, if any
	original     bool                      // the form's language is the request's
	translations map[string]string         // translation rows' text by pointer, when the letter prints them
}

// notPrinted are the answers the printed request leaves out, by pointer
// pattern (indices as *), with the reason. Those marked "gap" are left
// out for no reason the letter states: candidates for printing.
var notPrinted = map[string]string{
	"/preservationRequest/kind": "the status line names the earlier request a preservation",
	"/requestedState/timeZone":  "gives the deadline in the requested State's time, not printed as a zone",
	"/languageBasis":            "why the certificate is in its language: the issuer's own check",
	"/addressee/role":           "the operative paragraph says whom the order is addressed to",
	"/requestingAuthority/type": "gap in the letters (the EU certificates print it; the name says who asks)",
	"/addressee/email":          "gap: where a direct order is sent",
	"/addressee/timeZone":       "gap: the addressee's time zone",
}

// printedAs says how the letter prints row r of section s: the rule (""
// for the plain one: the row's text), the document to look in and what
// it must hold (nil: nothing to look for).
func (c *printCheck) printedAs(s *schemas.Section, r schemas.Row) (rule, doc string, want []string) {
	p := pattern(r.Pointer)
	f := c.fields[r.Pointer]
	// shown is how the letter writes the answer at ptr: its translation
	// in the translation's language, else its display text.
	shown := func(ptr, text string) string {
		if tr, ok := c.translations["/translations/"+pointerKey.Replace(ptr)+"/text"]; ok {
			return tr
		}
		return text
	}
	switch {
	case s.AfterFinal:
		return "after sending: no part of the request", "", nil
	case s.ID == "translation":
		return "a translation: in its language's letter", c.translated, []string{r.Text}
	case f.Widget == "checkbox":
		return "yes/no: printed as what it decides (a box, a sentence, the label)", "", nil
	case p == "/language" && c.original:
		return "the request's language: the letter's own", "", nil
	case euKind(c.kind) && strings.HasPrefix(p, "/legalBasis/"):
		return "an EU certificate rests on the Regulation its title names", "", nil
	case strings.HasSuffix(p, "/legalBasis/*/instrument") && c.fields[strings.TrimSuffix(r.Pointer, "instrument")+"text"] != nil:
		return "an instrument cited in full: the citation replaces its name", "", nil
	case strings.HasSuffix(p, "/legalBasis/*/instrument"):
		return "an instrument: by the letter's citation", c.letter, []string{c.loc.Message("letter.instrument."+f.Value.(string), nil)}
	case strings.HasSuffix(p, "/maximumPenaltyYears") && c.fields[strings.TrimSuffix(r.Pointer, "maximumPenaltyYears")+"penaltyText"] != nil:
		return "the penalty as the law writes it replaces the years", "", nil
	case c.kind == "epoc-pr" && p == "/necessity":
		return "an EU order's necessity is for the enforcing authority (EPOC, notified)", "", nil
	case f.Widget == "list" && strings.Contains(r.Text, "\n"):
		var items []string
		for _, it := range f.Items {
			items = append(items, shown(it.Pointer, it.Text))
		}
		return "a list of lines: item by item", c.letter, items
	}
	if reason, ok := notPrinted[p]; ok {
		return "not printed: " + reason, "", nil
	}
	if tr := shown(r.Pointer, r.Text); tr != r.Text {
		return "in the translation's language: the translation", c.letter, []string{tr}
	}
	return "", c.letter, []string{r.Text}
}

// pointerKey escapes a pointer as one key of a JSON Pointer.
var pointerKey = strings.NewReplacer("~", "~0", "/", "~1")

var digits = regexp.MustCompile(`/\d+(/|$)`)

// pattern writes a pointer's indices as *.
func pattern(ptr string) string {
	for digits.MatchString(ptr) {
		ptr = digits.ReplaceAllString(ptr, "/*$1")
	}
	return ptr
}

// printedLTR reports whether the letter prints text left to right
// somewhere: isolated (U+2066), in a dir="ltr" answer or as an identifier.
func printedLTR(doc, text string) bool {
	e := esc(text)
	return strings.Contains(doc, "\u2066"+e+"\u2069") || strings.Contains(doc, `dir="ltr"><bdi>`+e+"</bdi>") ||
		strings.Contains(doc, `<bdi dir="ltr" class="evd-print__id">`+e+"</bdi>")
}

// TestLongAnswerCutAlike: an answer longer than its field allows (a huge
// paste) is cut the same way on the check-answers page and in the printed
// request, identifiers included: both show the form's display text.
func TestLongAnswerCutAlike(t *testing.T) {
	var d map[string]any
	if err := json.Unmarshal(example(t, "preservation"), &d); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", 30000)
	d["dataSought"].([]any)[0].(map[string]any)["identifier"].(map[string]any)["value"] = "user-" + long
	d["reference"] = "REF-" + long
	d["requestingAuthority"].(map[string]any)["contact"].(map[string]any)["phone"] = "+33" + long
	b, _ := json.Marshal(d)
	v, _ := schemas.ReadDraft(b)
	form, err := schemas.BuildForm(v, schemas.FormOptions{Lang: language.English, Rows: true})
	if err != nil {
		t.Fatal(err)
	}
	letter := render(t, b, Options{Lang: language.English})
	want := map[string]bool{"/dataSought/0/identifier/value": true, "/reference": true, "/requestingAuthority/contact/phone": true}
	for _, s := range form.Sections {
		for _, r := range s.Rows {
			if !want[r.Pointer] {
				continue
			}
			delete(want, r.Pointer)
			if len(r.Text) >= 30000 || !strings.Contains(r.Text, "more characters") {
				t.Errorf("row %s is not cut: %d bytes, ends %q", r.Pointer, len(r.Text), r.Text[len(r.Text)-40:])
			}
			if !strings.Contains(letter, esc(r.Text)) {
				t.Errorf("the printed request does not show %s as the row does (cut)", r.Pointer)
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("no rows for %v", want)
	}
}

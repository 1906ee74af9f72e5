package schemas

import (
	"encoding/json"
	"flag"
	"fmt"
	"testing"

	"golang.org/x/text/language"
)

var allSections = flag.Bool("sections.all", false, "TestSectionFormMatchesWhole: every mutation, not a sample (3 minutes)")

// sectionMismatch builds the whole form of v and each section's form,
// and describes the first section whose own form differs from the whole
// form's: its fields, statuses and counts, its findings (each with its
// section) and its hidden answers; "" when all agree.
func sectionMismatch(t *testing.T, v map[string]any, lang language.Tag) string {
	t.Helper()
	opts := FormOptions{Lang: lang, Now: testNow}
	whole, err := BuildForm(v, opts)
	if err != nil {
		opts.Section = "details"
		if _, perr := BuildForm(v, opts); perr == nil || perr.Error() != err.Error() {
			return fmt.Sprintf("BuildForm(whole) error = %v, of a section %v", err, perr)
		}
		return ""
	}
	for _, s := range whole.Sections {
		opts.Section = s.ID
		part, err := BuildForm(v, opts)
		if err != nil {
			t.Fatalf("BuildForm(section %s) error = %v", s.ID, err)
		}
		var want []FormFinding
		errs := 0
		for _, fd := range whole.Findings {
			if fd.Section == s.ID {
				want = append(want, fd)
				if fd.Severity == Error {
					errs++
				}
			}
		}
		var hidden []string
		for _, h := range whole.Hidden {
			if s.contains(h) {
				hidden = append(hidden, h)
			}
		}
		if len(part.Sections) != 1 {
			return fmt.Sprintf("section %s: the section's form has %d sections", s.ID, len(part.Sections))
		}
		for name, pair := range map[string][2]any{
			"section":  {s, part.Sections[0]},
			"findings": {want, part.Findings},
			"hidden":   {hidden, part.Hidden},
			"counts":   {[3]any{errs == 0, errs, len(want) - errs}, [3]any{part.Valid, part.Errors, part.Warnings}},
		} {
			a, _ := json.Marshal(pair[0])
			b, _ := json.Marshal(pair[1])
			if string(a) == "[]" || string(a) == "null" {
				a = []byte("[]")
			}
			if string(b) == "[]" || string(b) == "null" {
				b = []byte("[]")
			}
			if string(a) != string(b) {
				return fmt.Sprintf("section %s: %s differ:\nwhole:   %.2000s\nsection: %.2000s", s.ID, name, a, b)
			}
		}
	}
	return ""
}

// TestSectionFormMatchesWhole: a section's form, which validates only
// what the section needs, says exactly what the whole draft's form says of
// that section: on every example, and on drafts mutated one answer at a
// time (removed, of the wrong type, emptied, and every option of a
// choice, which is what the conditions test).
func TestSectionFormMatchesWhole(t *testing.T) {
	for _, kind := range kindIDs {
		t.Run(kind, func(t *testing.T) {
			if m := sectionMismatch(t, exampleValue(t, kind), language.English); m != "" {
				t.Fatalf("example: %s", m)
			}
			if m := sectionMismatch(t, exampleValue(t, kind), language.Arabic); m != "" {
				t.Fatalf("example in Arabic: %s", m)
			}
			base := exampleValue(t, kind)
			var ptrs []string
			visit("", base, func(ptr string, v any) {
				if ptr != "" {
					ptrs = append(ptrs, ptr)
				}
			})
			options := map[string][]string{}
			whole, _ := BuildForm(base, FormOptions{Lang: language.English, Now: testNow})
			for _, s := range whole.Sections {
				for _, f := range s.Fields {
					walkFields(f, func(f *Field) {
						for _, o := range f.Options {
							options[f.Pointer] = append(options[f.Pointer], o.Value)
						}
						if f.Widget == "checkbox" {
							options[f.Pointer] = []string{"true", "false"}
						}
					})
				}
			}
			type mutation struct {
				what string
				fn   func(d map[string]any)
			}
			var ms []mutation
			for _, p := range ptrs {
				ms = append(ms,
					mutation{"remove " + p, func(d map[string]any) {
						parent, key := at(d, p)
						if m, ok := parent.(map[string]any); ok {
							delete(m, key)
						}
					}},
					mutation{"42 at " + p, func(d map[string]any) { set(d, p, json.Number("42")) }},
					mutation{"empty " + p, func(d map[string]any) { set(d, p, "") }},
				)
			}
			for p, opts := range options {
				for _, o := range opts {
					val := any(o)
					if o == "true" || o == "false" {
						val = o == "true"
					}
					ms = append(ms, mutation{fmt.Sprintf("%s = %v", p, val), func(d map[string]any) { setPath(d, p, val) }})
				}
			}
			stride := 7 // a sample spread over every section; -sections.all tries them all
			if *allSections {
				stride = 1
			}
			for i, m := range ms {
				if i%stride != 0 {
					continue
				}
				d := exampleValue(t, kind)
				m.fn(d)
				if msg := sectionMismatch(t, d, language.English); msg != "" {
					t.Errorf("%s: %s", m.what, msg)
				}
			}
			t.Logf("%d mutations", len(ms))
		})
	}
}

// setPath sets the value at ptr, making the objects on the way.
func setPath(d map[string]any, ptr string, val any) {
	segs := splitPointer(ptr)
	cur := any(d)
	for i, s := range segs {
		last := i == len(segs)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				c[s] = val
				return
			}
			if _, ok := c[s]; !ok {
				if isIndex(segs[i+1]) {
					return // a list that is not there
				}
				c[s] = map[string]any{}
			}
			cur = c[s]
		case []any:
			var n int
			if _, err := fmt.Sscan(s, &n); err != nil || n >= len(c) {
				return
			}
			if last {
				c[n] = val
				return
			}
			cur = c[n]
		default:
			return
		}
	}
}

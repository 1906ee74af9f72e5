package schemas

import (
	"slices"
	"testing"

	"golang.org/x/text/language"
)

// TestDiff: changed, added and removed answers are each one change, named
// in the language asked for and in form order; the same draft has none.
func TestDiff(t *testing.T) {
	a := exampleValue(t, "preservation")
	b := exampleValue(t, "preservation")
	if c, err := Diff(a, b, "preservation", language.English); err != nil || len(c) != 0 {
		t.Fatalf("Diff(same) = %v, %v", c, err)
	}
	m := b
	m["facts"] = "Other facts."
	m["reference"] = "PR-2"
	delete(m["requestingAuthority"].(map[string]any), "address")
	m["offences"] = append(m["offences"].([]any), map[string]any{"name": "Fraud"})
	got, err := Diff(a, b, "preservation", language.French)
	if err != nil {
		t.Fatal(err)
	}
	var ptrs, sections []string
	for _, c := range got {
		ptrs = append(ptrs, c.Pointer)
		sections = append(sections, c.Section)
	}
	want := []string{"/reference", "/requestingAuthority/address", "/offences/2", "/facts"}
	if !slices.Equal(ptrs, want) || !slices.Equal(sections, []string{"details", "authority", "case", "case"}) {
		t.Errorf("Diff pointers %v sections %v, want %v", ptrs, sections, want)
	}
	if got[2].Label != "Infraction 3" {
		t.Errorf("label of /offences/2 = %q, want Infraction 3", got[2].Label)
	}
	s, _ := ChangedSections(a, b, "preservation")
	if !slices.Equal(s, []string{"details", "authority", "case"}) {
		t.Errorf("ChangedSections = %v", s)
	}
}

package locales

import (
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// TestTermsArabic: a request resting on the UN Convention uses the terms
// of its authentic Arabic text; one resting on the Budapest Convention
// keeps the Budapest-style terms; the user's own words never change.
func TestTermsArabic(t *testing.T) {
	ar := For(language.Arabic)
	un, bc := ar.Terms("unCybercrime"), ar.Terms("budapest")
	tests := []struct {
		loc       *Localizer
		id        string
		want, not string
	}{
		{un, "Subscriber information", "معلومات المشترك", "معلومات المشتركين"},
		{bc, "Subscriber information", "معلومات المشتركين", ""},
		{un, "Service provider or custodian", "مقدم الخدمة", "مقدم الخدمات"},
		{bc, "Service provider or custodian", "مقدم الخدمات", ""},
		{un, "Location of the computer system", "نظام تكنولوجيا المعلومات والاتصالات", "الحاسوبي"},
		{un, "Expedited preservation of stored computer data", "البيانات الإلكترونية", "الحاسوبية"},
		{bc, "Expedited preservation of stored computer data", "البيانات الحاسوبية", "الإلكترونية"},
		{bc, "letter.subject.preservation", "البيانات الحاسوبية", "الإلكترونية"},
	}
	for _, tc := range tests {
		got := tc.loc.Text(tc.id)
		if !strings.Contains(got, tc.want) || tc.not != "" && strings.Contains(got, tc.not) {
			t.Errorf("Terms(...).Text(%q) = %q, want %q and not %q", tc.id, got, tc.want, tc.not)
		}
	}
	user := "مقدم الخدمات Example"
	got := un.Message("letter.op.trafficDisclosure", map[string]any{"Authority": "A", "State": "B", "Section": "3", "Provider": user})
	if !strings.Contains(got, user) || !strings.Contains(got, "مقدم الخدمة ") {
		t.Errorf("Terms(unCybercrime).Message(letter.op.trafficDisclosure) = %q: want the user's %q kept and the Convention's term in the message's words", got, user)
	}
	if For(language.French).Terms("unCybercrime") != For(language.French) {
		t.Error("Terms(unCybercrime) in French: want the catalog's Localizer (no variants)")
	}
}

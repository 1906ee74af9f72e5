package schemas

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// The tests of this file check the legal content against the texts
// (issue 17): what each instrument covers, its thresholds, its roles.

// codesAt returns the codes of the findings at ptr.
func codesAt(res *Result, ptr string) []string {
	var out []string
	for _, f := range res.Findings {
		if f.Pointer == ptr {
			out = append(out, f.Code)
		}
	}
	return out
}

func validateValue(t *testing.T, v map[string]any) *Result {
	t.Helper()
	res, err := ValidateValue(v, Options{Lang: language.English, Now: testNow})
	if err != nil {
		t.Fatalf("ValidateValue: %v", err)
	}
	return res
}

// fieldAt finds the form field at ptr.
func fieldAt(fields []*Field, ptr string) *Field {
	for _, f := range fields {
		if f.Pointer == ptr {
			return f
		}
		if g := fieldAt(f.Fields, ptr); g != nil {
			return g
		}
		if g := fieldAt(f.Items, ptr); g != nil {
			return g
		}
	}
	return nil
}

func formField(t *testing.T, v map[string]any, ptr string) *Field {
	t.Helper()
	form, err := BuildForm(v, FormOptions{Lang: language.English, Now: testNow})
	if err != nil {
		t.Fatalf("BuildForm: %v", err)
	}
	for _, s := range form.Sections {
		if f := fieldAt(s.Fields, ptr); f != nil {
			return f
		}
	}
	t.Fatalf("BuildForm: no field %s", ptr)
	return nil
}

func optionValues(f *Field) []string {
	var out []string
	for _, o := range f.Options {
		out = append(out, o.Value)
	}
	return out
}

// TestEURegulationOnlyForEUOrders: Regulation (EU) 2023/1543 covers orders
// sent directly to a provider; it does not apply to mutual legal
// assistance (article 2(4)) nor authorise interception (recital 19), so
// the kinds that go through States neither offer nor accept it.
func TestEURegulationOnlyForEUOrders(t *testing.T) {
	for _, kind := range []string{"preservation", "traffic-disclosure", "stored-data", "mla", "realtime-traffic", "interception", "emergency"} {
		v := exampleValue(t, kind)
		f := formField(t, v, "/legalBasis/0/instrument")
		if got := optionValues(f); slices.Contains(got, "eu2023-1543") || !slices.Contains(got, "budapest") {
			t.Errorf("%s: options of /legalBasis/0/instrument = %v, want the treaties without eu2023-1543", kind, got)
		}
		v["legalBasis"] = []any{map[string]any{"instrument": "eu2023-1543", "citations": []any{map[string]any{"article": "5"}}}}
		if got := codesAt(validateValue(t, v), "/legalBasis/0/instrument"); len(got) == 0 {
			t.Errorf("%s citing Regulation (EU) 2023/1543: no finding at /legalBasis/0/instrument", kind)
		}
	}
}

// TestPenaltyThresholds: the UN four-year threshold of a serious crime
// does not apply to the offences the Convention establishes (articles
// 7-17); the EU three-year threshold applies to production orders for
// traffic and content data only (Regulation (EU) 2023/1543 article 5(4)).
func TestPenaltyThresholds(t *testing.T) {
	un := []any{map[string]any{"instrument": "unCybercrime", "citations": []any{map[string]any{"article": "40"}}}}
	tests := []struct {
		name    string
		kind    string
		offence map[string]any
		want    string // the code at the penalty, "" for none
	}{
		{"UN, 2 years", "mla", map[string]any{"name": "Fraud", "provision": "CC 1", "maximumPenaltyYears": 2.0}, "penalty.serious"},
		{"UN, 2 years, Convention offence", "mla", map[string]any{"name": "Fraud", "provision": "CC 1", "maximumPenaltyYears": 2.0, "unConventionArticle": 13.0}, ""},
		{"UN, no penalty, Convention offence", "preservation", map[string]any{"name": "Illegal access", "provision": "CC 2", "unConventionArticle": 7.0}, ""},
		{"UN, no penalty", "preservation", map[string]any{"name": "Illegal access", "provision": "CC 2"}, "penalty.missing"},
	}
	for _, tc := range tests {
		v := exampleValue(t, tc.kind)
		v["legalBasis"] = un
		v["offences"] = []any{tc.offence}
		got := codesAt(validateValue(t, v), "/offences/0/maximumPenaltyYears")
		if want := []string{tc.want}; tc.want == "" && len(got) > 0 || tc.want != "" && !slices.Equal(got, want) {
			t.Errorf("%s: findings at the penalty = %v, want %q", tc.name, got, tc.want)
		}
	}
	// A kind that goes through States never gets the EU warning, even
	// when the draft (wrongly) cites the Regulation.
	v := exampleValue(t, "preservation")
	v["legalBasis"] = []any{map[string]any{"instrument": "eu2023-1543", "citations": []any{map[string]any{"article": "6"}}}}
	v["offences"] = []any{map[string]any{"name": "Fraud", "provision": "CC 1", "maximumPenaltyYears": 2.0}}
	if got := codesAt(validateValue(t, v), "/offences/0/maximumPenaltyYears"); slices.Contains(got, "penalty.eu") {
		t.Errorf("preservation citing the Regulation, 2 years: findings %v, want no penalty.eu (Art. 6(3): any criminal offence)", got)
	}
}

// TestDataCategoriesPerKind: real-time collection is of traffic data
// (Budapest Art. 33), interception of content data (Art. 34).
func TestDataCategoriesPerKind(t *testing.T) {
	for kind, tc := range map[string]struct{ allowed, refused string }{
		"realtime-traffic": {"traffic", "content"},
		"interception":     {"content", "traffic"},
	} {
		v := exampleValue(t, kind)
		if got := optionValues(formField(t, v, "/dataSought/0/category")); !slices.Equal(got, []string{tc.allowed}) {
			t.Errorf("%s: category options = %v, want [%s]", kind, got, tc.allowed)
		}
		item := v["dataSought"].([]any)[0].(map[string]any)
		item["category"] = tc.refused
		if got := codesAt(validateValue(t, v), "/dataSought/0/category"); len(got) == 0 {
			t.Errorf("%s asking for %s data: no finding at /dataSought/0/category", kind, tc.refused)
		}
	}
}

// TestTrafficDisclosureRoles: under Budapest Art. 30 the author is the
// State that preserved the data; it discloses to the State that asked for
// preservation; the provider may be known only by its traffic data.
func TestTrafficDisclosureRoles(t *testing.T) {
	v := exampleValue(t, "traffic-disclosure")
	for ptr, want := range map[string]string{"/requestingAuthority": "Disclosing authority", "/requestedState": "State receiving the disclosure"} {
		if got := formField(t, v, ptr).Label; got != want {
			t.Errorf("label of %s = %q, want %q", ptr, got, want)
		}
	}
	delete(v["identifiedProvider"].(map[string]any), "name")
	if res := validateValue(t, v); !res.Valid {
		t.Errorf("traffic disclosure without the provider's name: %v, want valid (the traffic data identify it)", res.Findings)
	}
	delete(v, "trafficData")
	if got := codesAt(validateValue(t, v), "/trafficData"); !slices.Contains(got, "required") {
		t.Errorf("traffic disclosure without traffic data: findings %v, want required", got)
	}
}

// TestMLAArticles: Budapest Arts. 25 (general principles), 27 (procedures
// without an applicable agreement) and 28 (confidentiality, limits on use).
func TestMLAArticles(t *testing.T) {
	k, _ := KindByID("mla")
	for _, a := range []string{"25", "27", "28"} {
		if !strings.Contains(k.Articles, a) || !strings.Contains(k.Description, a) {
			t.Errorf("mla: articles %q, description %q: want Budapest article %s", k.Articles, k.Description, a)
		}
	}
}

// TestArabicTermsFollowTheLegalBasis: the form and the findings of an
// Arabic draft resting on the UN Convention use the Convention's Arabic
// terms; a Budapest-only draft keeps the Budapest ones.
func TestArabicTermsFollowTheLegalBasis(t *testing.T) {
	for basis, want := range map[string]string{"unCybercrime": "معلومات المشترك", "budapest": "معلومات المشتركين"} {
		v := exampleValue(t, "preservation")
		v["legalBasis"] = []any{map[string]any{"instrument": basis, "citations": []any{map[string]any{"article": "42"}}}}
		form, err := BuildForm(v, FormOptions{Lang: language.Arabic, Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		var f *Field
		for _, s := range form.Sections {
			if f == nil {
				f = fieldAt(s.Fields, "/dataSought/0/category")
			}
		}
		var label string
		for _, o := range f.Options {
			if o.Value == "subscriber" {
				label = o.Label
			}
		}
		if label != want {
			t.Errorf("%s: label of subscriber = %q, want %q", basis, label, want)
		}
	}
}

// TestEUThreshold: the three-year threshold is for a production order of
// traffic data (other than data to identify the user) and content data
// (article 5(4)); subscriber data and identification data may be produced,
// and any data preserved, for all criminal offences (articles 5(3), 6(3)).
func TestEUThreshold(t *testing.T) {
	tests := []struct {
		kind, category string
		want           bool
	}{
		{"epoc", "traffic", true},
		{"epoc", "content", true},
		{"epoc", "subscriber", false},
		{"epoc", "ipForIdentification", false},
		{"epoc-pr", "traffic", false},
		{"epoc-pr", "content", false},
	}
	for _, tc := range tests {
		v := exampleValue(t, tc.kind)
		v["offences"] = []any{map[string]any{"name": "Fraud", "provision": "CC 1", "maximumPenaltyYears": 2.0}}
		for _, it := range v["dataSought"].([]any) {
			it.(map[string]any)["category"] = tc.category
		}
		got := slices.Contains(codesAt(validateValue(t, v), "/offences/0/maximumPenaltyYears"), "penalty.eu")
		if got != tc.want {
			t.Errorf("%s for %s data, 2 years: penalty.eu = %v, want %v", tc.kind, tc.category, got, tc.want)
		}
	}
}

// TestOldDraftsStillOpen: a draft saved before these rules (a preservation
// resting on the EU Regulation, a real-time request for content data)
// needs no migration: the format version is the same, it opens, and the
// form lists what to change as findings.
func TestOldDraftsStillOpen(t *testing.T) {
	v := exampleValue(t, "realtime-traffic")
	v["legalBasis"] = []any{map[string]any{"instrument": "eu2023-1543", "citations": []any{map[string]any{"article": "5"}}}}
	v["dataSought"].([]any)[0].(map[string]any)["category"] = "content"
	body, _ := json.Marshal(v)
	out, from, err := Migrate(body)
	if err != nil || from != SchemaVersion || string(out) != string(body) {
		t.Fatalf("Migrate(old draft) = %d, %v; want it unchanged at version %d", from, err, SchemaVersion)
	}
	form, err := BuildForm(v, FormOptions{Lang: language.English, Now: testNow})
	if err != nil {
		t.Fatalf("BuildForm(old draft): %v", err)
	}
	var got []string
	for _, f := range form.Findings {
		got = append(got, f.Pointer)
	}
	for _, want := range []string{"/legalBasis/0/instrument", "/dataSought/0/category"} {
		if !slices.Contains(got, want) {
			t.Errorf("old draft: findings at %v, want one at %s", got, want)
		}
	}
}

package schemas

import (
	"strings"
	"testing"

	"github.com/evidraft/evidraft/locales"
	"golang.org/x/text/language"
)

func TestInvisibleCharacters(t *testing.T) {
	ident := func(typ, value string, extra ...string) func(d map[string]any) {
		return func(d map[string]any) {
			id := map[string]any{"type": typ, "value": value, "timestamp": "2026-10-02T09:14:31+02:00"}
			for i := 0; i+1 < len(extra); i += 2 {
				id[extra[i]] = extra[i+1]
			}
			set(d, "/dataSought/0/identifier", id)
		}
	}
	const idPtr = "/dataSought/0/identifier/value"
	tests := []struct {
		name  string
		ptr   string
		value string // with the character written as %c
		char  rune
		edit  func(value string) func(d map[string]any)
	}{
		{"e-mail", idPtr, "accounts@example-%cpharma.com", 0x202E, func(v string) func(map[string]any) { return ident("email", v) }},
		{"IPv4", idPtr, "203.0.113.4%c7", 0x200B, func(v string) func(map[string]any) { return ident("ipv4", v) }},
		{"URL", idPtr, "%chttps://example.org/page", 0xFEFF, func(v string) func(map[string]any) { return ident("url", v) }},
		{"account", idPtr, "pharma%c_supply", 0x200D, func(v string) func(map[string]any) { return ident("account", v, "service", "Example Chat") }},
		{"domain", idPtr, "example-pharma-supply.com%c", 0x00AD, func(v string) func(map[string]any) { return ident("domain", v) }},
		{"hash", idPtr, "%c" + strings.Repeat("ab", 32), 0x2067, func(v string) func(map[string]any) { return ident("transactionHash", v, "chain", "bitcoin") }},
		{"contact phone", "/requestingAuthority/contact/phone", "+33%c123456789", 0x2066, func(v string) func(map[string]any) {
			return func(d map[string]any) { set(d, "/requestingAuthority/contact/phone", v) }
		}},
		{"contact e-mail", "/requestingAuthority/contact/email", "name@exa%cmple.org", 0x200F, func(v string) func(map[string]any) {
			return func(d map[string]any) { set(d, "/requestingAuthority/contact/email", v) }
		}},
	}
	for _, tc := range tests {
		bad := strings.Replace(tc.value, "%c", string(tc.char), 1)
		res := mutate(t, "preservation", tc.edit(bad))
		var at []Finding
		for _, f := range res.Findings {
			if f.Pointer == tc.ptr {
				at = append(at, f)
			}
		}
		if len(at) != 1 || at[0].Code != "identifier.invisible" || at[0].Severity != Error {
			t.Errorf("%s: Validate(%q) findings at %s = %s, want one identifier.invisible error", tc.name, bad, tc.ptr, dump(at))
		} else if want := locales.CodePoint(tc.char); !strings.Contains(at[0].Message, want) || !strings.Contains(at[0].Message, charName(tc.char)) {
			t.Errorf("%s: message %q, want it to name %s (%s)", tc.name, at[0].Message, want, charName(tc.char))
		}
		good := strings.Replace(tc.value, "%c", "", 1)
		res = mutate(t, "preservation", tc.edit(good))
		for _, f := range res.Findings {
			if f.Code == "identifier.invisible" {
				t.Errorf("%s: Validate(%q) = %s, want no identifier.invisible", tc.name, good, dump(res.Findings))
			}
		}
	}
}

func TestInvisibleMessage(t *testing.T) {
	v := exampleValue(t, "preservation")
	set(v, "/requestingAuthority/contact/email", "name@example.org\u202E")
	for _, lang := range []language.Tag{language.English, language.French, language.Arabic} {
		res, err := ValidateValue(v, Options{Lang: lang, Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		f := find(res.Findings, "/requestingAuthority/contact/email")
		if f == nil || !strings.Contains(f.Message, "U+202E (RIGHT-TO-LEFT OVERRIDE)") || strings.Contains(f.Message, "{") {
			t.Errorf("Validate(%s) finding = %+v, want a message naming U+202E (RIGHT-TO-LEFT OVERRIDE)", lang, f)
		}
	}
	want := "Requesting authority › Contact person › E-mail: contains the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE); type the value again or paste it as plain text."
	res, _ := ValidateValue(v, Options{Now: testNow})
	if f := find(res.Findings, "/requestingAuthority/contact/email"); f == nil || f.Message != want {
		t.Errorf("Validate(en) finding = %+v, want %q", f, want)
	}
}

// TestInvisibleInFreeText: prose keeps its marks; Arabic uses the
// right-to-left mark between runs of different directions.
func TestInvisibleInFreeText(t *testing.T) {
	res := mutate(t, "preservation", func(d map[string]any) {
		d["facts"] = d["facts"].(string) + " \u0627\u0644\u0628\u0631\u064A\u062F\u200F example.org\u200F."
		set(d, "/requestingAuthority/contact/name", "\u200FJean Dupont")
	})
	for _, f := range res.Findings {
		if f.Code == "identifier.invisible" {
			t.Errorf("Validate(facts with U+200F) = %s, want no identifier.invisible", dump(res.Findings))
		}
	}
	if !res.Valid {
		t.Errorf("Validate(facts with U+200F) invalid: %s", dump(res.Findings))
	}
}

// TestRevealedOnDisplay: a bidi override in a reference and in the facts
// is shown as its code point on the check-answers page and in the printed
// request (both take Field.Text), while the answer keeps it.
func TestRevealedOnDisplay(t *testing.T) {
	d := exampleValue(t, "preservation")
	d["reference"] = "REF-\u202e2024-ABC"
	d["facts"] = "Paid \u202e48,000 EUR\u202c to \u200fالمتجر\u200f."
	f, err := BuildForm(d, FormOptions{Lang: language.English, Now: testNow, Rows: true})
	if err != nil {
		t.Fatal(err)
	}
	for ptr, want := range map[string]string{
		"/reference": "REF-⟨U+202E⟩2024-ABC",
		"/facts":     "Paid ⟨U+202E⟩48,000 EUR⟨U+202C⟩ to \u200fالمتجر\u200f.",
	} {
		fd := findField(f, ptr)
		if fd == nil {
			t.Fatalf("no field %s", ptr)
		}
		if fd.Text != want {
			t.Errorf("%s: Text %+q, want %+q", ptr, fd.Text, want)
		}
		if fd.Value != d[ptr[1:]] {
			t.Errorf("%s: the answer itself changed: %+q", ptr, fd.Value)
		}
	}
}

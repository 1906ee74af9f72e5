package locales

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func TestReveal(t *testing.T) {
	for _, c := range []struct {
		in         string
		identifier bool
		want       string
	}{
		{"REF-2024", true, "REF-2024"},
		{"REF-\u202e2024-ABC\u202c/x", true, "REF-⟨U+202E⟩2024-ABC⟨U+202C⟩/x"},
		{"a\u200bb\u2066c\u2069\ufeff", true, "a⟨U+200B⟩b⟨U+2066⟩c⟨U+2069⟩⟨U+FEFF⟩"},
		{"تم \u202bنص\u202c و\u202aabc\u202d", false, "تم ⟨U+202B⟩نص⟨U+202C⟩ و⟨U+202A⟩abc⟨U+202D⟩"},
		// Free text keeps marks, joiners and isolates.
		{"نص\u200f example.org\u200f \u2068x\u2069 می\u200cخواهم", false, "نص\u200f example.org\u200f \u2068x\u2069 می\u200cخواهم"},
		{"", true, ""},
	} {
		if got := Reveal(c.in, c.identifier); got != c.want {
			t.Errorf("Reveal(%+q, %v) = %+q, want %+q", c.in, c.identifier, got, c.want)
		}
	}
}

// TestErrorRevealsParams: a coded error's text parameter (a draft's title
// from a file) cannot reverse the message around it.
func TestErrorRevealsParams(t *testing.T) {
	e := &Error{Code: "export.migration", Params: map[string]any{"Title": "REF-\u202e2024", "Reason": "x"}, Err: errors.New("x")}
	got := For(language.English).Error(e)
	if want := "REF-⟨U+202E⟩2024"; !strings.Contains(got, want) || strings.Contains(got, "\u202e") {
		t.Errorf("Error() = %+q, want it to show %q", got, want)
	}
	if e.Params["Title"] != "REF-\u202e2024" {
		t.Errorf("the error's own parameters changed: %+q", e.Params["Title"])
	}
}

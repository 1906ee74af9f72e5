//go:build js && wasm

package main

import (
	"syscall/js"
	"testing"
)

// TestReadyLanguage: the engine chooses the language from the host's
// preferences (evidraftConfig.prefs, best first) with locales.Match and
// says which in ready.lang; without prefs, config.lang decides.
func TestReadyLanguage(t *testing.T) {
	tests := []struct {
		name string
		cfg  map[string]any
		want string
	}{
		{"regional variant", map[string]any{"prefs": []any{"fr-CA", "en"}}, "fr"},
		{"first supported wins", map[string]any{"prefs": []any{"de-CH", "tlh", "zh-Hans-CN", "fr"}}, "zh"},
		{"prefs over lang", map[string]any{"prefs": []any{"ar-EG"}, "lang": "ru"}, "ar"},
		{"empty prefs", map[string]any{"prefs": []any{}, "lang": "es"}, "es"},
		{"not a list of strings", map[string]any{"prefs": []any{42}, "lang": "ru"}, "ru"},
		{"none supported", map[string]any{"prefs": []any{"tlh"}}, "en"},
	}
	for _, tc := range tests {
		// A subtest each, so that each engine's store is closed and
		// deleted before the next starts.
		t.Run(tc.name, func(t *testing.T) {
			api := startTest(t, tc.cfg)
			info, rej := settle(api.Get("ready"))
			if !rej.IsUndefined() {
				t.Fatalf("ready rejected: %v", rej)
			}
			if got := info.Get("lang").String(); got != tc.want {
				t.Errorf("ready.lang with %v = %q, want %q", tc.cfg, got, tc.want)
			}
			// The engine speaks the language it chose.
			if got := call(t, api, "form", call(t, api, "example", "preservation"), map[string]any{}).Get("lang").String(); got != tc.want {
				t.Errorf("form.lang = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestFormPageFacts: the form model carries what the page used to work
// out: each finding's section, each section's flatness and number of
// hidden answers and, when asked, its check-answers rows.
func TestFormPageFacts(t *testing.T) {
	api := startTest(t, nil)
	draft := `{"kind": "preservation", "schemaVersion": 1, "reference": "R-1",
		"requestingAuthority": {"name": "Parquet", "contact": {"email": "a@example.org"}},
		"urgency": {"urgent": false, "reasons": "kept but hidden"}}`
	f := call(t, api, "form", draft, map[string]any{"lang": "en", "rows": true})
	sections := map[string]js.Value{}
	for i := 0; i < f.Get("sections").Length(); i++ {
		s := f.Get("sections").Index(i)
		sections[s.Get("id").String()] = s
		if s.Get("flat").Type() != js.TypeBoolean || s.Get("hidden").Type() != js.TypeNumber || s.Get("rows").Type() != js.TypeObject {
			t.Errorf("section %s: flat %v, hidden %v, rows %v", s.Get("id"), s.Get("flat").Type(), s.Get("hidden").Type(), s.Get("rows").Type())
		}
	}
	if !sections["authority"].Get("flat").Bool() || sections["details"].Get("flat").Bool() {
		t.Errorf("flat: authority %v, details %v", sections["authority"].Get("flat"), sections["details"].Get("flat"))
	}
	if n := sections["urgency"].Get("hidden").Int(); n != 1 {
		t.Errorf("urgency.hidden = %d, want 1 (the reasons of a request not urgent)", n)
	}
	fs := f.Get("findings")
	for i := 0; i < fs.Length(); i++ {
		fd := fs.Index(i)
		ptr, sec := fd.Get("pointer").String(), fd.Get("section")
		if sec.Type() != js.TypeString {
			t.Fatalf("finding %s: section is %s", ptr, sec.Type())
		}
		if ptr == "/requestingAuthority/type" && sec.String() != "authority" || ptr == "/issueDate" && sec.String() != "details" {
			t.Errorf("finding %s in section %q", ptr, sec.String())
		}
	}
	rows := sections["authority"].Get("rows")
	var email js.Value
	for i := 0; i < rows.Length(); i++ {
		if r := rows.Index(i); r.Get("pointer").String() == "/requestingAuthority/contact/email" {
			email = r
		}
	}
	if email.IsUndefined() || email.Get("label").String() != "Contact person › E-mail" || email.Get("text").String() != "a@example.org" ||
		email.Get("dir").String() != "ltr" || email.Get("missing").Bool() {
		t.Errorf("the e-mail row = %s", stringify(email))
	}
	plain := call(t, api, "form", draft, map[string]any{"lang": "en"})
	if r := plain.Get("sections").Index(0).Get("rows"); !r.IsUndefined() {
		t.Errorf("rows without opts.rows: %s", stringify(r))
	}
}

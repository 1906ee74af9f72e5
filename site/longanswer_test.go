package site

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"
)

// TestLongAnswer: a section that holds a pasted log of 150,000
// characters opens at once, showing the answer's size and first lines
// rather than a textarea Chromium would take seconds to lay out; "Edit
// the whole answer", clicked with the mouse, gives the textarea with
// every character, where typing at the end is saved; axe finds nothing
// wrong with the preview.
func TestLongAnswer(t *testing.T) {
	t.Parallel()
	ctx, url := onSite(t)
	p := person{t, ctx}
	unit := "2026-11-30T10:00:00Z GET /login 200 <script>x</script> \u202eevil\u202c نص\n"
	long := strings.Repeat(unit, 150000/len(unit)+1)
	id, section := newDraftAt(t, ctx, "mla", "/facts", func(d map[string]any) { d["facts"] = long })
	openPage(t, ctx, url, id, section, `[data-form-group][data-pointer="/facts"]`)
	p.settle()

	var shown struct {
		Textarea bool
		Hint     string
		Start    string
		Pwned    bool
	}
	eval(t, ctx, `({Textarea: !!document.querySelector('textarea[data-pointer="/facts"]'),
	  Hint: (document.querySelector('[data-long-answer="/facts"] .evd-hint') || {}).textContent || "",
	  Start: (document.querySelector('[data-long-answer="/facts"] pre') || {}).textContent || "",
	  Pwned: !!document.querySelector('main script')})`, &shown)
	if shown.Textarea || shown.Pwned {
		t.Errorf("long answer drawn as a textarea %v, script element %v", shown.Textarea, shown.Pwned)
	}
	chars := len([]rune(long))
	want := strings.NewReplacer(",", "").Replace
	if !strings.Contains(want(shown.Hint), "characters: "+strconv.Itoa(chars)) || !strings.Contains(want(shown.Hint), "lines: "+strconv.Itoa(strings.Count(long, "\n")+1)) {
		t.Errorf("hint %q does not give %d characters and %d lines", shown.Hint, chars, strings.Count(long, "\n")+1)
	}
	// The preview shows the override as its code point (dom.js shown).
	revealed := strings.NewReplacer("\u202e", "⟨U+202E⟩", "\u202c", "⟨U+202C⟩").Replace(unit)
	if !strings.HasPrefix(shown.Start, strings.Repeat(revealed, 3)) || len([]rune(shown.Start)) > 1100 {
		t.Errorf("preview is not the answer's first lines (%d characters): %q", len([]rune(shown.Start)), shown.Start[:min(len(shown.Start), 200)])
	}

	axe(t, ctx, axeSource(t), "long answer")

	p.click(`button[data-action="whole"][data-target="/facts"]`)
	p.settle()
	f := p.focused()
	if f.Tag != "TEXTAREA" || f.Pointer != "/facts" || f.Value != long {
		t.Fatalf("after Edit the whole answer, focus is on %s %s holding %d characters; want the textarea with all %d", f.Tag, f.Pointer, len([]rune(f.Value)), chars)
	}
	p.ctrl(kb.End)
	p.keys("END")
	p.settle()
	var got string
	if err := json.Unmarshal([]byte(p.saved(id, "/facts")), &got); err != nil || got != long+"END" {
		t.Errorf("typed at the end of the long answer: saved %d characters ending %q (%v)", len(got), got[max(0, len(got)-20):], err)
	}
	// Typing keeps it a textarea while the page is open (no flip back to
	// the preview under the caret).
	if f := p.focused(); f.Tag != "TEXTAREA" {
		t.Errorf("after typing, focus is on %s", f.Tag)
	}
}

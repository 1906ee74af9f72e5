package site

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/evidraft/evidraft/site/chrometest"
)

// TestCaretSelectionUndo: on a section page, after typing in one field and
// clicking into another, a click into the middle of the first puts the
// caret there and typing goes there; a Ctrl+A selection survives a
// second; Ctrl+Z brings deleted text back; and once the autosave and the
// checks are done, the idle page does not change at all.
func TestCaretSelectionUndo(t *testing.T) {
	t.Parallel()
	ctx, url := onSite(t)
	id, section := newDraftAt(t, ctx, "preservation", "/requestingAuthority/name", func(d map[string]any) {
		a := d["requestingAuthority"].(map[string]any)
		a["name"] = "Public Prosecutor"
		a["contact"].(map[string]any)["role"] = ""
	})
	openPage(t, ctx, url, id, section, sel("/requestingAuthority/name"))
	p := person{t, ctx}
	name, role := sel("/requestingAuthority/name"), sel("/requestingAuthority/contact/role")

	p.clickAfter(name, "Public Prosecutor")
	p.keys(" of Lyon")
	p.click(role)
	p.keys("Deputy")
	p.settle()
	p.clickAfter(name, "Public ")
	p.settle()
	if f := p.focused(); f.Pointer != "/requestingAuthority/name" || f.Start != len("Public ") || f.End != f.Start {
		t.Fatalf("after a click after %q and a second: focus %+v", "Public ", f)
	}
	p.keys("J3 ")
	p.settle()
	if f := p.focused(); f.Value != "Public J3 Prosecutor of Lyon" || f.Start != len("Public J3 ") {
		t.Errorf("typed J3 after %q: %+v", "Public ", f)
	}
	if v := p.value(role); v != "Deputy" {
		t.Errorf("the other field shows %q, want Deputy", v)
	}

	p.ctrl("a")
	p.settle()
	if f := p.focused(); f.Start != 0 || f.End != len("Public J3 Prosecutor of Lyon") {
		t.Errorf("Ctrl+A then a second: selection %d-%d of %q", f.Start, f.End, f.Value)
	}
	p.backspace()
	p.settle()
	if got := p.saved(id, "/requestingAuthority/name"); got != "" {
		t.Errorf("after deleting the name, the draft holds %s", got)
	}
	p.ctrl("z")
	p.settle()
	if f := p.focused(); f.Value != "Public J3 Prosecutor of Lyon" {
		t.Errorf("Ctrl+Z gave %q", f.Value)
	}
	p.settle()
	if got := p.saved(id, "/requestingAuthority/name"); got != `"Public J3 Prosecutor of Lyon"` {
		t.Errorf("after Ctrl+Z, the draft holds %s", got)
	}

	// Idle: nothing changes for two seconds.
	p.click(role)
	p.settle()
	p.watchMutations()
	p.settle()
	if m := p.mutations(); len(m) != 0 {
		t.Errorf("idle page changed %d times in 2 s: %v", len(m), m[:min(len(m), 10)])
	}
	if !strings.Contains(p.saved(id, "/requestingAuthority/contact/role"), "Deputy") {
		t.Errorf("role not saved")
	}
}

// TestSelectsByMouse: on every section of a preservation request, after
// focus moved between fields, every select opens under a mouse click,
// stays open, and takes a choice that is saved.
func TestSelectsByMouse(t *testing.T) {
	t.Parallel()
	ctx, url := onSite(t)
	id, _ := newDraftAt(t, ctx, "preservation", "/reference", nil)
	var sections []string
	eval(t, ctx, `evidraft.getDraft(`+quote(id)+`).then((r) => evidraft.form(r.body)).then((f) => f.sections.map((s) => s.id))`, &sections)
	p := person{t, ctx}
	opened := 0
	for _, s := range sections {
		openPage(t, ctx, url, id, s, `[data-slot="fields"]`)
		p.settle()
		var selects, texts []string
		eval(t, ctx, `Array.from(document.querySelectorAll('main select[data-pointer]'), (e) => e.getAttribute('data-pointer'))`, &selects)
		eval(t, ctx, `Array.from(document.querySelectorAll('main input[type=text][data-pointer], main textarea[data-pointer]'), (e) => e.getAttribute('data-pointer'))`, &texts)
		for _, ptr := range selects {
			// Focus moves between fields first, as it does when a person works.
			if len(texts) > 1 {
				p.click(sel(texts[0]))
				p.click(sel(texts[1]))
			}
			p.click(sel(ptr))
			p.settle()
			var open struct {
				Focused, Open bool
				Value         string
				Options       int
			}
			eval(t, ctx, `(() => { const $s = document.querySelector(`+quote(sel(ptr))+`); return { Focused: document.activeElement === $s, Open: $s.matches(':open'), Value: $s.value, Options: $s.options.length } })()`, &open)
			if !open.Focused || !open.Open {
				t.Errorf("section %s: %s after a click and 0.7 s: focused %v, open %v", s, ptr, open.Focused, open.Open)
				p.keys("\x1b")
				continue
			}
			opened++
			// Choose the next option with the keys of an open list.
			p.keys(kbDown + "\r")
			p.settle()
			var now string
			eval(t, ctx, `document.querySelector(`+quote(sel(ptr))+`).value`, &now)
			if now == open.Value {
				t.Errorf("section %s: %s kept %q after choosing the next option", s, ptr, now)
				continue
			}
			if got := p.saved(id, ptr); got != quote(now) {
				t.Errorf("section %s: %s shows %q, saved %s", s, ptr, now, got)
			}
		}
	}
	t.Logf("%d selects opened and took a choice on %d sections", opened, len(sections))
	if opened < 4 {
		t.Errorf("only %d selects opened", opened)
	}
}

const kbDown = kb.ArrowDown

// sectionPointers returns the pointers of a section's questions, from the
// form model of the stored draft.
func sectionPointers(t *testing.T, ctx context.Context, id, section string) []string {
	t.Helper()
	var ptrs []string
	eval(t, ctx, `evidraft.getDraft(`+quote(id)+`).then((r) => evidraft.form(r.body)).then((f) => f.sections.find((s) => s.id === `+quote(section)+`).fields.map((x) => x.pointer))`, &ptrs)
	return ptrs
}

// strayFields lists the questions on screen that are not in section.
func strayFields(t *testing.T, ctx context.Context, id, section string) []string {
	t.Helper()
	var shown []string
	eval(t, ctx, `Array.from(document.querySelectorAll('main [data-pointer]'), (e) => e.getAttribute('data-pointer'))`, &shown)
	own := sectionPointers(t, ctx, id, section)
	var stray []string
	for _, s := range shown {
		in := false
		for _, o := range own {
			if s == o || strings.HasPrefix(s, o+"/") {
				in = true
			}
		}
		if !in {
			stray = append(stray, s)
		}
	}
	if len(shown) == 0 {
		stray = append(stray, "(no field at all)")
	}
	return stray
}

// TestOnlyThisSection: Enter in a field of a complete section goes to the
// next section, and the browser's Back button with a field in focus goes
// back; either way only that section's questions are on screen under its
// heading, also after the checks that were pending have come back.
func TestOnlyThisSection(t *testing.T) {
	t.Parallel()
	ctx, url := onSite(t)
	id, _ := newDraftAt(t, ctx, "preservation", "/reference", nil)
	p := person{t, ctx}
	openPage(t, ctx, url, id, "details", sel("/reference"))
	p.click(sel("/reference"))
	p.keys("-B")
	p.keys("\r")
	p.settle()
	if h := hash(t, ctx); !strings.HasSuffix(h, "/authority") {
		t.Fatalf("Enter in a complete section went to %s", h)
	}
	if stray := strayFields(t, ctx, id, "authority"); len(stray) > 0 {
		t.Errorf("after Enter, the authority page shows %v", stray)
	}
	p.click(sel("/requestingAuthority/name"))
	p.keys("X")
	run(t, ctx, chromedp.NavigateBack())
	p.settle()
	if h := hash(t, ctx); !strings.HasSuffix(h, "/details") {
		t.Fatalf("Back went to %s", h)
	}
	if stray := strayFields(t, ctx, id, "details"); len(stray) > 0 {
		t.Errorf("after Back, the details page shows %v", stray)
	}
	if got := p.saved(id, "/requestingAuthority/name"); !strings.Contains(got, "X") {
		t.Errorf("the letter typed before Back was lost: %s", got)
	}
}

// TestContinueListsEverything: Continue on each empty section of a new
// preservation request lists every missing required question of that
// section at once, each a link to its field and each marked on the page;
// passing through fields with Tab marks none.
func TestContinueListsEverything(t *testing.T) {
	t.Parallel()
	ctx, url := onSite(t)
	id := emptyDraft(t, ctx, "preservation")
	var sections []struct {
		ID       string
		Required []string
	}
	eval(t, ctx, `evidraft.getDraft(`+quote(id)+`).then((r) => evidraft.form(r.body)).then((f) => f.sections.map((s) => ({ ID: s.id,
  Required: f.findings.filter((x) => x.severity === 'error' && s.fields.some((fd) => x.pointer === fd.pointer || x.pointer.startsWith(fd.pointer + '/'))).map((x) => x.pointer) })))`, &sections)
	p := person{t, ctx}
	for _, s := range sections {
		openPage(t, ctx, url, id, s.ID, `[data-slot="fields"]`)
		p.settle()
		// Tab through the first fields: nothing is marked.
		var first string
		eval(t, ctx, `(document.querySelector('main [data-pointer]:is(input[type=text], input[type=email], input[type=tel], textarea)') || {}).id || ''`, &first)
		if first != "" {
			p.click("#" + first)
			p.tab()
			p.tab()
			p.tab()
			p.settle()
			var marked int
			eval(t, ctx, `document.querySelectorAll('main .evd-error-message, main .evd-form-group--error').length`, &marked)
			if marked != 0 {
				t.Errorf("section %s: tabbing through marked %d fields", s.ID, marked)
			}
		}
		p.click(`form.evd-section > button[type=submit]`)
		p.settle()
		if len(s.Required) == 0 {
			if h := hash(t, ctx); strings.HasSuffix(h, "/"+s.ID) {
				t.Errorf("section %s has nothing required but Continue stayed", s.ID)
			}
			continue
		}
		var got []struct{ Text, Href string }
		eval(t, ctx, `Array.from(document.querySelectorAll('.evd-error-summary__list a'), (a) => ({ Text: a.textContent, Href: a.getAttribute('href') }))`, &got)
		if len(got) != len(s.Required) {
			t.Errorf("section %s: the summary lists %d problems, want %d (%v): %v", s.ID, len(got), len(s.Required), s.Required, got)
			continue
		}
		for i, g := range got {
			var marked bool
			eval(t, ctx, `(() => { const $e = document.getElementById(`+quote(strings.TrimPrefix(g.Href, "#"))+`); return !!$e && !!$e.closest('.evd-form-group--error') })()`, &marked)
			if !marked {
				t.Errorf("section %s: %q (%s, for %s) does not lead to a marked field", s.ID, g.Text, g.Href, s.Required[i])
			}
		}
	}
	// The authority alone lacks eight answers, each listed.
	for _, s := range sections {
		if s.ID == "authority" && len(s.Required) < 8 {
			t.Errorf("authority: %d required answers listed, want each of the 8", len(s.Required))
		}
	}
}

// TestTitleFollowsReference: the draft's title is its reference as it is
// now, not what was typed before the first autosave.
func TestTitleFollowsReference(t *testing.T) {
	t.Parallel()
	ctx, url := onSite(t)
	id := emptyDraft(t, ctx, "preservation")
	openPage(t, ctx, url, id, "details", sel("/reference"))
	p := person{t, ctx}
	title := func() string {
		var s string
		eval(t, ctx, `evidraft.getDraft(`+quote(id)+`).then((r) => r.title)`, &s)
		return s
	}
	p.click(sel("/reference"))
	p.keys("PR-LY")
	p.settle()
	p.keys("ON-2026")
	p.settle()
	if got := title(); got != "PR-LYON-2026" {
		t.Errorf("title %q, want PR-LYON-2026", got)
	}
	p.ctrl("a")
	p.keys("NEW-1")
	p.settle()
	if got := title(); got != "NEW-1" {
		t.Errorf("title %q, want NEW-1", got)
	}
}

// TestTelephoneAsWritten: a telephone number typed with spaces, as
// people write it, is kept in the international form, digits only, and
// is not refused; the field shows it so once the person has left it.
func TestTelephoneAsWritten(t *testing.T) {
	t.Parallel()
	ctx, url := onSite(t)
	id := emptyDraft(t, ctx, "preservation")
	phone := sel("/requestingAuthority/contact/phone")
	openPage(t, ctx, url, id, "authority", phone)
	p := person{t, ctx}
	p.click(phone)
	p.keys("+33 4 72-60.70 00")
	p.keys("\t")
	p.settle()
	var got struct {
		Saved, Shown string
		Refused      bool
	}
	eval(t, ctx, `(async () => ({
  Saved: ((await evidraft.getDraft(`+quote(id)+`)).body.requestingAuthority || {}).contact?.phone || '',
  Shown: document.querySelector(`+quote(phone)+`).value,
  Refused: !!document.querySelector('[data-form-group][data-pointer="/requestingAuthority/contact/phone"].evd-form-group--error')
}))()`, &got)
	if got.Saved != "+33472607000" || got.Refused {
		t.Errorf("typed \"+33 4 72-60.70 00\": saved %q, refused %v; want +33472607000, not refused", got.Saved, got.Refused)
	}
	if got.Shown != "+33472607000" {
		t.Errorf("after leaving the field it shows %q, want +33472607000", got.Shown)
	}
}

// TestDateTimeKept: what a person types into a date-time field and the
// UTC offset beside it stays on screen and reaches the draft, also when
// the date is not complete yet.
func TestDateTimeKept(t *testing.T) {
	t.Parallel()
	ctx, url := onSite(t)
	id, section := newDraftAt(t, ctx, "preservation", "/urgency/deadline", func(d map[string]any) {
		delete(d["urgency"].(map[string]any), "deadline")
	})
	openPage(t, ctx, url, id, section, sel("/urgency/deadline"))
	p := person{t, ctx}
	local, offset := sel("/urgency/deadline"), "#f_2furgency_2fdeadline-offset"
	reasons := sel("/urgency/reasons")
	// Half a date, then the offset, then elsewhere: both stay.
	p.clickAfter(local, "")
	p.keys("1203")
	p.click(offset)
	p.keys("+01:00")
	p.click(reasons)
	p.settle()
	if v := p.value(offset); v != "+01:00" {
		t.Errorf("offset shows %q after leaving a half-typed date-time", v)
	}
	// The rest of the date and the time: the answer is whole.
	p.clickAfter(local, "")
	p.keys("12032030" + kb.ArrowRight + "061500P")
	p.click(reasons)
	p.settle()
	if v := p.value(local); v != "2030-12-03T18:15" && v != "2030-12-03T18:15:00" { // Chromium leaves out :00
		t.Errorf("date-time shows %q", v)
	}
	if got := p.saved(id, "/urgency/deadline"); got != `"2030-12-03T18:15:00+01:00"` {
		t.Errorf("saved deadline %s", got)
	}
	// A wrong offset (no colon) stays in its box to be corrected, and the
	// date-time beside it stays too.
	p.click(offset)
	p.ctrl("a")
	p.keys("+0200" + kb.Tab)
	p.settle()
	if v, o := p.value(local), p.value(offset); !strings.HasPrefix(v, "2030-12-03T18:15") || o != "+0200" {
		t.Errorf("after a wrong offset the boxes show %q and %q", v, o)
	}
	p.click(offset)
	p.ctrl("a")
	p.keys("+02:00")
	p.settle()
	if got := p.saved(id, "/urgency/deadline"); got != `"2030-12-03T18:15:00+02:00"` {
		t.Errorf("after correcting the offset the draft holds %s", got)
	}
}

// TestListAddRemove: after Add, focus is in the new item and what is
// typed goes there; after Remove, focus is on the list's Add button (not
// on a Remove button that now belongs to the next item); Undo on the
// page takes back one removal at a time, and only this page's changes.
func TestListAddRemove(t *testing.T) {
	t.Parallel()
	ctx, url := onSite(t)
	id, section := newDraftAt(t, ctx, "preservation", "/requestingAuthority/contact/languages", nil)
	list := "/requestingAuthority/contact/languages"
	openPage(t, ctx, url, id, section, sel(list+"/0"))
	p := person{t, ctx}
	add := `button[data-action="add-item"][data-target^="` + list + `/"]`
	p.click(add)
	p.settle()
	if f := p.focused(); f.Pointer != list+"/2" {
		t.Fatalf("after Add, focus is on %+v, want the new item", f)
	}
	p.keys("es")
	p.settle()
	if got := p.saved(id, list); got != `["fr","en","es"]` {
		t.Errorf("after typing into the new item the list is %s", got)
	}
	remove := `button[data-action="remove"][data-target="` + list + `/0"]`
	p.click(remove)
	p.settle()
	if f := p.focused(); f.Tag != "BUTTON" {
		t.Errorf("after Remove, focus is on %+v", f)
	}
	var onAdd bool
	eval(t, ctx, `document.activeElement.matches(`+quote(add)+`)`, &onAdd)
	if !onAdd {
		t.Errorf("after Remove, focus is not on the list's Add button")
	}
	p.click(remove)
	p.settle()
	if got := p.saved(id, list); got != `["es"]` {
		t.Errorf("after two removals the list is %s", got)
	}
	p.click(`[data-undo]`)
	p.settle()
	if got := p.saved(id, list); got != `["en","es"]` {
		t.Errorf("one Undo gave %s, want one removal taken back", got)
	}
	// Another section: nothing of this page to undo there.
	openPage(t, ctx, url, id, "details", sel("/reference"))
	var disabled bool
	eval(t, ctx, `document.querySelector('[data-undo]').disabled`, &disabled)
	if !disabled {
		t.Errorf("Undo is offered on a page where nothing was changed")
	}
}

// TestReloadWhileTyping: text typed just before a reload (0, 100 and
// 300 ms after the last key, while the page still shows "Saving...") is
// all there after it, on screen and in the draft.
func TestReloadWhileTyping(t *testing.T) {
	t.Parallel()
	ctx, url := onSite(t)
	id, section := newDraftAt(t, ctx, "mla", "/facts", func(d map[string]any) { d["facts"] = "Facts." })
	p := person{t, ctx}
	want := "Facts."
	for _, delay := range []time.Duration{0, 100 * time.Millisecond, 300 * time.Millisecond} {
		openPage(t, ctx, url, id, section, sel("/facts"))
		p.settle()
		typed := fmt.Sprintf(" Typed %d ms before a reload.", delay.Milliseconds())
		p.appendTo(sel("/facts"), typed)
		want += typed
		time.Sleep(delay)
		run(t, ctx, chromedp.Reload())
		run(t, ctx, chromedp.WaitVisible(sel("/facts"), chromedp.ByQuery))
		p.settle()
		if v := p.value(sel("/facts")); v != want {
			t.Errorf("reload %v after typing: the field shows %q, want %q", delay, v, want)
		}
		if got := p.saved(id, "/facts"); got != quote(want) {
			t.Errorf("reload %v after typing: the draft holds %s, want %q", delay, got, want)
		}
	}
}

// TestTwoTabs: a draft opened in a second tab says at once that it is
// open elsewhere. Both tabs type into the same field; the second tab's
// save is refused as stale, its text stays on screen with the answers
// that differ listed, and "Save my version as a new draft" keeps it while
// the first tab's text stays in the original: both texts are recoverable.
// Then "Keep my version" in a new conflict saves over the other, whose
// text is still in the History.
func TestTwoTabs(t *testing.T) {
	t.Parallel()
	ctxA, url := onSite(t)
	id, section := newDraftAt(t, ctxA, "mla", "/facts", func(d map[string]any) { d["facts"] = "Facts." })
	page := url + "/#/draft/" + id + "/" + section
	run(t, ctxA, chromedp.Navigate(page), chromedp.WaitVisible(sel("/facts"), chromedp.ByQuery))
	ctxB, cancel := chromedp.NewContext(ctxA)
	defer cancel()
	run(t, ctxB, chrometest.Quiet, chromedp.Navigate(page), chromedp.WaitVisible(sel("/facts"), chromedp.ByQuery))
	a, b := person{t, ctxA}, person{t, ctxB}
	b.settle()
	for _, who := range []person{a, b} {
		// The other tab's message arrives when it arrives: look for a while.
		c, cancel := context.WithTimeout(who.ctx, 10*time.Second)
		err := chromedp.Run(c, chromedp.Poll(`Array.from(document.querySelectorAll('.evd-notification-banner'), (e) => e.textContent).join(' ').includes('also open in another tab')`, nil))
		cancel()
		if err != nil {
			var text string
			eval(t, who.ctx, `Array.from(document.querySelectorAll('.evd-notification-banner'), (e) => e.textContent).join(' ')`, &text)
			t.Errorf("a tab does not say the draft is open elsewhere: %q", text)
		}
	}
	// The person goes from tab to tab: the one typed into is in front.
	a.front()
	a.appendTo(sel("/facts"), " Typed in A.")
	a.settle()
	b.front()
	b.appendTo(sel("/facts"), " Typed in B.")
	b.settle()
	if got := a.saved(id, "/facts"); got != `"Facts. Typed in A."` {
		t.Fatalf("the draft holds %s, want A's text", got)
	}
	if v := b.value(sel("/facts")); v != "Facts. Typed in B." {
		t.Errorf("B's field shows %q after its save was refused", v)
	}
	var listed []string
	eval(t, ctxB, `Array.from(document.querySelectorAll('[data-conflict-list] li'), (e) => e.textContent)`, &listed)
	if len(listed) != 1 || listed[0] != "Summary of the facts" {
		t.Errorf("the conflict lists %v, want [Summary of the facts]", listed)
	}
	b.click(`.evd-notification-banner button:nth-of-type(2)`) // Save my version as a new draft
	b.settle()
	var copyID string
	eval(t, ctxB, `decodeURIComponent(location.hash.split('/')[2])`, &copyID)
	if copyID == id || b.saved(copyID, "/facts") != `"Facts. Typed in B."` {
		t.Errorf("B's copy %s holds %s", copyID, b.saved(copyID, "/facts"))
	}
	if got := a.saved(id, "/facts"); got != `"Facts. Typed in A."` {
		t.Errorf("after B's copy, the original holds %s", got)
	}

	// Again, and B keeps its version over A's.
	run(t, ctxB, chromedp.Navigate(page), chromedp.WaitVisible(sel("/facts"), chromedp.ByQuery))
	b.settle()
	a.front()
	a.appendTo(sel("/facts"), " A2.")
	a.settle()
	b.front()
	b.appendTo(sel("/facts"), " B2.")
	b.settle()
	b.click(`.evd-notification-banner button:nth-of-type(1)`) // Keep my version
	b.settle()
	if got := b.saved(id, "/facts"); got != `"Facts. Typed in A. B2."` {
		t.Errorf("after Keep my version, the draft holds %s", got)
	}
	var kept bool
	eval(t, ctxB, `evidraft.history(`+quote(id)+`).then((h) => h.some((v) => v.body.facts === 'Facts. Typed in A. A2.'))`, &kept)
	if !kept {
		t.Errorf("A's overwritten text is not in the History")
	}
}

// TestHistoryRestore: the History page lists the versions with the
// sections each changed; one is shown and restored by mouse as a new
// version; the section page's Undo puts back the last change.
func TestHistoryRestore(t *testing.T) {
	t.Parallel()
	ctx, url := onSite(t)
	id, section := newDraftAt(t, ctx, "mla", "/facts", func(d map[string]any) { d["facts"] = "First facts." })
	p := person{t, ctx}
	openPage(t, ctx, url, id, section, sel("/facts"))
	p.click(sel("/facts"))
	p.ctrl("a")
	p.keys("Second facts.")
	p.settle()

	// Undo on the section page.
	p.click(`[data-undo]`)
	p.settle()
	if v := p.value(sel("/facts")); v != "First facts." {
		t.Errorf("after Undo the field shows %q", v)
	}
	if got := p.saved(id, "/facts"); got != `"First facts."` {
		t.Errorf("after Undo the draft holds %s", got)
	}
	p.click(sel("/facts"))
	p.ctrl("a")
	p.keys("Third facts.")
	p.settle()

	openPage(t, ctx, url, id, "history", `table.evd-table`)
	var rows []string
	eval(t, ctx, `Array.from(document.querySelectorAll('table.evd-table tbody tr'), (r) => r.cells[1].textContent)`, &rows)
	if len(rows) < 3 || rows[0] != "Facts and persons" && !strings.Contains(rows[0], "acts") {
		t.Errorf("history rows %q", rows)
	}
	// Show the version with "Second facts." and restore it.
	var rev int
	eval(t, ctx, `evidraft.history(`+quote(id)+`).then((h) => h.find((v) => v.body.facts === 'Second facts.').revision)`, &rev)
	p.click(fmt.Sprintf(`a[data-revision="%d"]`, rev))
	run(t, ctx, chromedp.WaitVisible(`[data-restore]`, chromedp.ByQuery))
	var shown string
	eval(t, ctx, `document.querySelector('main').textContent`, &shown)
	if !strings.Contains(shown, "Second facts.") {
		t.Errorf("the version page does not show its facts")
	}
	p.click(`[data-restore]`)
	p.settle()
	if got := p.saved(id, "/facts"); got != `"Second facts."` {
		t.Errorf("after Restore the draft holds %s", got)
	}
	// The message says so on the draft's page, and goes at the next one.
	banners := func() string {
		var s string
		eval(t, ctx, `Array.from(document.querySelectorAll('.evd-notification-banner'), (e) => e.textContent).join(' ')`, &s)
		return s
	}
	if b := banners(); !strings.Contains(b, "is the current version again") {
		t.Errorf("after Restore the page says %q", b)
	}
	openPage(t, ctx, url, id, section, sel("/facts"))
	if b := banners(); strings.Contains(b, "is the current version again") {
		t.Errorf("the restore message stays on the next page")
	}
	var n int
	eval(t, ctx, `evidraft.history(`+quote(id)+`).then((h) => h.filter((v) => v.body.facts === 'Third facts.').length)`, &n)
	if n == 0 {
		t.Errorf("the version before the restore is gone from the History")
	}
}

package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestHomeActions: duplicate, delete to the trash with undo, the trash
// view, restore and delete for good.
func TestHomeActions(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	url := server(t)
	ctx := browser(t, exe)
	openAt(t, ctx, url, "en", "mla", nil)
	titles := func() []string {
		var s []string
		eval(t, ctx, `Array.from(document.querySelectorAll('.evd-table tbody tr td:first-child'), td => td.textContent)`, &s)
		return s
	}
	if got := titles(); len(got) != 1 {
		t.Fatalf("home lists %v", got)
	}
	orig := titles()[0]
	run(t, ctx, chromedp.Click(`//button[starts-with(., "Duplicate")]`, chromedp.BySearch))
	waitRows(t, ctx, 2)
	if got := titles(); got[0] != orig+" (copy)" {
		t.Errorf("after duplicate: %v", got)
	}
	run(t, ctx, chromedp.Click(`//tr[1]//button[starts-with(., "Delete")]`, chromedp.BySearch), chromedp.WaitVisible(`.evd-notification-banner`, chromedp.ByQuery))
	waitRows(t, ctx, 1)
	var msg string
	run(t, ctx, chromedp.Text(`.evd-notification-banner`, &msg, chromedp.ByQuery))
	if !strings.Contains(msg, "moved to the trash") {
		t.Errorf("banner %q", msg)
	}
	// The button pressed went with the list: focus is on what it did, not
	// lost on the page's body.
	focusOn := func(after, want string) {
		t.Helper()
		var got string
		eval(t, ctx, `document.activeElement.tagName + '.' + document.activeElement.className + ' ' + document.activeElement.textContent.trim().slice(0, 60)`, &got)
		if !strings.Contains(got, want) {
			t.Errorf("after %s focus is on %q, want %q", after, got, want)
		}
	}
	focusOn("Delete", "evd-notification-banner")
	run(t, ctx, chromedp.Click(`.evd-notification-banner button`, chromedp.ByQuery))
	waitRows(t, ctx, 2)
	run(t, ctx, chromedp.Poll(`!!document.querySelector('.evd-notification-banner')`, nil, chromedp.WithPollingTimeout(10*time.Second)), chromedp.Text(`.evd-notification-banner`, &msg, chromedp.ByQuery))
	if !strings.Contains(msg, "restored from the trash") {
		t.Errorf("after Undo the banner says %q", msg)
	}
	focusOn("Undo", "restored from the trash")
	run(t, ctx, chromedp.Click(`//tr[1]//button[starts-with(., "Delete")]`, chromedp.BySearch))
	waitRows(t, ctx, 1)
	run(t, ctx, chromedp.Click(`a[href="#/trash"]`, chromedp.ByQuery), chromedp.WaitVisible(`//h1[text()="Trash"]`, chromedp.BySearch))
	waitRows(t, ctx, 1)
	run(t, ctx, chromedp.Click(`//button[starts-with(., "Delete for good")]`, chromedp.BySearch))
	run(t, ctx, chromedp.WaitVisible(`//p[text()="The trash is empty."]`, chromedp.BySearch))
	focusOn("Delete for good", "H1.")
	var n int
	eval(t, ctx, `evidraft.listDrafts({}).then(l => l.length)`, &n)
	if n != 1 {
		t.Errorf("%d drafts left, want 1", n)
	}
}

func waitRows(t *testing.T, ctx context.Context, n int) {
	t.Helper()
	run(t, ctx, chromedp.Poll(fmt.Sprintf(`document.querySelectorAll('.evd-table tbody tr').length === %d`, n), nil))
}

// TestKeyboardCheckAndPrint: on a complete draft, with the keyboard
// alone: check answers, a Change link that returns there, finalise,
// reopen, and the printable request in another language.
func TestKeyboardCheckAndPrint(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	url := server(t)
	ctx := browser(t, exe)
	id := openAt(t, ctx, url, "en", "emergency", nil)
	run(t, ctx, visit(url+"/#/draft/"+id), chromedp.WaitVisible(`.evd-task-list`, chromedp.ByQuery))
	press := func(keys ...string) {
		for _, k := range keys {
			run(t, ctx, chromedp.KeyEvent(k))
		}
	}
	tabTo := func(match string) {
		t.Helper()
		for range 200 {
			var got string
			press("\t")
			eval(t, ctx, `(document.activeElement.textContent || '').trim()`, &got)
			if strings.HasPrefix(got, match) {
				return
			}
		}
		t.Fatalf("Tab never reached %q", match)
	}
	tabTo("Check your answers")
	press("\r")
	run(t, ctx, chromedp.WaitVisible(`.evd-summary-list`, chromedp.ByQuery))
	tabTo("Change Reference number")
	press("\r")
	run(t, ctx, chromedp.WaitVisible(`#f_2freference`, chromedp.ByQuery))
	var active string
	run(t, ctx, chromedp.Poll(`document.activeElement.id === 'f_2freference'`, nil))
	press(kb.End, "X", "\r")
	run(t, ctx, chromedp.WaitVisible(`.evd-summary-list`, chromedp.ByQuery))
	eval(t, ctx, `location.hash.endsWith('/check') + ':' + document.querySelector('.evd-summary-list__value').textContent`, &active)
	if !strings.HasPrefix(active, "true:") || !strings.HasSuffix(active, "X") {
		t.Errorf("after Change and Continue: %q, want check answers with the new reference", active)
	}
	tabTo("Finalise the request")
	press("\r")
	run(t, ctx, chromedp.WaitVisible(`//p[text()="This request is final and cannot be changed."]`, chromedp.BySearch))
	tabTo("Printable request")
	press("\r")
	run(t, ctx, chromedp.WaitVisible(`#print-lang`, chromedp.ByQuery))
	tabTo("English") // the language select shows its selected option
	var tag string
	eval(t, ctx, `document.activeElement.id`, &tag)
	if tag != "print-lang" {
		t.Fatalf("focus on %q, want the request language menu", tag)
	}
	// Choose Русский by typing its first letter, as on any select.
	press("Р")
	run(t, ctx, chromedp.WaitVisible(`article.evd-print[lang="ru"]`, chromedp.ByQuery))
}

// TestExtraKindInSite: a kind added with build --extra is offered, edited
// and printed like the built-in ones.
func TestExtraKindInSite(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	url := server(t)
	ctx := browser(t, exe)
	run(t, ctx, visit(url+"/#/new"), chromedp.WaitVisible(`#kind-video-hearing`, chromedp.ByQuery),
		chromedp.Click(`#kind-video-hearing`, chromedp.ByQuery), chromedp.Click(`form.evd-new button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.evd-task-list`, chromedp.ByQuery))
	var sections int
	eval(t, ctx, `document.querySelectorAll('.evd-task-list__link').length`, &sections)
	if sections < 4 {
		t.Errorf("task list of the extra kind has %d sections", sections)
	}
	id := strings.Split(hash(t, ctx), "/")[2]
	run(t, ctx, visit(url+"/#/draft/"+id+"/print?lang=fr"), chromedp.WaitVisible(`article.evd-print`, chromedp.ByQuery))
	var subject string
	run(t, ctx, chromedp.Text(`.evd-print__subject p`, &subject, chromedp.ByQuery))
	if !strings.Contains(subject, "Demande d’audition par vidéoconférence") {
		t.Errorf("printed subject %q, want the extra kind's title", subject)
	}
}

// TestHomeManyDrafts: with more drafts than the home page draws (100), it
// draws the newest and says so, in the user's language, and "Show all"
// draws every one. With 10,000 drafts, drawing them all took 3.5–8 s.
func TestHomeManyDrafts(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	url := server(t)
	ctx := browser(t, exe)
	run(t, ctx, visit(url+"/#/"), chromedp.WaitVisible(`.evd-button`, chromedp.ByQuery))
	eval(t, ctx, "(async () => {"+importMany("mla", "many-", "Draft ", 130)+"; return true })()", nil)
	src := axeSource(t)
	for _, lang := range []string{"ar", "fr", "en"} {
		switchLanguage(t, ctx, lang, ".evd-table")
		waitRows(t, ctx, 100)
		if lang == "ar" {
			// Once, right to left (TestAccessibility has the English home).
			axe(t, ctx, src, "home with more drafts than drawn, "+lang)
			if *screenshots { // the end of the list, the note and its button
				var png []byte
				run(t, ctx, chromedp.Evaluate(`window.scrollTo(0, document.querySelector('[data-show-all]').getBoundingClientRect().top + scrollY - 300)`, nil), chromedp.CaptureScreenshot(&png))
				if err := os.WriteFile(filepath.Join("testdata", "screenshots", "home-many-ar.png"), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			continue
		}
		var first, note string
		eval(t, ctx, `document.querySelector('.evd-table tbody tr td').textContent`, &first)
		eval(t, ctx, `document.querySelector('[data-show-all]').parentElement.textContent`, &note)
		want := map[string]string{"fr": "Seuls les projets enregistrés le plus récemment sont affichés. Afficher tous les projets", "en": "Only the most recently saved drafts are shown. Show all drafts"}[lang]
		if first != "Draft 129" || note != want {
			t.Errorf("%s: first row %q, note %q", lang, first, note)
		}
	}
	run(t, ctx, chromedp.Click(`[data-show-all]`, chromedp.ByQuery))
	waitRows(t, ctx, 130)
	var left int
	eval(t, ctx, `document.querySelectorAll('[data-show-all]').length`, &left)
	if left != 0 {
		t.Error("the Show all button is still there after showing all")
	}
}

// importMany is JavaScript that imports n drafts of kind through
// evidraft.importDrafts, as one export file: ids prefix+i, titles
// title+i, draft i saved i seconds after 2026-01-01 (so the last is the
// newest).
func importMany(kind, prefix, title string, n int) string {
	return fmt.Sprintf(`
  const body = await evidraft.example(%[1]q), recs = []
  for (let i = 0; i < %[4]d; i++) recs.push({ id: %[2]q + i, kind: %[1]q, schemaVersion: 1, lang: 'en', title: %[3]q + i, status: 'draft',
    created: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), updated: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), revision: 1, body })
  const text = JSON.stringify({ app: 'test', schemaVersions: [1], created: new Date().toISOString(), records: recs })
  const sha = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))), (b) => b.toString(16).padStart(2, '0')).join('')
  await evidraft.importDrafts('{"format":"evidraft-export","formatVersion":1,"content":' + text + ',"sha256":"' + sha + '"}')`, kind, prefix, title, n)
}

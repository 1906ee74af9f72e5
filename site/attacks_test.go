package site

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/evidraft/evidraft/schemas/export"
	"github.com/evidraft/evidraft/site/chrometest"
)

// Three attackers. One writes hostile text into the answers
// (TestHostileText). One is a page of an allowed origin that is not the
// site's parent frame (TestPopupOpener). The other is another page of the
// same origin (a page of the portal, or in Chromium any local HTML file
// next to the single file): it writes the drafts' IndexedDB directly,
// with the browser's own API, while the person's tab is open.
//
// These tests are among the longest: declared early (go test starts
// parallel tests in the order of their files), they do not finish alone
// at the end of the run.

// attackerPage opens a second page of the site's origin, which is not the
// app, and returns a function that runs a script there.
func attackerPage(t *testing.T, ctx context.Context, url string) func(js string, out any) {
	t.Helper()
	actx, cancel := chromedp.NewContext(ctx)
	t.Cleanup(cancel)
	run(t, actx, chrometest.Quiet, chromedp.Navigate(url+"/robots.txt"))
	return func(js string, out any) {
		t.Helper()
		eval(t, actx, `(async () => {
  const db = await new Promise((resolve, reject) => { const r = indexedDB.open('evidraft'); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error) })
  const req = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error) })
  const done = (tx) => new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); tx.onabort = () => reject(tx.error) })
  try { `+js+` } finally { db.close() }
})()`, out)
		// The person's tab in front again (behind the attacker's, each
		// wait for the page to be idle took 2-4 s).
		person{t, ctx}.front()
	}
}

// unlock opens the site again in the person's tab (a new document, as
// a reload: the key is gone), types the passphrase and waits for the home
// page.
func unlock(t *testing.T, p person, url, pass string) {
	t.Helper()
	run(t, p.ctx, chromedp.Navigate(url+"/"), chromedp.WaitVisible(`#unlock-passphrase`, chromedp.ByQuery))
	p.click(`#unlock-passphrase`)
	p.keys(pass + "\r")
	run(t, p.ctx, chromedp.WaitVisible(`//h1[text()="Your requests"]`, chromedp.BySearch))
}

// openDraftText opens a draft's page, from the home page, and returns
// what the page says.
func openDraftText(t *testing.T, ctx context.Context, url, id string) string {
	t.Helper()
	var text string
	run(t, ctx, visit(url+"/#/"), chromedp.WaitVisible(`//h1[text()="Your requests"]`, chromedp.BySearch),
		// The home page's heading is still there until the draft's page
		// replaces it: wait for another one.
		visit(url+"/#/draft/"+id), chromedp.WaitVisible(`//main//h1[not(text()="Your requests")]`, chromedp.BySearch))
	eval(t, ctx, `document.querySelector('main').innerText`, &text)
	return text
}

// TestAtRestAttacks: with the drafts protected, another page of the
// origin swaps one draft's ciphertext for another's, plants a body in
// clear, and deletes the protection record. The first two are refused as
// damaged records (store.corrupt), the draft's own ciphertext opens
// again, and the third still asks for the passphrase and writes nothing
// in clear. A draft removed outside evidraft is reported at the next
// unlock. Before ciphertexts were bound to their place, the swap opened
// B's answers as A's, the planted body opened as the user's own, and the
// deleted record made the next session save in clear.
func TestAtRestAttacks(t *testing.T) {
	t.Parallel()
	_, url, ctx, before := seeded(t)
	p := person{t, ctx}
	const pass = "seven tired owls at dawn"
	eval(t, ctx, `evidraft.protectDrafts(`+quote(pass)+`).then(() => true)`, nil)
	var a, b string // a is the draft in progress, b the other one
	for _, d := range before {
		if d["status"] == "final" {
			b = d["id"].(string)
		} else {
			a = d["id"].(string)
		}
	}
	attack := attackerPage(t, ctx, url)
	var saved string
	attack(`const tx = db.transaction('bodies')
  const [ra, rb] = [await req(tx.objectStore('bodies').get(`+quote(a)+`)), await req(tx.objectStore('bodies').get(`+quote(b)+`))]
  return JSON.stringify({a: ra, b: rb})`, &saved)
	if !strings.Contains(saved, `"enc"`) {
		t.Fatalf("the protected bodies are not encrypted: %.200s", saved)
	}
	put := func(record string) {
		t.Helper()
		attack(`const tx = db.transaction('bodies', 'readwrite'); tx.objectStore('bodies').put(`+record+`); await done(tx); return true`, nil)
	}
	const corrupt = "cannot be read"

	// B's ciphertext under A's id.
	put(`Object.assign(JSON.parse(` + quote(saved) + `).b, {id: ` + quote(a) + `})`)
	unlock(t, p, url, pass)
	if text := openDraftText(t, ctx, url, a); !strings.Contains(text, corrupt) {
		t.Errorf("B's ciphertext under A's id: the page says %q, want a damaged record", text)
	}
	if text := openDraftText(t, ctx, url, b); strings.Contains(text, corrupt) {
		t.Errorf("B itself no longer opens: %q", text)
	}

	// A body in clear in place of A's ciphertext.
	put(`{id: ` + quote(a) + `, json: JSON.stringify({kind: 'mla', schemaVersion: 1, reference: 'PLANTED-REF', facts: 'PLANTED-FACTS'})}`)
	unlock(t, p, url, pass)
	if text := openDraftText(t, ctx, url, a); !strings.Contains(text, corrupt) || strings.Contains(text, "PLANTED") {
		t.Errorf("a planted body in clear: the page says %q, want a damaged record", text)
	}

	// A's own ciphertext put back opens.
	put(`JSON.parse(` + quote(saved) + `).a`)
	if text := openDraftText(t, ctx, url, a); strings.Contains(text, corrupt) {
		t.Errorf("A's own ciphertext put back does not open: %q", text)
	}

	// A draft removed outside evidraft: said at the next unlock, once.
	attack(`const tx = db.transaction(['drafts', 'list'], 'readwrite'); tx.objectStore('drafts').delete(`+quote(b)+`); tx.objectStore('list').clear(); await done(tx); return true`, nil)
	unlock(t, p, url, pass)
	var warning string
	run(t, ctx, chromedp.WaitVisible(`.evd-notification-banner`, chromedp.ByQuery), chromedp.Text(`.evd-notification-banner`, &warning, chromedp.ByQuery))
	if !strings.Contains(warning, "changed outside evidraft") || !strings.Contains(warning, "("+b+") was removed") {
		t.Errorf("after a draft was removed outside evidraft, the page says %q", warning)
	}
	unlock(t, p, url, pass)
	var banners int
	eval(t, ctx, `document.querySelectorAll('.evd-notification-banner').length`, &banners)
	if banners != 0 {
		t.Errorf("the removal is reported again at the next unlock")
	}

	// Lock now, with a real click: the key is gone from the page.
	run(t, ctx, visit(url+"/#/"), chromedp.WaitVisible(`[data-lock]`, chromedp.ByQuery))
	p.click(`[data-lock]`)
	run(t, ctx, chromedp.WaitVisible(`#unlock-passphrase`, chromedp.ByQuery))
	var code string
	eval(t, ctx, `evidraft.getDraft(`+quote(a)+`).then(() => 'read', (e) => e.code)`, &code)
	if code != "store.locked" {
		t.Errorf("after Lock now, getDraft = %s, want store.locked", code)
	}

	// The protection record deleted: still locked, nothing in clear.
	attack(`const tx = db.transaction('meta', 'readwrite'); tx.objectStore('meta').delete('protection'); await done(tx); return true`, nil)
	run(t, ctx, chromedp.Reload(), chromedp.WaitVisible(`#unlock-passphrase`, chromedp.ByQuery))
	if h := heading(t, ctx); h != "Unlock your drafts" {
		t.Errorf("with the protection record deleted, the page shows %q, want the unlock page", h)
	}
	eval(t, ctx, `evidraft.newDraft('mla', 'en').then((r) => { r.body.facts = 'DOWNGRADED'; return evidraft.saveDraft(r) }).then(() => 'saved', (e) => e.code)`, &code)
	if code != "store.locked" {
		t.Errorf("with the protection record deleted, saveDraft = %s, want store.locked", code)
	}
	var raw string
	eval(t, ctx, rawBodiesJS, &raw)
	if strings.Contains(raw, "DOWNGRADED") || strings.Contains(raw, `"json"`) {
		t.Errorf("with the protection record deleted, IndexedDB holds text in clear: %.300s", raw)
	}
	p.click(`#unlock-passphrase`)
	p.keys(pass + "\r")
	run(t, ctx, chromedp.WaitVisible(`.evd-error-summary`, chromedp.ByQuery))
	var summary string
	run(t, ctx, chromedp.Text(`.evd-error-summary`, &summary, chromedp.ByQuery))
	if !strings.Contains(summary, "has been removed") {
		t.Errorf("unlocking without the protection record: %q", summary)
	}
}

// TestProtectBeforeFirstDraft: in a fresh browser the new-request page
// offers protection before anything is written; taken, with real clicks
// and keys, it leads back to the new-request page, and the first draft
// is never in clear in IndexedDB. Once protected, the export page
// encrypts with the drafts' own key by default, and the file opens with
// their passphrase; a draft can be given a name in the list that is not
// its reference.
func TestProtectBeforeFirstDraft(t *testing.T) {
	t.Parallel()
	ctx, url := onSite(t)
	p := person{t, ctx}
	run(t, ctx, visit(url+"/#/new"), chromedp.WaitVisible(`[data-protect-offer]`, chromedp.ByQuery))
	var offer string
	eval(t, ctx, `document.querySelector('[data-protect-offer]').getAttribute('data-protect-offer')`, &offer)
	if offer != "hosted" {
		t.Errorf("offer = %q, want hosted", offer)
	}
	p.click(`[data-protect-offer] a`)
	run(t, ctx, chromedp.WaitVisible(`#protect-passphrase`, chromedp.ByQuery))
	var clear string
	eval(t, ctx, `document.querySelector('[data-protect-clear]').textContent + ' ' + document.querySelector('[data-protect-before]').textContent`, &clear)
	if !strings.Contains(clear, "each draft’s name") || !strings.Contains(clear, "No web page can force that") {
		t.Errorf("the protect page does not say what stays in clear and what no page can force: %q", clear)
	}
	const pass = "nine quiet herons"
	p.click(`#protect-passphrase`)
	p.keys(pass)
	p.click(`#protect-confirm`)
	p.keys(pass)
	p.click(`form.evd-protect button`)
	run(t, ctx, chromedp.WaitVisible(`form.evd-new`, chromedp.ByQuery))
	var offered bool
	eval(t, ctx, `!!document.querySelector('[data-protect-offer]')`, &offered)
	if offered {
		t.Error("the offer is still shown once the drafts are protected")
	}
	p.click(`form.evd-new button[type=submit]`)
	run(t, ctx, chromedp.WaitVisible(`form.evd-draft-name`, chromedp.ByQuery))
	var raw string
	eval(t, ctx, rawBodiesJS, &raw)
	if strings.Contains(raw, `"json"`) || !strings.Contains(raw, `"enc"`) {
		t.Errorf("the first draft was stored in clear: %.300s", raw)
	}

	// A name in the list that is not the reference.
	var hint string
	eval(t, ctx, `document.querySelector('#draft-name-hint').textContent`, &hint)
	if !strings.Contains(hint, "readable without the passphrase") {
		t.Errorf("name hint = %q", hint)
	}
	p.click(`#draft-name`)
	p.keys("Blue folder")
	p.click(`form.evd-draft-name button`)
	// (The banner of the protection may still be there: wait for this one.)
	run(t, ctx, chromedp.WaitVisible(`//*[contains(@class, "evd-notification-banner--success")][contains(., "is listed as")]`, chromedp.BySearch))
	var titles []string
	eval(t, ctx, `evidraft.listDrafts({}).then((l) => l.map((d) => d.title))`, &titles)
	if len(titles) != 1 || titles[0] != "Blue folder" {
		t.Errorf("titles = %q, want [Blue folder]", titles)
	}
	// The name survives an autosave after the reference changes.
	var id string
	eval(t, ctx, `evidraft.listDrafts({}).then((l) => l[0].id)`, &id)
	run(t, ctx, visit(url+"/#/draft/"+id+"/details"), chromedp.WaitVisible(`#f_2freference`, chromedp.ByQuery))
	p.click(`#f_2freference`)
	p.keys("REF-SECRET-1")
	var status string
	run(t, ctx, chromedp.Poll(`(($s) => /^(Saved|Not saved)/.test($s.textContent) && $s.textContent)(document.querySelector('[data-saved]'))`, &status))
	if status != "Saved" {
		t.Fatalf("after typing a reference: %q", status)
	}
	eval(t, ctx, `evidraft.listDrafts({}).then((l) => l.map((d) => d.title))`, &titles)
	if len(titles) != 1 || titles[0] != "Blue folder" {
		t.Errorf("after typing a reference, titles = %q, want [Blue folder]", titles)
	}

	// Export: encrypted with the drafts' key by default.
	run(t, ctx, visit(url+"/#/export"), chromedp.WaitVisible(`form.evd-export`, chromedp.ByQuery))
	var checked bool
	eval(t, ctx, `document.querySelector('#export-key-drafts').checked`, &checked)
	if !checked {
		t.Error("the export page does not default to the drafts' passphrase")
	}
	var file string
	eval(t, ctx, `evidraft.exportDrafts([], { key: 'drafts' })`, &file)
	if _, err := export.Unmarshal([]byte(file), ""); err == nil {
		t.Error("the export with the drafts' key opens without a passphrase")
	}
	c, err := export.Unmarshal([]byte(file), pass)
	if err != nil || len(c.Records) != 1 || c.Records[0].Title != "Blue folder" {
		t.Errorf("the export with the drafts' key does not open with their passphrase: %v", err)
	}
}

// TestProtectOfferOnFile: opened from a file, the offer says plainly why.
func TestProtectOfferOnFile(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	server(t) // builds
	ctx := browser(t, exe)
	run(t, ctx, chromedp.Navigate("file://"+builtDir+"/evidraft.html#/new"), chromedp.WaitVisible(`[data-protect-offer]`, chromedp.ByQuery))
	var offer struct{ Kind, Text string }
	eval(t, ctx, `(($o) => ({Kind: $o.getAttribute('data-protect-offer'), Text: $o.textContent}))(document.querySelector('[data-protect-offer]'))`, &offer)
	if offer.Kind != "local" || !strings.Contains(offer.Text, "every HTML file opened from disk") {
		t.Errorf("offer on file:// = %+v", offer)
	}
}

// TestMalformedAddress: a lone % in the address shows a page, not a blank.
func TestMalformedAddress(t *testing.T) {
	t.Parallel()
	ctx, url := onSite(t)
	run(t, ctx, visit(url+"/#/draft/%E0%A4%A/case"), chromedp.WaitVisible(`main h1`, chromedp.ByQuery))
	var text string
	eval(t, ctx, `document.querySelector('main').innerText`, &text)
	if !strings.Contains(text, "Back to your requests") {
		t.Errorf("a malformed address shows %q", text)
	}
}

const hostile = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">\u202eevil\u202c \u200b\u200d\ufeff\u2066x\u2069 </textarea><svg onload=\"window.__pwned = 3\">"

// TestHostileText: hostile answers, a 10,000-item list and a 5 MB paste
// are saved intact, and the task list, the section pages, check answers
// and the printed request show them as text: no script runs, no element
// is made of them.
func TestHostileText(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	// Each part in a browser context of its own, side by side.
	t.Run("answers and a long list", func(t *testing.T) {
		t.Parallel()
		url, ctx := server(t), chrometest.New(t, exe, 8*time.Minute)
		openHome(t, ctx, url)
		// Hostile answers and a list of 10,000 languages.
		a, authority := newDraftAt(t, ctx, "mla", "/requestingAuthority", func(d map[string]any) {
			d["reference"] = hostile
			d["facts"] = hostile
			d["persons"].([]any)[0].(map[string]any)["name"] = hostile
			langs := make([]any, 10000)
			for i := range langs {
				langs[i] = "en"
			}
			langs[0] = hostile
			d["requestingAuthority"].(map[string]any)["contact"].(map[string]any)["languages"] = langs
		})
		section := sectionOf(t, ctx, a, "/facts")
		shownAsText(t, ctx, url, []string{a, a + "/" + authority, a + "/" + section, a + "/check", a + "/print"}, "")
		// The home page's list of drafts, titled by the hostile reference.
		run(t, ctx, visit(url+"/#/"), chromedp.WaitVisible(`main table bdi`, chromedp.ByQuery))
		overridesRevealed(t, ctx, "home")
		var intact struct {
			Ref, Name, First bool
			Langs            int
		}
		eval(t, ctx, `(async () => {
  const a = (await evidraft.getDraft(`+quote(a)+`)).body
  const l = a.requestingAuthority.contact.languages
  return {Ref: a.reference === `+quote(hostile)+`, Name: a.persons[0].name === `+quote(hostile)+`,
    First: l[0] === `+quote(hostile)+`, Langs: l.length}
})()`, &intact)
		if !intact.Ref || !intact.Name || !intact.First || intact.Langs != 10000 {
			t.Errorf("saved draft not intact: %+v", intact)
		}
	})
	t.Run("5 MB paste", func(t *testing.T) {
		t.Parallel()
		url, ctx := server(t), chrometest.New(t, exe, 8*time.Minute)
		openHome(t, ctx, url)
		// A 5 MB paste into a textarea with the mouse and Control+V, over
		// its whole answer (Control+A): it goes into the answer, shown by
		// its start, not into the textarea (which froze the page for 11 s).
		b, section := newDraftAt(t, ctx, "mla", "/facts", nil)
		run(t, ctx, visit(url+"/#/draft/"+b+"/"+section), chromedp.WaitVisible(`textarea[data-pointer="/facts"]`, chromedp.ByQuery))
		const pasteJS = `(() => { const unit = ` + "`" + hostile + "`" + ` + ' текст نص 文本\n'; let s = ''; while (s.length < 5e6) s += unit; return s })()`
		p := person{t, ctx}
		p.click(`textarea[data-pointer="/facts"]`)
		p.ctrl("a")
		start := time.Now()
		p.paste(pasteJS)
		run(t, ctx, chromedp.Poll(`document.querySelector('[data-saved]').textContent === 'Saved'`, nil, chromedp.WithPollingTimeout(2*time.Minute)))
		p.settle()
		t.Logf("5 MB paste saved in %v", time.Since(start).Round(time.Millisecond))
		var after struct{ Textarea, Long bool }
		eval(t, ctx, `({Textarea: !!document.querySelector('textarea[data-pointer="/facts"]'), Long: !!document.querySelector('[data-long-answer="/facts"]')})`, &after)
		if f := p.focused(); after.Textarea || !after.Long || f.ID != "f_2ffacts" || f.Tag != "BUTTON" {
			t.Errorf("after the paste: a textarea %v, the long answer shown %v, focus on %s #%s; want no textarea, the long answer, focus on its button", after.Textarea, after.Long, f.Tag, f.ID)
		}
		shownAsText(t, ctx, url, []string{b + "/" + section, b + "/check", b + "/print"}, b+"/"+section)
		// Saved intact: every character.
		var intact bool
		eval(t, ctx, `evidraft.getDraft(`+quote(b)+`).then((r) => r.body.facts === `+pasteJS+`)`, &intact)
		if !intact {
			t.Error("the 5 MB paste was not saved intact")
		}
	})
}

// overridesRevealed fails the test unless the page shows the hostile
// text's right-to-left override as its code point, ⟨U+202E⟩, and no bidi
// embedding or override is left in what it shows outside form fields
// (which keep the answer as it is): "evil" after U+202E would read "live".
func overridesRevealed(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	var got struct{ Left, Revealed bool }
	eval(t, ctx, `(() => {
  const $m = document.querySelector('main').cloneNode(true)
  for (const $c of $m.querySelectorAll('textarea, input, select')) $c.remove()
  return {Left: /[\u202a-\u202e]/.test($m.textContent), Revealed: $m.textContent.includes('⟨U+202E⟩')}
})()`, &got)
	if got.Left || !got.Revealed {
		t.Errorf("page %q: a bidi override left in the text %v, shown as ⟨U+202E⟩ %v", page, got.Left, got.Revealed)
	}
}

// shownAsText opens each page of pages (draft id/page), the first in a
// new document, the others as a person goes from page to page (each is
// drawn from the store again), and fails the test if a script of the
// hostile answers ran (caught there or on a later page), an element was
// made of them, or they are not shown as text. On the page long, the 5
// MB answer must be shown by its start, not in a textarea.
func shownAsText(t *testing.T, ctx context.Context, url string, pages []string, long string) {
	t.Helper()
	previous := ""
	for i, p := range pages {
		start := time.Now()
		if i == 0 {
			run(t, ctx, visit(url+"/#/draft/"+p), chromedp.Reload())
		} else {
			run(t, ctx, visit(url+"/#/draft/"+p))
		}
		run(t, ctx, chromedp.Poll(`document.querySelector('main h1') && document.querySelector('main h1').textContent !== `+quote(previous)+` && evidraft.listDrafts`, nil, chromedp.WithPollingTimeout(2*time.Minute)))
		if err := settle(ctx); err != nil {
			t.Fatal(err)
		}
		var got struct {
			Pwned   any
			Made    int
			Text    bool
			Heading string
		}
		eval(t, ctx, `({Pwned: window.__pwned === undefined ? null : window.__pwned,
		  Made: document.querySelectorAll('main img, main svg, main script, [onerror], [onload]').length,
		  Text: document.querySelector('main').textContent.includes('<script>window.__pwned = 1</script>') || Array.from(document.querySelectorAll('main textarea, main input')).some((i) => i.value.includes('<script>window.__pwned = 1</script>')),
		  Heading: document.querySelector('main h1').textContent})`, &got)
		previous = got.Heading
		if got.Pwned != nil || got.Made != 0 || !got.Text {
			t.Errorf("page %q (%s): pwned %v, %d elements made of answers, text shown %v", p, got.Heading, got.Pwned, got.Made, got.Text)
		}
		overridesRevealed(t, ctx, p)
		t.Logf("%s (%s) drawn in %v", p, got.Heading, time.Since(start).Round(time.Millisecond))
		if p == long {
			// The 5 MB answer is shown by its start (TestLongAnswer): a
			// textarea of it took Chromium 29 s to lay out.
			var shown bool
			eval(t, ctx, `!!document.querySelector('[data-long-answer="/facts"]') && !document.querySelector('textarea[data-pointer="/facts"]')`, &shown)
			if !shown {
				t.Errorf("the section holding the 5 MB answer shows it in a textarea")
			}
		}
	}
}

// pokeJS posts listDrafts to a window every 250 ms for ms milliseconds and
// resolves true as soon as this page gets an answer.
const pokeJS = `(win, origin, ms) => new Promise((resolve) => {
  const id = 'poke-' + Math.random()
  const heard = (e) => { if (e.data && e.data.id === id) { done(true) } }
  const timer = setInterval(() => { try { win.postMessage({ evidraft: 1, id, type: 'listDrafts' }, origin) } catch (e) {} }, 250)
  const done = (v) => { clearInterval(timer); removeEventListener('message', heard); resolve(v) }
  addEventListener('message', heard)
  setTimeout(() => done(false), ms)
})`

// TestPopupOpener: only the window that frames the site commands it. A
// page of an allowed origin that opens the site with window.open, or that
// posts to it from another window than its parent, gets no answer; the
// parent does. This holds behind the site's own server, which also cuts
// the opener off (Cross-Origin-Opener-Policy), and behind a plain static
// server, where the page alone must refuse.
func TestPopupOpener(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	server(t)
	allowed := opener(t)
	dir := copySite(t)
	index := filepath.Join(dir, "index.html")
	b, _ := os.ReadFile(index)
	b = []byte(strings.Replace(string(b), `<html lang="en" dir="ltr">`, `<html lang="en" dir="ltr" data-allowed-origins="`+allowed.URL+`">`, 1))
	os.WriteFile(index, b, 0o644)
	os.WriteFile(filepath.Join(dir, "csp.txt"), []byte(CSPFor([]string{allowed.URL})), 0o644)
	hosted := httptest.NewServer(Handler(dir))
	t.Cleanup(hosted.Close)
	plain := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(plain.Close)

	res, err := http.Get(hosted.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if got := res.Header.Get("Cross-Origin-Opener-Policy"); got != "same-origin" {
		t.Errorf("Handler: Cross-Origin-Opener-Policy = %q, want same-origin", got)
	}
	if h, _ := os.ReadFile(filepath.Join(dir, "_headers")); !strings.Contains(string(h), "\n  Cross-Origin-Opener-Policy: same-origin\n") {
		t.Errorf("_headers lacks Cross-Origin-Opener-Policy: same-origin:\n%s", h)
	}

	for _, site := range []struct{ name, url string }{{"hosted", hosted.URL}, {"plain", plain.URL}} {
		t.Run(site.name, func(t *testing.T) {
			ctx := browser(t, exe)
			run(t, ctx, chromedp.Navigate(allowed.URL+"/top.html?site="+url.QueryEscape(site.url)))
			// The parent (iframe.html, framed by top.html) is answered.
			var ok bool
			eval(t, ctx, `frames[0].evidraftPortal.ready.then(() => frames[0].evidraftPortal.send('listDrafts')).then(r => !!(r && r.ok))`, &ok)
			if !ok {
				t.Fatal("the parent frame got no answer to listDrafts")
			}
			// top.html, of the same allowed origin but not the parent.
			eval(t, ctx, `(`+pokeJS+`)(frames[0].frames[0], `+quote(site.url)+`, 3000)`, &ok)
			if ok {
				t.Error("a window of an allowed origin that is not the parent got an answer")
			}
			// A popup: top.html opens the site and posts to it.
			eval(t, ctx, `(() => { window.__popup = window.open(`+quote(site.url+"/")+`); return (`+pokeJS+`)(window.__popup, `+quote(site.url)+`, 8000) })()`, &ok)
			if ok {
				t.Error("the opener of a popup got an answer")
			}
			eval(t, ctx, `window.__popup && window.__popup.close(), true`, nil)
		})
	}
}

package site

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/evidraft/evidraft/schemas/export"
)

// storeDump is every live draft with its kept versions, as the page's API
// returns them: what "the store is unchanged" and "identical drafts" compare.
const storeDumpJS = `(async () => {
  const out = []
  for (const m of await evidraft.listDrafts({})) {
    const r = await evidraft.getDraft(m.id)
    const revs = await evidraft.revisions(m.id)
    out.push({ id: r.id, kind: r.kind, title: r.title, status: r.status, lang: r.lang, created: r.created, updated: r.updated,
      revision: r.revision, body: r.body, revisions: revs.map((v) => ({ revision: v.revision, title: v.title, body: v.body })) })
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : 1))
})()`

func storeDump(t *testing.T, ctx context.Context) []map[string]any {
	t.Helper()
	var d []map[string]any
	eval(t, ctx, storeDumpJS, &d)
	return d
}

// seedDrafts stores two drafts, one with three revisions and hostile text.
func seedDrafts(t *testing.T, ctx context.Context) {
	t.Helper()
	mla, _ := json.Marshal(example(t, "mla"))
	pres, _ := json.Marshal(example(t, "preservation"))
	eval(t, ctx, `(async () => {
  let r = await evidraft.newDraft('mla', 'en'); r.body = `+string(mla)+`
  r = await evidraft.saveDraft(r)
  r.body.facts = 'second <script>window.__pwned = 1</script> \u202e'; r = await evidraft.saveDraft(r)
  r.body.facts = 'third'; r.status = 'final'; r = await evidraft.saveDraft(r)
  let p = await evidraft.newDraft('preservation', 'fr'); p.body = `+string(pres)+`
  await evidraft.saveDraft(p)
  return true
})()`, nil)
}

// openHome opens the home page and waits for the engine.
func openHome(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	run(t, ctx, chromedp.Navigate(url+"/"), chromedp.WaitVisible(`h1`, chromedp.ByQuery))
	eval(t, ctx, `evidraft.ready.then(() => true)`, nil)
}

// seeded starts Chromium on the site with the two seeded drafts and
// returns what the store holds.
func seeded(t *testing.T) (exe, url string, ctx context.Context, before []map[string]any) {
	t.Helper()
	exe = chromium(t)
	url = server(t)
	ctx = browser(t, exe)
	openHome(t, ctx, url)
	seedDrafts(t, ctx)
	return exe, url, ctx, storeDump(t, ctx)
}

// waitFile waits for a download to finish in dir and returns its path.
func waitFile(t *testing.T, dir string) string {
	t.Helper()
	for range 100 {
		m, _ := filepath.Glob(filepath.Join(dir, "*.evidraft.json"))
		if len(m) == 1 {
			if b, err := os.ReadFile(m[0]); err == nil && json.Valid(b) {
				return m[0]
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("no export file was downloaded")
	return ""
}

// TestExportImport: the export page writes an encrypted file (after
// refusing a short passphrase); Go's standard library opens it (the CLI's
// code); the import page of a fresh browser reads it back, asks for the
// passphrase, refuses a wrong one, shows the preview, and imports drafts
// identical to the originals. Then a file sealed by Go is imported by the
// browser's WebCrypto.
func TestExportImport(t *testing.T) {
	t.Parallel()
	exe, url, ctx, before := seeded(t)
	if len(before) != 2 || len(before[0]["revisions"].([]any))+len(before[1]["revisions"].([]any)) != 4 {
		t.Fatalf("seeded store: %v", before)
	}
	// The home page says nothing was exported yet.
	run(t, ctx, chromedp.Reload(), chromedp.WaitVisible(`[data-export-reminder]`, chromedp.ByQuery))
	var reminder string
	run(t, ctx, chromedp.Text(`[data-export-reminder] p`, &reminder, chromedp.ByQuery))
	if !strings.Contains(reminder, ": 2.") {
		t.Errorf("reminder %q, want 2 drafts not exported", reminder)
	}

	dir := t.TempDir()
	// Downloads of this test's browser context only: others run beside it.
	run(t, ctx, cdpbrowser.SetDownloadBehavior(cdpbrowser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(dir).
		WithBrowserContextID(chromedp.FromContext(ctx).BrowserContextID))
	const pass = "correct horse battery staple"
	run(t, ctx, chromedp.Click(`[data-export-reminder] a`, chromedp.ByQuery),
		chromedp.WaitVisible(`#export-protect`, chromedp.ByQuery),
		chromedp.Click(`#export-protect`, chromedp.ByQuery),
		chromedp.SendKeys(`#export-passphrase`, "short", chromedp.ByQuery),
		chromedp.Click(`form.evd-export button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.evd-error-summary`, chromedp.ByQuery))
	var summary string
	run(t, ctx, chromedp.Text(`.evd-error-summary`, &summary, chromedp.ByQuery))
	if !strings.Contains(summary, "at least 10 characters") {
		t.Errorf("short passphrase: %q", summary)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*")); len(m) != 0 {
		t.Fatalf("a file was written despite the error: %v", m)
	}
	run(t, ctx, chromedp.SetValue(`#export-passphrase`, pass, chromedp.ByQuery),
		chromedp.SetValue(`#export-confirm`, pass, chromedp.ByQuery),
		chromedp.Click(`form.evd-export button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.evd-notification-banner--success`, chromedp.ByQuery))
	file := waitFile(t, dir)
	data, _ := os.ReadFile(file)
	if strings.Contains(string(data), "VKSTC") {
		t.Fatal("the encrypted file shows its content")
	}
	// Browser -> Go: the standard library reads WebCrypto's file.
	c, err := export.Unmarshal(data, pass)
	if err != nil {
		t.Fatalf("Go cannot open the browser's file: %v", err)
	}
	if len(c.Records) != 2 {
		t.Fatalf("file holds %d drafts", len(c.Records))
	}
	if _, err := export.Unmarshal(data, "wrong passphrase"); err == nil || !strings.Contains(err.Error(), "wrongPassphrase") {
		t.Errorf("wrong passphrase in Go: %v", err)
	}
	// After the export, the reminder is gone.
	run(t, ctx, visit(url+"/#/"), chromedp.WaitVisible(`[data-storage-panel]`, chromedp.ByQuery))
	var reminders int
	eval(t, ctx, `document.querySelectorAll('[data-export-reminder]').length`, &reminders)
	if reminders != 0 {
		t.Error("the reminder is still shown after exporting every draft")
	}

	// A fresh browser (empty database) imports the file through the page.
	ctx2 := browser(t, exe)
	run(t, ctx2, visit(url+"/#/import"), chromedp.WaitVisible(`#import-file`, chromedp.ByQuery),
		chromedp.SetUploadFiles(`#import-file`, []string{file}, chromedp.ByQuery),
		chromedp.WaitVisible(`#import-passphrase`, chromedp.ByQuery),
		chromedp.SendKeys(`#import-passphrase`, "not the passphrase\r", chromedp.ByQuery),
		chromedp.WaitVisible(`.evd-error-summary`, chromedp.ByQuery))
	run(t, ctx2, chromedp.Text(`.evd-error-summary`, &summary, chromedp.ByQuery))
	if !strings.Contains(summary, "not the one this file was protected with") {
		t.Errorf("wrong passphrase: %q", summary)
	}
	run(t, ctx2, chromedp.SetValue(`#import-passphrase`, pass, chromedp.ByQuery),
		chromedp.Click(`form.evd-import-passphrase button`, chromedp.ByQuery),
		chromedp.WaitVisible(`form.evd-import table`, chromedp.ByQuery))
	var preview struct {
		Summary, Integrity string
		Rows               []string
	}
	eval(t, ctx2, `({Summary: document.querySelector('[data-import-summary]').textContent,
	  Integrity: document.querySelector('[data-import-integrity]').textContent,
	  Rows: Array.from(document.querySelectorAll('form.evd-import tbody tr'), (tr) => tr.innerText.replace(/\s+/g, ' '))})`, &preview)
	if !strings.Contains(preview.Summary, "Drafts in the file: 2") || len(preview.Rows) != 2 || !strings.Contains(preview.Rows[0], "Not on this computer") ||
		preview.Integrity != "Opened with the passphrase: the file has not been changed since it was encrypted with that passphrase (AES-GCM)." {
		t.Errorf("preview = %+v", preview)
	}
	var n int
	eval(t, ctx2, `evidraft.listDrafts({}).then((l) => l.length)`, &n)
	if n != 0 {
		t.Fatalf("the preview wrote %d drafts", n)
	}
	run(t, ctx2, chromedp.Click(`form.evd-import button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.evd-notification-banner--success`, chromedp.ByQuery))
	waitRows(t, ctx2, 2)
	if after := storeDump(t, ctx2); !reflect.DeepEqual(after, before) {
		a, _ := json.Marshal(after)
		b, _ := json.Marshal(before)
		t.Errorf("imported drafts differ from the exported ones:\n got %.600s\nwant %.600s", a, b)
	}

	// Go -> browser: a file sealed with the standard library.
	c.Records[0].ID = "from-go"
	c.Records[0].Title = "Sealed by Go"
	plain, _ := export.Marshal(*c)
	sealed, err := export.Seal(plain, pass)
	if err != nil {
		t.Fatal(err)
	}
	var res map[string]any
	eval(t, ctx2, `evidraft.importDrafts(`+quote(string(sealed))+`, {passphrase: `+quote(pass)+`, policy: 'skip'})`, &res)
	if res["added"] != 1.0 || res["skipped"] != 1.0 {
		t.Errorf("Go's file imported as %v", res)
	}
	var title string
	eval(t, ctx2, `evidraft.getDraft('from-go').then((r) => r.title)`, &title)
	if title != "Sealed by Go" {
		t.Errorf("draft from Go's file: %q", title)
	}
}

// TestBadFiles: every kind of bad file is refused with its own message in
// the user's language (French here), and the store is exactly as before.
func TestBadFiles(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	url := server(t)
	ctx := browser(t, exe)
	openHome(t, ctx, url)
	seedDrafts(t, ctx)
	eval(t, ctx, `localStorage.setItem('evidraft.lang', 'fr'); evidraft.setLanguage('fr')`, nil)
	before := storeDump(t, ctx)

	var good string
	eval(t, ctx, `evidraft.exportDrafts([])`, &good)
	var sealed string
	eval(t, ctx, `evidraft.exportDrafts([], {passphrase: 'the right passphrase'})`, &sealed)
	tampered := strings.Replace(good, "VKSTC", "VKSTD", 1)
	future := strings.Replace(good, `"formatVersion": 1`, `"formatVersion": 2`, 1)
	// A draft whose body cannot be read (a key twice) with a sound checksum.
	dup, _ := export.Marshal(export.Content{App: "test", Records: []export.Record{{ID: "dup", Kind: "mla", SchemaVersion: 1, Title: "Doubled",
		Body: json.RawMessage(`{"kind":"mla","schemaVersion":1,"facts":"a","facts":"b"}`)}}})
	cases := []struct{ name, js, code, fr string }{
		{"tampered", quote(tampered), "export.badHash", "a été modifié ou endommagé"},
		{"truncated", quote(good[:len(good)/2]), "export.truncated", "incomplet"},
		{"foreign", quote(`{"type": "FeatureCollection", "features": []}`), "export.notEvidraft", "n’est pas un fichier d’exportation"},
		{"future version", quote(future), "export.futureVersion", "plus récente"},
		{"invalid UTF-8", `new Uint8Array([123, 34, 102, 111, 114, 109, 97, 116, 34, 58, 34, 255, 34, 125])`, "export.utf8", "UTF-8"},
		{"migration", quote(string(dup)), "export.migration", "« Doubled »"},
		{"wrong passphrase", quote(sealed), "export.wrongPassphrase", "phrase secrète"},
	}
	for _, tc := range cases {
		for _, fn := range []string{"importPreview", "importDrafts"} {
			var got struct{ Code, Message string }
			opts := `{passphrase: 'not it', policy: 'replaceIfNewer'}`
			eval(t, ctx, `evidraft.`+fn+`(`+tc.js+`, `+opts+`).then(() => ({Code: 'resolved'}), (e) => ({Code: e.code, Message: e.message}))`, &got)
			if got.Code != tc.code || !strings.Contains(got.Message, tc.fr) {
				t.Errorf("%s, %s: %s %q; want %s in French (%q)", tc.name, fn, got.Code, got.Message, tc.code, tc.fr)
			}
		}
	}
	if after := storeDump(t, ctx); !reflect.DeepEqual(after, before) {
		t.Errorf("a refused file changed the store")
	}

	// The page shows the same refusal in an error summary that leads to
	// the file field.
	tmp := filepath.Join(t.TempDir(), "tampered.evidraft.json")
	os.WriteFile(tmp, []byte(tampered), 0o600)
	run(t, ctx, visit(url+"/#/import"), chromedp.Reload(), chromedp.WaitVisible(`#import-file`, chromedp.ByQuery),
		chromedp.SetUploadFiles(`#import-file`, []string{tmp}, chromedp.ByQuery),
		chromedp.WaitVisible(`.evd-error-summary`, chromedp.ByQuery))
	var page struct{ Summary, Field, Lang string }
	eval(t, ctx, `({Summary: document.querySelector('.evd-error-summary').textContent, Field: document.querySelector('#import-file-error').textContent, Lang: document.documentElement.lang})`, &page)
	if !strings.Contains(page.Summary, "a été modifié ou endommagé") || page.Field == "" || page.Lang != "fr" {
		t.Errorf("import page on a tampered file: %+v", page)
	}
	if after := storeDump(t, ctx); !reflect.DeepEqual(after, before) {
		t.Errorf("the import page changed the store on a refused file")
	}
}

// TestNewerDraftReadOnly: a draft written in a newer format is imported as
// it is, opens read-only with an explanation, and cannot be saved over.
func TestNewerDraftReadOnly(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	url := server(t)
	ctx := browser(t, exe)
	openHome(t, ctx, url)
	body := `{"kind":"mla","schemaVersion":7,"reference":"FUTURE-1","newField":{"a":[1,2]}}`
	file, _ := export.Marshal(export.Content{App: "9.0", Records: []export.Record{{ID: "future", Kind: "mla", SchemaVersion: 7, Title: "From the future",
		Status: "draft", Updated: "2030-01-01T00:00:00.000Z", Revision: 3, Body: json.RawMessage(body)}}})
	var p struct {
		Drafts []struct{ ReadOnly bool }
	}
	eval(t, ctx, `evidraft.importPreview(`+quote(string(file))+`)`, &p)
	if len(p.Drafts) != 1 || !p.Drafts[0].ReadOnly {
		t.Errorf("preview of a newer draft: %+v", p)
	}
	eval(t, ctx, `evidraft.importDrafts(`+quote(string(file))+`)`, nil)
	run(t, ctx, visit(url+"/#/draft/future"), chromedp.WaitVisible(`pre.evd-raw`, chromedp.ByQuery))
	if h := heading(t, ctx); h != "Written by a newer version" {
		t.Errorf("heading %q", h)
	}
	var raw string
	run(t, ctx, chromedp.Text(`pre.evd-raw`, &raw, chromedp.ByQuery))
	if !strings.Contains(raw, "newField") {
		t.Errorf("the newer draft's answers are not shown: %q", raw)
	}
	var code string
	eval(t, ctx, `evidraft.getDraft('future').then((r) => evidraft.saveDraft(r)).then(() => 'saved', (e) => e.code)`, &code)
	if code != "error.version.newer" {
		t.Errorf("saving a newer draft: %s", code)
	}
	var stored string
	eval(t, ctx, `evidraft.getDraft('future').then((r) => JSON.stringify(r.body))`, &stored)
	var a, b any
	json.Unmarshal([]byte(stored), &a)
	json.Unmarshal([]byte(body), &b)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("the newer draft changed: %s", stored)
	}
}

// rawBodiesJS is what IndexedDB holds in bodies and revisions, read with
// the browser's own API, as anyone with the profile could.
const rawBodiesJS = `new Promise((resolve, reject) => {
  const open = indexedDB.open('evidraft')
  open.onsuccess = () => {
    const tx = open.result.transaction(['bodies', 'revisions'])
    const a = tx.objectStore('bodies').getAll()
    const b = tx.objectStore('revisions').getAll()
    tx.oncomplete = () => { resolve(JSON.stringify([a.result, b.result])); open.result.close() }
    tx.onerror = () => reject(tx.error)
  }
  open.onerror = () => reject(open.error)
})`

// TestProtectDrafts: the drafts on the computer are encrypted with a
// passphrase; IndexedDB then holds no answer in clear; the next session
// asks for the passphrase, refuses a wrong one, and with the right one
// opens, edits (still encrypted) and exports the drafts.
func TestProtectDrafts(t *testing.T) {
	t.Parallel()
	_, url, ctx, before := seeded(t)
	var raw string
	eval(t, ctx, rawBodiesJS, &raw)
	if !strings.Contains(raw, "Ly Thuong Kiet") {
		t.Fatal("the seeded drafts are not where the test looks")
	}
	const pass = "seven tired owls at dawn"
	run(t, ctx, chromedp.Reload(), chromedp.WaitVisible(`a[href="#/protect"]`, chromedp.ByQuery),
		chromedp.Click(`a[href="#/protect"]`, chromedp.ByQuery), chromedp.WaitVisible(`#protect-passphrase`, chromedp.ByQuery),
		chromedp.SendKeys(`#protect-passphrase`, pass, chromedp.ByQuery), chromedp.SendKeys(`#protect-confirm`, pass+"!", chromedp.ByQuery),
		chromedp.Click(`form.evd-protect button`, chromedp.ByQuery), chromedp.WaitVisible(`#protect-confirm-error`, chromedp.ByQuery))
	run(t, ctx, chromedp.SetValue(`#protect-confirm`, pass, chromedp.ByQuery), chromedp.Click(`form.evd-protect button`, chromedp.ByQuery),
		chromedp.WaitVisible(`.evd-notification-banner--success`, chromedp.ByQuery))
	eval(t, ctx, rawBodiesJS, &raw)
	// Titles stay readable (the list needs them); answers do not.
	if strings.Contains(raw, "Ly Thuong Kiet") || strings.Contains(raw, "window.__pwned") || !strings.Contains(raw, `"enc"`) {
		t.Fatalf("after protecting, IndexedDB holds answers in clear: %.300s", raw)
	}
	if after := storeDump(t, ctx); !reflect.DeepEqual(after, before) {
		t.Error("protecting changed what the drafts say")
	}

	// Next session: locked until the right passphrase.
	run(t, ctx, chromedp.Reload(), chromedp.WaitVisible(`#unlock-passphrase`, chromedp.ByQuery))
	if h := heading(t, ctx); h != "Unlock your drafts" {
		t.Errorf("heading %q", h)
	}
	var code string
	eval(t, ctx, `evidraft.getDraft(`+quote(before[0]["id"].(string))+`).then(() => 'read', (e) => e.code)`, &code)
	if code != "store.locked" {
		t.Errorf("getDraft while locked: %s", code)
	}
	run(t, ctx, chromedp.SendKeys(`#unlock-passphrase`, "owls at dawn\r", chromedp.ByQuery), chromedp.WaitVisible(`.evd-error-summary`, chromedp.ByQuery))
	var summary string
	run(t, ctx, chromedp.Text(`.evd-error-summary`, &summary, chromedp.ByQuery))
	if !strings.Contains(summary, "not the passphrase") {
		t.Errorf("wrong passphrase: %q", summary)
	}
	run(t, ctx, chromedp.SetValue(`#unlock-passphrase`, pass, chromedp.ByQuery), chromedp.Click(`form.evd-unlock button`, chromedp.ByQuery),
		chromedp.WaitVisible(`//h1[text()="Your requests"]`, chromedp.BySearch))
	if after := storeDump(t, ctx); !reflect.DeepEqual(after, before) {
		t.Error("after unlocking, the drafts differ")
	}
	// Edit through the page: saved, and still encrypted.
	id := before[0]["id"].(string)
	if before[0]["status"] == "final" {
		id = before[1]["id"].(string)
	}
	// (An answer, not the reference: the reference is the draft's title,
	// which stays readable for the list.)
	run(t, ctx, visit(url+"/#/draft/"+id+"/case"), chromedp.WaitVisible(`#f_2ffacts`, chromedp.ByQuery))
	eval(t, ctx, `(() => { const $i = document.querySelector('#f_2ffacts'); $i.value = 'OWL-FACTS-77'; $i.dispatchEvent(new Event('input', { bubbles: true })); return true })()`, nil)
	run(t, ctx, chromedp.Poll(`document.querySelector('[data-saved]').textContent === 'Saved'`, nil))
	var facts string
	eval(t, ctx, `evidraft.getDraft(`+quote(id)+`).then((r) => r.body.facts)`, &facts)
	eval(t, ctx, rawBodiesJS, &raw)
	if facts != "OWL-FACTS-77" || strings.Contains(raw, "OWL-FACTS") {
		t.Errorf("edit while protected: facts %q, in clear in IndexedDB: %v", facts, strings.Contains(raw, "OWL-FACTS"))
	}
	var pending string
	eval(t, ctx, `JSON.stringify(sessionStorage)`, &pending)
	if strings.Contains(pending, "OWL-FACTS") {
		t.Errorf("edit while protected: the answer is in clear in sessionStorage")
	}
	var file string
	eval(t, ctx, `evidraft.exportDrafts([])`, &file)
	if c, err := export.Unmarshal([]byte(file), ""); err != nil || len(c.Records) != 2 {
		t.Errorf("export of protected drafts: %v", err)
	}
}

// TestImportKeepsBothByDefault: a plain file whose draft is newer than the
// one stored (anyone can edit a plain export and recompute its checksum)
// is previewed with "Keep both" preselected and a plain word on what the
// checksum proves; importing as offered keeps the stored draft, and
// replacing it takes the person's own choice, made with the keyboard.
func TestImportKeepsBothByDefault(t *testing.T) {
	t.Parallel()
	ctx, url := onSite(t)
	p := person{t, ctx}
	id := emptyDraft(t, ctx, "mla")
	var stored struct{ Created, Body json.RawMessage }
	eval(t, ctx, `evidraft.getDraft(`+quote(id)+`)`, &stored)
	var created string
	json.Unmarshal(stored.Created, &created)
	forged, err := export.Marshal(export.Content{App: "test", Records: []export.Record{{ID: id, Kind: "mla", SchemaVersion: 1, Lang: "en", Title: "Edited outside evidraft",
		Status: "draft", Created: created, Updated: "2099-01-01T00:00:00.000Z", Revision: 9, Body: stored.Body}}})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "forged.evidraft.json")
	os.WriteFile(file, forged, 0o644)

	open := func() {
		t.Helper()
		run(t, ctx, visit(url+"/#/import"), chromedp.Reload(), chromedp.WaitVisible(`#import-file`, chromedp.ByQuery),
			chromedp.SetUploadFiles(`#import-file`, []string{file}, chromedp.ByQuery),
			chromedp.WaitVisible(`form.evd-import table`, chromedp.ByQuery))
	}
	open()
	var page struct {
		Integrity, Row, Choice string
	}
	eval(t, ctx, `({Integrity: document.querySelector('[data-import-integrity]').textContent,
	  Row: document.querySelector('form.evd-import tbody tr').innerText.replace(/\s+/g, ' '),
	  Choice: (($s) => $s.options[$s.selectedIndex].text)(document.querySelector('#import-policy-0'))})`, &page)
	const plainWords = "The checksum is intact: the file was not damaged. It does not prove who wrote the file: anyone can change a plain export and recompute it."
	if page.Integrity != plainWords || !strings.Contains(page.Row, "Newer than the one here") || page.Choice != "Keep both" {
		t.Errorf("preview of a newer draft = %+v, want %q, \"Newer than the one here\" and \"Keep both\"", page, plainWords)
	}
	p.click(`form.evd-import button[type=submit]`)
	run(t, ctx, chromedp.WaitVisible(`.evd-notification-banner--success`, chromedp.ByQuery))
	var titles []string
	eval(t, ctx, `evidraft.listDrafts({}).then((l) => l.map((d) => d.title).sort())`, &titles)
	if len(titles) != 2 || titles[1] != "Edited outside evidraft" {
		t.Errorf("after importing as offered, the drafts are %q, want the stored one and a copy", titles)
	}
	var title string
	eval(t, ctx, `evidraft.getDraft(`+quote(id)+`).then((r) => r.title)`, &title)
	if title == "Edited outside evidraft" {
		t.Error("the stored draft was replaced though nobody chose it")
	}

	// The person chooses "Replace if newer": a click on the choice opens
	// its list, the down arrow and Enter pick the next entry, then Import.
	open()
	p.click(`#import-policy-0`)
	p.keys(kb.ArrowDown)
	p.keys(kb.Enter)
	if v := p.value(`#import-policy-0`); v != "replaceIfNewer" {
		t.Fatalf("after the down arrow the choice is %q, want replaceIfNewer", v)
	}
	p.click(`form.evd-import button[type=submit]`)
	run(t, ctx, chromedp.WaitVisible(`.evd-notification-banner--success`, chromedp.ByQuery))
	eval(t, ctx, `evidraft.getDraft(`+quote(id)+`).then((r) => r.title)`, &title)
	if title != "Edited outside evidraft" {
		t.Errorf("after choosing \"Replace if newer\" the stored draft is titled %q", title)
	}
}

// TestImportTooLarge: a file over the engine's limit is refused by the
// import page from its size, before it is read, and nothing is written.
func TestImportTooLarge(t *testing.T) {
	t.Parallel()
	ctx, url := onSite(t)
	var max int
	eval(t, ctx, `evidraft.limits().then((l) => l.maxFileBytes)`, &max)
	file := filepath.Join(t.TempDir(), "huge.evidraft.json")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(int64(max) + 1) // sparse: no disk is used
	f.Close()
	run(t, ctx, visit(url+"/#/import"), chromedp.WaitVisible(`#import-file`, chromedp.ByQuery),
		chromedp.SetUploadFiles(`#import-file`, []string{file}, chromedp.ByQuery),
		chromedp.WaitVisible(`.evd-error-summary`, chromedp.ByQuery))
	var summary string
	run(t, ctx, chromedp.Text(`.evd-error-summary`, &summary, chromedp.ByQuery))
	if !strings.Contains(summary, "larger than an export file can be (256 MB)") {
		t.Errorf("a file of %d bytes: %q", max+1, summary)
	}
	var n int
	eval(t, ctx, `evidraft.listDrafts({}).then((l) => l.length)`, &n)
	if n != 0 {
		t.Errorf("%d drafts after a refused import", n)
	}
}

package site

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// axeSource returns axe-core's script, installed from npm into a cache
// directory on first use: a test-only dependency, never shipped.
func axeSource(t *testing.T) string {
	t.Helper()
	dir := npmInstall(t, "axe", "axe-core/axe.min.js", "axe-core@4")
	b, err := os.ReadFile(filepath.Join(dir, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// npmInstall installs test-only npm packages into <user cache>/evidraft-test/<name>
// unless marker (a path under node_modules) is there already, and returns
// that directory. Without npm the test is skipped, or fails in CI.
func npmInstall(t *testing.T, name, marker string, pkgs ...string) string {
	t.Helper()
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "evidraft-test", name)
	if _, err := os.Stat(filepath.Join(dir, "node_modules", marker)); err == nil {
		return dir
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("npm is needed to install %v for the tests", pkgs)
		}
		t.Skipf("npm not found: this test needs %v from npm", pkgs)
	}
	os.MkdirAll(dir, 0o755)
	args := append([]string{"install", "--prefix", dir, "--no-save", "--no-audit", "--no-fund", "--loglevel=error"}, pkgs...)
	if out, err := exec.Command(npm, args...).CombinedOutput(); err != nil {
		t.Fatalf("npm install %v: %v\n%s", pkgs, err, out)
	}
	return dir
}

type violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []string `json:"target"`
	} `json:"nodes"`
}

// axe runs axe-core on the current page (the DevTools protocol evaluates
// it, so the page's CSP does not block it) and reports every violation.
// Its source is evaluated once per document.
func axe(t *testing.T, ctx context.Context, src, where string) {
	t.Helper()
	var loaded bool
	eval(t, ctx, `typeof window.axe === 'object' && typeof window.axe.run === 'function'`, &loaded)
	if !loaded {
		eval(t, ctx, src+`;true`, nil)
	}
	var vs []violation
	eval(t, ctx, `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)`, &vs)
	for _, v := range vs {
		var targets []string
		for _, n := range v.Nodes {
			targets = append(targets, strings.Join(n.Target, " "))
		}
		t.Errorf("%s: axe %s (%s): %s at %v", where, v.ID, v.Impact, v.Help, targets)
	}
}

// openAt starts the site in lang with one draft stored (the example of
// kind, changed by edit) and returns its id.
func openAt(t *testing.T, ctx context.Context, url, lang, kind string, edit func(map[string]any)) string {
	t.Helper()
	startIn(t, ctx, url, lang, "/")
	draft := example(t, kind)
	if edit != nil {
		edit(draft)
	}
	b, _ := json.Marshal(draft)
	var id string
	eval(t, ctx, `(async () => { const r = await evidraft.newDraft(`+quote(kind)+`, `+quote(lang)+`); r.body = `+string(b)+`; return (await evidraft.saveDraft(r)).id })()`, &id)
	// The home page drawn again (the same document), with the draft.
	run(t, ctx, visit(url+"/#/"), chromedp.WaitVisible(`main a[href="#/draft/`+id+`"]`, chromedp.ByQuery))
	return id
}

// startIn starts the site at path with lang as the saved choice of
// language (set on a page of the origin without the engine first, so that
// the engine starts once, in that language).
func startIn(t *testing.T, ctx context.Context, url, lang, path string) {
	t.Helper()
	run(t, ctx, chromedp.Navigate(url+"/robots.txt"))
	eval(t, ctx, `localStorage.setItem('evidraft.lang', `+quote(lang)+`), true`, nil)
	run(t, ctx, chromedp.Navigate(url+path), chromedp.WaitVisible(`html[lang=`+lang+`] h1`, chromedp.ByQuery))
}

// TestAccessibility: axe-core finds no violation on home, an editor page
// with errors, check answers and the printed request, in English and
// Arabic. With -screenshots it also writes the pictures of each.
func TestAccessibility(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	src := axeSource(t)
	// The parts run side by side, each in a fresh browser on a server of
	// its own.
	for _, lang := range []string{"en", "ar"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			url, ctx := server(t), browser(t, exe)
			id := openAt(t, ctx, url, lang, "preservation", func(d map[string]any) {
				d["dataSought"].([]any)[0].(map[string]any)["identifier"].(map[string]any)["value"] = "203.0.113.999"
			})
			var dir string
			eval(t, ctx, `document.documentElement.dir`, &dir)
			if want := map[string]string{"en": "ltr", "ar": "rtl"}[lang]; dir != want {
				t.Errorf("<html dir> = %q, want %q", dir, want)
			}
			axe(t, ctx, src, lang+" home")
			if *screenshots {
				shot(t, ctx, "home-"+lang)
			}
			run(t, ctx, visit(url+"/#/draft/"+id+"/data"), chromedp.WaitVisible(`form.evd-section`, chromedp.ByQuery),
				chromedp.Click(`form.evd-section > button[type=submit]`, chromedp.ByQuery), chromedp.WaitVisible(`.evd-error-summary`, chromedp.ByQuery))
			axe(t, ctx, src, lang+" editor with errors")
			if *screenshots && lang == "ar" {
				shot(t, ctx, "editor-errors-"+lang)
			}
			run(t, ctx, visit(url+"/#/draft/"+id+"/check"), chromedp.WaitVisible(`.evd-summary-list`, chromedp.ByQuery))
			axe(t, ctx, src, lang+" check answers")
			if *screenshots && lang == "ar" {
				shot(t, ctx, "check-"+lang)
			}
			run(t, ctx, visit(url+"/#/draft/"+id+"/print?lang="+lang), chromedp.WaitVisible(`article.evd-print`, chromedp.ByQuery))
			axe(t, ctx, src, lang+" print")
			if *screenshots && lang == "ar" {
				shot(t, ctx, "print-"+lang)
			}
			run(t, ctx, visit(url+"/#/export"), chromedp.WaitVisible(`#export-protect`, chromedp.ByQuery),
				chromedp.Click(`#export-protect`, chromedp.ByQuery), chromedp.WaitVisible(`#export-passphrase`, chromedp.ByQuery))
			axe(t, ctx, src, lang+" export")
			if *screenshots {
				shot(t, ctx, "export-"+lang)
			}
			var file string
			eval(t, ctx, `evidraft.exportDrafts([])`, &file)
			path := filepath.Join(t.TempDir(), "drafts.evidraft.json")
			os.WriteFile(path, []byte(file), 0o600)
			run(t, ctx, visit(url+"/#/import"), chromedp.WaitVisible(`#import-file`, chromedp.ByQuery),
				chromedp.SetUploadFiles(`#import-file`, []string{path}, chromedp.ByQuery), chromedp.WaitVisible(`form.evd-import table`, chromedp.ByQuery))
			axe(t, ctx, src, lang+" import preview")
			if *screenshots {
				shot(t, ctx, "import-"+lang)
			}
			// axe must see a real violation, or a clean result means nothing.
			var n int
			eval(t, ctx, `document.querySelector('main').append(document.createElement('input')), axe.run(document).then(r => r.violations.length)`, &n)
			if n == 0 {
				t.Fatal("axe reported nothing for an input without a label")
			}
		})
		t.Run(lang+"/protection", func(t *testing.T) {
			// A fresh browser: the offer before the first draft, the protect
			// page, then the pages of protected drafts.
			t.Parallel()
			url, ctx := server(t), browser(t, exe)
			startIn(t, ctx, url, lang, "/#/new")
			run(t, ctx, chromedp.WaitVisible(`[data-protect-offer]`, chromedp.ByQuery))
			axe(t, ctx, src, lang+" new request with the protection offer")
			if *screenshots {
				shot(t, ctx, "protect-offer-"+lang)
			}
			run(t, ctx, chromedp.Click(`[data-protect-offer] a`, chromedp.ByQuery), chromedp.WaitVisible(`#protect-passphrase`, chromedp.ByQuery))
			axe(t, ctx, src, lang+" protect")
			if *screenshots {
				shot(t, ctx, "protect-"+lang)
			}
			var id string
			eval(t, ctx, `evidraft.protectDrafts('eleven quiet herons').then(() => evidraft.newDraft('preservation', `+quote(lang)+`)).then((r) => evidraft.saveDraft(r)).then((r) => r.id)`, &id)
			run(t, ctx, visit(url+"/#/draft/"+id), chromedp.WaitVisible(`form.evd-draft-name`, chromedp.ByQuery))
			axe(t, ctx, src, lang+" task list with the name in the list")
			if *screenshots {
				shot(t, ctx, "task-name-"+lang)
			}
			run(t, ctx, visit(url+"/#/export"), chromedp.WaitVisible(`#export-key-drafts`, chromedp.ByQuery))
			axe(t, ctx, src, lang+" export of protected drafts")
			if *screenshots {
				shot(t, ctx, "export-protected-"+lang)
			}
			run(t, ctx, visit(url+"/#/"), chromedp.WaitVisible(`[data-lock]`, chromedp.ByQuery))
			axe(t, ctx, src, lang+" home of protected drafts")
			if *screenshots {
				shot(t, ctx, "home-protected-"+lang)
			}
		})
	}
}

// TestKeyboardOnly: with the keyboard alone, move through the languages,
// start a request, pick its kind, open a section, answer, meet the error
// summary and follow its link to the field.
func TestKeyboardOnly(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	url := server(t)
	ctx := browser(t, exe)
	run(t, ctx, chromedp.Navigate(url+"/"), chromedp.WaitVisible(`h1`, chromedp.ByQuery))
	tabTo := func(match string) {
		t.Helper()
		for range 40 {
			var got string
			run(t, ctx, chromedp.KeyEvent("\t"))
			eval(t, ctx, `(document.activeElement.textContent || '').trim() + '|' + (document.activeElement.id || '')`, &got)
			if strings.Contains(got, match) {
				return
			}
		}
		t.Fatalf("Tab never reached %q", match)
	}
	// Each arrow key on the language menu changes the language; the menu
	// keeps focus, so the next key goes on from there (English first,
	// then by tag: en, ar, es).
	tabTo("|evd-language")
	for _, step := range []struct{ key, lang string }{{kb.ArrowDown, "ar"}, {kb.ArrowDown, "es"}, {kb.ArrowUp, "ar"}, {kb.ArrowUp, "en"}} {
		run(t, ctx, chromedp.KeyEvent(step.key), chromedp.WaitVisible(`html[lang=`+step.lang+`] h1`, chromedp.ByQuery))
		if err := settle(ctx); err != nil {
			t.Fatal(err)
		}
		var focus string
		eval(t, ctx, `document.activeElement.id`, &focus)
		if focus != "evd-language" {
			t.Fatalf("after the arrow key to %s, focus is on %q, not the language menu", step.lang, focus)
		}
	}
	tabTo("Start a new request")
	run(t, ctx, chromedp.KeyEvent("\r"), chromedp.WaitVisible(`#kind-emergency`, chromedp.ByQuery))
	tabTo("|kind-preservation")
	for range 6 {
		run(t, ctx, chromedp.KeyEvent(kb.ArrowDown))
	}
	var picked string
	eval(t, ctx, `document.querySelector('input[name=kind]:checked').value`, &picked)
	if picked != "emergency" {
		t.Fatalf("arrow keys picked %q", picked)
	}
	tabTo("Create the draft")
	run(t, ctx, chromedp.KeyEvent("\r"), chromedp.WaitVisible(`.evd-task-list`, chromedp.ByQuery))
	tabTo("About the request")
	run(t, ctx, chromedp.KeyEvent("\r"), chromedp.WaitVisible(`#f_2freference`, chromedp.ByQuery))
	tabTo("|f_2freference")
	run(t, ctx, chromedp.KeyEvent("EMERG-7"), chromedp.KeyEvent("\r"), chromedp.WaitVisible(`.evd-error-summary`, chromedp.ByQuery))
	tabTo("Date of issue")
	run(t, ctx, chromedp.KeyEvent("\r"))
	var active string
	// The field may be drawn again once the blurred answer is checked;
	// focus must end on it all the same.
	eval(t, ctx, `new Promise((resolve) => setTimeout(() => resolve(String(document.activeElement.getAttribute('data-pointer')) + (document.activeElement.getAttribute('data-pointer') ? '' : ' on ' + document.activeElement.tagName + '.' + document.activeElement.className + '#' + document.activeElement.id)), 800))`, &active)
	if active != "/issueDate" {
		t.Errorf("the summary link took focus to %q, want /issueDate", active)
	}
	// The date typed, the summary lets go of it: its last entry gone, it
	// goes, and the page's title no longer says there is a problem.
	var before []string
	eval(t, ctx, `Array.from(document.querySelectorAll('.evd-error-summary li'), (li) => li.textContent)`, &before)
	if len(before) != 1 || !strings.Contains(before[0], "Date of issue") {
		t.Fatalf("before the date is typed the summary lists %q, want the date of issue alone", before)
	}
	run(t, ctx, chromedp.KeyEvent("12012026"))
	run(t, ctx, chromedp.Poll(`!document.querySelector('.evd-error-summary') && document.querySelector('input[data-pointer="/issueDate"]').value === '2026-12-01'`, nil, chromedp.WithPollingTimeout(10*time.Second)))
	var title string
	eval(t, ctx, `document.title`, &title)
	if strings.Contains(title, "problem") {
		t.Errorf("with nothing wrong left, the page is titled %q", title)
	}
	var ref string
	eval(t, ctx, `evidraft.listDrafts({}).then(l => evidraft.getDraft(l[0].id)).then(r => r.body.reference)`, &ref)
	if ref != "EMERG-7" {
		t.Errorf("typed reference saved as %q", ref)
	}
	// The caption above the heading names the draft by it, on this page.
	var named string
	eval(t, ctx, `document.querySelector('main .evd-caption').textContent`, &named)
	if !strings.HasPrefix(named, "EMERG-7 – ") {
		t.Errorf("once the reference is saved, the caption reads %q", named)
	}
}

// TestUnsupported: without WebAssembly the page says so in the user's
// language; without IndexedDB it still opens and says drafts cannot be
// saved.
func TestUnsupported(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	url := server(t)
	ctx := browser(t, exe)
	var msg string
	run(t, ctx,
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(`delete window.WebAssembly; Object.defineProperty(navigator, 'languages', {get: () => ['fr-FR']})`).Do(ctx)
			return err
		}),
		chromedp.Navigate(url+"/"), chromedp.WaitVisible(`.evd-fatal`, chromedp.ByQuery), chromedp.Text(`.evd-fatal`, &msg, chromedp.ByQuery))
	if !strings.Contains(msg, "WebAssembly") || !strings.Contains(msg, "navigateur") {
		t.Errorf("without WebAssembly: %q", msg)
	}
	// Without IndexedDB. A script run before the page's reaches the page's
	// global scope only, not a worker's: without Worker too, the engine
	// runs on the page, where IndexedDB is then missing. (In a worker the
	// engine meets a missing store the same way: wasm's TestNoIndexedDB.)
	ctx = browser(t, exe)
	run(t, ctx,
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(`Object.defineProperty(window, 'indexedDB', {value: undefined}); delete window.Worker`).Do(ctx)
			return err
		}),
		chromedp.Navigate(url+"/"), chromedp.WaitVisible(`.evd-notification-banner`, chromedp.ByQuery), chromedp.Text(`.evd-notification-banner`, &msg, chromedp.ByQuery))
	if !strings.Contains(msg, "export") {
		t.Errorf("without IndexedDB: %q", msg)
	}
}

func TestNoInnerHTML(t *testing.T) {
	t.Parallel()
	bad := regexp.MustCompile(`\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|\beval\(|new Function\(`)
	n := 0
	err := filepath.WalkDir(".", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".js") || strings.HasPrefix(p, "testdata") {
			return err
		}
		n++
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			if bad.MatchString(line) {
				t.Errorf("%s:%d: %s", p, i+1, strings.TrimSpace(line))
			}
		}
		return nil
	})
	if err != nil || n < 5 {
		t.Fatalf("walked %d files: %v", n, err)
	}
}

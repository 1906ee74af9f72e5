package site

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
	"github.com/evidraft/evidraft/site/chrometest"
)

var screenshots = flag.Bool("screenshots", false, "write testdata/screenshots/*.png")

var (
	buildOnce sync.Once
	builtDir  string
	buildErr  error
)

// chromium finds the browser, or skips outside CI.
func chromium(t *testing.T) string { return chrometest.Exe(t) }

// server builds the site once and serves it as the hosted build is served.
func server(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		builtDir, buildErr = os.MkdirTemp("", "evidraft-site-")
		if buildErr == nil {
			buildErr = Build(builtDir, Options{Root: "..", Extra: filepath.Join("testdata", "extra")})
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	srv := httptest.NewServer(Handler(filepath.Join(builtDir, "site")))
	t.Cleanup(srv.Close)
	return srv.URL
}

// browser starts headless Chromium with a fresh profile.
func browser(t *testing.T, exe string) context.Context { return chrometest.New(t, exe, 4*time.Minute) }

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

// run runs actions and fails the test on error.
func run(t *testing.T, ctx context.Context, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates JavaScript (awaiting a Promise) into out.
func eval(t *testing.T, ctx context.Context, js string, out any) {
	t.Helper()
	run(t, ctx, chromedp.Evaluate(js, out, awaitPromise))
}

// idleJS is a function that resolves once the page is idle by its own
// signal: no app region (the page's, or an <evidraft-editor>'s) is
// aria-busy (app.js sets it while a save, a check or a page is waiting
// or running), on two looks two frames apart.
const idleJS = `() => new Promise((resolve) => {
  const busy = () => !!document.querySelector('[aria-busy="true"]') ||
    [...document.querySelectorAll('evidraft-editor')].some(($e) => $e.shadowRoot && $e.shadowRoot.querySelector('[aria-busy="true"]'))
  // A tab in the background draws no frames: there, a timer.
  const frames = (fn) => document.hidden ? setTimeout(fn, 50) : requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(fn, 0)))
  let calm = 0
  const look = () => { if (busy()) { calm = 0; setTimeout(look, 20) } else if (++calm >= 2) resolve(true); else frames(look) }
  frames(look)
})`

// visit navigates to u and waits until the page has drawn what it leads
// to. A change of the address's fragment alone keeps the document: the
// last page stays on screen until the app has drawn the new one, so a
// test that only waited for an element could find it on the old page.
func visit(u string) chromedp.Action {
	return chromedp.Tasks{chromedp.Navigate(u), chromedp.ActionFunc(settle)}
}

// settle waits until the page is idle: no pending save, no pending model.
func settle(ctx context.Context) error {
	return chromedp.Run(ctx, chromedp.Evaluate(`(`+idleJS+`)()`, nil, awaitPromise))
}

// heading returns the page's h1 text once it is there.
func heading(t *testing.T, ctx context.Context) string {
	t.Helper()
	var s string
	run(t, ctx, chromedp.WaitVisible(`h1`, chromedp.ByQuery), chromedp.Text(`h1`, &s, chromedp.ByQuery))
	return strings.TrimSpace(s)
}

// fillJS fills the current section from a draft, through the page's own
// inputs and events, as a user would: it clicks "Add" until lists have as
// many entries as the draft, then types every visible answer, and repeats
// while answers show or hide other questions.
const fillJS = `async (draft) => {
  const idle = ` + idleJS + `
  const get = (p) => p.split('/').slice(1).reduce((v, s) => (v == null ? v : v[s.replace(/~1/g, '/').replace(/~0/g, '~')]), draft)
  let calm = 0
  let last = ''
  window.__lastFilled = () => last
  for (let round = 0; round < 200; round++) {
    let acted = false
    for (const $g of document.querySelectorAll('main .evd-form-group[data-pointer]')) {
      const p = $g.getAttribute('data-pointer')
      const want = get(p)
      const $fs = $g.querySelector(':scope > fieldset.evd-fieldset--group, :scope > fieldset.evd-fieldset--list')
      if (!$fs || !Array.isArray(want)) continue
      const have = $fs.querySelectorAll(':scope > fieldset.evd-fieldset--item, :scope > .evd-form-group').length
      if (have < want.length) {
        const $buttons = $fs.querySelectorAll(':scope > button')
        $buttons[$buttons.length - 1].click()
        acted = true
        break
      }
    }
    if (acted) { await idle(); continue }
    for (const $i of document.querySelectorAll('main [data-pointer]:is(input, select, textarea)')) {
      const p = $i.getAttribute('data-pointer')
      const v = get(p)
      if (v === undefined) continue
      const fire = ($x, type) => $x.dispatchEvent(new Event(type, { bubbles: true }))
      if ($i.type === 'checkbox' && !Array.isArray(v)) {
        if ($i.checked !== (v === true)) { $i.checked = v === true; fire($i, 'change'); acted = true }
      } else if ($i.type === 'checkbox') {
        const on = v.includes($i.value)
        if ($i.checked !== on) { $i.checked = on; fire($i, 'change'); acted = true }
      } else if ($i.type === 'radio') {
        if ($i.value === v && !$i.checked) { $i.checked = true; fire($i, 'change'); acted = true }
      } else if ($i.type === 'datetime-local') {
        const m = /^(.{19})(.*)$/.exec(v)
        const $off = document.getElementById($i.id + '-offset')
        const same = $i.value === m[1] || $i.value + ':00' === m[1]
        if (m && (!same || $off.value !== m[2])) { $i.value = m[1]; $off.value = m[2]; fire($i, 'input'); acted = true; last = p }
      } else if ($i.value !== String(v)) {
        $i.value = String(v); fire($i, 'input'); acted = true; last = p
      }
      if (acted) break
    }
    if (!acted) {
      if (++calm >= 2) return round
      await idle()
      continue
    }
    // An answer typed: on to the next at once. The page checks and
    // redraws after a pause; the scan above reads the page afresh.
    calm = 0
    await new Promise((r) => setTimeout(r, 0))
  }
  return -1
}`

// example is the example draft of kind dated from today: the page checks
// it against the browser's clock, so it must be as valid on any day.
func example(t *testing.T, kind string) map[string]any {
	t.Helper()
	b, err := schemas.ExampleAt(kind, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	json.Unmarshal(b, &v)
	return v
}

// fillSection fills the open section page from draft and waits.
func fillSection(t *testing.T, ctx context.Context, draft map[string]any) {
	t.Helper()
	b, _ := json.Marshal(draft)
	var rounds int
	eval(t, ctx, "("+fillJS+")("+string(b)+")", &rounds)
	if rounds < 0 {
		var last string
		eval(t, ctx, `window.__lastFilled()`, &last)
		t.Fatalf("the section did not settle while filling it (last: %s)", last)
	}
	if err := settle(ctx); err != nil {
		t.Fatal(err)
	}
}

func hash(t *testing.T, ctx context.Context) string {
	t.Helper()
	var h string
	eval(t, ctx, `location.hash`, &h)
	return h
}

// TestEndToEnd: create a preservation request, fill every section through
// the form, meet the error summary on a wrong IP address and follow its
// link, reload half-way and find every answer, check the answers,
// finalise, and print the request in French while the interface is in
// English.
func TestEndToEnd(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	url := server(t)
	ctx := browser(t, exe)
	draft := example(t, "preservation")

	run(t, ctx, chromedp.Navigate(url+"/"))
	if h := heading(t, ctx); h != "Your requests" {
		t.Fatalf("home heading %q", h)
	}
	run(t, ctx, chromedp.Click(`a[href="#/new"]`, chromedp.ByQuery), chromedp.WaitVisible(`#kind-preservation`, chromedp.ByQuery),
		chromedp.Click(`#kind-preservation`, chromedp.ByQuery), chromedp.Click(`form.evd-new button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.evd-task-list`, chromedp.ByQuery))
	var sections []string
	eval(t, ctx, `Array.from(document.querySelectorAll('.evd-task-list__link'), a => a.getAttribute('href'))`, &sections)
	if len(sections) < 8 {
		t.Fatalf("task list has %d sections", len(sections))
	}
	var statuses []string
	eval(t, ctx, `Array.from(document.querySelectorAll('.evd-task-list__status'), s => s.textContent)`, &statuses)
	if statuses[0] != "In progress" || statuses[1] != "Not started" {
		t.Errorf("a new draft's sections are %q; want the first in progress (its language is set), the next not started", statuses)
	}

	for i, href := range sections {
		if strings.HasSuffix(href, "/tracking") {
			continue // After sending: recorded once the request is sent (site/expiry_test.go)
		}
		run(t, ctx, chromedp.Navigate(url+"/"+href), chromedp.WaitVisible(`form.evd-section`, chromedp.ByQuery))
		if strings.HasSuffix(href, "/data") {
			// A wrong IP address: the summary names it and its link
			// leads to the field.
			bad := example(t, "preservation")
			bad["dataSought"].([]any)[0].(map[string]any)["identifier"].(map[string]any)["value"] = "203.0.113.999"
			fillSection(t, ctx, bad)
			run(t, ctx, chromedp.Click(`form.evd-section > button[type=submit]`, chromedp.ByQuery), chromedp.WaitVisible(`.evd-error-summary`, chromedp.ByQuery))
			var focused, link string
			eval(t, ctx, `document.activeElement.className`, &focused)
			if !strings.Contains(focused, "evd-error-summary") {
				t.Errorf("the error summary is not focused (%q)", focused)
			}
			eval(t, ctx, `Array.from(document.querySelectorAll('.evd-error-summary a'), a => a.textContent).join(' | ')`, &link)
			if !strings.Contains(link, "IPv4") {
				t.Errorf("error summary %q does not name the IPv4 problem", link)
			}
			if *screenshots {
				shot(t, ctx, "editor-errors-en")
			}
			run(t, ctx, chromedp.Click(`.evd-error-summary a`, chromedp.ByQuery))
			var active string
			// Focus moves on the next tick, after the key or click that followed the link.
			eval(t, ctx, `new Promise((r) => setTimeout(() => r(document.activeElement.getAttribute('data-pointer') + '=' + document.activeElement.value), 300))`, &active)
			if active != "/dataSought/0/identifier/value=203.0.113.999" {
				t.Errorf("the summary link focused %q", active)
			}
		}
		fillSection(t, ctx, draft)
		run(t, ctx, chromedp.Click(`form.evd-section > button[type=submit]`, chromedp.ByQuery))
		if err := settle(ctx); err != nil {
			t.Fatal(err)
		}
		var problems string
		eval(t, ctx, `Array.from(document.querySelectorAll('.evd-error-summary a'), a => a.textContent).join(' | ')`, &problems)
		if problems != "" {
			t.Fatalf("section %s: %s", href, problems)
		}
		if i == len(sections)/2 {
			// Reload half-way: every answer so far is still there.
			run(t, ctx, chromedp.Reload(), chromedp.WaitVisible(`h1`, chromedp.ByQuery))
			var body map[string]any
			id := strings.Split(href, "/")[2]
			eval(t, ctx, `evidraft.getDraft(`+quote(id)+`).then(r => r.body)`, &body)
			for key := range body {
				if key == "kind" || key == "schemaVersion" || key == "language" {
					continue
				}
				got, _ := json.Marshal(body[key])
				want, _ := json.Marshal(draft[key])
				if string(got) != string(want) {
					t.Errorf("after reload, %s = %s, want %s", key, got, want)
				}
			}
			if len(body) < 6 {
				t.Errorf("after reload the draft has only %d answers", len(body))
			}
		}
	}

	// The request declares a French translation: its section came last.
	if strings.HasSuffix(hash(t, ctx), "/translation") {
		fillSection(t, ctx, draft)
		run(t, ctx, chromedp.Click(`form.evd-section > button[type=submit]`, chromedp.ByQuery))
		if err := settle(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if !strings.HasSuffix(hash(t, ctx), "/check") {
		t.Fatalf("after the last section, at %s, want check answers", hash(t, ctx))
	}
	if h := heading(t, ctx); h != "Check your answers" {
		t.Errorf("check heading %q", h)
	}
	var nErrors int
	eval(t, ctx, `document.querySelectorAll('.evd-error-summary:not(.evd-error-summary--warning) a').length`, &nErrors)
	if nErrors != 0 {
		var s string
		eval(t, ctx, `document.querySelector('.evd-error-summary').textContent`, &s)
		t.Fatalf("check answers lists errors: %s", s)
	}
	var rows int
	eval(t, ctx, `document.querySelectorAll('.evd-summary-list__row').length`, &rows)
	if rows < 30 {
		var main string
		eval(t, ctx, `document.querySelector('main').innerText.slice(0, 2000)`, &main)
		t.Fatalf("check answers has %d rows:\n%s", rows, main)
	}
	if *screenshots {
		shot(t, ctx, "check-en")
	}
	run(t, ctx, chromedp.Click(`//button[text()="Finalise the request"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//p[text()="This request is final and cannot be changed."]`, chromedp.BySearch))
	var status string
	id := strings.Split(hash(t, ctx), "/")[2]
	eval(t, ctx, `evidraft.getDraft(`+quote(id)+`).then(r => r.status)`, &status)
	if status != "final" {
		t.Errorf("after finalise, status %q", status)
	}
	var disabled bool
	run(t, ctx, visit(url+"/#/draft/"+id+"/details"), chromedp.WaitVisible(`#f_2freference`, chromedp.ByQuery))
	eval(t, ctx, `document.querySelector('#f_2freference').disabled`, &disabled)
	if !disabled {
		t.Error("a final draft is editable")
	}

	// The printed request in French, the interface still in English.
	run(t, ctx, visit(url+"/#/draft/"+id+"/print?lang=fr"), chromedp.WaitVisible(`article.evd-print`, chromedp.ByQuery))
	var printed struct {
		Lang, Subject, UI string
		Sections          int
	}
	eval(t, ctx, `({Lang: document.querySelector('article.evd-print').lang, Subject: document.querySelector('.evd-print__subject p').textContent, UI: document.documentElement.lang, Sections: document.querySelectorAll('.evd-print__heading').length})`, &printed)
	if want := locales.For(language.French).Text("letter.subject.preservation"); printed.Lang != "fr" || printed.Subject != want || printed.UI != "en" || printed.Sections < 6 {
		t.Errorf("print = %+v, want French, subject %q, at least 6 sections, the interface in English", printed, want)
	}
	if *screenshots {
		shot(t, ctx, "print-en")
	}
}

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }

func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	var png []byte
	run(t, ctx, chromedp.Evaluate(`window.scrollTo(0, 0)`, nil), chromedp.CaptureScreenshot(&png))
	dir := filepath.Join("testdata", "screenshots")
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	fmt.Println("wrote", filepath.Join(dir, name+".png"))
}

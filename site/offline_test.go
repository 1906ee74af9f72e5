package site

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// requests records every URL the page asks for, through the DevTools
// protocol, and CSP violations reported in the page.
type requests struct {
	mu   sync.Mutex
	urls []string
}

func watch(t *testing.T, ctx context.Context) *requests {
	t.Helper()
	r := &requests{}
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			r.mu.Lock()
			r.urls = append(r.urls, e.Request.URL)
			r.mu.Unlock()
		}
	})
	run(t, ctx, network.Enable(), chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(`window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI))`).Do(ctx)
		return err
	}))
	return r
}

// outside returns the requests that did not go to one of the allowed prefixes.
func (r *requests) outside(prefixes ...string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, u := range r.urls {
		ok := false
		for _, p := range prefixes {
			if strings.HasPrefix(u, p) {
				ok = true
			}
		}
		if !ok {
			out = append(out, u)
		}
	}
	return out
}

func noCSPViolations(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	var v []string
	eval(t, ctx, `window.__csp || []`, &v)
	if len(v) > 0 {
		t.Errorf("%s: CSP violations %v", where, v)
	}
}

// saveAndReload creates a draft through the page, reloads and finds it.
func saveAndReload(t *testing.T, ctx context.Context) {
	t.Helper()
	run(t, ctx, chromedp.WaitVisible(`//h1[text()="Your requests"]`, chromedp.BySearch),
		chromedp.Click(`a[href="#/new"]`, chromedp.ByQuery), chromedp.WaitVisible(`#kind-mla`, chromedp.ByQuery),
		chromedp.Click(`#kind-mla`, chromedp.ByQuery), chromedp.Click(`form.evd-new button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.evd-task-list`, chromedp.ByQuery))
	run(t, ctx, chromedp.Click(`.evd-task-list__link`, chromedp.ByQuery), chromedp.WaitVisible(`#f_2freference`, chromedp.ByQuery),
		chromedp.SendKeys(`#f_2freference`, "OFFLINE-42", chromedp.ByQuery))
	if err := settle(ctx); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, chromedp.Navigate("about:blank"))
}

// TestSingleFile: dist/evidraft.html opened as file:// starts, saves a
// draft, reloads and finds it, with no request but its own file and no
// CSP violation.
func TestSingleFile(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	server(t) // builds
	file := "file://" + filepath.ToSlash(filepath.Join(builtDir, "evidraft.html"))
	ctx := browser(t, exe)
	reqs := watch(t, ctx)
	run(t, ctx, chromedp.Navigate(file))
	noCSPViolations(t, ctx, "single file")
	saveAndReload(t, ctx)
	run(t, ctx, chromedp.Navigate(file), chromedp.WaitVisible(`.evd-table`, chromedp.ByQuery))
	var title string
	run(t, ctx, chromedp.Text(`.evd-table tbody td`, &title, chromedp.ByQuery))
	if title != "OFFLINE-42" {
		t.Errorf("after reopening the file, the draft is %q", title)
	}
	noCSPViolations(t, ctx, "single file")
	// blob: is the engine's worker, made from the page's own text.
	if out := reqs.outside(file, "about:blank", "data:", "blob:null/"); len(out) > 0 {
		t.Errorf("the single file made requests: %v", out)
	}
}

// TestOffline: the hosted site loads once; with the server stopped it
// reloads from its service worker and still works; it asks for nothing
// beyond its own files and breaks no rule of its CSP.
// swControls resolves to whether the service worker controls the page,
// once it is active (it is after it has precached every file) and has
// claimed the page.
const swControls = `navigator.serviceWorker.ready
  .then(() => navigator.serviceWorker.controller || new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true })))
  .then(() => !!navigator.serviceWorker.controller)`

func TestOffline(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	server(t)
	srv := httptest.NewServer(Handler(filepath.Join(builtDir, "site")))
	url := srv.URL
	ctx := browser(t, exe)
	reqs := watch(t, ctx)
	run(t, ctx, chromedp.Navigate(url+"/"), chromedp.WaitVisible(`h1`, chromedp.ByQuery))
	var controlled bool
	eval(t, ctx, swControls, &controlled)
	if !controlled {
		t.Fatal("the service worker does not control the page")
	}
	noCSPViolations(t, ctx, "hosted")
	srv.Close()
	run(t, ctx, chromedp.Navigate(url+"/"))
	saveAndReload(t, ctx)
	run(t, ctx, chromedp.Navigate(url+"/"), chromedp.WaitVisible(`.evd-table`, chromedp.ByQuery))
	var title string
	run(t, ctx, chromedp.Text(`.evd-table tbody td`, &title, chromedp.ByQuery))
	if title != "OFFLINE-42" {
		t.Errorf("offline, the draft is %q", title)
	}
	noCSPViolations(t, ctx, "offline")
	if out := reqs.outside(url+"/", "about:blank", "data:"); len(out) > 0 { // data: is the browser's own date-picker icon
		t.Errorf("requests beyond the site's own files: %v", out)
	}
}

package site

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestElement: a portal page under script-src 'self' 'wasm-unsafe-eval'
// shows <evidraft-editor>: it starts a draft in the portal's origin under
// the prefixed database, edits a section inside its shadow root, tells the
// page through its events, takes the portal's theme through ::part, and
// breaks no rule of the CSP.
func TestElement(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	server(t)
	mux := http.NewServeMux()
	mux.Handle("/evidraft/", http.StripPrefix("/evidraft", Handler(filepath.Join(builtDir, "site"))))
	mux.Handle("/", http.FileServer(http.Dir("examples")))
	// The portal's own policy replaces the one evidraft's handler sets.
	strict := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:")
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
	}))
	defer strict.Close()

	ctx := browser(t, exe)
	reqs := watch(t, ctx)
	run(t, ctx, chromedp.Navigate(strict.URL+"/element.html"))
	var heading string
	run(t, ctx, chromedp.Poll(`(() => { const r = document.querySelector('evidraft-editor').shadowRoot; const h = r && r.querySelector('h1'); return h && h.textContent })()`, &heading))
	if heading != "Sections of the request" {
		t.Errorf("the element shows %q", heading)
	}
	var id string
	run(t, ctx, chromedp.Poll(`document.querySelector('evidraft-editor').getAttribute('draft-id')`, &id))
	var dbs []string
	eval(t, ctx, `indexedDB.databases().then(l => l.map(d => d.name))`, &dbs)
	if !contains(dbs, "portal-evidraft") {
		t.Errorf("databases %v, want portal-evidraft", dbs)
	}
	// Open the first section inside the shadow root and type a reference.
	eval(t, ctx, `document.querySelector('evidraft-editor').shadowRoot.querySelector('.evd-task-list__link').click()`, nil)
	var found bool
	eval(t, ctx, `new Promise((resolve) => { let n = 0; const tick = () => { const r = document.querySelector('evidraft-editor').shadowRoot; if (r.querySelector('#f_2freference')) return resolve(true); if (++n > 100) return resolve(false); setTimeout(tick, 100) }; tick() })`, &found)
	if !found {
		t.Fatal("the section page did not open inside the element")
	}
	if h := strings.TrimPrefix(hash(t, ctx), "#"); h != "" {
		t.Errorf("the element changed the portal's location: #%s", h)
	}
	eval(t, ctx, `(() => { const i = document.querySelector('evidraft-editor').shadowRoot.querySelector('#f_2freference'); i.value = 'PORTAL-9'; i.dispatchEvent(new Event('input', {bubbles: true})) })()`, nil)
	var saved string
	run(t, ctx, chromedp.Poll(`(window.__evidraftEvents.find(e => e.type === 'evidraft-saved' && e.detail.title === 'PORTAL-9') || {}).type`, &saved))
	var validity int
	eval(t, ctx, `window.__evidraftEvents.filter(e => e.type === 'evidraft-validity').length`, &validity)
	if validity == 0 {
		t.Error("no evidraft-validity event")
	}
	var bg string
	eval(t, ctx, `getComputedStyle(document.querySelector('evidraft-editor').shadowRoot.querySelector('button[part=button]')).backgroundColor`, &bg)
	if bg != "rgb(61, 36, 98)" {
		t.Errorf("::part(button) background %q, want the portal's rgb(61, 36, 98)", bg)
	}
	noCSPViolations(t, ctx, "portal with the element")
	if out := reqs.outside(strict.URL+"/", "data:"); len(out) > 0 {
		t.Errorf("requests beyond the portal's own files: %v", out)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

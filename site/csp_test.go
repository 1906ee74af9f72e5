package site

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestCSPMeta: behind a plain static server that adds no header, the
// hosted site's own <meta> policy refuses injected script, inline or in
// an event handler, and the site still works under it.
func TestCSPMeta(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	server(t)
	dir := copySite(t)
	b, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	// The same page, with markup injected into it as a careless server
	// or a stored answer might.
	injected := strings.Replace(string(b), "</body>", `<script>window.__injected = 'inline'</script>`+"\n</body>", 1)
	os.WriteFile(filepath.Join(dir, "injected.html"), []byte(injected), 0o644)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()

	ctx := browser(t, exe)
	watch(t, ctx)
	// First, while no service worker answers navigations with the cached
	// index.html.
	var got string
	run(t, ctx, chromedp.Navigate(srv.URL+"/injected.html"))
	if h := heading(t, ctx); h != "Your requests" {
		t.Fatalf("home heading %q", h)
	}
	eval(t, ctx, `String(window.__injected)`, &got)
	if got != "undefined" {
		t.Errorf("an injected inline script ran (window.__injected = %s)", got)
	}
	run(t, ctx, chromedp.Navigate(srv.URL+"/"))
	if h := heading(t, ctx); h != "Your requests" {
		t.Fatalf("home heading %q", h)
	}
	saveAndReload(t, ctx) // the engine runs and the store saves under the policy
	run(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(`//h1[text()="Your requests"]`, chromedp.BySearch))
	noCSPViolations(t, ctx, "plain server")
	var meta string
	eval(t, ctx, `document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content || ''`, &meta)
	if meta != MetaCSP {
		t.Errorf("meta policy = %q, want %q", meta, MetaCSP)
	}

	eval(t, ctx, `document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.__injected = \'handler\'">');
		new Promise((r) => setTimeout(() => r(String(window.__injected)), 500))`, &got)
	if got != "undefined" {
		t.Errorf("an injected event handler ran (window.__injected = %s)", got)
	}
}

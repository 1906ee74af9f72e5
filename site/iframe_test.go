package site

import (
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// copySite copies the built site so that a test can change its
// configuration as a portal team would.
func copySite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	src := filepath.Join(builtDir, "site")
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// portal serves site/examples as a portal would: under a strict CSP that
// allows frames from the evidraft site only.
func portal(t *testing.T, siteOrigin *string) *httptest.Server {
	t.Helper()
	files := http.FileServer(http.Dir("examples"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; frame-src "+*siteOrigin)
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestIframe: a portal in the allow-list drives evidraft in an iframe; a
// portal outside it gets no answer and changes nothing; neither page
// breaks its strict CSP.
func TestIframe(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	server(t)
	var siteOrigin string
	allowed := portal(t, &siteOrigin)
	other := portal(t, &siteOrigin)
	dir := copySite(t)
	index := filepath.Join(dir, "index.html")
	b, _ := os.ReadFile(index)
	b = []byte(strings.Replace(string(b), `<html lang="en" dir="ltr">`, `<html lang="en" dir="ltr" data-allowed-origins="`+allowed.URL+`">`, 1))
	os.WriteFile(index, b, 0o644)
	// Both portals may frame the site; only one may command it.
	os.WriteFile(filepath.Join(dir, "csp.txt"), []byte(CSPFor([]string{allowed.URL, other.URL})), 0o644)
	siteSrv := httptest.NewServer(Handler(dir))
	defer siteSrv.Close()
	siteOrigin = siteSrv.URL

	ctx := browser(t, exe)
	reqs := watch(t, ctx)
	type reply struct {
		OK     bool           `json:"ok"`
		Result map[string]any `json:"result"`
		Error  map[string]any `json:"error"`
	}
	send := func(js string) *reply {
		t.Helper()
		var r *reply
		eval(t, ctx, js, &r)
		return r
	}
	count := func() int {
		t.Helper()
		var n int
		eval(t, ctx, `evidraftPortal.send('listDrafts').then(r => r.result.length)`, &n)
		return n
	}
	run(t, ctx, chromedp.Navigate(allowed.URL+"/iframe.html?site="+siteOrigin))
	eval(t, ctx, `evidraftPortal.ready.then(() => true)`, nil)
	if n := count(); n != 0 {
		t.Fatalf("a fresh profile has %d drafts", n)
	}
	noCSPViolations(t, ctx, "allowed portal")

	run(t, ctx, chromedp.Navigate(other.URL+"/iframe.html?site="+siteOrigin))
	// The frame has started once its home page is drawn.
	var frames []*cdp.Node
	run(t, ctx, chromedp.Nodes(`iframe`, &frames, chromedp.ByQuery))
	run(t, ctx, chromedp.WaitVisible(`h1`, chromedp.ByQuery, chromedp.FromNode(frames[0])))
	if r := send(`evidraftPortal.send('newDraft', {kind: 'mla'}, 2000)`); r != nil {
		t.Errorf("a portal outside the allow-list got an answer: %+v", r)
	}
	noCSPViolations(t, ctx, "other portal")

	run(t, ctx, chromedp.Navigate(allowed.URL+"/iframe.html?site="+siteOrigin))
	eval(t, ctx, `evidraftPortal.ready.then(() => true)`, nil)
	if n := count(); n != 0 {
		t.Errorf("the refused command changed the drafts: %d", n)
	}
	r := send(`evidraftPortal.send('newDraft', {kind: 'mla'})`)
	if r == nil || !r.OK || r.Result["id"] == "" {
		t.Fatalf("newDraft from the allowed portal = %+v", r)
	}
	r = send(`evidraftPortal.send('getDraft', {})`)
	if r == nil || !r.OK || r.Result["kind"] != "mla" {
		t.Errorf("getDraft = %+v", r)
	}
	r = send(`evidraftPortal.send('nonsense', {})`)
	if r == nil || r.OK || r.Error["code"] != "api.badArgument" {
		t.Errorf("unknown command = %+v", r)
	}
	if n := count(); n != 1 {
		t.Errorf("after newDraft: %d drafts", n)
	}
	noCSPViolations(t, ctx, "allowed portal")
	if out := reqs.outside(allowed.URL+"/", other.URL+"/", siteOrigin+"/", "data:"); len(out) > 0 {
		t.Errorf("requests beyond the portals' and the site's own files: %v", out)
	}
}

// opener serves site/examples with no policy of its own, and top.html: a
// page that frames examples/iframe.html, which frames the site.
func opener(t *testing.T) *httptest.Server {
	t.Helper()
	files := http.FileServer(http.Dir("examples"))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/top.html" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, `<!doctype html><title>top</title><iframe src="/iframe.html?site=`+html.EscapeString(url.QueryEscape(r.URL.Query().Get("site")))+`"></iframe>`)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestAllowList: allow-list entries that are not https: origins (nor
// http://localhost or http://127.0.0.1) are dropped, with a warning in
// the console.
func TestAllowList(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	server(t)
	dir := copySite(t)
	index := filepath.Join(dir, "index.html")
	b, _ := os.ReadFile(index)
	list := "http://evil.example https://portal.example http://localhost:8080 http://127.0.0.1:9 http://localhost.evil.example javascript:alert(1)"
	b = []byte(strings.Replace(string(b), `<html lang="en" dir="ltr">`, `<html lang="en" dir="ltr" data-allowed-origins="`+list+`">`, 1))
	os.WriteFile(index, b, 0o644)
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()

	ctx := browser(t, exe)
	var mu sync.Mutex
	var warnings []string
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*runtime.EventConsoleAPICalled); ok && e.Type == runtime.APITypeWarning && len(e.Args) > 0 {
			var s string
			json.Unmarshal(e.Args[0].Value, &s)
			mu.Lock()
			warnings = append(warnings, s)
			mu.Unlock()
		}
	})
	run(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(`//h1[text()="Your requests"]`, chromedp.BySearch))
	mu.Lock()
	got := strings.Join(warnings, "\n")
	mu.Unlock()
	for _, o := range []string{"http://evil.example", "http://localhost.evil.example", "javascript:alert(1)"} {
		if !strings.Contains(got, `"`+o+`" dropped`) {
			t.Errorf("no warning that %s is dropped; warnings:\n%s", o, got)
		}
	}
	for _, o := range []string{"https://portal.example", "http://localhost:8080", "http://127.0.0.1:9"} {
		if strings.Contains(got, `"`+o+`"`) {
			t.Errorf("%s was dropped; warnings:\n%s", o, got)
		}
	}
}

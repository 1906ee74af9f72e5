package site

// The built engine in a plain page with chromedp. The engine's own tests
// (GOOS=js, under ./wasm) run directly with wasmbrowsertest as go test's
// -exec: see the README.

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// buildEngine puts the engine of the site the tests built (one build per
// test binary) beside the toolchain's wasm_exec.js and the smoke page.
func buildEngine(t *testing.T) string {
	t.Helper()
	server(t)
	dir := t.TempDir()
	siteDir := filepath.Join(builtDir, "site")
	wasm, err := os.ReadFile(filepath.Join(siteDir, firstMatch(t, siteDir, "app.*.wasm")))
	if err != nil {
		t.Fatal(err)
	}
	execJS, err := os.ReadFile(filepath.Join(siteDir, firstMatch(t, siteDir, "wasm_exec.*.js")))
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join("..", "wasm", "testdata", "smoke.html"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"app.wasm": wasm, "wasm_exec.js": execJS, "index.html": page} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestSmokePage loads the built engine in a plain page (no test harness,
// so any use of os or the file system would fail here), saves a draft,
// reloads the page and finds the draft again. It also counts every request
// the page makes: nothing may leave the page's own origin.
func TestSmokePage(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	dir := buildEngine(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	ctx := browser(t, exe)

	var mu sync.Mutex
	var foreign []string
	wasmType := ""
	chromedp.ListenTarget(ctx, func(ev any) {
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			if !strings.HasPrefix(e.Request.URL, srv.URL+"/") {
				mu.Lock()
				foreign = append(foreign, e.Request.URL)
				mu.Unlock()
			}
		case *network.EventResponseReceived:
			if strings.HasSuffix(e.Response.URL, ".wasm") {
				mu.Lock()
				wasmType = e.Response.MimeType
				mu.Unlock()
			}
		}
	})

	var info map[string]any
	var id string
	err := chromedp.Run(ctx,
		network.Enable(),
		chromedp.Navigate(srv.URL+"/"),
		chromedp.Evaluate(`evidraft.ready`, &info, awaitPromise),
		chromedp.Evaluate(`(async () => {
			const r = await evidraft.newDraft("preservation", "en");
			r.body.reference = "SMOKE-1";
			r.body.facts = "<script>alert(1)</script> \u202e";
			const saved = await evidraft.saveDraft(r);
			return saved.id;
		})()`, &id, awaitPromise),
	)
	if err != nil {
		t.Fatal(err)
	}
	if info["storage"] != "indexeddb" {
		t.Fatalf("ready = %v", info)
	}

	var got map[string]any
	err = chromedp.Run(ctx,
		chromedp.Reload(),
		chromedp.Evaluate(`evidraft.ready`, &info, awaitPromise),
		chromedp.Evaluate(`evidraft.getDraft(`+quote(id)+`)`, &got, awaitPromise),
	)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := got["body"].(map[string]any)
	if got["title"] != "SMOKE-1" || got["revision"] != float64(1) || body["facts"] != "<script>alert(1)</script> \u202e" {
		t.Errorf("after reload, getDraft = %v", got)
	}
	var list []map[string]any
	if err := chromedp.Run(ctx, chromedp.Evaluate(`evidraft.listDrafts({})`, &list, awaitPromise)); err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0]["id"] != id {
		t.Errorf("listDrafts after reload = %v", list)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(foreign) > 0 {
		t.Errorf("requests beyond the page's origin: %v", foreign)
	}
	if wasmType != "application/wasm" {
		t.Errorf("app.wasm served as %q, want application/wasm", wasmType)
	}
}

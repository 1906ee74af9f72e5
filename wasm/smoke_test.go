//go:build !(js && wasm)

package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/evidraft/evidraft/site/chrometest"
)

// buildEngine compiles ./wasm for the browser and puts it beside the
// toolchain's own wasm_exec.js and the smoke page.
func buildEngine(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	build := exec.Command("go", "build", "-trimpath", "-o", filepath.Join(dir, "app.wasm"), ".")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("GOOS=js GOARCH=wasm go build ./wasm: %v\n%s", err, out)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	copyFile(t, filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"), filepath.Join(dir, "wasm_exec.js"))
	copyFile(t, filepath.Join("testdata", "smoke.html"), filepath.Join(dir, "index.html"))
	return dir
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// newBrowser starts headless Chromium with a fresh profile.
func newBrowser(t *testing.T, exe string) context.Context {
	return chrometest.New(t, exe, 90*time.Second)
}

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams {
	return p.WithAwaitPromise(true)
}

// TestSmokePage loads the built engine in a plain page (no test harness,
// so any use of os or the file system would fail here), saves a draft,
// reloads the page and finds the draft again. It also counts every request
// the page makes: nothing may leave the page's own origin.
func TestSmokePage(t *testing.T) {
	exe := chromium(t)
	dir := buildEngine(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	ctx := newBrowser(t, exe)

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
		chromedp.Evaluate(`evidraft.getDraft(`+quoteJS(id)+`)`, &got, awaitPromise),
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

func quoteJS(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

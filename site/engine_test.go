package site

// The engine's native tests: its build tags, its GOOS=js tests run in
// headless Chromium through wasmbrowsertest, and the built engine in a
// plain page with chromedp. They live here because every file under
// ./wasm builds for the browser only.

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestBuildTags: every file of the engine (./wasm) builds only for
// js/wasm, so that `go build ./...` and `go vet ./...` on a native machine
// skip them. The engine's native tests live here, outside it.
func TestBuildTags(t *testing.T) {
	err := filepath.WalkDir(filepath.Join("..", "wasm"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		first, err := firstLine(path)
		if err != nil {
			return err
		}
		want := "//go:build js && wasm"
		if first != want {
			t.Errorf("%s starts with %q, want %q", path, first, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func firstLine(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	s.Scan()
	return s.Text(), s.Err()
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// TestInBrowser runs the engine's GOOS=js tests (the JavaScript API and
// the IndexedDB store) in headless Chromium, through wasmbrowsertest
// installed as go_js_wasm_exec from the tool declared in go.mod.
func TestInBrowser(t *testing.T) {
	chromium(t)
	root := moduleRoot(t)
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "go_js_wasm_exec"), "github.com/agnivade/wasmbrowsertest")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building wasmbrowsertest: %v\n%s", err, out)
	}
	test := exec.Command("go", "test", "-count=1", "./wasm/...")
	test.Dir = root
	test.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	out, err := test.CombinedOutput()
	if err != nil {
		t.Fatalf("GOOS=js go test ./wasm/... failed: %v\n%s", err, quiet(out))
	}
	t.Logf("%s", quiet(out))
}

// quiet drops chromedp's noise about protocol events it does not know.
func quiet(out []byte) string {
	var keep []string
	for _, l := range strings.Split(string(out), "\n") {
		if !strings.Contains(l, "could not unmarshal event") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// buildEngine compiles ./wasm for the browser, as the site's build does,
// and puts it beside the toolchain's wasm_exec.js and the smoke page.
func buildEngine(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	wasm, err := compileEngine(Options{Root: ".."})
	if err != nil {
		t.Fatal(err)
	}
	execJS, err := wasmExecJS()
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

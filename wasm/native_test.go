//go:build !(js && wasm)

package main

// The native half of the engine's tests: it checks the build tags, runs the
// GOOS=js tests in headless Chromium through wasmbrowsertest, and loads the
// built engine in a plain page with chromedp. `go test ./...` thus covers
// the browser code without any flag.

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidraft/evidraft/site/chrometest"
)

// TestBuildTags: every engine file builds only for js/wasm, so that
// `go build ./...` and `go vet ./...` on a native machine skip them.
func TestBuildTags(t *testing.T) {
	native := map[string]bool{"native_test.go": true, "smoke_test.go": true}
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		first, err := firstLine(path)
		if err != nil {
			return err
		}
		want := "//go:build js && wasm"
		if native[filepath.Base(path)] && filepath.Dir(path) == "." {
			want = "//go:build !(js && wasm)"
		}
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

// chromium finds the browser, or skips outside CI.
func chromium(t *testing.T) string { return chrometest.Exe(t) }

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

var _ = context.Background

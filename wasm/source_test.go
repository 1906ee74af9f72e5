//go:build js && wasm

package main

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The engine's sources, read from the test's working directory (./wasm)
// through wasmbrowsertest's view of the host's files.
func sources(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		files = append(files, path)
		return nil
	})
	if err != nil || len(files) < 10 {
		t.Fatalf("found %d Go files under ./wasm: %v", len(files), err)
	}
	return files
}

// TestBuildTags: every file of the engine builds only for js/wasm, so
// that `go build ./...` and `go vet ./...` on a native machine skip them.
func TestBuildTags(t *testing.T) {
	for _, path := range sources(t) {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		s := bufio.NewScanner(f)
		s.Scan()
		f.Close()
		if want := "//go:build js && wasm"; s.Text() != want {
			t.Errorf("%s starts with %q, want %q", path, s.Text(), want)
		}
	}
}

// TestNoEval: the engine never makes code from a string. The site's CSP
// allows 'wasm-unsafe-eval' only, so new Function or eval would throw when
// the engine starts and leave the page loading forever (a listing
// optimisation did exactly that; the browser tests caught it).
func TestNoEval(t *testing.T) {
	for _, path := range sources(t) {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{`Get("Function")`, `Get("eval")`, `"setTimeout", "`} {
			if strings.Contains(string(b), bad) {
				t.Errorf("%s uses %s: code from a string, refused by the site's CSP", path, bad)
			}
		}
	}
}

package site

import (
	"os"
	"path/filepath"
	"testing"
)

// engineBrotliLimit is the most app.wasm may weigh brotli-compressed, as
// the hosted site serves it. Issue 21's budget is 1.4 MB; the engine is
// above it today, so this limit is a ratchet about 1% over the size
// measured when it was last set (2026-12-02: 1,832,027 bytes): a few
// kilobytes of new code pass (the same binary shifted by a few bytes
// compresses up to 5 kB differently), a new dependency or table does not.
// Lower it whenever the engine shrinks. A size is not timing noise: it is
// the same on every machine for the same source.
const (
	engineBrotliLimit  = 1_850_000
	engineBrotliBudget = 1_400_000
)

// TestEngineSize checks the brotli size of the built app.wasm, from the
// build the other site tests share (no extra compile).
func TestEngineSize(t *testing.T) {
	server(t) // builds the site once
	matches, err := filepath.Glob(filepath.Join(builtDir, "site", "app.*.wasm.br"))
	if err != nil || len(matches) != 1 {
		t.Fatalf("app.*.wasm.br in the build: %v %v", matches, err)
	}
	fi, err := os.Stat(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	n := fi.Size()
	t.Logf("app.wasm brotli: %d bytes (limit %d, issue 21 budget %d)", n, engineBrotliLimit, engineBrotliBudget)
	if n > engineBrotliLimit {
		t.Errorf("app.wasm brotli is %d bytes, over the limit of %d: find what linked in (code bytes by package from the wasm name section, or go build -ldflags=-dumpdep) or, if it is worth it, raise the limit in a commit that says why", n, engineBrotliLimit)
	}
}

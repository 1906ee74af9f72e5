package site

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/andybalholm/brotli"
)

// TestBrotliCache: the compressed engine is kept under its content's
// hash and used again; a damaged entry is not trusted but replaced.
func TestBrotliCache(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv("HOME", cache)
	data := bytes.Repeat([]byte("evidraft brotli cache "), 5000)
	first, err := brotliCached(data)
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := filepath.Glob(filepath.Join(cache, "*", "evidraft", "brotli", "*.br"))
	if more, _ := filepath.Glob(filepath.Join(cache, "evidraft", "brotli", "*.br")); len(more) > 0 {
		entries = append(entries, more...)
	}
	if len(entries) != 1 {
		t.Fatalf("cache entries %v, want one", entries)
	}
	if err := os.WriteFile(entries[0], []byte("damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	second, err := brotliCached(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range [][]byte{first, second} {
		plain, err := io.ReadAll(brotli.NewReader(bytes.NewReader(b)))
		if err != nil || !bytes.Equal(plain, data) {
			t.Fatalf("brotliCached gave something that is not data: %v", err)
		}
	}
	if kept, _ := os.ReadFile(entries[0]); !bytes.Equal(kept, second) {
		t.Errorf("the damaged entry was not replaced")
	}
}

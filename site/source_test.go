package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoBidiOverridesInSource: no source, page, catalog or document of the
// repository holds a literal bidi embedding or override (U+202A–U+202E):
// one reorders the text an editor or a reviewer sees ("Trojan Source").
// Tests write them as \u escapes. Isolates (U+2066–U+2069), balanced by
// nature, stay allowed: an Arabic translation isolates a file name. Golden
// outputs (testdata) are what the product writes and are left out.
func TestNoBidiOverridesInSource(t *testing.T) {
	n := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "node_modules", "testdata", "dist":
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(path) {
		case ".go", ".js", ".mjs", ".css", ".html", ".json", ".md", ".txt", ".sh", "":
		default:
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		for i, line := range strings.Split(string(b), "\n") {
			if j := strings.IndexFunc(line, func(r rune) bool { return r >= 0x202A && r <= 0x202E }); j >= 0 {
				t.Errorf("%s:%d: a literal bidi control (U+%04X); write it as an escape", path, i+1, []rune(line[j:])[0])
			}
		}
		return nil
	})
	if err != nil || n < 100 {
		t.Fatalf("read %d files: %v", n, err)
	}
}

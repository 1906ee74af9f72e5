package schemas

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidraft/evidraft/locales"
)

// TestCatalogCoversSchemas keeps locales/en/schema.gotext.json in step with
// the schemas: every title, description and enum label is a source string
// that translations key on. go test ./schemas -update rewrites the English
// file; other languages keep their translations and gain empty entries.
func TestCatalogCoversSchemas(t *testing.T) {
	strs := SourceStrings()
	if len(strs) < 100 {
		t.Fatalf("SourceStrings() = %d strings; the walk is broken", len(strs))
	}
	for _, s := range strs {
		if strings.Contains(s, "%") || strings.ContainsAny(s, "{}") {
			t.Errorf("source string %q contains %% or braces, which the catalog would read as verbs or placeholders", s)
		}
	}
	path := filepath.Join("..", "locales", "en", "schema.gotext.json")
	f := locales.File{Language: "en"}
	for _, s := range strs {
		f.Messages = append(f.Messages, locales.Message{ID: s, Message: s, Translation: locales.Translation{Text: s}})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(f)
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, buf.Bytes()) {
		t.Errorf("%s is out of date with the schemas (err %v); run go test ./schemas -update", path, err)
	}
}

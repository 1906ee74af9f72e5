package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales/cldr"
	"github.com/evidraft/evidraft/schemas"
)

// The letters are read with the dates and names written out, as the CLI
// and the browser write them.
func TestMain(m *testing.M) {
	cldr.Use()
	os.Exit(m.Run())
}

var tags = []language.Tag{language.English, language.Arabic, language.French, language.Russian, language.Spanish, language.Chinese}

func example(t *testing.T, kind string) []byte {
	t.Helper()
	b, err := schemas.Example(kind)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func render(t *testing.T, draft []byte, opts Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, draft, opts); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// What the user typed is escaped; hidden answers are not printed.
func TestRenderHostile(t *testing.T) {
	draft := strings.Replace(string(example(t, "preservation")), `"facts": "`, `"facts": "<script>alert(1)</script> \u202e `, 1)
	html := render(t, []byte(draft), Options{Lang: language.English})
	if strings.Contains(html, "<script>") || !strings.Contains(html, "&lt;script&gt;") {
		t.Error("user text is not escaped")
	}
	draft = strings.Replace(string(example(t, "preservation")), `"type": "network247"`, `"type": "centralAuthority"`, 1)
	if !strings.Contains(draft, `"centralAuthority"`) || !strings.Contains(draft, `"contact247"`) {
		t.Fatal("the example no longer has a 24/7 channel with its contact")
	}
	html = render(t, []byte(draft), Options{Lang: language.English})
	if strings.Contains(html, "pc247@example.fr") {
		t.Error("a hidden answer (the 24/7 contact of a non-24/7 channel) was printed")
	}
}

// The request language defaults to the draft's own.
func TestRenderDraftLanguage(t *testing.T) {
	draft := strings.Replace(string(example(t, "stored-data")), `"language": "en"`, `"language": "es"`, 1)
	if !strings.Contains(draft, `"language": "es"`) {
		t.Skip("example is not in English")
	}
	html := render(t, []byte(draft), Options{})
	if !strings.Contains(html, `lang="es"`) {
		t.Error("did not print in the draft's language")
	}
}

// TestWriteSamples writes the printed request of every kind to
// testdata/ when EVIDRAFT_SAMPLES is set, for looking at them.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("EVIDRAFT_SAMPLES")
	if dir == "" {
		t.Skip("set EVIDRAFT_SAMPLES=DIR to write sample documents")
	}
	for _, kind := range schemas.KindIDs() {
		for _, tag := range tags {
			os.WriteFile(filepath.Join(dir, kind+"."+tag.String()+".html"), []byte(render(t, example(t, kind), Options{Lang: tag, Standalone: true})), 0o644)
		}
	}
}

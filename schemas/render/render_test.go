package render

import (
	"bytes"
	"encoding/json"
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

// What the user typed is escaped, a bidi override shown as its code
// point; hidden answers are not printed.
func TestRenderHostile(t *testing.T) {
	draft := strings.Replace(string(example(t, "preservation")), `"facts": "`, `"facts": "<script>alert(1)</script> \u202e `, 1)
	html := render(t, []byte(draft), Options{Lang: language.English})
	if strings.Contains(html, "<script>") || !strings.Contains(html, "&lt;script&gt;") {
		t.Error("user text is not escaped")
	}
	if strings.Contains(html, "\u202e") || !strings.Contains(html, "⟨U&#43;202E⟩") {
		t.Error("the right-to-left override in the facts is not shown as its code point")
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

// TestTrackingNotPrinted: what was recorded after sending (the date sent,
// the requested State's confirmation) is no part of the request: neither
// the letter nor the EU certificate prints it.
func TestTrackingNotPrinted(t *testing.T) {
	for _, kind := range []string{"preservation", "epoc-pr", "epoc"} {
		var d map[string]any
		if err := json.Unmarshal(example(t, kind), &d); err != nil {
			t.Fatal(err)
		}
		tr := map[string]any{"sent": "2031-01-02", "preservedOn": "2031-01-03"}
		if kind == "epoc" {
			tr = map[string]any{"sentAt": "2031-01-02T10:00:00+01:00", "dataReceived": "2031-01-05"}
		}
		if kind == "preservation" {
			tr["theirReference"] = "THEIRS-777"
			tr["confirmedEnd"] = "2031-04-05"
		}
		d["tracking"] = tr
		b, _ := json.Marshal(d)
		out := render(t, b, Options{Final: true})
		for _, s := range []string{"2031", "THEIRS-777", "After sending"} {
			if strings.Contains(out, s) {
				t.Errorf("%s: the printed request shows %q from the tracking answers", kind, s)
			}
		}
	}
}

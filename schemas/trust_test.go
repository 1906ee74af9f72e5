package schemas

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestTrustEmbedded: compiled without the metaschema check (the engine,
// TrustEmbedded), the schemas give the same result as compiled with it
// for every kind's example and for drafts broken in several ways; a
// portal's kind loaded as built works; AddKind refuses, as it could not
// check the document; and the check is really off: a document that the
// metaschema refuses compiles.
func TestTrustEmbedded(t *testing.T) {
	results := func() map[string]string {
		out := map[string]string{}
		for _, k := range Kinds() {
			ex, err := Example(k.ID)
			if err != nil {
				t.Fatal(err)
			}
			drafts := map[string][]byte{"example": ex}
			var v map[string]any
			json.Unmarshal(ex, &v)
			for key := range v {
				broken := map[string]any{}
				for k2, x := range v {
					if k2 != key {
						broken[k2] = x
					}
				}
				b, _ := json.Marshal(broken)
				drafts["without "+key] = b
				broken[key] = 12
				b, _ = json.Marshal(broken)
				drafts[key+" a number"] = b
			}
			for name, d := range drafts {
				for _, mode := range []Mode{Draft, Final} {
					res, err := Validate(d, Options{Mode: mode, Now: testNow})
					b, _ := json.Marshal(res)
					out[k.ID+": "+name+" "+string(rune('0'+mode))] = string(b) + errString(err)
				}
			}
		}
		return out
	}
	recompile()
	checked := results()
	t.Cleanup(func() {
		trusted.Store(false)
		resetExtras()
		recompile()
	})
	TrustEmbedded()
	recompile()
	got := results()
	if len(got) != len(checked) || len(got) < 100 {
		t.Fatalf("%d results trusted, %d checked", len(got), len(checked))
	}
	for k, want := range checked {
		if got[k] != want {
			t.Errorf("%s: trusted %s, checked %s", k, got[k], want)
		}
	}

	extra := readDir(t, filepath.Join("..", "site", "testdata", "extra"))
	if _, err := LoadBuiltExtra(extra); err != nil {
		t.Fatal(err)
	}
	ex, _ := Example("video-hearing")
	if res, err := Validate(ex, Options{Mode: Final, Now: testNow}); err != nil || !res.Valid {
		t.Errorf("the portal's kind, trusted: %v %+v", err, res)
	}
	schema := strings.Replace(string(extra["video-hearing.schema.json"]), "video-hearing", "other-hearing", 1)
	if _, err := AddKind([]byte(schema), nil); err == nil || !strings.Contains(err.Error(), "TrustEmbedded") {
		t.Errorf("AddKind while trusted: %v, want a refusal", err)
	}

	c := jsonschema.NewCompiler()
	c.TrustSchemas()
	if err := c.AddResource("bad.json", map[string]any{"type": 12}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Compile("bad.json"); err != nil {
		t.Errorf("with TrustSchemas, a document the metaschema refuses: %v, want it compiled unchecked", err)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return " error " + err.Error()
}

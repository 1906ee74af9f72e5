package schemas

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// readDir reads a folder into the map LoadExtra takes.
func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestExtraKind: a portal's own kind, given as a schema that uses the
// shared definitions, with an example and a French catalog, is validated,
// named in findings and turned into a form like the built-in kinds,
// whether loaded and checked (the CLI, evidraft build) or loaded as built
// (the engine, which compiles the schemas only when first needed).
func TestExtraKind(t *testing.T) {
	for _, load := range []struct {
		name    string
		fn      func(map[string][]byte) ([]string, error)
		checked bool // compiles at once
	}{{"LoadExtra", LoadExtra, true}, {"LoadBuiltExtra", LoadBuiltExtra, false}} {
		t.Run(load.name, func(t *testing.T) { testExtraKind(t, load.fn, load.checked) })
	}
}

func testExtraKind(t *testing.T, load func(map[string][]byte) ([]string, error), checked bool) {
	t.Cleanup(resetExtras)
	ids, err := load(readDir(t, filepath.Join("..", "site", "testdata", "extra")))
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 1 || ids[0] != "video-hearing" {
		t.Fatalf("added %v", ids)
	}
	k, err := KindByID("video-hearing")
	if err != nil || k.Articles != "UNTOC Art. 18; UNCAC Art. 46" {
		t.Fatalf("KindByID = %+v, %v", k, err)
	}
	if compiled := k.schema != nil; compiled != checked {
		t.Errorf("schemas compiled after loading: %v", compiled)
	}
	ex, _ := Example("video-hearing")
	res, err := Validate(ex, Options{Mode: Final, Now: testNow})
	if err != nil || !res.Valid {
		t.Fatalf("example: %v %+v", err, res)
	}
	// Its own field, named by the portal's French title.
	bad, _ := ReadDraft(ex)
	delete(bad.(map[string]any), "questions")
	res, err = ValidateValue(bad, Options{Lang: language.French, Now: testNow})
	if err != nil || res.Valid || len(res.Findings) != 1 || res.Findings[0].Message != "Questions à poser : cette information est obligatoire." {
		t.Errorf("missing questions in French: %v %+v", err, res)
	}
	// A shared definition inside it, named as in the built-in kinds.
	wrong := strings.Replace(string(ex), `"cyber.parquet-lyon@example.fr"`, `"cyber.parquet-lyon(at)example.fr"`, 1)
	res, err = Validate([]byte(wrong), Options{Lang: language.French, Now: testNow})
	if err != nil || res.Valid || len(res.Findings) != 1 || res.Findings[0].Pointer != "/requestingAuthority/contact/email" || res.Findings[0].Code != "format.idn-email" {
		t.Errorf("bad e-mail: %v %+v", err, res)
	}
	v, _ := ReadDraft(ex)
	f, err := BuildForm(v, FormOptions{Lang: language.French, Now: testNow})
	if err != nil || f.Title != "Demande d’audition par vidéoconférence" || len(f.Sections) < 4 {
		t.Errorf("form: %v %+v", err, f)
	}
	// The same folder loaded again is fine; another schema with the same
	// id, or one outside extra/, is refused.
	schema := readDir(t, filepath.Join("..", "site", "testdata", "extra"))["video-hearing.schema.json"]
	if _, err := AddKind(schema, nil); err != nil {
		t.Errorf("loading the same kind again: %v", err)
	}
	if _, err := AddKind([]byte(strings.Replace(string(schema), `"title": "Request for a hearing`, `"title": "Another request for a hearing`, 1)), nil); err == nil {
		t.Error("a different kind with the same id was added")
	}
	if _, err := AddKind([]byte(`{"$id": "https://example.org/x.schema.json", "title": "X"}`), nil); err == nil {
		t.Error("a schema outside the base URL was accepted")
	}
}

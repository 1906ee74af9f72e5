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
	if len(ids) != 1 || ids[0] != "provider-request" {
		t.Fatalf("added %v", ids)
	}
	k, err := KindByID("provider-request")
	if err != nil || k.Articles != "CETS 224 Art. 7" {
		t.Fatalf("KindByID = %+v, %v", k, err)
	}
	if compiled := k.schema != nil; compiled != checked {
		t.Errorf("schemas compiled after loading: %v", compiled)
	}
	ex, _ := Example("provider-request")
	res, err := Validate(ex, Options{Mode: Final, Now: testNow})
	if err != nil || !res.Valid {
		t.Fatalf("example: %v %+v", err, res)
	}
	// Its own field, named by the portal's French title.
	bad, _ := ReadDraft(ex)
	delete(bad.(map[string]any), "subscriberData")
	res, err = ValidateValue(bad, Options{Lang: language.French, Now: testNow})
	if err != nil || res.Valid || len(res.Findings) != 1 || res.Findings[0].Message != "Informations relatives aux abonnés recherchées : cette information est obligatoire." {
		t.Errorf("missing subscriber data in French: %v %+v", err, res)
	}
	// A shared definition inside it, named as in the built-in kinds.
	wrong := strings.Replace(string(ex), `"anna.k@example.net"`, `"anna.k(at)example.net"`, 1)
	res, err = Validate([]byte(wrong), Options{Lang: language.French, Now: testNow})
	if err != nil || res.Valid || len(res.Findings) != 1 || res.Findings[0].Pointer != "/subscriberData/0/value" || res.Findings[0].Code != "format.idn-email" {
		t.Errorf("bad e-mail: %v %+v", err, res)
	}
	v, _ := ReadDraft(ex)
	f, err := BuildForm(v, FormOptions{Lang: language.French, Now: testNow})
	if err != nil || f.Title != "Demande d’informations relatives aux abonnés adressée à un fournisseur de services" || len(f.Sections) < 4 {
		t.Errorf("form: %v %+v", err, f)
	}
	// The same folder loaded again is fine; another schema with the same
	// id, or one outside extra/, is refused.
	schema := readDir(t, filepath.Join("..", "site", "testdata", "extra"))["provider-request.schema.json"]
	if _, err := AddKind(schema, nil); err != nil {
		t.Errorf("loading the same kind again: %v", err)
	}
	if _, err := AddKind([]byte(strings.Replace(string(schema), `"title": "Request to`, `"title": "Another request to`, 1)), nil); err == nil {
		t.Error("a different kind with the same id was added")
	}
	if _, err := AddKind([]byte(`{"$id": "https://example.org/x.schema.json", "title": "X"}`), nil); err == nil {
		t.Error("a schema outside the base URL was accepted")
	}
}

package schemas

import (
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/evidraft/evidraft/locales"
	"golang.org/x/text/language"
)

// testNow is the fixed "now" of every test, so that warnings about future
// dates do not change with the calendar.
var testNow = ExampleDate

func TestFS(t *testing.T) {
	var names []string
	for _, k := range kindIDs {
		names = append(names, k+".schema.json", "examples/"+k+".json")
	}
	if err := fstest.TestFS(FS(), append(names, "defs.schema.json")...); err != nil {
		t.Fatal(err)
	}
}

func TestCompile(t *testing.T) {
	if err := CompileError(); err != nil {
		t.Fatalf("CompileError() = %v", err)
	}
	if got := len(Kinds()); got != 11 {
		t.Errorf("len(Kinds()) = %d, want 11", got)
	}
	for _, k := range Kinds() {
		if k.Title == "" || k.Description == "" || k.Articles == "" {
			t.Errorf("kind %s lacks title, description or x-articles", k.ID)
		}
	}
}

func TestSchemaIDs(t *testing.T) {
	names, err := schemaFiles()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		data, _ := files.ReadFile(name)
		var s struct {
			ID     string `json:"$id"`
			Schema string `json:"$schema"`
		}
		if err := json.Unmarshal(data, &s); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if s.ID != BaseURL+name {
			t.Errorf("%s: $id = %q, want %q", name, s.ID, BaseURL+name)
		}
		if s.Schema != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("%s: $schema = %q, want draft 2020-12", name, s.Schema)
		}
	}
}

func TestLoaderRefusesOtherURLs(t *testing.T) {
	for _, url := range []string{
		"https://example.org/evil.schema.json",
		"http://schemas.evidraft.org/v1/defs.schema.json",
		"https://schemas.evidraft.org/v1/../v1/defs.schema.json",
		"https://schemas.evidraft.org/v1/sub/defs.schema.json",
		"file:///etc/passwd",
		"https://schemas.evidraft.org/v1/examples/mla.json",
	} {
		if _, err := (loader{}).Load(url); err == nil {
			t.Errorf("loader.Load(%q) = nil error, want refusal", url)
		}
	}
	if _, err := (loader{}).Load(BaseURL + "defs.schema.json"); err != nil {
		t.Errorf("loader.Load(defs) = %v, want nil", err)
	}
}

// TestExamplesValid checks that every example is a valid final request with
// no finding at all: users copy these.
func TestExamplesValid(t *testing.T) {
	for _, id := range kindIDs {
		data, err := Example(id)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Validate(data, Options{Mode: Final, Now: testNow})
		if err != nil {
			t.Fatalf("Validate(example %s) error = %v", id, err)
		}
		if !res.Valid || len(res.Findings) != 0 {
			t.Errorf("Validate(example %s) = valid %v, findings %s; want valid, none", id, res.Valid, dump(res.Findings))
		}
		if res.Kind != id {
			t.Errorf("Validate(example %s).Kind = %q", id, res.Kind)
		}
	}
}

func TestInputErrors(t *testing.T) {
	tests := []struct {
		name, draft, id string
	}{
		{"malformed", "{\n  \"kind\": \"mla\",\n  oops\n}", "error.json.syntax"},
		{"truncated", `{"kind": "mla", "schemaVersion": 1`, "error.json.syntax"},
		{"trailing", `{"kind": "mla"} {}`, "error.json.syntax"},
		{"duplicate", `{"kind": "mla", "kind": "emergency"}`, "error.json.duplicate"},
		{"utf8", "{\"kind\": \"mla\xff\"}", "error.json.utf8"},
		{"array", `[]`, "error.json.notObject"},
		{"no kind", `{"schemaVersion": 1}`, "error.kind.missing"},
		{"unknown kind", `{"kind": "extradition", "schemaVersion": 1}`, "error.kind.unknown"},
		{"kind not string", `{"kind": 7, "schemaVersion": 1}`, "error.kind.unknown"},
		{"newer", `{"kind": "mla", "schemaVersion": 2}`, "error.version.newer"},
		{"huge", `{"facts": "` + strings.Repeat("a", MaxDraftSize) + `"}`, "error.json.tooLarge"},
	}
	for _, tc := range tests {
		_, err := Validate([]byte(tc.draft), Options{})
		ie, ok := err.(*locales.Error)
		if !ok || ie.Code != tc.id {
			t.Errorf("Validate(%s) error = %v, want *locales.Error %s", tc.name, err, tc.id)
		}
	}
}

func TestSyntaxErrorPosition(t *testing.T) {
	_, err := Validate([]byte("{\n  \"kind\": \"mla\",\n  oops\n}"), Options{})
	ie, _ := err.(*locales.Error)
	if ie == nil || ie.Params["Line"] != 3 || ie.Params["Column"] != 3 {
		t.Fatalf("Validate(malformed) = %v, want line 3 column 3", err)
	}
	if msg := ie.Error(); !strings.Contains(msg, "line 3, column 3") {
		t.Errorf("error message %q does not give line and column", msg)
	}
	_, err = Validate([]byte(`{"a": 1, "a": 2}`), Options{})
	if ie, _ := err.(*locales.Error); ie == nil || !strings.Contains(ie.Error(), "“a” twice") {
		t.Errorf("duplicate key error = %v", err)
	}
}

func TestKindHint(t *testing.T) {
	data, _ := Example("mla")
	var v map[string]any
	json.Unmarshal(data, &v)
	delete(v, "kind")
	data, _ = json.Marshal(v)
	res, err := Validate(data, Options{Kind: "mla", Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if !has(res.Findings, "/kind", "required") {
		t.Errorf("Validate(no kind, hint mla) findings = %s, want required at /kind", dump(res.Findings))
	}
}

// TestModes: a draft without a signature is valid as a draft, not as final.
func TestModes(t *testing.T) {
	data, _ := Example("preservation")
	var v map[string]any
	json.Unmarshal(data, &v)
	delete(v, "signature")
	data, _ = json.Marshal(v)
	res, err := Validate(data, Options{Mode: Draft, Now: testNow})
	if err != nil || !res.Valid {
		t.Fatalf("Validate(draft mode) = %v, %v; want valid", res, err)
	}
	res, _ = Validate(data, Options{Mode: Final, Now: testNow})
	if res.Valid || !has(res.Findings, "/signature", "required") {
		t.Errorf("Validate(final mode) findings = %s, want required at /signature", dump(res.Findings))
	}
}

func TestMessageNamesFieldByTitle(t *testing.T) {
	data, _ := Example("preservation")
	var v map[string]any
	json.Unmarshal(data, &v)
	v["requestingAuthority"].(map[string]any)["contact"].(map[string]any)["email"] = "no-at-sign"
	data, _ = json.Marshal(v)
	res, _ := Validate(data, Options{Lang: language.English, Now: testNow})
	f := find(res.Findings, "/requestingAuthority/contact/email")
	if f == nil {
		t.Fatalf("no finding at the e-mail; got %s", dump(res.Findings))
	}
	want := "Requesting authority › Contact person › E-mail: enter a valid e-mail address such as name@example.org."
	if f.Message != want || f.Code != "format.idn-email" {
		t.Errorf("finding = %q %q, want format.idn-email %q", f.Code, f.Message, want)
	}
	if strings.Contains(f.Message, "requestingAuthority") {
		t.Errorf("message %q uses the JSON key", f.Message)
	}
}

func has(fs []Finding, ptr, code string) bool {
	for _, f := range fs {
		if f.Pointer == ptr && f.Code == code {
			return true
		}
	}
	return false
}

func find(fs []Finding, ptr string) *Finding {
	for i := range fs {
		if fs[i].Pointer == ptr {
			return &fs[i]
		}
	}
	return nil
}

func dump(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("\n\t" + f.Severity.String() + " " + f.Code + " " + f.Pointer + ": " + f.Message)
	}
	if b.Len() == 0 {
		return "none"
	}
	return b.String()
}

// builtinFormats are the formats jsonschema v6 implements itself.
var builtinFormats = []string{"ipv4", "ipv6", "hostname", "email", "date", "time", "date-time", "uri", "iri", "uri-reference", "iri-reference", "uuid", "duration"}

// TestFormatsKnown fails when a schema names a format nobody implements,
// which jsonschema would silently accept.
func TestFormatsKnown(t *testing.T) {
	known := map[string]bool{}
	for _, f := range append(customFormats(), idnFormats()...) {
		known[f.Name] = true
	}
	for _, f := range builtinFormats {
		known[f] = true
	}
	names, _ := schemaFiles()
	for _, name := range names {
		data, _ := files.ReadFile(name)
		var v any
		json.Unmarshal(data, &v)
		var walk func(any)
		walk = func(v any) {
			switch v := v.(type) {
			case map[string]any:
				if f, ok := v["format"].(string); ok && !known[f] {
					t.Errorf("%s: format %q is not implemented", name, f)
				}
				for _, c := range v {
					walk(c)
				}
			case []any:
				for _, c := range v {
					walk(c)
				}
			}
		}
		walk(v)
	}
}

// TestTitles: every property of every kind has an English title and
// description (its own or its definition's), and every enum value a label.
func TestTitles(t *testing.T) {
	st := mustSchemas()
	for _, k := range Kinds() {
		seen := map[*jsonschema.Schema]bool{}
		var walk func(path string, s *jsonschema.Schema)
		walk = func(path string, s *jsonschema.Schema) {
			for _, sch := range expandSchemas([]*jsonschema.Schema{s}) {
				if seen[sch] {
					continue
				}
				seen[sch] = true
				for name, p := range sch.Properties {
					child := path + "/" + name
					if firstTitle(p) == "" && len(p.Properties) == 0 && p.Ref == nil && p.Types == nil {
						continue // a constraint inside if/then, not a field
					}
					if firstTitle(p) == "" {
						t.Errorf("%s: %s has no title", k.ID, child)
					}
					if firstDescription(p) == "" {
						t.Errorf("%s: %s has no description", k.ID, child)
					}
					walk(child, p)
				}
				if sch.Items2020 != nil {
					walk(path+"/*", sch.Items2020)
				}
				if sch.Enum != nil && len(sch.Enum.Values) > 1 {
					for _, v := range sch.Enum.Values {
						if st.labels[sch.Location][v.(string)] == "" {
							t.Errorf("%s: %s: enum value %v has no label in x-enumLabels", k.ID, path, v)
						}
					}
				}
			}
		}
		walk("", k.schema)
	}
}

package schemas

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/evidraft/evidraft/locales"
)

// renameStep is a made-up format change 1 -> 2: "facts" becomes
// "summaryOfFacts". Version 1 is the only real format so far, so the
// mechanism is tested with steps of our own.
var renameStep = Migration{From: 1, Note: "facts renamed", Apply: func(d map[string]any) error {
	if v, ok := d["facts"]; ok {
		d["summaryOfFacts"] = v
		delete(d, "facts")
	}
	return nil
}}

var failStep = Migration{From: 2, Apply: func(d map[string]any) error { return errors.New("cannot place answer") }}

func TestMigrateSteps(t *testing.T) {
	in := []byte(`{"kind":"preservation","schemaVersion":1,"facts":"<b>ok</b> ` + "\u202e" + `","n":12345678901234567890}`)
	out, from, err := migrate(in, []Migration{renameStep}, 2)
	if err != nil || from != 1 {
		t.Fatalf("migrate = %s, %d, %v", out, from, err)
	}
	var got map[string]any
	d := json.NewDecoder(strings.NewReader(string(out)))
	d.UseNumber()
	if err := d.Decode(&got); err != nil {
		t.Fatal(err)
	}
	if got["summaryOfFacts"] != "<b>ok</b> \u202e" || got["facts"] != nil || got["schemaVersion"] != json.Number("2") {
		t.Errorf("migrated draft = %s", out)
	}
	if got["n"] != json.Number("12345678901234567890") {
		t.Errorf("a big number lost precision: %v", got["n"])
	}
	if !strings.Contains(string(out), "<b>") {
		t.Errorf("migration escaped HTML in answers: %s", out)
	}
	if DraftVersion(out) != 2 {
		t.Errorf("DraftVersion = %d", DraftVersion(out))
	}
}

func TestMigrateRefusals(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		steps      []Migration
		current    int
		want       string
	}{
		{"newer", `{"schemaVersion":3}`, nil, 2, "error.version.newer"},
		{"no step", `{"schemaVersion":1}`, nil, 2, "error.version.migrate"},
		{"step fails", `{"schemaVersion":1}`, []Migration{renameStep, failStep}, 3, "error.version.migrate"},
		{"not object", `[1]`, nil, 2, "error.json.notObject"},
		{"not JSON", `{`, nil, 2, "error.json.syntax"},
	} {
		_, _, err := migrate([]byte(tc.body), tc.steps, tc.current)
		var ie *locales.Error
		if !errors.As(err, &ie) || ie.Code != tc.want {
			t.Errorf("%s: err = %v, want %s", tc.name, err, tc.want)
		}
	}
}

func TestMigrateCurrentIsUnchanged(t *testing.T) {
	for _, k := range Kinds() {
		ex, _ := Example(k.ID)
		out, from, err := Migrate(ex)
		if err != nil || from != SchemaVersion || string(out) != string(ex) {
			t.Errorf("%s: Migrate changed a current draft (from %d, err %v)", k.ID, from, err)
		}
	}
}

// FuzzMigrate: any input either migrates to a draft that reads back and
// says it is at the target version, or fails with an *locales.Error.
func FuzzMigrate(f *testing.F) {
	seedDrafts(f)
	f.Add([]byte(`{"schemaVersion":1,"facts":"x"}`))
	f.Add([]byte(`{"schemaVersion":2}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, current := range []int{SchemaVersion, 2} {
			out, _, err := migrate(data, []Migration{renameStep}, current)
			if err != nil {
				if _, ok := err.(*locales.Error); !ok {
					t.Fatalf("migrate error %T %v, want *locales.Error", err, err)
				}
				continue
			}
			if _, err := ReadDraft(out); err != nil {
				t.Fatalf("migrated draft does not read back: %v\n%s", err, out)
			}
			if v := DraftVersion(out); v != 0 && v != current {
				t.Fatalf("migrated draft at version %d, want %d", v, current)
			}
		}
	})
}

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/evidraft/evidraft/schemas"
)

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// testNow is the fixed "now" of the package's tests (see TestMain).
var testNow = schemas.ExampleDate

func TestMain(m *testing.M) {
	clock = func() time.Time { return testNow }
	os.Exit(m.Run())
}

// TestExampleValidates is `evidraft example KIND | evidraft validate --final -`
// for every kind, on several days: the example is dated from the day it
// is asked for, so no deadline has passed and no range lies in the future,
// and validation reports no finding at all, not even a warning.
func TestExampleValidates(t *testing.T) {
	defer func() { clock = func() time.Time { return testNow } }()
	days := []time.Time{
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		testNow,
		time.Date(2031, 6, 1, 23, 59, 0, 0, time.UTC),
		time.Date(2040, 2, 29, 12, 0, 0, 0, time.FixedZone("", 14*3600)),
	}
	for _, day := range days {
		clock = func() time.Time { return day }
		for _, kind := range schemas.KindIDs() {
			code, example, stderr := runCLI(t, "", "example", kind)
			if code != exitOK || stderr != "" {
				t.Fatalf("on %s: example %s = %d, stderr %q", day, kind, code, stderr)
			}
			code, out, stderr := runCLI(t, example, "validate", "--final", "--format", "json", "-")
			var res fileResult
			if err := json.Unmarshal([]byte(out), &res); err != nil || code != exitOK || len(res.Findings) != 0 {
				t.Errorf("on %s: example %s | validate --final - = %d, want 0 and no finding; stdout %s stderr %s", day.Format(time.DateOnly), kind, code, out, stderr)
			}
		}
	}
}

func TestKinds(t *testing.T) {
	code, out, _ := runCLI(t, "", "kinds")
	if code != exitOK {
		t.Fatalf("kinds = %d", code)
	}
	for _, k := range schemas.Kinds() {
		if !strings.Contains(out, k.ID) || !strings.Contains(out, k.Title) {
			t.Errorf("kinds output lacks %s %q:\n%s", k.ID, k.Title, out)
		}
	}
}

func TestSchema(t *testing.T) {
	code, out, _ := runCLI(t, "", "schema", "emergency")
	var s map[string]any
	if code != exitOK || json.Unmarshal([]byte(out), &s) != nil || s["$id"] != schemas.BaseURL+"emergency.schema.json" {
		t.Errorf("schema emergency = %d, $id %v", code, s["$id"])
	}
}

func TestUsageErrors(t *testing.T) {
	tests := [][]string{
		{},
		{"frobnicate"},
		{"validate"},
		{"validate", "--format", "xml", "x.json"},
		{"example"},
		{"example", "extradition"},
		{"schema", "a", "b"},
		{"kinds", "extra"},
	}
	for _, args := range tests {
		code, _, stderr := runCLI(t, "", args...)
		if code != exitUsage || stderr == "" {
			t.Errorf("evidraft %v = %d, stderr %q; want 2 with a message", args, code, stderr)
		}
	}
	code, _, stderr := runCLI(t, "", "example", "extradition")
	if !strings.Contains(stderr, "preservation, traffic-disclosure") {
		t.Errorf("unknown kind message %q does not list the known kinds", stderr)
	}
	_ = code
}

func TestValidateBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{\n  \"kind\": \"mla\",\n  \"facts\": oops\n}"), 0o644)
	code, _, stderr := runCLI(t, "", "validate", bad)
	if code != exitUsage || !strings.Contains(stderr, "line 3, column 12") {
		t.Errorf("validate malformed = %d, stderr %q; want 2 with line 3, column 12", code, stderr)
	}
	code, _, stderr = runCLI(t, `{"kind": "extradition"}`, "validate", "-")
	if code != exitUsage || !strings.Contains(stderr, "Known kinds: preservation") {
		t.Errorf("validate unknown kind = %d, stderr %q", code, stderr)
	}
	code, _, stderr = runCLI(t, "", "validate", "--lang", "fr", filepath.Join(dir, "missing.json"))
	if code != exitUsage || !strings.Contains(stderr, "Le fichier ne peut pas être lu") || !strings.Contains(stderr, "missing.json") {
		t.Errorf("validate --lang fr missing file = %d, stderr %q; want 2 with the French cli.unreadable message", code, stderr)
	}
}

func TestValidateJSON(t *testing.T) {
	dir := t.TempDir()
	example, _ := schemas.Example("preservation")
	good := filepath.Join(dir, "good.json")
	os.WriteFile(good, example, 0o644)
	broken := bytes.Replace(example, []byte(`"followUpRequest": true`), []byte(`"followUpRequest": false`), 1)
	if bytes.Equal(broken, example) {
		t.Fatal("example has no followUpRequest: true to break")
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, broken, 0o644)

	code, out, _ := runCLI(t, "", "validate", "--format", "json", bad)
	if code != exitInvalid {
		t.Errorf("validate --format json bad = %d, want 1", code)
	}
	var one struct {
		File     string
		Kind     string
		Valid    bool
		Findings []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &one); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	if one.File != bad || one.Kind != "preservation" || one.Valid || len(one.Findings) == 0 {
		t.Fatalf("output = %+v", one)
	}
	f := one.Findings[0]
	if f["pointer"] != "/followUpRequest" || f["code"] != "preservation.followUp" || f["severity"] != "error" || f["message"] == "" {
		t.Errorf("finding = %v", f)
	}
	for _, key := range []string{"pointer", "code", "severity", "message"} {
		if _, ok := f[key]; !ok {
			t.Errorf("finding lacks %q: %v", key, f)
		}
	}

	code, out, _ = runCLI(t, "", "validate", "--format", "json", good, bad)
	var many []map[string]any
	if code != exitInvalid || json.Unmarshal([]byte(out), &many) != nil || len(many) != 2 {
		t.Errorf("validate two files = %d, output %s; want 1 and an array of 2", code, out)
	}
}

func TestValidateText(t *testing.T) {
	example, _ := schemas.Example("emergency")
	code, out, _ := runCLI(t, string(example), "validate", "--lang", "en", "-")
	if code != exitOK || !strings.Contains(out, "no problem found") {
		t.Errorf("validate example = %d, %q", code, out)
	}
	code, out, _ = runCLI(t, `{"kind": "emergency", "schemaVersion": 1}`, "validate", "-")
	if code != exitInvalid || !strings.Contains(out, "errors") || !strings.Contains(out, "Emergency › Facts showing the emergency") && !strings.Contains(out, "Emergency: this information is required.") {
		t.Errorf("validate empty emergency = %d:\n%s", code, out)
	}
}

// TestValidateManyInOrder: files are validated on every core, and the
// results come out in the order of the arguments, standard input
// included, with unreadable files reported and the others kept.
func TestValidateManyInOrder(t *testing.T) {
	dir := t.TempDir()
	example, _ := schemas.Example("preservation")
	broken := bytes.Replace(example, []byte(`"followUpRequest": true`), []byte(`"followUpRequest": false`), 1)
	var args []string
	var want []bool
	for i := range 40 {
		name := filepath.Join(dir, fmt.Sprintf("d%02d.json", i))
		data := example
		if i%3 == 1 {
			data = broken
		}
		os.WriteFile(name, data, 0o644)
		args = append(args, name)
		want = append(want, i%3 != 1)
		if i == 20 {
			args = append(args, "-", filepath.Join(dir, "missing.json"))
			want = append(want, false)
		}
	}
	code, out, stderr := runCLI(t, string(broken), append([]string{"validate", "--format", "json"}, args...)...)
	if code != exitUsage || !strings.Contains(stderr, "missing.json") {
		t.Errorf("code %d, stderr %q; want 2 and the missing file named", code, stderr)
	}
	var got []struct {
		File  string
		Valid bool
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, a := range args {
		if !strings.HasSuffix(a, "missing.json") {
			files = append(files, displayName(a))
		}
	}
	if len(got) != len(files) {
		t.Fatalf("%d results for %d readable files", len(got), len(files))
	}
	for i, g := range got {
		if g.File != files[i] || g.Valid != want[i] {
			t.Errorf("result %d = %+v, want %s valid %v", i, g, files[i], want[i])
		}
	}
}

// TestAllowOrigin: --allow-origin takes https: origins and http://localhost
// for development, as the page does, and refuses an origin in clear.
func TestAllowOrigin(t *testing.T) {
	for v, ok := range map[string]bool{
		"https://portal.example":      true,
		"https://portal.example:8443": true,
		"http://localhost:3000":       true,
		"http://127.0.0.1:8080":       true,
		"http://portal.example":       false,
		"http://10.0.0.5":             false,
		"https://portal.example/path": false,
		"ftp://portal.example":        false,
	} {
		var o originList
		if err := o.Set(v); (err == nil) != ok {
			t.Errorf("--allow-origin %s: %v, want accepted %v", v, err, ok)
		}
	}
}

// TestUsageText: every command answers -h with its synopsis, the synopsis
// names every flag the command has, and the package doc lists each
// synopsis as it is, so the three cannot drift apart.
func TestUsageText(t *testing.T) {
	doc, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	flagLine := regexp.MustCompile(`(?m)^  -([a-z][a-z-]*)`)
	for _, c := range commands() {
		code, _, stderr := runCLI(t, "", c.name, "-h")
		first, _, _ := strings.Cut(stderr, "\n")
		synopsis, ok := strings.CutPrefix(first, "Usage: ")
		if code != exitOK || !ok || !strings.HasPrefix(synopsis, "evidraft "+c.name) {
			t.Errorf("evidraft %s -h = %d, first line %q; want 0 and \"Usage: evidraft %s ...\"", c.name, code, first, c.name)
			continue
		}
		for _, m := range flagLine.FindAllStringSubmatch(stderr, -1) {
			if !strings.Contains(synopsis, "-"+m[1]+" ") && !strings.Contains(synopsis, "-"+m[1]+"]") {
				t.Errorf("evidraft %s -h: synopsis %q lacks its flag -%s", c.name, synopsis, m[1])
			}
		}
		if !bytes.Contains(doc, []byte("//\t"+synopsis+"\n")) {
			t.Errorf("the package doc in main.go lacks the line %q", synopsis)
		}
	}
	_, _, stderr := runCLI(t, "", "help")
	for _, c := range commands() {
		if !strings.Contains(stderr, "  "+c.name+" ") {
			t.Errorf("evidraft help does not list %s:\n%s", c.name, stderr)
		}
	}
}

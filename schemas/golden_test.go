package schemas

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
)

// TestGolden validates every draft under testdata/<kind>/: valid-*.json must
// have no error, and every file's findings must match its .golden file
// (regenerate with go test ./schemas -update and review the diff).
func TestGolden(t *testing.T) {
	for _, kind := range kindIDs {
		paths, _ := filepath.Glob(filepath.Join("testdata", kind, "*.json"))
		var valid, invalid int
		for _, path := range paths {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Validate(data, Options{Mode: Final, Lang: language.English, Now: testNow})
			if err != nil {
				t.Errorf("Validate(%s) error = %v", path, err)
				continue
			}
			if res.Kind != kind {
				t.Errorf("Validate(%s).Kind = %q, want %q", path, res.Kind, kind)
			}
			base := filepath.Base(path)
			switch {
			case strings.HasPrefix(base, "valid-"):
				valid++
				if !res.Valid {
					t.Errorf("Validate(%s) = invalid, want valid; findings %s", path, dump(res.Findings))
				}
			case strings.HasPrefix(base, "invalid-"):
				invalid++
				if res.Valid {
					t.Errorf("Validate(%s) = valid, want invalid", path)
				}
			}
			checkGolden(t, strings.TrimSuffix(path, ".json")+".golden", formatFindings(res))
		}
		if valid < 2 || invalid < 10 {
			t.Errorf("testdata/%s has %d valid and %d invalid drafts, want at least 2 and 10", kind, valid, invalid)
		}
	}
}

// formatFindings writes one line per finding, for golden files.
func formatFindings(res *Result) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "valid: %v\n", res.Valid)
	for _, f := range res.Findings {
		fmt.Fprintf(&b, "%s %s %s\n\t%s\n", f.Severity, f.Code, f.Pointer, f.Message)
	}
	return b.Bytes()
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("%v (run go test ./schemas -update to create it)", err)
		return
	}
	if !bytes.Equal(got, want) {
		t.Errorf("findings for %s differ from the golden file:\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

// TestGoldenLanguages validates one invalid draft per kind (several errors
// and a warning each) in every supported language, against
// testdata/i18n/<kind>.<lang>.golden. Each message must name the field by
// its translated title: a finding's text may not contain the English title
// of its field unless the translation is the same word.
func TestGoldenLanguages(t *testing.T) {
	for _, kind := range kindIDs {
		path := filepath.Join("testdata", "i18n", kind+".json")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, tag := range locales.Supported() {
			res, err := Validate(data, Options{Mode: Final, Lang: tag, Now: testNow})
			if err != nil {
				t.Fatalf("Validate(%s, %s): %v", path, tag, err)
			}
			if res.Valid || len(res.Findings) < 4 {
				t.Errorf("%s in %s: %d findings, want an invalid draft with at least 4", path, tag, len(res.Findings))
			}
			k, _ := KindByID(kind)
			en := locales.For(language.English)
			loc := locales.For(tag)
			for _, f := range res.Findings {
				label := k.FieldLabel(f.Pointer, loc)
				if !strings.HasPrefix(f.Message, label) {
					t.Errorf("%s %s: message %q does not start with the field label %q", tag, f.Pointer, f.Message, label)
				}
				if tag != language.English && label == k.FieldLabel(f.Pointer, en) {
					t.Errorf("%s %s: field label %q is still English", tag, f.Pointer, label)
				}
			}
			checkGolden(t, filepath.Join("testdata", "i18n", kind+"."+tag.String()+".golden"), formatFindings(res))
		}
	}
}

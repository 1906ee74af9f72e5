package schemas

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/evidraft/evidraft/locales"
)

func seedDrafts(f *testing.F) {
	for _, k := range kindIDs {
		data, _ := Example(k)
		f.Add(data)
	}
	paths, _ := filepath.Glob("testdata/*/*.json")
	for _, p := range paths {
		data, _ := os.ReadFile(p)
		f.Add(data)
	}
	f.Add([]byte(`{"kind":"mla","schemaVersion":1,"a":{"a":{"a":[[[[]]]]}}}`))
	f.Add([]byte("{\"kind\":\"emergency\",\"facts\":\"\u202e<script>alert(1)</script>\"}"))
}

// FuzzValidate checks that no input makes Validate panic, that an error is
// always an *locales.Error, and that a result is consistent with its findings.
func FuzzValidate(f *testing.F) {
	seedDrafts(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Validate(data, Options{Mode: Final, Now: testNow})
		if err != nil {
			if _, ok := err.(*locales.Error); !ok {
				t.Fatalf("Validate error %T %v, want *locales.Error", err, err)
			}
			return
		}
		errs := 0
		for _, fd := range res.Findings {
			if fd.Message == "" || fd.Code == "" || (fd.Pointer != "" && fd.Pointer[0] != '/') {
				t.Fatalf("malformed finding %+v", fd)
			}
			if fd.Severity == Error {
				errs++
			}
		}
		if res.Valid != (errs == 0) {
			t.Fatalf("Valid = %v with %d errors", res.Valid, errs)
		}
	})
}

// FuzzReadDraft checks that the JSON reader never panics and accepts only
// what encoding/json also accepts.
func FuzzReadDraft(f *testing.F) {
	seedDrafts(f)
	f.Add([]byte(`{"a":1,"a":2}`))
	f.Add([]byte("\uFEFF{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := ReadDraft(data)
		if err == nil && v == nil && string(trimSpace(data)) != "null" {
			t.Fatalf("ReadDraft(%q) = nil, nil", data)
		}
		if err != nil {
			if ie, ok := err.(*locales.Error); !ok || ie.Error() == "" {
				t.Fatalf("ReadDraft error %T %v, want *locales.Error", err, err)
			}
		}
	})
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\n' || b[0] == '\t' || b[0] == '\r') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\n' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// FuzzScanDraft: the fast reader and encoding/json's token reader agree
// on every text: the same value when both read it, and the fast one never
// accepts what the careful one refuses.
func FuzzScanDraft(f *testing.F) {
	for _, s := range []string{`{}`, `[]`, `{"a":1}`, `{"a":"\u00e9\ud83d\ude00\ud800x\udc00"}`, `{"a":[1,-0.5e+3,true,false,null,{"b":"c"}]}`,
		`{"a":1,"a":2}`, `{"a":01}`, `{"a":"\x01"}`, `[1,]`, `{"a" 1}`, ` {"a":"\/\b\f\n\r\t\"\\"} `, `"x"`, `1e5`, `{"a":1}x`, `{"a":"\ud800\u0041"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) {
			return
		}
		fast, ok := scanDraft(data)
		slow, err := readTokens(data)
		if ok && err != nil {
			t.Fatalf("fast reader accepts what the careful one refuses (%v): %q", err, data)
		}
		if ok && !reflect.DeepEqual(fast, slow) {
			t.Fatalf("readers differ on %q:\n fast %#v\n slow %#v", data, fast, slow)
		}
		if !ok && err == nil {
			t.Fatalf("fast reader refuses a good text: %q", data)
		}
	})
}

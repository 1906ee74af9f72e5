package schemas

import (
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// BenchmarkValidate measures validating each kind's example from JSON text,
// in English, in final mode: the work the CLI and the browser do per draft.
func BenchmarkValidate(b *testing.B) {
	for _, kind := range kindIDs {
		data, _ := Example(kind)
		b.Run(kind, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Validate(data, Options{Mode: Final, Lang: language.English, Now: testNow}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkValidateInvalid measures a draft with several findings, where
// messages are written.
func BenchmarkValidateInvalid(b *testing.B) {
	data := []byte(`{"kind":"preservation","schemaVersion":1,"reference":"X-1","issueDate":"2026-11-20",
	"requestingAuthority":{"name":"A","contact":{"email":"bad"}},"dataSought":[{"category":"traffic",
	"identifier":{"type":"ipv4","value":"203.0.113.7"},"timeRange":{"start":"2026-10-02T00:00:00+02:00","end":"2026-10-01T00:00:00"}}]}`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Validate(data, Options{Mode: Final, Now: testNow}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadDraft measures decoding the largest example.
func BenchmarkReadDraft(b *testing.B) {
	data, _ := Example("stored-data")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadDraft(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildForm measures the editor's model of the largest example:
// the work the browser does after each change of an answer.
func BenchmarkBuildForm(b *testing.B) {
	data, _ := Example("stored-data")
	v, _ := ReadDraft(data)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := BuildForm(v, FormOptions{Lang: language.English, Now: testNow}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFormSection compares the whole form (Continue, the check
// page) with one section's form (FormOptions.Section: the page being
// edited), on the largest example and on it with a 5 MB answer (the
// facts, in the case section): editing another section, then that one.
func BenchmarkFormSection(b *testing.B) {
	data, _ := Example("stored-data")
	v, _ := ReadDraft(data)
	huge, _ := ReadDraft(data)
	huge.(map[string]any)["facts"] = strings.Repeat("Lorem ipsum dolor sit amet, текст نص 文本. ", 5<<20/50)
	for _, c := range []struct {
		name    string
		draft   any
		section string
	}{
		{"largest/whole", v, ""}, {"largest/details", v, "details"}, {"largest/data", v, "data"},
		{"5MB/whole", huge, ""}, {"5MB/details", huge, "details"}, {"5MB/case", huge, "case"},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := BuildForm(c.draft, FormOptions{Lang: language.English, Now: testNow, Section: c.section}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

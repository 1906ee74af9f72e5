package schemas

import (
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

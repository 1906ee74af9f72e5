package export

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/evidraft/evidraft/locales"
)

func sample() Content {
	return Content{App: "test", Created: "2026-11-23T09:00:00Z", Records: []Record{{
		ID: "a1", Kind: "mla", SchemaVersion: 1, Lang: "fr", Title: "LYON <1>", Status: "draft",
		Created: "2026-11-20T10:00:00.000Z", Updated: "2026-11-21T10:00:00.000Z", Revision: 2,
		Body:      json.RawMessage(`{ "kind": "mla", "schemaVersion": 1, "facts": "<script>\u202e" }`),
		Revisions: []Revision{{Revision: 1, Updated: "2026-11-20T10:00:00.000Z", Body: json.RawMessage(`{"kind":"mla","schemaVersion":1}`)}},
	}}}
}

func TestRoundTrip(t *testing.T) {
	data, err := Marshal(sample())
	if err != nil {
		t.Fatal(err)
	}
	c, err := Unmarshal(data, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Records) != 1 || c.Records[0].Title != "LYON <1>" || len(c.Records[0].Revisions) != 1 || c.SchemaVersions[0] != 1 {
		t.Errorf("round trip: %+v", c)
	}
	// The hash covers the canonical content: writing it again gives the
	// same file.
	again, _ := Marshal(*c)
	if string(again) != string(data) {
		t.Errorf("not canonical:\n%s\n%s", data, again)
	}
}

// Every way a file can be wrong gives its own typed error.
func TestRejected(t *testing.T) {
	good, _ := Marshal(sample())
	tampered := strings.Replace(string(good), `LYON \u003c1\u003e`, `LYON \u003c2\u003e`, 1)
	if tampered == string(good) {
		tampered = strings.Replace(string(good), "LYON", "PARIS", 1)
	}
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"tampered", []byte(tampered), ErrBadHash},
		{"truncated", good[:len(good)/2], ErrTruncated},
		{"foreign JSON", []byte(`{"format": "something-else", "formatVersion": 1}`), ErrNotEvidraft},
		{"not JSON", []byte("PK\x03\x04 a zip file"), ErrNotEvidraft},
		{"future version", []byte(strings.Replace(string(good), `"formatVersion": 1`, `"formatVersion": 9`, 1)), ErrFutureVersion},
		{"invalid UTF-8", append([]byte(`{"format": "evidraft-export", "x": "`), 0xff, '"', '}'), ErrUTF8},
	}
	for _, c := range cases {
		_, err := Unmarshal(c.data, "")
		if !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
}

func TestSeal(t *testing.T) {
	plain, _ := Marshal(sample())
	sealed, err := Seal(plain, "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(sealed), "LYON") || strings.Contains(string(sealed), "script") {
		t.Fatal("the sealed file shows its content")
	}
	again, _ := Seal(plain, "correct horse battery staple")
	if string(again) == string(sealed) {
		t.Error("two seals are identical: salt and IV are not fresh")
	}
	if _, err := Unmarshal(sealed, ""); !errors.Is(err, ErrEncrypted) {
		t.Errorf("no passphrase: %v", err)
	}
	if _, err := Unmarshal(sealed, "wrong"); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("wrong passphrase: %v", err)
	}
	c, err := Unmarshal(sealed, "correct horse battery staple")
	if err != nil || c.Records[0].ID != "a1" {
		t.Fatalf("open: %v %+v", err, c)
	}
	if !c.Encrypted {
		t.Error("a file read with its passphrase does not say it was encrypted")
	}
	if c, _ := Unmarshal(plain, ""); c == nil || c.Encrypted {
		t.Errorf("a plain file says it was encrypted: %+v", c)
	}
	if c.Encrypted != Encrypted(sealed) || Encrypted(plain) {
		t.Error("Content.Encrypted and Encrypted disagree")
	}
	// An encrypted file inside an encrypted file is no export file.
	nested, _ := SealWith(fastCipher{}, sealed, "pw")
	if _, err := UnmarshalWith(fastCipher{}, nested, "pw"); !errors.Is(err, ErrBadContent) {
		t.Errorf("an encrypted file inside an encrypted one: %v, want badContent", err)
	}
	var env envelope
	json.Unmarshal(sealed, &env)
	// One character changed (a fixed "A" left it as it was one run in 64).
	first := "A"
	if env.Ciphertext[0] == 'A' {
		first = "B"
	}
	env.Ciphertext = first + env.Ciphertext[1:]
	broken, _ := json.Marshal(env)
	if _, err := Unmarshal(broken, "correct horse battery staple"); !errors.Is(err, ErrBadHash) {
		t.Errorf("damaged ciphertext: %v", err)
	}
}

// fastCipher derives its key with a single SHA-256, so that the fuzzer
// reaches the decryption paths at full speed. Only tests use it.
type fastCipher struct{}

func (fastCipher) Key(pass string, salt []byte, _ int) (Key, error) {
	sum := sha256.Sum256(append([]byte(pass), salt...))
	block, _ := aes.NewCipher(sum[:])
	gcm, _ := cipher.NewGCM(block)
	return stdKey{gcm}, nil
}

// FuzzUnmarshal: whatever the bytes, reading an export file gives either
// content that writes back and reads again to the same records, or an
// *locales.Error with a known code, never a panic.
func FuzzUnmarshal(f *testing.F) {
	good, _ := Marshal(sample())
	f.Add(good, "")
	sealed, _ := SealWith(fastCipher{}, good, "pw")
	f.Add(sealed, "pw")
	f.Add(sealed, "wrong")
	f.Add([]byte(`{"format":"evidraft-export","formatVersion":1,"content":{"records":[{"id":"x","kind":"mla","body":{}}]},"sha256":""}`), "")
	f.Add([]byte(`{"format":"evidraft-export","formatVersion":2}`), "")
	codes := map[string]bool{"export.notEvidraft": true, "export.truncated": true, "export.utf8": true, "export.futureVersion": true, "export.badHash": true, "export.badContent": true, "export.encrypted": true, "export.wrongPassphrase": true}
	f.Fuzz(func(t *testing.T, data []byte, pass string) {
		c, err := UnmarshalWith(fastCipher{}, data, pass)
		if err != nil {
			var e *locales.Error
			if !errors.As(err, &e) || !codes[e.Code] {
				t.Fatalf("error %T %v, want a *locales.Error with a known code", err, err)
			}
			return
		}
		for _, r := range c.Records {
			if r.ID == "" || r.Kind == "" || !json.Valid(r.Body) {
				t.Fatalf("accepted an incomplete record %+v", r)
			}
		}
		again, err := Marshal(*c)
		if err != nil {
			t.Fatalf("accepted content does not write back: %v", err)
		}
		c2, err := Unmarshal(again, "")
		if err != nil || len(c2.Records) != len(c.Records) {
			t.Fatalf("written back, read again: %v (%d records, want %d)", err, len(c2.Records), len(c.Records))
		}
	})
}

// A number or a time out of bounds refuses the whole file with
// outOfRange, naming the draft and the field.
func TestOutOfRange(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(r *Record)
		field string
	}{
		{"revision 2^63-1", func(r *Record) { r.Revision = 9223372036854775807 }, "/revision"},
		{"negative revision", func(r *Record) { r.Revision = -1 }, "/revision"},
		{"huge schemaVersion", func(r *Record) { r.SchemaVersion = 1001 }, "/schemaVersion"},
		{"updated in 9999", func(r *Record) { r.Updated = "9999-01-01T00:00:00Z" }, "/updated"},
		{"created in 1970", func(r *Record) { r.Created = "1970-01-01T00:00:00Z" }, "/created"},
		{"created not a time", func(r *Record) { r.Created = "yesterday" }, "/created"},
		{"kept revision 2^63-1", func(r *Record) { r.Revisions[0].Revision = 9223372036854775807 }, "/revisions/0/revision"},
		{"kept revision in 9999", func(r *Record) { r.Revisions[0].Updated = "9999-12-31T23:59:59Z" }, "/revisions/0/updated"},
	}
	for _, tc := range cases {
		c := sample()
		c.Records = append(c.Records, Record{ID: "b2", Kind: "mla", SchemaVersion: 1, Title: "good one", Created: "2026-11-20T10:00:00Z",
			Updated: "2026-11-20T10:00:00Z", Revision: 1, Body: json.RawMessage(`{}`)})
		tc.edit(&c.Records[0])
		data, err := Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Unmarshal(data, "")
		var e *locales.Error
		if !errors.Is(err, ErrOutOfRange) || !errors.As(err, &e) {
			t.Errorf("%s: Unmarshal = %v, want %v", tc.name, err, ErrOutOfRange)
			continue
		}
		if p := e.Params; e.ID != "a1" || p["Title"] != "LYON <1>" || p["Field"] != tc.field {
			t.Errorf("%s: Unmarshal names %q %v, want a1 with Title %q and Field %q", tc.name, e.ID, p, "LYON <1>", tc.field)
		}
	}
	// The bounds themselves are accepted.
	c := sample()
	c.Records[0].Revision = MaxRevision
	c.Records[0].SchemaVersion = MaxSchemaVersion
	c.Records[0].Created = "2000-01-01T00:00:00Z"
	c.Records[0].Updated = "2199-12-31T23:59:59.999+01:00"
	data, _ := Marshal(c)
	if _, err := Unmarshal(data, ""); err != nil {
		t.Errorf("Unmarshal(at the bounds) = %v, want nil", err)
	}
	// A file written by hand may leave the revision and the times out.
	c = sample()
	c.Records[0].Revision, c.Records[0].Created, c.Records[0].Updated = 0, "", ""
	data, _ = Marshal(c)
	if _, err := Unmarshal(data, ""); err != nil {
		t.Errorf("Unmarshal(no revision, no times) = %v, want nil", err)
	}
}

// unchecked writes an envelope as Marshal does, without its limits: what
// another program could write.
func unchecked(t *testing.T, c Content) []byte {
	t.Helper()
	content, err := canonical(c)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(content)
	b, _ := json.Marshal(envelope{Format: Format, FormatVersion: Version, Content: content, SHA256: hex.EncodeToString(sum[:])})
	return b
}

// TestLimits: a file over MaxFileBytes or MaxRecords, or naming one draft
// twice, is refused before anything is written; export refuses to write
// what import would refuse, with the numbers in the message's parameters.
func TestLimits(t *testing.T) {
	if _, err := Unmarshal(make([]byte, MaxFileBytes+1), ""); !errors.Is(err, ErrTooLarge) {
		t.Errorf("a file of %d bytes: %v", MaxFileBytes+1, err)
	}
	many := sample()
	one := many.Records[0]
	many.Records = nil
	for i := range MaxRecords + 1 {
		r := one
		r.ID = fmt.Sprintf("d%d", i)
		r.Revisions = nil
		many.Records = append(many.Records, r)
	}
	_, err := Unmarshal(unchecked(t, many), "")
	var e *locales.Error
	if !errors.As(err, &e) || e.Code != "export.tooMany" || e.Params["N"] != "10001" || e.Params["Max"] != "10000" {
		t.Errorf("a file of %d drafts: %v", MaxRecords+1, err)
	}
	if _, err := Marshal(many); !errors.Is(err, ErrTooMany) {
		t.Errorf("exporting %d drafts: %v", MaxRecords+1, err)
	}
	many.Records = many.Records[:MaxRecords]
	if data, err := Marshal(many); err != nil {
		t.Errorf("exporting %d drafts: %v", MaxRecords, err)
	} else if _, err := Unmarshal(data, ""); err != nil {
		t.Errorf("importing %d drafts: %v", MaxRecords, err)
	}
	twice := sample()
	twice.Records = append(twice.Records, twice.Records[0])
	if _, err := Unmarshal(unchecked(t, twice), ""); !errors.Is(err, ErrBadContent) {
		t.Errorf("a file naming one draft twice: %v", err)
	}
}

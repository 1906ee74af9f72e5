// Package export reads and writes the durable copy of drafts: a versioned
// *.evidraft.json envelope whose content is protected by a SHA-256, and
// that a passphrase may encrypt (PBKDF2-SHA-256, 600,000 iterations, then
// AES-GCM-256, with the parameters in the file). The browser writes the
// same format with WebCrypto; the CLI reads and writes it with the Go
// standard library.
//
//	data, err := export.Marshal(export.Content{App: "1.0", Records: recs})
//	c, err := export.Unmarshal(data, "")        // verified, or a coded *locales.Error
//	sealed, err := export.Seal(data, passphrase) // encrypted envelope
package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/evidraft/evidraft/locales"
)

// Format is the envelope's format name; Version its current version.
const (
	Format  = "evidraft-export"
	Version = 1
)

// Content is what an envelope carries.
type Content struct {
	App            string   `json:"app"`            // version of evidraft that wrote it
	SchemaVersions []int    `json:"schemaVersions"` // the draft format versions inside
	Created        string   `json:"created"`        // RFC 3339, UTC
	Records        []Record `json:"records"`
	// Encrypted says the file was an encrypted envelope, read with a
	// passphrase (Unmarshal sets it; it is not part of the content).
	Encrypted bool `json:"-"`
}

// envelope is the file: format, version, content and its hash.
type envelope struct {
	Format        string          `json:"format"`
	FormatVersion int             `json:"formatVersion"`
	Content       json.RawMessage `json:"content,omitempty"`
	SHA256        string          `json:"sha256,omitempty"`
	Encryption    *Encryption     `json:"encryption,omitempty"`
	Ciphertext    string          `json:"ciphertext,omitempty"`
}

// Every failure to read a file is a *locales.Error whose code is
// "export." and one of the sentinels' names: it is also the message id of
// what the user is told.

// Sentinels to compare with errors.Is.
var (
	ErrNotEvidraft     = &locales.Error{Code: "export.notEvidraft"}
	ErrTruncated       = &locales.Error{Code: "export.truncated"}
	ErrUTF8            = &locales.Error{Code: "export.utf8"}
	ErrFutureVersion   = &locales.Error{Code: "export.futureVersion"}
	ErrBadHash         = &locales.Error{Code: "export.badHash"}
	ErrBadContent      = &locales.Error{Code: "export.badContent"}
	ErrEncrypted       = &locales.Error{Code: "export.encrypted"}
	ErrWrongPassphrase = &locales.Error{Code: "export.wrongPassphrase"}
	ErrOutOfRange      = &locales.Error{Code: "export.outOfRange"}
	ErrTooLarge        = &locales.Error{Code: "export.tooLarge"}
	ErrTooMany         = &locales.Error{Code: "export.tooMany"}
)

// tooMany refuses a file of n drafts, more than MaxRecords.
func tooMany(n int) error {
	return &locales.Error{Code: "export.tooMany", Params: map[string]any{"N": strconv.Itoa(n), "Max": strconv.Itoa(MaxRecords)}}
}

// Limits of one export file. An import is one transaction, read and
// written at once: 20,000 drafts held the page for 7 s; a file is
// refused, with its own message, before any of it is decoded or written.
// Export refuses to write a file that import would refuse.
const (
	MaxFileBytes = 256 << 20
	MaxRecords   = 10_000
)

// Marshal writes an envelope: the content as canonical JSON, its SHA-256,
// and the format's name and version. Created and SchemaVersions are
// filled in when empty.
func Marshal(c Content) ([]byte, error) {
	if len(c.Records) > MaxRecords {
		return nil, tooMany(len(c.Records))
	}
	if c.Created == "" {
		c.Created = time.Now().UTC().Format(time.RFC3339)
	}
	if c.SchemaVersions == nil {
		for _, r := range c.Records {
			if !slices.Contains(c.SchemaVersions, r.SchemaVersion) {
				c.SchemaVersions = append(c.SchemaVersions, r.SchemaVersion)
			}
		}
		slices.Sort(c.SchemaVersions)
	}
	if c.Records == nil {
		c.Records = []Record{}
	}
	content, err := canonical(c)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(content)
	return json.MarshalIndent(envelope{Format: Format, FormatVersion: Version, Content: content, SHA256: hex.EncodeToString(sum[:])}, "", "  ")
}

// canonical is the byte form the hash covers: compact JSON as
// encoding/json writes it (struct fields in declaration order, <, > and &
// escaped), bodies compacted. The file shows it indented; a reader
// compacts it again before hashing.
func canonical(c Content) ([]byte, error) {
	// Compact copies, not the caller's records.
	c.Records = slices.Clone(c.Records)
	for i := range c.Records {
		c.Records[i].Revisions = slices.Clone(c.Records[i].Revisions)
		var err error
		if c.Records[i].Body, err = compact(c.Records[i].Body); err != nil {
			return nil, err
		}
		for j := range c.Records[i].Revisions {
			if c.Records[i].Revisions[j].Body, err = compact(c.Records[i].Revisions[j].Body); err != nil {
				return nil, err
			}
		}
	}
	return json.Marshal(c)
}

func compact(raw json.RawMessage) (json.RawMessage, error) {
	if len(raw) == 0 {
		return raw, nil
	}
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Unmarshal reads and verifies an envelope, decrypting it first with
// passphrase if it is encrypted. Every failure is a *locales.Error.
func Unmarshal(data []byte, passphrase string) (*Content, error) {
	return UnmarshalWith(Std, data, passphrase)
}

// Encrypted reports whether data is an encrypted envelope (a passphrase is
// needed to read it). It says false for anything that is not an envelope.
func Encrypted(data []byte) bool {
	var env envelope
	return json.Unmarshal(data, &env) == nil && env.Format == Format && env.Encryption != nil
}

// UnmarshalWith is Unmarshal with the given Cipher.
func UnmarshalWith(ci Cipher, data []byte, passphrase string) (*Content, error) {
	if len(data) > MaxFileBytes {
		return nil, &locales.Error{Code: "export.tooLarge", Params: map[string]any{"Max": strconv.Itoa(MaxFileBytes>>20) + " MB"}, Err: fmt.Errorf("%d bytes", len(data))}
	}
	if !utf8.Valid(data) {
		return nil, &locales.Error{Code: "export.utf8"}
	}
	var env envelope
	if err := json.Unmarshal(data, &env); err != nil {
		if strings.Contains(err.Error(), "unexpected end of JSON input") {
			return nil, &locales.Error{Code: "export.truncated", Err: err}
		}
		return nil, &locales.Error{Code: "export.notEvidraft", Err: err}
	}
	if env.Format != Format {
		return nil, &locales.Error{Code: "export.notEvidraft", Err: fmt.Errorf("format %q", env.Format)}
	}
	if env.FormatVersion > Version {
		return nil, &locales.Error{Code: "export.futureVersion", Err: fmt.Errorf("format version %d, this evidraft reads up to %d", env.FormatVersion, Version)}
	}
	if env.FormatVersion < 1 {
		return nil, &locales.Error{Code: "export.notEvidraft", Err: fmt.Errorf("format version %d", env.FormatVersion)}
	}
	if env.Encryption != nil {
		if passphrase == "" {
			return nil, &locales.Error{Code: "export.encrypted"}
		}
		inner, err := open(ci, &env, passphrase)
		if err != nil {
			return nil, err
		}
		// Read once: an encrypted envelope inside asks for a passphrase.
		c, err := UnmarshalWith(ci, inner, "")
		if le := (*locales.Error)(nil); errors.As(err, &le) && le.Code == "export.encrypted" {
			return nil, &locales.Error{Code: "export.badContent", Err: errors.New("an encrypted file inside an encrypted file")}
		}
		if err != nil {
			return nil, err
		}
		c.Encrypted = true
		return c, nil
	}
	content, err := compact(env.Content)
	if err != nil {
		return nil, &locales.Error{Code: "export.badContent", Err: err}
	}
	sum := sha256.Sum256(content)
	if env.SHA256 != hex.EncodeToString(sum[:]) {
		return nil, &locales.Error{Code: "export.badHash", Err: errors.New("the content does not match its SHA-256: the file was changed or damaged")}
	}
	var c Content
	dec := json.NewDecoder(bytes.NewReader(env.Content))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return nil, &locales.Error{Code: "export.badContent", Err: err}
	}
	if len(c.Records) > MaxRecords {
		return nil, tooMany(len(c.Records))
	}
	seen := make(map[string]bool, len(c.Records))
	for i, r := range c.Records {
		if r.ID == "" || r.Kind == "" || !json.Valid(r.Body) {
			return nil, &locales.Error{Code: "export.badContent", Err: fmt.Errorf("record %d is incomplete", i+1)}
		}
		if seen[r.ID] {
			return nil, &locales.Error{Code: "export.badContent", Err: fmt.Errorf("record %d repeats the id of an earlier one", i+1)}
		}
		seen[r.ID] = true
		if f := r.storeOnly(); f != "" {
			return nil, &locales.Error{Code: "export.badContent", Err: fmt.Errorf("record %d has the field %s, which only the draft store keeps", i+1, f)}
		}
		if err := checkBounds(&r); err != nil {
			return nil, err
		}
	}
	return &c, nil
}

// Bounds of the numbers and times a record may carry. A value outside
// them (a revision of 2^63-1, a date in year 9999) would make the draft
// unreadable once stored, so the whole file is refused.
const (
	MaxRevision      = 1_000_000_000
	MaxSchemaVersion = 1000
)

var (
	minTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// checkBounds reports the first field of r out of bounds as an
// export.outOfRange error naming the draft and the field.
func checkBounds(r *Record) error {
	bad := func(field, why string) error {
		title := r.Title
		if title == "" {
			title = r.ID
		}
		return &locales.Error{Code: "export.outOfRange", ID: r.ID, Params: map[string]any{"Title": title, "Field": field}, Err: fmt.Errorf("record %s: %s %s", r.ID, field, why)}
	}
	// 0 is an absent revision (a file written by hand): the store numbers it.
	if r.Revision < 0 || r.Revision > MaxRevision {
		return bad("/revision", fmt.Sprintf("%d is not between 1 and %d", r.Revision, MaxRevision))
	}
	if r.SchemaVersion < 1 || r.SchemaVersion > MaxSchemaVersion {
		return bad("/schemaVersion", fmt.Sprintf("%d is not between 1 and %d", r.SchemaVersion, MaxSchemaVersion))
	}
	for _, f := range []struct{ field, v string }{{"/created", r.Created}, {"/updated", r.Updated}} {
		if why := timeOutOfRange(f.v); why != "" {
			return bad(f.field, why)
		}
	}
	for j, v := range r.Revisions {
		if v.Revision < 1 || v.Revision > MaxRevision {
			return bad(fmt.Sprintf("/revisions/%d/revision", j), fmt.Sprintf("%d is not between 1 and %d", v.Revision, MaxRevision))
		}
		if why := timeOutOfRange(v.Updated); why != "" {
			return bad(fmt.Sprintf("/revisions/%d/updated", j), why)
		}
	}
	return nil
}

// timeOutOfRange says why s is not an RFC 3339 time from 2000 to 2199,
// or "" when it is one or is absent (a file written by hand may leave the
// times out; the store then sets them).
func timeOutOfRange(s string) string {
	if s == "" {
		return ""
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return fmt.Sprintf("%q is not an RFC 3339 time", s)
	}
	if t.Before(minTime) || !t.Before(maxTime) {
		return fmt.Sprintf("%s is not between 2000 and 2199", s)
	}
	return ""
}

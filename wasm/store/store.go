//go:build js && wasm

// Package store keeps request drafts in the browser's IndexedDB.
//
// A draft is a Record: metadata (kind, title, status, times, revision) in the
// "drafts" object store, its JSON body in "bodies", and its earlier versions
// in "revisions": the newest MaxRevisions, then fewer (MaxOlder). Every save names the
// revision it starts from; a save from a stale revision (another tab saved
// meanwhile) is refused with ErrStale and nothing is overwritten.
//
//	s, err := store.Open(ctx, store.Options{Name: "evidraft"})
//	rec, err := s.Save(ctx, store.Record{Kind: "preservation", Body: body})
//	rec.Body = changed
//	rec, err = s.Save(ctx, rec) // rec.Revision is the one it was read at
package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/evidraft/evidraft/schemas/export"
)

// Record is one draft: metadata plus its JSON body. It is the record of
// export files too (the store's own fields, Trashed and Checkpoint, never
// reach a file), so that nothing is copied field by field between them.
type Record = export.Record

// Revision is an earlier version of a draft.
type Revision = export.Revision

// ListOptions filter List; zero values mean "any".
type ListOptions struct {
	Kind   string `json:"kind"`
	Status string `json:"status"`
	Trash  bool   `json:"trash"` // list the trash instead of the live drafts
	Limit  int    `json:"limit"`
}

// DraftStore is what the JavaScript API needs of a draft store.
type DraftStore interface {
	Save(ctx context.Context, r Record) (Record, error)
	Get(ctx context.Context, id string) (Record, error)
	List(ctx context.Context, o ListOptions) ([]Record, error)
	ListJSON(ctx context.Context, o ListOptions) (string, error)
	Stamps(ctx context.Context) ([]Stamp, error)
	Trash(ctx context.Context, id string) (Record, error)
	Restore(ctx context.Context, id string) (Record, error)
	Purge(ctx context.Context, id string) error
	Revisions(ctx context.Context, id string) ([]Revision, error)
	Revert(ctx context.Context, id string, revision, from int) (Record, error)
	Export(ctx context.Context, ids []string) ([]Record, error)
	Lookup(ctx context.Context, ids []string) (map[string]*Stored, error)
	Import(ctx context.Context, recs []Record, policy func(fileID string) Policy) ([]Outcome, error)
	Meta(ctx context.Context, key string) (string, error)
	SetMeta(ctx context.Context, key, value string) error
	SetCodec(c Codec, encrypted bool)
	Encrypted() (encrypted, unlocked bool)
	Protect(ctx context.Context, c Codec, settings string) error
	Rebind(ctx context.Context, c Codec, settings string) error
	SealedData(ctx context.Context) (bool, error)
	VerifyManifest(ctx context.Context) ([]Change, error)
	Close() error
}

// Error is a store failure with a stable code; the code is also a message
// id ("store."+Code) of the locales catalog.
type Error struct {
	Code string // "stale", "notFound", "quota", "unavailable", "corrupt", "closed", "blocked", "internal"
	ID   string // the draft concerned, if any
	Err  error  // the underlying browser error, if any
}

func (e *Error) Error() string {
	s := "store: " + e.Code
	if e.ID != "" {
		s += " " + e.ID
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrStale) and the like work on codes.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code && t.ID == "" && t.Err == nil
}

// Sentinels to compare with errors.Is.
var (
	ErrStale       = &Error{Code: "stale"}       // the draft changed since it was read
	ErrNotFound    = &Error{Code: "notFound"}    // no draft with that id
	ErrQuota       = &Error{Code: "quota"}       // the browser's storage is full
	ErrUnavailable = &Error{Code: "unavailable"} // no IndexedDB (private mode, some embedded browsers)
	ErrCorrupt     = &Error{Code: "corrupt"}     // a stored record cannot be read
	ErrClosed      = &Error{Code: "closed"}      // the database was closed, e.g. upgraded by another tab
	ErrBlocked     = &Error{Code: "blocked"}     // opening waited too long, e.g. another tab holds an older version
)

func errorf(code, id string, format string, args ...any) *Error {
	return &Error{Code: code, ID: id, Err: fmt.Errorf(format, args...)}
}

// IsCode reports the code of err if it is a store error.
func IsCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

var _ DraftStore = (*IDB)(nil)

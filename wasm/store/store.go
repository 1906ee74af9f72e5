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
//
// # Files
//
// open.go opens and upgrades the database; save.go writes versions (the
// one putVersion, for saves and imports alike); list.go and listindex.go
// list drafts; trash.go, revisions.go and transfer.go are the other
// changes; codec.go reads and writes the stored records; atrest.go,
// protect.go and manifest.go keep them encrypted; raw.go reads with the
// browser's API where go-indexeddb has no call; wait.go is the one way of
// waiting on a request; errors.go names the failures, each a
// *locales.Error with a "store." code.
package store

import (
	"context"

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

var _ DraftStore = (*IDB)(nil)

package export

import (
	"encoding/json"
	"strconv"
)

// Record is one draft: its metadata, its JSON body and, in an export
// file, its kept versions. The browser's draft store keeps the same type
// (package wasm/store): the metadata in its "drafts" object store, the
// body and the versions beside it. The JSON field names are those of both
// the stored records and the files; the fields marked "store only" are
// never written to a file, and a file that carries them is refused.
type Record struct {
	ID            string          `json:"id"`
	Kind          string          `json:"kind"`
	SchemaVersion int             `json:"schemaVersion"`
	Lang          string          `json:"lang"`
	Title         string          `json:"title"`
	Status        string          `json:"status"` // "draft" or "final"
	Created       string          `json:"created"`
	Updated       string          `json:"updated"`
	Revision      int             `json:"revision"`          // 0 before the first save
	Trashed       string          `json:"trashed,omitempty"` // store only: when it was moved to the trash
	Body          json.RawMessage `json:"body,omitempty"`
	Revisions     []Revision      `json:"revisions,omitempty"` // file only: the kept versions, oldest first
	// Checkpoint asks the store to keep this version when older versions
	// are thinned; it is not stored with the draft (store only).
	Checkpoint bool `json:"checkpoint,omitempty"`
}

// Revision is one kept version of a draft.
type Revision struct {
	ID       string          `json:"id,omitempty"` // store only: the draft's id
	Revision int             `json:"revision"`
	Updated  string          `json:"updated"`
	Title    string          `json:"title"`
	Status   string          `json:"status"`
	Body     json.RawMessage `json:"body,omitempty"`
	// Checkpoint: the first save of a visit to a section, kept longer
	// (store only).
	Checkpoint bool `json:"checkpoint,omitempty"`
}

// ForFile returns r as an export file carries it: without the fields
// only the store keeps, and with revs, the versions the store keeps
// newest first, oldest first and without the current one or any whose
// body could not be read.
func (r Record) ForFile(revs []Revision) Record {
	r.Trashed, r.Checkpoint, r.Revisions = "", false, nil
	for i := len(revs) - 1; i >= 0; i-- {
		v := revs[i]
		if v.Revision >= r.Revision || len(v.Body) == 0 {
			continue // the current version is the record's body
		}
		v.ID, v.Checkpoint = "", false
		r.Revisions = append(r.Revisions, v)
	}
	return r
}

// storeOnly names a field of r that only the store keeps, "" if none.
func (r *Record) storeOnly() string {
	switch {
	case r.Trashed != "":
		return "/trashed"
	case r.Checkpoint:
		return "/checkpoint"
	}
	for j, v := range r.Revisions {
		switch {
		case v.ID != "":
			return "/revisions/" + strconv.Itoa(j) + "/id"
		case v.Checkpoint:
			return "/revisions/" + strconv.Itoa(j) + "/checkpoint"
		}
	}
	return ""
}

//go:build js && wasm

package main

import (
	"context"
	"syscall/js"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
	"github.com/evidraft/evidraft/wasm/store"
)

type sectionInfo struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// keptVersion is one kept version of a draft as the History page lists it.
type keptVersion struct {
	store.Revision
	// Sections are those in which this version differs from the one kept
	// before it (all answered ones for the oldest kept).
	Sections []sectionInfo `json:"sections"`
}

// history(id, {lang}) -> the kept versions of a draft, newest first, each
// with its body and the sections it changed, named in lang.
func history(args []js.Value) (any, error) {
	return withID(args, func(s store.DraftStore, id string) (any, error) {
		revs, err := s.Revisions(context.Background(), id)
		if err != nil {
			return nil, err
		}
		loc := locales.For(langOption(arg(args, 1)))
		out := make([]keptVersion, len(revs))
		var prev any = map[string]any{}
		for i := len(revs) - 1; i >= 0; i-- {
			out[i].Revision = revs[i]
			out[i].Sections = []sectionInfo{}
			cur, err := schemas.ReadDraft(revs[i].Body)
			if err != nil {
				continue // unreadable versions are listed, without sections
			}
			kind, _ := cur.(map[string]any)["kind"].(string)
			ids, err := schemas.ChangedSections(prev, cur, kind)
			if err == nil {
				for _, sid := range ids {
					out[i].Sections = append(out[i].Sections, sectionInfo{ID: sid, Title: loc.Text("section." + sid)})
				}
			}
			prev = cur
		}
		return out, nil
	})
}

// diffDrafts(a, b, {lang}) -> [{pointer, section, label}], the answers in
// which two versions of a draft (bodies, as objects or JSON text) differ,
// in form order, named in lang.
func diffDrafts(args []js.Value) (any, error) {
	var v [2]any
	for i := range v {
		text, err := draftText(arg(args, i))
		if err != nil {
			return nil, err
		}
		if v[i], err = schemas.ReadDraft([]byte(text)); err != nil {
			return nil, err
		}
	}
	obj, _ := v[0].(map[string]any)
	kind, _ := obj["kind"].(string)
	changes, err := schemas.Diff(v[0], v[1], kind, langOption(arg(args, 2)))
	if err != nil {
		return nil, unknownKind(kind)
	}
	return changes, nil
}

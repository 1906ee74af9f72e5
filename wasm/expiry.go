//go:build js && wasm

package main

import (
	"context"
	"encoding/json"
	"sync"
	"syscall/js"
	"time"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
	"github.com/evidraft/evidraft/wasm/store"
)

// clockShift moves the engine's default "now" (nowOption without now):
// window.evidraftConfig.now (RFC 3339) sets the clock to that time when
// the engine starts, and it runs on from there. Tests use it to put the
// page on a day of their choosing; the stored times of saves keep the
// real clock.
var (
	clockMu    sync.Mutex
	clockShift time.Duration
)

// setClock reads evidraftConfig.now.
func setClock(s string) {
	if s == "" {
		return
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		js.Global().Get("console").Call("error", "evidraft: evidraftConfig.now must be an RFC 3339 date-time")
		return
	}
	clockMu.Lock()
	clockShift = time.Until(t)
	clockMu.Unlock()
}

// clockNow is the engine's "now" when a call gives none.
func clockNow() time.Time {
	clockMu.Lock()
	defer clockMu.Unlock()
	return time.Now().Add(clockShift)
}

// expiring({now, lang, within, endedWithin}) -> the sent preservations
// (kinds preservation and epoc-pr, not in the trash) that may end within
// `within` days (14) of now, or ended in the last `endedWithin` days (30),
// the latest end first: [{id, title, kind, reference, state, expiry:
// {ends, text, rule, ruleText, article, ended, daysLeft}, followUps:
// [{action, kind, label}]}]. A preservation whose follow-up request was
// sent is left out.
func expiring(args []js.Value) (any, error) {
	opts := arg(args, 0)
	now, err := nowOption(opts)
	if err != nil {
		return nil, err
	}
	s, err := draftStore()
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	var drafts []schemas.Tracked
	for _, kind := range []string{"preservation", "epoc-pr"} {
		list, err := s.List(ctx, store.ListOptions{Kind: kind})
		if err != nil {
			return nil, err
		}
		for _, meta := range list {
			body, ok := trackedBody(ctx, s, meta)
			if ok {
				drafts = append(drafts, schemas.Tracked{ID: meta.ID, Title: meta.Title, Body: body})
			}
		}
	}
	o := schemas.ExpiringOptions{Now: now, Within: optionInt(opts, "within"), EndedWithin: optionInt(opts, "endedWithin")}
	return schemas.ExpiringList(drafts, o, locales.For(langOption(opts))), nil
}

// The answers ExpiringList reads, per draft id and revision: a draft is
// read again only when it changed, and one never sent costs nothing
// after the first look. (With 10,000 preservations the first home page
// of a session reads every body once; the page does not wait for it.)
var (
	trackMu    sync.Mutex
	trackCache = map[string]trackEntry{}
)

type trackEntry struct {
	revision int
	updated  string         // with the revision: an import may bring another body at the same number
	body     map[string]any // nil: not sent
}

// trackedBody returns the answers of draft meta that the list needs, nil
// and false when it was not recorded as sent or cannot be read.
func trackedBody(ctx context.Context, s store.DraftStore, meta store.Record) (map[string]any, bool) {
	trackMu.Lock()
	e, ok := trackCache[meta.ID]
	trackMu.Unlock()
	if !ok || e.revision != meta.Revision || e.updated != meta.Updated {
		r, err := s.Get(ctx, meta.ID)
		if err != nil {
			return nil, false // gone since it was listed, or locked: the draft list says so
		}
		v, err := schemas.ReadDraft(r.Body)
		full, _ := v.(map[string]any)
		if err != nil || full == nil {
			return nil, false
		}
		e = trackEntry{revision: r.Revision, updated: r.Updated}
		if _, sent := full["tracking"]; sent {
			e.body = map[string]any{}
			for _, k := range []string{"kind", "reference", "issueDate", "tracking", "preservationDays", "requestingAuthority", "requestedState", "addressee", "legalBasis", "subsequentRequest"} {
				if x, ok := full[k]; ok {
					e.body[k] = x
				}
			}
		}
		trackMu.Lock()
		trackCache[meta.ID] = e
		trackMu.Unlock()
	}
	return e.body, e.body != nil
}

// followUp(draft, action, {now}) -> the body of a new draft that follows
// the preservation draft: action "mla" (mutual assistance), "extension"
// (a preservation extending it) or "production" (an EPOC after an
// EPOC-PR), prefilled from it and dated now. The page makes the record
// with newDraft and saves it.
func followUp(args []js.Value) (any, error) {
	text, err := draftText(arg(args, 0))
	if err != nil {
		return nil, err
	}
	action, err := stringArg(args, 1, "action")
	if err != nil {
		return nil, err
	}
	now, err := nowOption(arg(args, 2))
	if err != nil {
		return nil, err
	}
	body, err := schemas.ReadDraftObject([]byte(text))
	if err != nil {
		return nil, err
	}
	out, err := schemas.FollowUpDraft(body, action, now)
	if err != nil {
		return nil, badArgument("%v", err)
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	return json.RawMessage(b), nil
}

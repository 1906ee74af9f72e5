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
			r, err := s.Get(ctx, meta.ID)
			if err != nil {
				continue // gone since it was listed, or unreadable: the draft list reports it
			}
			v, err := schemas.ReadDraft(r.Body)
			body, ok := v.(map[string]any)
			if err != nil || !ok {
				continue
			}
			drafts = append(drafts, schemas.Tracked{ID: r.ID, Title: r.Title, Body: body})
		}
	}
	o := schemas.ExpiringOptions{Now: now, Within: optionInt(opts, "within"), EndedWithin: optionInt(opts, "endedWithin")}
	return schemas.ExpiringList(drafts, o, locales.For(langOption(opts))), nil
}

// followUp(draft, action, {now}) -> the body of a new draft that follows
// the preservation draft: action "mla" (mutual assistance), "extension"
// (a preservation extending it) or "production" (an EPOC after an
// EPOC-PR), prefilled from it and dated now. The page makes the record
// with newDraft and saves it.
func followUp(args []js.Value) (any, error) {
	text, err := jsonText(arg(args, 0))
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
	v, err := schemas.ReadDraft([]byte(text))
	if err != nil {
		return nil, err
	}
	body, ok := v.(map[string]any)
	if !ok {
		return nil, &schemas.InputError{ID: "error.json.notObject"}
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

package schemas

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
)

// tracked is the example of kind with the given tracking answers and top-level changes.
func tracked(t *testing.T, kind string, tracking map[string]any, set map[string]any) map[string]any {
	t.Helper()
	d := exampleValue(t, kind)
	if tracking != nil {
		d["tracking"] = tracking
	}
	for k, v := range set {
		if v == nil {
			delete(d, k)
			continue
		}
		d[k] = v
	}
	return d
}

func TestExpiryRules(t *testing.T) {
	now := time.Date(2027, 1, 10, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		kind     string
		tracking map[string]any
		set      map[string]any
		ok       bool
		ends     string
		rule     string
		article  string
		cont     bool
	}{
		{name: "not sent", kind: "preservation", ok: false},
		{name: "other kind", kind: "mla", tracking: map[string]any{"sent": "2026-11-20"}, ok: false},
		{name: "sent, the 90 days asked for", kind: "preservation", tracking: map[string]any{"sent": "2026-11-20"},
			ok: true, ends: "2027-02-18", rule: RuleRequestedDays, article: "BC 29(7)"},
		{name: "no period asked for: 60 days", kind: "preservation", tracking: map[string]any{"sent": "2026-11-20"}, set: map[string]any{"preservationDays": nil},
			ok: true, ends: "2027-01-19", rule: RuleMinimumDays, article: "BC 29(7)"},
		{name: "fewer than 60 asked for: 60 days", kind: "preservation", tracking: map[string]any{"sent": "2026-11-20"}, set: map[string]any{"preservationDays": json.Number("30")},
			ok: true, ends: "2027-01-19", rule: RuleMinimumDays},
		{name: "preserved later than sent: from then", kind: "preservation", tracking: map[string]any{"sent": "2026-11-20", "preservedOn": "2026-11-23"},
			ok: true, ends: "2027-02-21", rule: RuleRequestedDays},
		{name: "confirmed days", kind: "preservation", tracking: map[string]any{"sent": "2026-11-20", "preservedOn": "2026-11-23", "confirmedDays": json.Number("60")},
			ok: true, ends: "2027-01-22", rule: RuleConfirmedDays},
		{name: "confirmed end date wins", kind: "preservation", tracking: map[string]any{"sent": "2026-11-20", "confirmedDays": json.Number("60"), "confirmedEnd": "2027-03-01"},
			ok: true, ends: "2027-03-01", rule: RuleConfirmedEnd},
		{name: "follow-up sent: continues", kind: "preservation", tracking: map[string]any{"sent": "2026-11-20", "followUpSent": "2027-01-05"},
			ok: true, ends: "2027-02-18", rule: RuleRequestedDays, cont: true},
		{name: "EPOC-PR: 60 days", kind: "epoc-pr", tracking: map[string]any{"sent": "2026-11-20"},
			ok: true, ends: "2027-01-19", rule: RuleEU60, article: "EU 2023/1543 Art. 11(1)"},
		{name: "EPOC-PR preserved on: 60 days from then", kind: "epoc-pr", tracking: map[string]any{"sent": "2026-11-20", "preservedOn": "2026-11-21"},
			ok: true, ends: "2027-01-20", rule: RuleEU60},
		{name: "EPOC-PR extended: 90 days", kind: "epoc-pr", tracking: map[string]any{"sent": "2026-11-20", "extended": "2027-01-05"},
			ok: true, ends: "2027-02-18", rule: RuleEU90},
		{name: "a date that is not one", kind: "preservation", tracking: map[string]any{"sent": "20 November"}, ok: false},
	}
	for _, tc := range tests {
		e, ok := ExpiryOf(tracked(t, tc.kind, tc.tracking, tc.set), now)
		if ok != tc.ok {
			t.Errorf("%s: ExpiryOf ok = %v, want %v", tc.name, ok, tc.ok)
			continue
		}
		if !ok {
			continue
		}
		if got := e.Ends.Format(time.DateOnly); got != tc.ends || e.Rule != tc.rule || e.Continues != tc.cont {
			t.Errorf("%s: ExpiryOf = %s by %s (continues %v), want %s by %s (continues %v)", tc.name, got, e.Rule, e.Continues, tc.ends, tc.rule, tc.cont)
		}
		if tc.article != "" && e.Article != tc.article {
			t.Errorf("%s: article %q, want %q", tc.name, e.Article, tc.article)
		}
	}
}

// TestExpiryToday: days left count from the date in the requesting
// authority's zone (Lyon), not from UTC, and are negative once ended.
func TestExpiryToday(t *testing.T) {
	d := tracked(t, "preservation", map[string]any{"sent": "2026-11-20", "confirmedEnd": "2027-01-10"}, nil)
	tests := []struct {
		now   time.Time
		left  int
		ended bool
	}{
		{time.Date(2027, 1, 9, 22, 30, 0, 0, time.UTC), 1, false},   // 23:30 on the 9th in Lyon
		{time.Date(2027, 1, 9, 23, 30, 0, 0, time.UTC), 0, false},   // 00:30 on the 10th in Lyon: the last day
		{time.Date(2027, 1, 11, 0, 30, 0, 0, time.UTC), -1, true},   // the next day
		{time.Date(2026, 12, 27, 12, 0, 0, 0, time.UTC), 14, false}, // two weeks before
	}
	for _, tc := range tests {
		e, _ := ExpiryOf(d, tc.now)
		if e.DaysLeft != tc.left || e.Ended != tc.ended {
			t.Errorf("ExpiryOf(now %s) = %d days left, ended %v; want %d, %v", tc.now.Format(time.RFC3339), e.DaysLeft, e.Ended, tc.left, tc.ended)
		}
	}
}

func TestExpiringList(t *testing.T) {
	now := time.Date(2027, 1, 10, 12, 0, 0, 0, time.UTC)
	mk := func(id string, tracking map[string]any) Tracked {
		return Tracked{ID: id, Title: id, Body: tracked(t, "preservation", tracking, map[string]any{"reference": id})}
	}
	drafts := []Tracked{
		mk("in-20-days", map[string]any{"sent": "2026-11-20", "confirmedEnd": "2027-01-30"}),
		mk("in-3-days", map[string]any{"sent": "2026-11-20", "confirmedEnd": "2027-01-13"}),
		mk("in-14-days", map[string]any{"sent": "2026-11-20", "confirmedEnd": "2027-01-24"}),
		mk("ended-2-days-ago", map[string]any{"sent": "2026-11-20", "confirmedEnd": "2027-01-08"}),
		mk("ended-long-ago", map[string]any{"sent": "2026-01-20", "confirmedEnd": "2026-03-20"}),
		mk("followed-up", map[string]any{"sent": "2026-11-20", "confirmedEnd": "2027-01-12", "followUpSent": "2027-01-02"}),
		mk("not-sent", nil),
		{ID: "epoc-pr", Title: "epoc-pr", Body: tracked(t, "epoc-pr", map[string]any{"sent": "2026-11-15"}, nil)}, // ends 2027-01-14
	}
	got := ExpiringList(drafts, ExpiringOptions{Now: now}, locales.For(language.English))
	var ids []string
	for _, e := range got {
		ids = append(ids, e.ID)
	}
	want := "in-14-days epoc-pr in-3-days ended-2-days-ago"
	if strings.Join(ids, " ") != want {
		t.Fatalf("ExpiringList = %v, want %s", ids, want)
	}
	if e := got[3]; !e.Expiry.Ended || e.Expiry.Text != "Ended on 2027-01-08" {
		t.Errorf("ended entry: %+v", e.Expiry)
	}
	if e := got[0]; e.Expiry.Ended || e.Expiry.Text != "May end on 2027-01-24" || e.Expiry.RuleText != "the end date the requested State confirmed" {
		t.Errorf("first entry: %+v", e.Expiry)
	}
	if f := got[0].FollowUps; len(f) != 2 || f[0].Action != FollowMLA || f[1].Action != FollowExtension || f[0].Label != "Request mutual assistance" {
		t.Errorf("preservation follow-ups: %+v", f)
	}
	if f := got[1].FollowUps; len(f) != 2 || f[0].Action != FollowProduction || f[0].Kind != "epoc" {
		t.Errorf("EPOC-PR follow-ups: %+v", f)
	}
}

func TestFollowUpDraft(t *testing.T) {
	now := time.Date(2027, 1, 10, 12, 0, 0, 0, time.UTC)
	src := tracked(t, "preservation", map[string]any{"sent": "2026-11-20", "theirReference": "BKA-2026-77", "confirmedEnd": "2027-01-20"}, nil)

	mla, err := FollowUpDraft(src, FollowMLA, now)
	if err != nil {
		t.Fatal(err)
	}
	link := obj(mla["preservationRequest"])
	if mla["kind"] != "mla" || link["reference"] != "PR-LYO-2026-0412" || link["date"] != "2026-11-20" || link["requestedStateReference"] != "BKA-2026-77" || link["expires"] != "2027-01-20" || link["kind"] != "preservation" {
		t.Errorf("FollowUpDraft(mla): kind %v, link %v", mla["kind"], link)
	}
	if obj(mla["requestedState"])["country"] != "DE" || obj(mla["requestingAuthority"])["name"] == nil || mla["facts"] != src["facts"] || mla["issueDate"] != "2027-01-10" {
		t.Errorf("FollowUpDraft(mla) parties: %v %v", mla["requestedState"], mla["issueDate"])
	}
	a := obj(mla["assistance"])
	if d, _ := a["description"].(string); !strings.HasPrefix(d, "203.0.113.47: Connection logs") {
		t.Errorf("FollowUpDraft(mla) assistance %v", a)
	}
	if items, _ := mla["itemsOrAccounts"].([]any); len(items) != 3 {
		t.Errorf("FollowUpDraft(mla) items %v", mla["itemsOrAccounts"])
	}
	for _, b := range mla["legalBasis"].([]any) {
		if _, ok := obj(b)["citations"]; ok {
			t.Errorf("FollowUpDraft(mla) kept the preservation's articles: %v", b)
		}
	}
	if _, err := json.Marshal(mla); err != nil {
		t.Fatal(err)
	}
	// The draft's answers are where the mla schema has them: nothing else
	// than missing answers is reported.
	res, err := ValidateValue(mla, Options{Lang: language.English, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if f.Severity == Error && f.Code != "required" {
			t.Errorf("FollowUpDraft(mla): %s %s %s", f.Pointer, f.Code, f.Message)
		}
	}

	ext, err := FollowUpDraft(src, FollowExtension, now)
	if err != nil {
		t.Fatal(err)
	}
	if ext["kind"] != "preservation" || ext["reference"] != nil || ext["signature"] != nil || ext["tracking"] != nil || obj(ext["extensionOf"])["reference"] != "PR-LYO-2026-0412" {
		t.Errorf("FollowUpDraft(extension) = reference %v, signature %v, tracking %v, extensionOf %v", ext["reference"], ext["signature"], ext["tracking"], ext["extensionOf"])
	}
	if _, ok := obj(ext["urgency"])["deadline"]; ok {
		t.Errorf("FollowUpDraft(extension) kept the past deadline")
	}
	if _, ok := obj(ext["translations"])["/facts"]; !ok {
		t.Errorf("FollowUpDraft(extension) lost the translation of the facts")
	}
	if _, ok := obj(ext["translations"])["/signature/title"]; ok {
		t.Errorf("FollowUpDraft(extension) kept the translation of an answer it left out")
	}
	res, err = ValidateValue(ext, Options{Lang: language.English, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if f.Severity == Error && f.Pointer != "/reference" {
			t.Errorf("FollowUpDraft(extension): %s %s %s", f.Pointer, f.Code, f.Message)
		}
	}

	if _, err := FollowUpDraft(src, FollowProduction, now); err == nil {
		t.Errorf("FollowUpDraft(preservation, production) succeeded")
	}
	pr := tracked(t, "epoc-pr", map[string]any{"sent": "2026-11-20"}, nil)
	epoc, err := FollowUpDraft(pr, FollowProduction, now)
	if err != nil {
		t.Fatal(err)
	}
	if epoc["kind"] != "epoc" || epoc["addressee"] == nil || epoc["dataSought"] == nil {
		t.Errorf("FollowUpDraft(production) = %v", epoc)
	}
}

// TestTrackingAfterFinal: the tracking section is optional (a finished
// request needs none of it), editable after finalising, and never printed.
func TestTrackingAfterFinal(t *testing.T) {
	d := tracked(t, "preservation", map[string]any{"sent": "2026-11-20", "theirReference": "BKA-2026-77"}, nil)
	f, err := BuildForm(d, FormOptions{Lang: language.English, Mode: Final, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if !f.Valid {
		t.Errorf("a final preservation with tracking answers is not valid: %v", f.Findings)
	}
	last := f.Sections[len(f.Sections)-1]
	if last.ID != "tracking" || !last.AfterFinal || last.Title != "After sending" {
		t.Errorf("last section = %s (after final %v, %q), want tracking", last.ID, last.AfterFinal, last.Title)
	}
	for _, s := range f.Sections[:len(f.Sections)-1] {
		if s.AfterFinal {
			t.Errorf("section %s is editable after finalising", s.ID)
		}
	}
	if f.Expiry == nil || f.Expiry.Ends != "2027-02-18" {
		t.Errorf("form expiry = %+v, want 2027-02-18", f.Expiry)
	}
}

// TestTrackingRules: what was recorded after sending is checked like any
// answer, with warnings only: nothing recorded later can block a request.
func TestTrackingRules(t *testing.T) {
	now := time.Date(2027, 1, 25, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		kind     string
		tracking map[string]any
		want     map[string]string // pointer -> code
	}{
		{"preservation", map[string]any{"sent": "2026-11-01", "confirmedDays": json.Number("30")},
			map[string]string{"/tracking/sent": "tracking.beforeIssue", "/tracking/confirmedDays": "tracking.short"}},
		{"preservation", map[string]any{"sent": "2026-11-21", "preservedOn": "2026-11-20", "confirmedEnd": "2026-11-19"},
			map[string]string{"/tracking/preservedOn": "tracking.beforeSent", "/tracking/confirmedEnd": "tracking.beforeSent"}},
		{"preservation", map[string]any{"sent": "2027-02-01"}, map[string]string{"/tracking/sent": "date.future"}},
		{"epoc-pr", map[string]any{"sent": "2026-11-21", "extended": "2027-01-21"}, map[string]string{"/tracking/extended": "tracking.lateExtension"}},
		{"epoc-pr", map[string]any{"sent": "2026-11-21", "extended": "2027-01-19"}, map[string]string{}},
	}
	for _, tc := range tests {
		d := tracked(t, tc.kind, tc.tracking, nil)
		d["issueDate"] = "2026-11-20"
		res, err := ValidateValue(d, Options{Lang: language.English, Mode: Final, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, f := range res.Findings {
			if strings.HasPrefix(f.Pointer, "/tracking") {
				got[f.Pointer] = f.Code
				if f.Severity != Warning || f.Message == "" || strings.HasPrefix(f.Message, "finding.") {
					t.Errorf("%s %v: %s %s %v %q", tc.kind, tc.tracking, f.Pointer, f.Code, f.Severity, f.Message)
				}
			}
		}
		if len(got) != len(tc.want) {
			t.Errorf("Validate(%s with %v) tracking findings = %v, want %v", tc.kind, tc.tracking, got, tc.want)
			continue
		}
		for p, c := range tc.want {
			if got[p] != c {
				t.Errorf("Validate(%s with %v) tracking findings = %v, want %v", tc.kind, tc.tracking, got, tc.want)
			}
		}
	}
}

// TestFollowUpOfEUPreservation: mutual assistance may follow an EPOC-PR
// (its subsequent request, article 6(2)): the link to it is no error.
func TestFollowUpOfEUPreservation(t *testing.T) {
	now := time.Date(2027, 1, 10, 12, 0, 0, 0, time.UTC)
	pr := tracked(t, "epoc-pr", map[string]any{"sent": "2026-11-20"}, nil)
	mla, err := FollowUpDraft(pr, FollowMLA, now)
	if err != nil {
		t.Fatal(err)
	}
	if obj(mla["preservationRequest"])["kind"] != "epoc-pr" || obj(mla["requestedState"])["country"] == nil {
		t.Errorf("FollowUpDraft(epoc-pr, mla) = %v", mla)
	}
	res, err := ValidateValue(mla, Options{Lang: language.English, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if f.Severity == Error && f.Code != "required" {
			t.Errorf("FollowUpDraft(epoc-pr, mla): %s %s %s", f.Pointer, f.Code, f.Message)
		}
	}
}

// TestDueOf: an EPOC's data are due 10 days after it was sent, 8 hours in
// an emergency (Reg. 2023/1543 Art. 10); nothing once they came.
func TestDueOf(t *testing.T) {
	now := time.Date(2027, 1, 10, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		tracking  map[string]any
		emergency bool
		ok        bool
		due       string
		rule      string
		overdue   bool
	}{
		{name: "not sent", ok: false},
		{name: "10 days", tracking: map[string]any{"sentAt": "2027-01-05T16:30:00+01:00"}, ok: true, due: "2027-01-15T16:30:00+01:00", rule: RuleEPOC10Days},
		{name: "overdue", tracking: map[string]any{"sentAt": "2026-12-20T09:00:00+01:00"}, ok: true, due: "2026-12-30T09:00:00+01:00", rule: RuleEPOC10Days, overdue: true},
		{name: "emergency: 8 hours", tracking: map[string]any{"sentAt": "2027-01-10T08:00:00+01:00"}, emergency: true, ok: true, due: "2027-01-10T16:00:00+01:00", rule: RuleEPOC8Hours},
		{name: "data received", tracking: map[string]any{"sentAt": "2026-12-20T09:00:00+01:00", "dataReceived": "2026-12-28"}, ok: false},
	}
	for _, tc := range tests {
		d := tracked(t, "epoc", tc.tracking, map[string]any{"emergency": map[string]any{"emergency": tc.emergency}})
		got, ok := DueOf(d, now)
		if ok != tc.ok {
			t.Errorf("%s: DueOf ok = %v, want %v", tc.name, ok, tc.ok)
			continue
		}
		if ok && (got.Due.Format(time.RFC3339) != tc.due || got.Rule != tc.rule || got.Overdue != tc.overdue) {
			t.Errorf("%s: DueOf = %s by %s (overdue %v), want %s by %s (%v)", tc.name, got.Due.Format(time.RFC3339), got.Rule, got.Overdue, tc.due, tc.rule, tc.overdue)
		}
	}
	d := tracked(t, "epoc", map[string]any{"sentAt": "2027-01-05T16:30:00+01:00"}, nil)
	f, err := BuildForm(d, FormOptions{Lang: language.English, Mode: Final, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if f.Expiry == nil || !strings.HasPrefix(f.Expiry.Text, "The data are due by") || !strings.Contains(f.Expiry.RuleText, "article 10") {
		t.Errorf("EPOC form expiry = %+v", f.Expiry)
	}
	if last := f.Sections[len(f.Sections)-1]; last.ID != "tracking" || !last.AfterFinal {
		t.Errorf("EPOC last section %s", last.ID)
	}
}

package schemas

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"github.com/evidraft/evidraft/locales"
)

// A preservation keeps the data only for a time the law sets; an expired
// preservation is the commonest way a case loses its evidence. Once the
// user records that a preservation was sent (its "tracking" answers), the
// date it may end is worked out here, from these rules:
//
//   - Budapest Convention Art. 29(7): a preservation lasts not less than
//     60 days; the requested State's confirmation, when recorded, gives the
//     real end (an end date, or a number of days from the date the data
//     were preserved); otherwise the days the request asked for (at least
//     60) from the date the data were preserved, or, not known, the date
//     the request was sent. Once the follow-up request is received the data
//     stay preserved pending a decision on it.
//   - Regulation (EU) 2023/1543 Art. 11(1): the obligation to preserve ends
//     60 days after the EPOC-PR is received (the date the addressee
//     preserved the data, or the date it was sent), 90 when the issuing
//     authority extended it by 30 days (Annex VI), and continues once it
//     confirmed that the subsequent request for production was issued
//     (Annex V).
//
// The sent date stands in for the date of receipt, which is never earlier:
// the date worked out is the earliest the data may be deleted.

// The tracking answers are recorded in the draft's body, under "tracking",
// not in the store's record: they travel with the export file and the
// history, are encrypted at rest with the rest of the case, are checked
// by the schema (dates are dates) and brought forward by migrations. A
// finalised request stays read-only except for that section (Section.
// AfterFinal), and the printed request leaves it out: what was sent does
// not change when its confirmation comes back.

// Expiry rules: which answer gave the end date.
const (
	RuleConfirmedEnd  = "confirmedEnd"  // the end date the requested State confirmed
	RuleConfirmedDays = "confirmedDays" // the days it confirmed, from the date preserved
	RuleRequestedDays = "requestedDays" // the days asked for (at least 60), BC 29(7)
	RuleMinimumDays   = "minimumDays"   // no days asked for: the 60 days of BC 29(7)
	RuleEU60          = "eu60"          // Reg. 2023/1543 Art. 11(1): 60 days
	RuleEU90          = "eu90"          // Art. 11(1): 60 days extended by 30
)

// MinimumPreservationDays is the shortest preservation Budapest Art. 29(7)
// allows and the EU Regulation's period (Art. 11(1)).
const MinimumPreservationDays = 60

// EUExtensionDays is the one extension Art. 11(1) of the Regulation allows.
const EUExtensionDays = 30

// Expiry is when a sent preservation may end.
type Expiry struct {
	Kind      string
	Sent      time.Time // the date it was sent
	From      time.Time // the date the period runs from
	Ends      time.Time // the date it may end (a date, at midnight UTC)
	Days      int       // the period's length in days, 0 for a confirmed end date
	Rule      string    // Rule*
	Article   string    // the provision the rule comes from
	Continues bool      // the follow-up request was sent: preserved while it is pending
	Ended     bool      // Ends is before today
	DaysLeft  int       // days from today to Ends, negative once ended
}

// ExpiryOf works out when the preservation in draft (decoded as ReadDraft
// does) may end, as of now; ok is false unless the draft is a preservation
// or an EPOC-PR recorded as sent. "Today" is now's date in the requesting
// authority's time zone, UTC when it has none.
func ExpiryOf(draft map[string]any, now time.Time) (e Expiry, ok bool) {
	kind, _ := draft["kind"].(string)
	if kind != "preservation" && kind != "epoc-pr" {
		return e, false
	}
	tr := obj(draft["tracking"])
	sent, ok := dateOf(tr["sent"])
	if !ok {
		return e, false
	}
	e = Expiry{Kind: kind, Sent: sent, From: sent}
	if d, ok := dateOf(tr["preservedOn"]); ok {
		e.From = d
	}
	_, e.Continues = dateOf(tr["followUpSent"])
	if kind == "epoc-pr" {
		e.Article = "EU 2023/1543 Art. 11(1)"
		e.Days, e.Rule = MinimumPreservationDays, RuleEU60
		if _, ok := dateOf(tr["extended"]); ok {
			e.Days, e.Rule = MinimumPreservationDays+EUExtensionDays, RuleEU90
		}
		e.Ends = e.From.AddDate(0, 0, e.Days)
	} else {
		e.Article = "BC 29(7)"
		end, hasEnd := dateOf(tr["confirmedEnd"])
		days, hasDays := intOf(tr["confirmedDays"])
		asked, hasAsked := intOf(draft["preservationDays"])
		switch {
		case hasEnd:
			e.Ends, e.Rule = end, RuleConfirmedEnd
		case hasDays && days > 0:
			e.Days, e.Rule = days, RuleConfirmedDays
		case hasAsked && asked >= MinimumPreservationDays:
			e.Days, e.Rule = asked, RuleRequestedDays
		default:
			e.Days, e.Rule = MinimumPreservationDays, RuleMinimumDays
		}
		if !hasEnd {
			e.Ends = e.From.AddDate(0, 0, e.Days)
		}
	}
	today := todayIn(draft, now)
	e.DaysLeft = int(e.Ends.Sub(today).Hours() / 24)
	e.Ended = e.DaysLeft < 0
	return e, true
}

// todayIn is now's date in the requesting authority's time zone.
func todayIn(draft map[string]any, now time.Time) time.Time {
	zone, _ := obj(draft["requestingAuthority"])["timeZone"].(string)
	if off, ok := locales.CurrentWords().Offset(zone, now); ok && zone != "" {
		now = now.In(time.FixedZone(zone, off))
	}
	y, m, d := now.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// dateOf reads a full date (2026-12-02) answer.
func dateOf(v any) (time.Time, bool) {
	s, _ := v.(string)
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// intOf reads a whole-number answer (a json.Number or a float64).
func intOf(v any) (int, bool) {
	f, ok := number(v)
	return int(f), ok && f == float64(int(f))
}

// ExpiryNote is an Expiry as the page shows it, in the user's language.
type ExpiryNote struct {
	Ends      string `json:"ends"`      // 2026-12-02
	Text      string `json:"text"`      // "May end on 2 December 2026" or "Ended on ..."
	Rule      string `json:"rule"`      // Rule*
	RuleText  string `json:"ruleText"`  // which rule gave the date, with its article
	Article   string `json:"article"`   // the provision
	Ended     bool   `json:"ended"`     // the date is past
	DaysLeft  int    `json:"daysLeft"`  // negative once ended
	Continues bool   `json:"continues"` // the follow-up was sent
}

// Note writes e for the page in loc's language.
func (e Expiry) Note(loc *locales.Localizer) *ExpiryNote {
	date := locales.CurrentWords().Date(loc.Tag(), e.Ends)
	id := "expiry.mayEnd"
	switch {
	case e.Continues:
		id = "expiry.continues"
	case e.Ended:
		id = "expiry.ended"
	}
	rule := loc.Message("expiry.rule."+e.Rule, map[string]any{"Days": strconv.Itoa(e.Days), "From": locales.CurrentWords().Date(loc.Tag(), e.From)})
	return &ExpiryNote{
		Ends: e.Ends.Format(time.DateOnly), Text: loc.Message(id, map[string]any{"Date": date}),
		Rule: e.Rule, RuleText: rule, Article: e.Article, Ended: e.Ended, DaysLeft: e.DaysLeft, Continues: e.Continues,
	}
}

// Tracked is a stored draft offered to Expiring.
type Tracked struct {
	ID    string
	Title string
	Body  map[string]any // decoded as ReadDraft does
}

// Expiring is one entry of the home page's list of preservations that
// end soon or have ended.
type Expiring struct {
	ID        string      `json:"id"`
	Title     string      `json:"title"`
	Kind      string      `json:"kind"`
	Reference string      `json:"reference"`
	State     string      `json:"state"` // the requested State or the addressee's, in words
	Expiry    *ExpiryNote `json:"expiry"`
	FollowUps []FollowUp  `json:"followUps"` // the requests it can be followed by, prefilled
}

// ExpiringOptions control ExpiringList.
type ExpiringOptions struct {
	Now         time.Time
	Within      int // days ahead: 14 when 0
	EndedWithin int // days back for those already ended: 30 when 0
}

// ExpiringList returns the drafts whose preservation ends within
// o.Within days of o.Now, or ended in the last o.EndedWithin days, the
// latest end first (those already ended last). A preservation whose
// follow-up request was sent is left out: the data stay preserved while it
// is pending.
func ExpiringList(drafts []Tracked, o ExpiringOptions, loc *locales.Localizer) []Expiring {
	within, back := cmp.Or(o.Within, 14), cmp.Or(o.EndedWithin, 30)
	out := []Expiring{}
	var ends []time.Time
	for _, d := range drafts {
		e, ok := ExpiryOf(d.Body, o.Now)
		if !ok || e.Continues || e.DaysLeft > within || e.DaysLeft < -back {
			continue
		}
		dl := localizerFor(loc.Tag(), d.Body)
		ref, _ := d.Body["reference"].(string)
		state, _ := obj(d.Body["requestedState"])["country"].(string)
		if state == "" {
			state, _ = obj(d.Body["addressee"])["country"].(string)
		}
		if state != "" {
			state = cmp.Or(locales.CurrentWords().Country(loc.Tag(), state), state)
		}
		out = append(out, Expiring{ID: d.ID, Title: d.Title, Kind: e.Kind, Reference: ref, State: state,
			Expiry: e.Note(dl), FollowUps: FollowUpsOf(e.Kind, d.Body, dl)})
		ends = append(ends, e.Ends)
	}
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return ends[b].Compare(ends[a]) })
	sorted := make([]Expiring, len(out))
	for i, j := range idx {
		sorted[i] = out[j]
	}
	return sorted
}

// The European Production Order's deadline (Regulation (EU) 2023/1543,
// Art. 10): the addressee transmits the data at the latest within 10 days
// of receiving the EPOC, within 8 hours in an emergency. It runs from the
// time recorded as sent (tracking.sentAt), which receipt never precedes.
const (
	RuleEPOC10Days = "epoc10"
	RuleEPOC8Hours = "epoc8h"
)

// Due is when the data an EPOC orders must be produced.
type Due struct {
	Sent    time.Time // when it was sent, in its own offset
	Due     time.Time
	Rule    string // RuleEPOC*
	Overdue bool   // Due is past and no data were recorded as received
}

// DueOf works out when the data the EPOC in draft orders are due, as of
// now; ok is false unless the draft is an EPOC recorded as sent whose
// data were not recorded as received.
func DueOf(draft map[string]any, now time.Time) (d Due, ok bool) {
	if k, _ := draft["kind"].(string); k != "epoc" {
		return d, false
	}
	tr := obj(draft["tracking"])
	sent, ok := dateTime(tr["sentAt"])
	if !ok {
		return d, false
	}
	if _, got := dateOf(tr["dataReceived"]); got {
		return d, false
	}
	d = Due{Sent: sent, Due: sent.AddDate(0, 0, 10), Rule: RuleEPOC10Days}
	if e, _ := obj(draft["emergency"])["emergency"].(bool); e {
		d.Due, d.Rule = sent.Add(8*time.Hour), RuleEPOC8Hours
	}
	d.Overdue = now.After(d.Due)
	return d, true
}

// Note writes d for the page in loc's language, in the shape of an
// expiry's (Ended: overdue).
func (d Due) Note(loc *locales.Localizer) *ExpiryNote {
	id := "expiry.due"
	if d.Overdue {
		id = "expiry.overdue"
	}
	return &ExpiryNote{
		Ends: d.Due.Format(time.RFC3339), Text: loc.Message(id, map[string]any{"Time": loc.DateTime(d.Due)}),
		Rule: d.Rule, RuleText: loc.Message("expiry.rule."+d.Rule, map[string]any{"From": loc.DateTime(d.Sent)}),
		Article: "EU 2023/1543 Art. 10", Ended: d.Overdue,
	}
}

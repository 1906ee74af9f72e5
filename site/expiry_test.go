package site

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/evidraft/evidraft/schemas"
)

// expiryNow is the day the page lives on in TestExpiringPreservations,
// whatever the day the test runs: the engine's clock starts from
// evidraftConfig.now.
var expiryNow = time.Date(2027, 3, 10, 9, 0, 0, 0, time.UTC)

// atTime makes every page of ctx start the engine's clock at now.
func atTime(t *testing.T, ctx context.Context, now time.Time) {
	t.Helper()
	js := `window.evidraftConfig = Object.assign({}, window.evidraftConfig || {}, { now: ` + quote(now.Format(time.RFC3339)) + ` })`
	run(t, ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(js).Do(ctx)
		return err
	}))
}

// storeDraft saves a draft of kind, its example dated from issued and
// changed by edit, with the record status given, and returns its id.
func storeDraft(t *testing.T, ctx context.Context, kind string, issued time.Time, status string, edit func(map[string]any)) string {
	t.Helper()
	b, err := schemas.ExampleAt(kind, issued)
	if err != nil {
		t.Fatal(err)
	}
	var d map[string]any
	json.Unmarshal(b, &d)
	edit(d)
	b, _ = json.Marshal(d)
	var id string
	eval(t, ctx, `(async () => { const r = await evidraft.newDraft(`+quote(kind)+`, 'en'); r.body = `+string(b)+`; r.status = `+quote(status)+`; return (await evidraft.saveDraft(r)).id })()`, &id)
	return id
}

// TestExpiringPreservations: a person records, on a finalised
// preservation, the day it was sent; its task page says when it may end;
// the home page lists the preservations that end within 14 days and
// those ended, latest end first, and its links make the mutual
// assistance request and the extension, prefilled from the preservation.
func TestExpiringPreservations(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	src := axeSource(t)
	url := server(t)
	ctx := browser(t, exe)
	atTime(t, ctx, expiryNow)
	openHome(t, ctx, url)
	day := func(days int) time.Time { return expiryNow.AddDate(0, 0, days) }
	date := func(days int) string { return day(days).Format(time.DateOnly) }

	// A: finalised, 90 days asked for, not yet recorded as sent.
	a := storeDraft(t, ctx, "preservation", day(-85), "final", func(d map[string]any) { d["reference"] = "PR-A-0001" })
	// B: sent, the requested State confirmed an end three days ago.
	storeDraft(t, ctx, "preservation", day(-100), "final", func(d map[string]any) {
		d["reference"] = "PR-B-0002"
		d["tracking"] = map[string]any{"sent": date(-99), "confirmedEnd": date(-3)}
	})
	// C: an EPOC-PR sent 50 days ago: 60 days, 10 left (Art. 11(1)).
	storeDraft(t, ctx, "epoc-pr", day(-51), "final", func(d map[string]any) {
		d["reference"] = "EPR-C-0003"
		d["tracking"] = map[string]any{"sent": date(-50)}
	})
	// D: sent nine days ago for 90 days: not soon.
	storeDraft(t, ctx, "preservation", day(-10), "final", func(d map[string]any) {
		d["reference"] = "PR-D-0004"
		d["tracking"] = map[string]any{"sent": date(-9)}
	})
	// E: its follow-up request was sent: kept while it is pending.
	storeDraft(t, ctx, "preservation", day(-100), "final", func(d map[string]any) {
		d["reference"] = "PR-E-0005"
		d["tracking"] = map[string]any{"sent": date(-99), "confirmedEnd": date(2), "followUpSent": date(-20)}
	})

	// F: an EPOC sent two days ago: the data are due in 10 days (Art. 10).
	f := storeDraft(t, ctx, "epoc", day(-3), "final", func(d map[string]any) {
		d["reference"] = "EPOC-F-0006"
		d["emergency"] = map[string]any{"emergency": false}
		d["tracking"] = map[string]any{"sentAt": day(-2).Format(time.RFC3339)}
	})

	p := person{t, ctx}
	openPage(t, ctx, url, f, "", `[data-expiry]`)
	var due string
	eval(t, ctx, `document.querySelector('[data-expiry]').textContent`, &due)
	if !strings.Contains(due, "The data are due by") || !strings.Contains(due, "article 10") {
		t.Errorf("EPOC task page note %q, want when the data are due", due)
	}

	// The finalised request: its After sending section is still open to
	// answers. The person types the day it was sent, 84 days ago.
	// Its task page says where to record it.
	openPage(t, ctx, url, a, "", `[data-expiry-record] a`)
	p.click(`[data-expiry-record] a`)
	run(t, ctx, chromedp.WaitVisible(sel("/tracking/sent"), chromedp.ByQuery))
	var disabled bool
	eval(t, ctx, `document.querySelector(`+quote(sel("/tracking/sent"))+`).disabled`, &disabled)
	if disabled {
		t.Fatal("the date sent of a finalised preservation cannot be answered")
	}
	sent := day(-84)
	p.clickAfter(sel("/tracking/sent"), "")
	p.keys(sent.Format("01022006"))
	p.settle()
	if got := p.saved(a, "/tracking/sent"); got != quote(sent.Format(time.DateOnly)) {
		t.Fatalf("saved date sent %s, want %s", got, sent.Format(time.DateOnly))
	}
	if *screenshots {
		shot(t, ctx, "tracking-en")
	}
	p.click(`form.evd-section > button[type=submit]`)
	run(t, ctx, chromedp.WaitVisible(`[data-expiry]`, chromedp.ByQuery))
	if *screenshots {
		shot(t, ctx, "tasks-sent-en")
	}
	var note struct{ Ends, Text string }
	eval(t, ctx, `(() => { const $e = document.querySelector('[data-expiry]'); return { Ends: $e.dataset.expiry, Text: $e.textContent } })()`, &note)
	if note.Ends != date(6) || !strings.Contains(note.Text, "May end on") || !strings.Contains(note.Text, "Budapest Convention, article 29(7)") {
		t.Errorf("task page note = %+v, want the end %s by the 90 days asked for", note, date(6))
	}
	// The print page says it too, outside the printed request.
	p.click(`a[href$="/print"]`)
	run(t, ctx, chromedp.WaitVisible(`.evd-print`, chromedp.ByQuery))
	var printed struct{ Note, Request string }
	eval(t, ctx, `({ Note: (document.querySelector('.evd-noprint [data-expiry]') || {}).textContent || '', Request: document.querySelector('.evd-print').textContent })`, &printed)
	if !strings.Contains(printed.Note, "May end on") || strings.Contains(printed.Request, "May end on") {
		t.Errorf("print page: note %q; the request itself says it: %v", printed.Note, strings.Contains(printed.Request, "May end on"))
	}
	p.click(`a.evd-back-link`)
	run(t, ctx, chromedp.WaitVisible(`.evd-task-list`, chromedp.ByQuery))
	var status string
	eval(t, ctx, `evidraft.getDraft(`+quote(a)+`).then((r) => r.status)`, &status)
	if status != "final" {
		t.Errorf("recording the date sent made the request %q, want it final", status)
	}

	// Home: C (in 10 days), A (in 6), B (ended 3 days ago); not D, not E.
	p.click(`a.evd-back-link`)
	run(t, ctx, chromedp.WaitVisible(`[data-expiring]`, chromedp.ByQuery))
	type entry struct {
		Ends, Text string
		Ended      bool
		Buttons    []string
	}
	var list []entry
	eval(t, ctx, `Array.from(document.querySelectorAll('[data-expiring] li'), ($li) => ({ Ends: $li.dataset.ends, Text: $li.textContent,
	  Ended: $li.classList.contains('evd-expiring__item--ended'), Buttons: Array.from($li.querySelectorAll('button'), (b) => b.textContent) }))`, &list)
	var ends []string
	for _, e := range list {
		ends = append(ends, e.Ends)
	}
	if want := []string{date(10), date(6), date(-3)}; strings.Join(ends, " ") != strings.Join(want, " ") {
		t.Fatalf("home lists preservations ending %v, want %v", ends, want)
	}
	if !strings.Contains(list[0].Text, "EPR-C-0003") || !strings.Contains(list[0].Text, "article 11(1)") || list[0].Ended {
		t.Errorf("first entry %+v, want the EPOC-PR by Art. 11(1)", list[0])
	}
	if !strings.Contains(list[1].Text, "PR-A-0001") || strings.Join(list[1].Buttons, "|") != "Request mutual assistance|Ask for an extension" {
		t.Errorf("second entry %+v", list[1])
	}
	if !list[2].Ended || !strings.Contains(list[2].Text, "Ended") || !strings.Contains(list[2].Text, "PR-B-0002") {
		t.Errorf("third entry %+v, want B marked ended", list[2])
	}
	axe(t, ctx, src, "home page with preservations ending (en)")
	if *screenshots {
		shot(t, ctx, "home-expiring-en")
	}

	// Request mutual assistance: a new draft, prefilled.
	followed := func(action string) map[string]any {
		t.Helper()
		before := hash(t, ctx)
		p.click(`[data-expiring] li[data-draft="` + a + `"] button[data-follow-up="` + action + `"]`)
		run(t, ctx, chromedp.Poll(`location.hash !== `+quote(before)+` && !!document.querySelector('.evd-task-list')`, nil))
		var banner string
		run(t, ctx, chromedp.Text(`.evd-notification-banner`, &banner, chromedp.ByQuery))
		if !strings.Contains(banner, "A new draft was made from PR-A-0001") {
			t.Errorf("%s: banner %q", action, banner)
		}
		var rec struct {
			ID     string
			Status string
			Body   map[string]any
		}
		eval(t, ctx, `evidraft.getDraft(decodeURIComponent(location.hash.split('/')[2])).then((r) => ({ ID: r.id, Status: r.status, Body: r.body }))`, &rec)
		if rec.ID == a || rec.Status != "draft" {
			t.Errorf("%s: made %s (%s), want a new draft", action, rec.ID, rec.Status)
		}
		return rec.Body
	}
	obj := func(v any) map[string]any { m, _ := v.(map[string]any); return m }
	mla := followed("mla")
	link := obj(mla["preservationRequest"])
	if mla["kind"] != "mla" || link["reference"] != "PR-A-0001" || link["expires"] != date(6) || obj(mla["requestedState"])["country"] != "DE" {
		t.Errorf("mutual assistance draft: kind %v, preservation %v, requested State %v", mla["kind"], link, mla["requestedState"])
	}
	if a := obj(mla["assistance"]); a["types"] == nil || !strings.Contains(a["description"].(string), "Connection logs") {
		t.Errorf("mutual assistance draft: assistance %v", a)
	}
	if items, _ := mla["itemsOrAccounts"].([]any); len(items) != 3 {
		t.Errorf("mutual assistance draft: items %v", mla["itemsOrAccounts"])
	}

	p.click(`a.evd-back-link`)
	run(t, ctx, chromedp.WaitVisible(`[data-expiring]`, chromedp.ByQuery))
	ext := followed("extension")
	if ext["kind"] != "preservation" || obj(ext["extensionOf"])["reference"] != "PR-A-0001" || ext["tracking"] != nil || ext["reference"] != nil {
		t.Errorf("extension draft: kind %v, extensionOf %v, tracking %v, reference %v", ext["kind"], ext["extensionOf"], ext["tracking"], ext["reference"])
	}

	// The same list in Arabic, right to left.
	eval(t, ctx, `localStorage.setItem('evidraft.lang', 'ar')`, nil)
	run(t, ctx, visit(url+"/#/"), chromedp.Reload(), chromedp.WaitVisible(`[data-expiring]`, chromedp.ByQuery))
	var ar struct {
		Dir, Text string
	}
	eval(t, ctx, `({ Dir: document.documentElement.dir, Text: document.querySelector('[data-expiring]').textContent })`, &ar)
	if ar.Dir != "rtl" || !strings.Contains(ar.Text, "انتهت") || !strings.Contains(ar.Text, "طلب المساعدة القانونية المتبادلة") {
		t.Errorf("Arabic home page: dir %s, list %q", ar.Dir, ar.Text)
	}
	axe(t, ctx, src, "home page with preservations ending (ar)")
	if *screenshots {
		shot(t, ctx, "home-expiring-ar")
	}
}

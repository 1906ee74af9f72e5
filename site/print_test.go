package site

import (
	"github.com/evidraft/evidraft/schemas"

	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// savedExample stores kind's example (dated from today) as a draft with
// the given status and returns its id.
func savedExample(t *testing.T, ctx context.Context, kind, status string) string {
	t.Helper()
	body, _ := json.Marshal(example(t, kind))
	var id string
	eval(t, ctx, `evidraft.newDraft(`+quote(kind)+`, 'en').then((r) => evidraft.saveDraft({...r, status: `+quote(status)+`, body: `+string(body)+`})).then((r) => r.id)`, &id)
	return id
}

// printPDF prints the page as Chromium's "Save as PDF" does, on A4 with
// the page's own @page rules, and returns the PDF.
func printPDF(t *testing.T, ctx context.Context) []byte {
	t.Helper()
	var pdf []byte
	run(t, ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		pdf, _, err = page.PrintToPDF().WithPreferCSSPageSize(true).WithPrintBackground(true).Do(ctx)
		return err
	}))
	return pdf
}

var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// pdfPages reads the text of each page with pdftotext (poppler-utils).
func pdfPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	exe, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is missing: apt-get install poppler-utils")
		}
		t.Skip("pdftotext is missing: apt-get install poppler-utils")
	}
	name := filepath.Join(t.TempDir(), "print.pdf")
	os.WriteFile(name, pdf, 0o644)
	out, err := exec.Command(exe, "-layout", name, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimRight(string(out), "\f\n"), "\f")
}

// TestPrintedRequest prints the example of every kind as the official
// does (the print page, Chromium's PDF) and reads it as the receiving
// officer: the operative paragraph on page 1, the reference and "page x of
// y" on every page, the draft mark on every page of a draft, and the
// example preservation on at most three A4 pages. Each kind is printed in
// English or French, in turn, the preservation in both.
func TestPrintedRequest(t *testing.T) {
	t.Parallel()
	ctx, url := onSite(t)
	for i, kind := range builtInKinds() {
		id := savedExample(t, ctx, kind, "final")
		ref := example(t, kind)["reference"].(string)
		langs := []string{[]string{"en", "fr"}[i%2]}
		if kind == "preservation" {
			langs = []string{"en", "fr"}
		}
		for _, lang := range langs {
			// From one print page to the next only the address's query
			// changes: the last one stays on screen until the new one is
			// drawn, so wait for the page to be idle, not for an article.
			run(t, ctx, visit(url+"/#/draft/"+id+"/print?lang="+lang+"&second="))
			if err := settle(ctx); err != nil {
				t.Fatal(err)
			}
			run(t, ctx, chromedp.WaitVisible(`article.evd-print`, chromedp.ByQuery))
			// The last six words of the operative paragraph (pdftotext moves
			// the first letter after a bidi isolate to the next line).
			var op string
			eval(t, ctx, `document.querySelector('.evd-print__section p').textContent.replace(/[\u2066-\u2069]/g, ' ').trim().split(/\s+/).slice(-6).join(' ')`, &op)
			pdf := printPDF(t, ctx)
			n := len(pdfPage.FindAll(pdf, -1))
			pages := pdfPages(t, pdf)
			if len(pages) != n {
				t.Fatalf("%s %s: %d pages in the PDF, pdftotext read %d", kind, lang, n, len(pages))
			}
			flat := func(s string) string { return strings.Join(strings.Fields(strings.Map(noIsolate, s)), " ") }
			if !strings.Contains(flat(pages[0]), flat(op)) {
				t.Errorf("%s %s: the operative paragraph (%q) is not on page 1:\n%s", kind, lang, op, pages[0])
			}
			pageOf := map[string]string{"en": "Page %d of %d", "fr": "Page %d sur %d"}[lang]
			for i, p := range pages {
				if !strings.Contains(p, ref) {
					t.Errorf("%s %s: page %d does not carry the reference %s", kind, lang, i+1, ref)
				}
				if want := sprintf(pageOf, i+1, n); !strings.Contains(flat(p), want) {
					t.Errorf("%s %s: page %d lacks %q", kind, lang, i+1, want)
				}
				if strings.Contains(p, "DRAFT") || strings.Contains(p, "PROJET") {
					t.Errorf("%s %s: a final request printed with the draft mark on page %d", kind, lang, i+1)
				}
			}
			if kind == "preservation" && n > 3 {
				t.Errorf("the example preservation prints on %d pages in %s, at most 3 wanted", n, lang)
			}
			t.Logf("%s %s: %d pages", kind, lang, n)
			if *screenshots && kind == "preservation" {
				name := filepath.Join("testdata", "screenshots", "letter-"+kind+"-"+lang+".pdf")
				os.MkdirAll(filepath.Dir(name), 0o755)
				os.WriteFile(name, pdf, 0o644)
			}
		}
	}

	if *screenshots { // for looking at: the Arabic and Chinese letters, and French beside English
		id := savedExample(t, ctx, "preservation", "final")
		for _, q := range []string{"lang=ar&second=", "lang=zh&second=", "lang=fr&second=", "lang=en&second=fr"} {
			run(t, ctx, visit(url+"/#/draft/"+id+"/print?"+q), chromedp.WaitVisible(`article.evd-print`, chromedp.ByQuery))
			name := strings.NewReplacer("lang=", "", "&second=", "-").Replace(q)
			os.WriteFile(filepath.Join("testdata", "screenshots", "letter-preservation-"+strings.TrimSuffix(name, "-")+".pdf"), printPDF(t, ctx), 0o644)
		}
	}

	// A draft prints with the mark on every page.
	id := savedExample(t, ctx, "preservation", "draft")
	run(t, ctx, visit(url+"/#/draft/"+id+"/print?lang=en&second=ar"), chromedp.WaitVisible(`article.evd-print`, chromedp.ByQuery))
	pdf := printPDF(t, ctx)
	if *screenshots {
		os.WriteFile(filepath.Join("testdata", "screenshots", "letter-draft-en-ar.pdf"), pdf, 0o644)
	}
	pages := pdfPages(t, pdf)
	for i, p := range pages {
		if !strings.Contains(p, "DRAFT, not valid for sending") {
			t.Errorf("page %d of %d of a draft lacks the draft mark", i+1, len(pages))
		}
	}
	var notice bool
	eval(t, ctx, `!!document.querySelector('[data-print-not-ready]')`, &notice)
	if notice {
		t.Error("a draft without errors is said not to be ready")
	}

	// With an error, the print page says why it prints DRAFT and links to
	// the check-answers page, which a click opens; the PDF does not carry
	// that notice.
	broken := example(t, "preservation")
	delete(broken, "facts")
	body, _ := json.Marshal(broken)
	eval(t, ctx, `evidraft.newDraft('preservation', 'en').then((r) => evidraft.saveDraft({...r, body: `+string(body)+`})).then((r) => r.id)`, &id)
	run(t, ctx, visit(url+"/#/draft/"+id+"/print?lang=en&second="), chromedp.WaitVisible(`[data-print-not-ready] a`, chromedp.ByQuery))
	if text := strings.Join(pdfPages(t, printPDF(t, ctx)), " "); strings.Contains(text, "until its errors are corrected") {
		t.Error("the PDF carries the page's not-ready notice")
	}
	p := person{t, ctx}
	p.click(`[data-print-not-ready] a`)
	run(t, ctx, chromedp.WaitVisible(`//h1[text()="Check your answers"]`, chromedp.BySearch))
}

func sprintf(format string, a ...any) string { return fmt.Sprintf(format, a...) }

// noIsolate turns the bidi isolates (U+2066-U+2069) into spaces
// (pdftotext drops the space next to one).
func noIsolate(r rune) rune {
	if r >= 0x2066 && r <= 0x2069 {
		return ' '
	}
	return r
}

// TestCheckAnswersInWords: the check-answers page shows every example's
// answers as a person reads them: dates written out, countries and
// languages by name, no ISO date, no code, no ✓ or —. Identifiers stay
// as entered, left to right. Here in Spanish, French, Russian and
// Chinese, switched with the header's menu, each kind in two of them
// and each language for several kinds; TestCheckAnswersAreTheRows checks
// the same in English and Arabic (wordsOnPage), and schemas/render's
// TestLetterInWords and TestRowsPrinted the rows of every kind in every
// language without a browser (the page shows the rows Go makes).
func TestCheckAnswersInWords(t *testing.T) {
	t.Parallel()
	ctx, url := onSite(t)
	langs := []string{"es", "fr", "ru", "zh"}
	for i, kind := range builtInKinds() {
		id := savedExample(t, ctx, kind, "draft")
		run(t, ctx, visit(url+"/#/draft/"+id+"/check"), chromedp.WaitVisible(`.evd-summary-list`, chromedp.ByQuery))
		for _, lang := range []string{langs[i%4], langs[(i+1)%4]} {
			switchLanguage(t, ctx, lang, ".evd-summary-list")
			wordsOnPage(t, ctx, kind, lang)
		}
	}
}

// switchLanguage picks lang in the header's language menu, as a person
// switches: the page is drawn again in that language without a reload.
// It waits for wait (a selector) in that language and the page idle.
func switchLanguage(t *testing.T, ctx context.Context, lang, wait string) {
	t.Helper()
	eval(t, ctx, `(() => { const $s = document.getElementById('evd-language'); $s.value = `+quote(lang)+`; $s.dispatchEvent(new Event('change', { bubbles: true })); return true })()`, nil)
	run(t, ctx, chromedp.WaitVisible(`html[lang=`+lang+`] `+wait, chromedp.ByQuery))
	if err := settle(ctx); err != nil {
		t.Fatal(err)
	}
}

var (
	isoOnPage  = regexp.MustCompile(`\d{4}-\d{2}-\d{2}|T\d{2}:\d{2}`)
	codeOnPage = regexp.MustCompile(`\b[A-Z]{2}\b`)
)

// wordsOnPage fails the test if the page's main region, outside
// identifiers (bdi dir=ltr), shows an ISO date or time, a country code of
// kind's example, ✓ or —.
func wordsOnPage(t *testing.T, ctx context.Context, kind, lang string) {
	t.Helper()
	codes := map[string]bool{}
	collectCountries(example(t, kind), "", codes)
	var text string
	eval(t, ctx, `(() => {
  const $m = document.querySelector('main').cloneNode(true)
  for (const $b of $m.querySelectorAll('bdi[dir=ltr]')) $b.remove()
  return $m.innerText
})()`, &text)
	if m := isoOnPage.FindString(text); m != "" {
		t.Errorf("%s %s: check answers shows %q", kind, lang, m)
	}
	for _, w := range codeOnPage.FindAllString(text, -1) {
		if codes[w] {
			t.Errorf("%s %s: check answers shows the country code %q", kind, lang, w)
		}
	}
	if strings.ContainsAny(text, "✓—") {
		t.Errorf("%s %s: check answers shows ✓ or —", kind, lang)
	}
}

// builtInKinds lists the kinds the program carries (other tests add one).
func builtInKinds() []string {
	var out []string
	for _, k := range schemas.KindIDs() {
		if _, err := os.Stat(filepath.Join("..", "schemas", k+".schema.json")); err == nil {
			out = append(out, k)
		}
	}
	return out
}

func collectCountries(v any, key string, out map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			collectCountries(c, k, out)
		}
	case []any:
		for _, c := range x {
			collectCountries(c, key, out)
		}
	case string:
		if key == "country" {
			out[x] = true
		}
	}
}

// TestOffsetFix: a deadline written with the wrong offset for the
// authority's zone is flagged on check answers; the person follows the
// warning and clicks the button that writes the zone's offset, and the
// saved draft has it, same wall-clock time.
func TestOffsetFix(t *testing.T) {
	t.Parallel()
	ctx, url := onSite(t)
	ex := example(t, "preservation")
	deadline := ex["urgency"].(map[string]any)["deadline"].(string) // Europe/Paris, winter: +01:00
	if !strings.HasSuffix(deadline, "+01:00") {
		t.Fatalf("the example's deadline %s is not in Paris winter time", deadline)
	}
	wrong := strings.TrimSuffix(deadline, "+01:00") + "+02:00"
	ex["urgency"].(map[string]any)["deadline"] = wrong
	body, _ := json.Marshal(ex)
	var id string
	eval(t, ctx, `evidraft.newDraft('preservation', 'en').then((r) => evidraft.saveDraft({...r, body: `+string(body)+`})).then((r) => r.id)`, &id)
	run(t, ctx, visit(url+"/#/draft/"+id+"/check"), chromedp.WaitVisible(`.evd-summary-list`, chromedp.ByQuery))
	p := person{t, ctx}
	p.settle()
	p.click(`a[href*="focus=%2Furgency%2Fdeadline"]`)
	run(t, ctx, chromedp.WaitVisible(`button[data-action="fix"]`, chromedp.ByQuery))
	var label string
	run(t, ctx, chromedp.Text(`button[data-action="fix"]`, &label, chromedp.ByQuery))
	if label != "Use UTC+01:00" {
		t.Errorf("fix button %q", label)
	}
	p.click(`button[data-action="fix"]`)
	var saved string
	for range 50 {
		if saved = p.saved(id, "/urgency/deadline"); saved == quote(deadline) {
			break
		}
		p.settle()
	}
	if saved != quote(deadline) {
		t.Errorf("after the fix the saved deadline is %s, want %s", saved, deadline)
	}
	var warnings int
	eval(t, ctx, `document.querySelectorAll('.evd-warning-message').length`, &warnings)
	if warnings != 0 {
		t.Errorf("%d warnings left on the urgency page after the fix", warnings)
	}
}

// TestCheckAnswersAreTheRows: for the example of every kind, in English
// and Arabic, check answers shows exactly the engine's rows, field by
// field: each section's questions in order, with the text the printed
// request prints for that answer (schemas/render's TestRowsPrinted checks
// the rows against the printed request) or "Not answered"; and the page
// is in words (wordsOnPage).
func TestCheckAnswersAreTheRows(t *testing.T) {
	t.Parallel()
	ctx, url := onSite(t)
	type row struct{ Key, Value string }
	ids := map[string]string{}
	for _, kind := range builtInKinds() {
		ids[kind] = savedExample(t, ctx, kind, "draft")
	}
	// The page started once in each language, each kind's check answers
	// then visited as a person goes from page to page.
	for _, lang := range []string{"en", "ar"} {
		eval(t, ctx, `evidraft.setLanguage(`+quote(lang)+`).then(() => true)`, nil)
		eval(t, ctx, `localStorage.setItem('evidraft.lang', `+quote(lang)+`)`, nil)
		run(t, ctx, chromedp.Reload(), chromedp.WaitVisible(`html[lang=`+lang+`] main h1`, chromedp.ByQuery))
		for _, kind := range builtInKinds() {
			id := ids[kind]
			// This draft's page, not the last one's still on screen.
			run(t, ctx, visit(url+"/#/draft/"+id+"/check"), chromedp.WaitVisible(`html[lang=`+lang+`] main:has(a.evd-back-link[href="#/draft/`+id+`"]) .evd-summary-list`, chromedp.ByQuery))
			var page, want []row
			eval(t, ctx, `Array.from(document.querySelectorAll('main .evd-summary-list__row'), (r) => ({
  Key: r.querySelector('dt').textContent, Value: r.querySelector('.evd-summary-list__value').textContent }))`, &page)
			eval(t, ctx, `(async () => {
  const d = await evidraft.getDraft(`+quote(id)+`)
  const f = await evidraft.form(d.body, { lang: `+quote(lang)+`, final: true, rows: true })
  const none = (await evidraft.texts(`+quote(lang)+`))['ui.notAnswered']
  return f.sections.filter((s) => !s.afterFinal).flatMap((s) => (s.rows || []).map((r) => ({ Key: r.label, Value: r.missing || !r.text ? none : r.text })))
})()`, &want)
			if len(want) < 5 {
				t.Fatalf("%s %s: the engine gives %d rows", kind, lang, len(want))
			}
			wordsOnPage(t, ctx, kind, lang)
			if len(page) != len(want) {
				t.Errorf("%s %s: check answers shows %d rows, the engine gives %d", kind, lang, len(page), len(want))
				continue
			}
			for i := range want {
				if page[i] != want[i] {
					t.Errorf("%s %s: row %d shows %q = %q, the engine says %q = %q", kind, lang, i+1, page[i].Key, page[i].Value, want[i].Key, want[i].Value)
				}
			}
		}
	}
}

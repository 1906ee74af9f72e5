package site

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPrintOnPhone: on a 390 px phone the printed request, in two
// languages, stacks into one column and nothing runs off the screen.
func TestPrintOnPhone(t *testing.T) {
	t.Parallel()
	ctx, url := onSite(t)
	id := savedExample(t, ctx, "preservation", "final")
	run(t, ctx, chromedp.EmulateViewport(390, 844), visit(url+"/#/draft/"+id+"/print?lang=en&second=fr"),
		chromedp.WaitVisible(`.evd-print__pair`, chromedp.ByQuery))
	var got struct {
		Scroll, Client int
		Columns        string
		Wide           []string
	}
	eval(t, ctx, `(() => {
  const w = document.documentElement.clientWidth
  const wide = Array.from(document.querySelectorAll('main *')).filter(($e) => $e.getBoundingClientRect().right > w + 1).slice(0, 5).map(($e) => $e.tagName + '.' + $e.className)
  return { Scroll: document.documentElement.scrollWidth, Client: w, Columns: getComputedStyle(document.querySelector('.evd-print__pair')).gridTemplateColumns, Wide: wide }
})()`, &got)
	if got.Scroll > got.Client || len(got.Wide) > 0 {
		t.Errorf("the print is %d px wide on a %d px screen; past the edge: %v", got.Scroll, got.Client, got.Wide)
	}
	if n := len(strings.Fields(got.Columns)); n != 1 {
		t.Errorf("the two languages are %d columns (%s) on a phone, want one", n, got.Columns)
	}
	if *screenshots {
		shot(t, ctx, "print-phone-en-fr")
	}
}

package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/evidraft/evidraft/site/chrometest"
)

// TestFileStorageChromium: Chromium keeps the drafts of every file opened
// from disk in one storage (the origin "file://"), so evidraft.html from
// file:// says that any other local HTML file can read them and links to
// the passphrase protection; with no drafts it offers Import right there.
// Headless Chromium has not agreed to keep the storage (persisted() is
// false, on disk and in an incognito context alike): the home page and
// the new-request page warn to export. axe finds nothing on the notices,
// in English and Arabic.
func TestFileStorageChromium(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	url := server(t)
	src := axeSource(t)
	single, err := os.ReadFile(filepath.Join(builtDir, "evidraft.html"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "media", "usb", "evidraft.html")
	os.MkdirAll(filepath.Dir(file), 0o755)
	if err := os.WriteFile(file, single, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := browser(t, exe)
	run(t, ctx, chromedp.Navigate("file://"+file), chromedp.WaitVisible(`[data-notice="where"]`, chromedp.ByQuery))
	var got struct {
		Origin, Storage, Where, Protect, Empty string
		Lasting                                bool
		Persisted                              bool
		Quota                                  float64
	}
	const read = `(async () => {
  const q = (s) => document.querySelector(s)
  const est = await navigator.storage.estimate()
  return { Origin: location.origin, Storage: q('[data-notice="where"]').dataset.storage, Where: q('[data-notice="where"]').textContent,
    Protect: (q('[data-notice="where"] a[href="#/protect"]') || {}).textContent || '',
    Empty: (q('[data-notice="file-empty"]') || {}).textContent || '', Lasting: !!q('[data-notice="lasting"]'),
    Persisted: await navigator.storage.persisted(), Quota: est.quota }
})()`
	eval(t, ctx, read, &got)
	t.Logf("Chromium from file://: origin %q, persisted %v, quota %.0f MB", got.Origin, got.Persisted, got.Quota/1e6)
	if got.Origin != "file://" || got.Storage != "shared" {
		t.Errorf("file:// in Chromium: origin %q, notice kind %q; want file://, shared", got.Origin, got.Storage)
	}
	if !strings.Contains(got.Where, "any other HTML file opened from this computer's disk in this browser can read these drafts") || got.Protect != "Protect the drafts with a passphrase" {
		t.Errorf("file:// notice %q, protection link %q", got.Where, got.Protect)
	}
	if !strings.Contains(got.Empty, "You have no drafts yet.") || !strings.Contains(got.Empty, "import their export file here") {
		t.Errorf("file:// empty home: %q, want no drafts and the Import offer", got.Empty)
	}
	if got.Lasting == got.Persisted {
		t.Errorf("persisted %v, lasting warning shown %v: want the warning exactly when not persisted", got.Persisted, got.Lasting)
	}
	axe(t, ctx, src, "file:// en home")
	if *screenshots {
		shot(t, ctx, "file-chromium-en")
	}
	// The protection link goes to the protection page.
	run(t, ctx, chromedp.Click(`[data-notice="where"] a[href="#/protect"]`, chromedp.ByQuery), chromedp.WaitVisible(`#protect-passphrase`, chromedp.ByQuery))

	// In Arabic, right to left.
	run(t, ctx, chromedp.Navigate("file://"+file), chromedp.WaitVisible(`[data-notice="where"]`, chromedp.ByQuery))
	eval(t, ctx, `localStorage.setItem('evidraft.lang', 'ar')`, nil)
	run(t, ctx, chromedp.Reload(), chromedp.WaitVisible(`[data-notice="where"]`, chromedp.ByQuery))
	eval(t, ctx, read, &got)
	var dir string
	eval(t, ctx, `document.documentElement.dir`, &dir)
	if dir != "rtl" || !strings.Contains(got.Where, "قرص هذا الحاسوب") {
		t.Errorf("Arabic file:// notice: dir %q, %q", dir, got.Where)
	}
	axe(t, ctx, src, "file:// ar home")
	if *screenshots {
		shot(t, ctx, "file-chromium-ar")
	}

	// An incognito context: what Chromium reports there.
	ictx, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	defer cancel()
	// Not persisted there: the home page warns to export.
	run(t, ictx, chrometest.Quiet, chromedp.Navigate(url+"/"), chromedp.WaitVisible(`h1`, chromedp.ByQuery), chromedp.WaitVisible(`[data-notice="lasting"]`, chromedp.ByQuery))
	var inc struct {
		Lasting, Persisted bool
		Quota              float64
		Where              bool
	}
	eval(t, ictx, `(async () => { await evidraft.ready; const est = await navigator.storage.estimate()
  return { Lasting: !!document.querySelector('[data-notice="lasting"]'), Where: !!document.querySelector('[data-notice="where"]'), Persisted: await navigator.storage.persisted(), Quota: est.quota } })()`, &inc)
	t.Logf("Chromium incognito, hosted: persisted %v, quota %.0f MB", inc.Persisted, inc.Quota/1e6)
	if inc.Persisted || !inc.Lasting || inc.Where {
		t.Errorf("incognito: persisted %v, lasting warning %v, file notice %v; want false, true, false", inc.Persisted, inc.Lasting, inc.Where)
	}
}

// Package chrometest starts headless Chromium for the browser tests of the
// site: found on PATH, skipped with a hint outside CI, fatal in CI (where
// .ci/run installs it). One browser serves a whole test binary; each test
// gets a fresh browser context of its own (its own cookies, storage,
// IndexedDB, service workers and cache), disposed when the test ends, so
// tests are independent and may run in parallel.
package chrometest

import (
	"context"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Exe returns Chromium's path, or skips the test.
func Exe(t testing.TB) string {
	t.Helper()
	return Find(t, "Chromium", "chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
}

// Find returns the first of names on PATH (a browser, what), skips the
// test in -short mode, and without one skips it, or fails it in CI,
// where .ci/run installs the Debian package pkg.
func Find(t testing.TB, what, pkg string, names ...string) string {
	t.Helper()
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			if testing.Short() {
				t.Skip("browser tests skipped in -short mode")
			}
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("no %s on PATH; .ci/run installs Debian's %s", what, pkg)
	}
	t.Skipf("no %s on PATH: install it (apt-get install %s) to run the browser tests", what, pkg)
	return ""
}

// Width and Height are every page's viewport, in CSS pixels.
const Width, Height = 1200, 900

var shared struct {
	sync.Mutex
	ctx     context.Context // the browser's first tab; its cancel closes the browser
	cancel  func()
	profile string
}

// New returns a new tab in a fresh browser context of the package's
// shared browser (started on first use), bounded by timeout. The tab and
// its context are closed when the test ends.
func New(t testing.TB, exe string, timeout time.Duration) context.Context {
	t.Helper()
	shared.Lock()
	if shared.ctx == nil {
		profile, err := os.MkdirTemp("", "evidraft-chromium-")
		if err != nil {
			shared.Unlock()
			t.Fatal(err)
		}
		ctx, cancel := start(exe, profile)
		// Start the browser now, outside any test's deadline.
		if err := chromedp.Run(ctx); err != nil {
			cancel()
			shared.Unlock()
			t.Fatalf("starting Chromium: %v", err)
		}
		shared.ctx, shared.cancel, shared.profile = ctx, cancel, profile
	}
	parent := shared.ctx
	shared.Unlock()
	ctx, cancel := chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancel2 := context.WithTimeout(ctx, timeout)
	t.Cleanup(cancel2)
	// Each tab behaves as the focused one, as when it had a browser of
	// its own: focus and blur events fire although tests run side by side.
	if err := chromedp.Run(ctx, Quiet, emulation.SetDeviceMetricsOverride(Width, Height, 1, false), emulation.SetFocusEmulationEnabled(true)); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return ctx
}

// Quiet turns off the DevTools domains chromedp enables on every tab and
// no test reads: Network (the inspector reports every request and keeps
// response bodies for Network.getResponseBody), CSS (it follows every
// style sheet and rule the page adds) and Log. What runs is then closer
// to what users run, and a page costs less: five browser tests run one
// at a time took 48.0 and 48.9 CPU-seconds with them, 43.2 to 45.6
// without (four runs). A test that listens to the network enables it
// again. Run it as the first action on a tab that New did not open.
var Quiet = chromedp.Tasks{network.Disable(), css.Disable(), cdplog.Disable()}

// Close stops the shared browser, if one was started, and removes its
// profile. TestMain calls it after the tests.
func Close() {
	shared.Lock()
	defer shared.Unlock()
	if shared.cancel == nil {
		return
	}
	shared.cancel()
	removeLater(shared.profile)
	shared.ctx, shared.cancel = nil, nil
}

// Profile makes an empty profile directory, removed when the test ends.
func Profile(t testing.TB) string {
	t.Helper()
	profile, err := os.MkdirTemp("", "evidraft-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { removeLater(profile) })
	return profile
}

// removeLater removes a profile directory. Not t.TempDir: Chromium's
// helper processes may still write to it for a moment after the browser
// is gone.
func removeLater(dir string) {
	for range 20 {
		if os.RemoveAll(dir) == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// WithProfile starts a browser of its own on the given profile directory,
// so that a test can start it again on what the last one left (crash
// recovery) or give it a small disk. It is closed when the test ends.
func WithProfile(t testing.TB, exe, profile string, timeout time.Duration) context.Context {
	t.Helper()
	ctx, cancel := start(exe, profile)
	t.Cleanup(cancel)
	ctx, cancel2 := context.WithTimeout(ctx, timeout)
	t.Cleanup(cancel2)
	if err := chromedp.Run(ctx, Quiet); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// JSFlags, when set before the first browser starts, are V8's flags for
// every browser this package starts.
var JSFlags string

func start(exe, profile string) (context.Context, func()) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(profile), chromedp.WindowSize(Width, Height),
		// The browser's own language, whatever the machine's locale: it
		// orders the parts of a date field (month/day/year), which tests
		// type into with the keyboard, and is the first of
		// navigator.languages.
		chromedp.Flag("lang", "en-US"),
		// chromedp's own list; the omnibox's WebUI popups, which
		// Chromium 156 preloads in a renderer of their own for every
		// browser context: a tenth of the suite's CPU, for nothing a
		// test looks at; and the spare renderer Chromium starts ahead
		// of the next navigation, which a new browser context cannot
		// use (another storage partition): with it, eight fresh pages
		// cost 0.97-1.11 CPU-seconds in processes started and ended
		// (the zygote's children), without it 0.56-0.82.
		chromedp.Flag("disable-features", "site-per-process,Translate,BlinkGenPropertyTrees,WebUIOmniboxPopup,WebUIOmniboxAimPopup,SpareRendererForSitePerProcess"))
	if JSFlags != "" {
		opts = append(opts, chromedp.Flag("js-flags", JSFlags))
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	// chromedp v0.10 logs every protocol event it does not know (Chromium
	// is newer): silence it.
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithErrorf(func(string, ...any) {}))
	return ctx, func() { cancel(); cancelAlloc() }
}

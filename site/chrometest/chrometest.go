// Package chrometest starts headless Chromium for the browser tests of the
// engine and the site: found on PATH, skipped with a hint outside CI,
// fatal in CI (where .ci/run installs it), with a fresh profile each time.
package chrometest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

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

// New starts headless Chromium with a fresh profile, closed and removed
// when the test ends, and returns its context, bounded by timeout.
func New(t testing.TB, exe string, timeout time.Duration) context.Context {
	t.Helper()
	return WithProfile(t, exe, Profile(t), timeout)
}

// Profile makes an empty profile directory, removed when the test ends.
func Profile(t testing.TB) string {
	t.Helper()
	// Not t.TempDir: Chromium's helper processes may still write to the
	// profile for a moment after the browser is gone.
	profile, err := os.MkdirTemp("", "evidraft-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for range 20 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	return profile
}

// WithProfile starts headless Chromium on the given profile directory, so
// that a test can start it again on what the last one left (crash
// recovery). It is closed when the test ends.
func WithProfile(t testing.TB, exe, profile string, timeout time.Duration) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(profile), chromedp.WindowSize(1200, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	// chromedp v0.10 logs every protocol event it does not know (Chromium
	// is newer): silence it.
	ctx, cancel2 := chromedp.NewContext(actx, chromedp.WithErrorf(func(string, ...any) {}))
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, timeout)
	t.Cleanup(cancel3)
	return ctx
}

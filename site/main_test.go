package site

import (
	"flag"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/evidraft/evidraft/site/chrometest"
)

// TestMain runs up to four parallel tests at once, unless -parallel says
// otherwise: a browser test spends much of its time waiting on the page,
// and with GOMAXPROCS tests (two here) the cores would often sit idle.
// Without the performance harness's flags it starts Chromium with wasm
// on its baseline compiler only. It closes the browser the tests share
// and removes the site they built, once every test is done.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		flag.Set("test.parallel", strconv.Itoa(max(4, runtime.GOMAXPROCS(0))))
	}
	if !*perf && *perfOnly == "" {
		// Without the harness's flags nothing judges speed: wasm runs on
		// V8's baseline compiler (Liftoff) only. Its optimizing tier
		// recompiles the engine's hot functions of the 11 MB module on
		// every page load in a fresh context, about 0.85 CPU-seconds of
		// a page's 2.5, and the suite is bound by CPU (measured with
		// /proc/stat over go test ./...: 521 busy CPU-seconds without the
		// flag, 430 with it, 23 and 35 idle). The harness (-perf,
		// -perf.only) measures the browser as users have it.
		chrometest.JSFlags = "--liftoff-only"
	}
	code := m.Run()
	chrometest.Close()
	if builtDir != "" {
		os.RemoveAll(builtDir)
	}
	os.Exit(code)
}

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
// and with GOMAXPROCS tests (two here) the cores would often sit idle. It
// closes the browser the tests share and removes the site they built,
// once every test is done.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		flag.Set("test.parallel", strconv.Itoa(max(4, runtime.GOMAXPROCS(0))))
	}
	code := m.Run()
	chrometest.Close()
	if builtDir != "" {
		os.RemoveAll(builtDir)
	}
	os.Exit(code)
}

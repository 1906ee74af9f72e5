package site

import (
	"os"
	"testing"

	"github.com/evidraft/evidraft/site/chrometest"
)

// TestMain closes the browser the tests share and removes the site they
// built, once every test is done.
func TestMain(m *testing.M) {
	code := m.Run()
	chrometest.Close()
	if builtDir != "" {
		os.RemoveAll(builtDir)
	}
	os.Exit(code)
}

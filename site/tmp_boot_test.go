package site

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/evidraft/evidraft/site/chrometest"
)

func TestTmpBoot(t *testing.T) {
	exe := chromium(t)
	outDir := "/tmp/plainsite"
	if err := Build(outDir, Options{Root: ".."}); err != nil {
		t.Fatal(err)
	}
	siteDir := filepath.Join(outDir, "site")
	wasmName, execName := firstMatch(t, siteDir, "app.*.wasm"), firstMatch(t, siteDir, "wasm_exec.*.js")
	page := strings.NewReplacer("WASM_EXEC", execName, "APP_WASM", wasmName).Replace(benchPage)
	mux := http.NewServeMux()
	mux.Handle("/", Handler(siteDir))
	mux.HandleFunc("/bench/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	for i := 0; i < 2; i++ {
		ctx := chrometest.New(t, exe, 3*time.Minute)
		run(t, ctx, chromedp.Navigate(srv.URL+"/bench/"))
		var out string
		eval(t, ctx, `(async () => { const i = await evidraft.ready; const r = []
		  const tm = async (n, f) => { const t0 = performance.now(); await f(); r.push(n + '=' + Math.round(performance.now() - t0)) }
		  await tm('languages', () => evidraft.languages())
		  await tm('countries', () => evidraft.countries())
		  await tm('timeZones', () => evidraft.timeZones())
		  await tm('setLanguage', () => evidraft.setLanguage('en'))
		  await tm('texts', () => evidraft.texts('en'))
		  await tm('kinds', () => evidraft.kinds('en'))
		  await tm('list', () => evidraft.listDrafts({}))
		  await tm('status', () => evidraft.storageStatus({}))
		  await tm('example', () => evidraft.example('mla'))
		  await tm('form', async () => evidraft.form(await evidraft.example('mla')))
		  await tm('form2', async () => evidraft.form(await evidraft.example('mla')))
		  await tm('texts-ar', () => evidraft.texts('ar'))
		  return r.join(' ') })()`, &out)
		t.Log(out)
	}
}

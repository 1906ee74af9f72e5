package site

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/evidraft/evidraft/site/chrometest"
)

// stateful are the functions that may change the store's protection:
// the hammer gives them no non-empty string (which could be a passphrase).
var stateful = []string{"protectDrafts", "unlockDrafts", "lockDrafts"}

// TestBarePage holds the engine to its contract in a page without the
// site's loader (wasm/testdata/bare.html: wasm_exec.js, app.wasm, no
// evidraft object made beforehand), as the README allows:
//   - evidraft.ready is a pending Promise the moment window.evidraft is
//     set, and resolves to the ready info with storage "indexeddb";
//   - store calls made then, before the store is open, wait for it: the
//     early saveDraft resolves with revision 1, listDrafts with a list;
//   - calls made in a loop while the store opens all settle (the engine
//     used to deadlock there: it waited on IndexedDB holding the lock
//     every call takes);
//   - every function of window.evidraft (enumerated in the page, so new
//     ones are covered), called with hostile arguments (wrong types,
//     undefined, null, numbers, strings over the 16 MB a draft may hold,
//     throwing getters, Proxies whose traps throw, toJSON that throws,
//     cyclic objects, Symbols, BigInt), returns a Promise that settles:
//     resolved, or rejected with an Error that has a string code, never
//     api.internal (each is the caller's fault);
//   - hostile messages on the engine's BroadcastChannel do not stop it;
//   - the Go program never exits, and a normal newDraft, saveDraft,
//     getDraft, listDrafts works afterwards.
func TestBarePage(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	dir := buildEngine(t)
	page, err := os.ReadFile(filepath.Join("..", "wasm", "testdata", "bare.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bare.html"), page, 0o644); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	ctx := chrometest.New(t, exe, 10*time.Minute)

	// The engine's console output (a Go panic or fatal error is printed
	// there before the program exits), shown when the test fails.
	var mu sync.Mutex
	var console []string
	chromedp.ListenTarget(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			var parts []string
			for _, a := range e.Args {
				s := string(a.Value)
				if s == "" {
					s = a.Description
				}
				parts = append(parts, s)
			}
			console = append(console, string(e.Type)+": "+strings.Join(parts, " "))
		case *runtime.EventExceptionThrown:
			console = append(console, "exception: "+e.ExceptionDetails.Error())
		}
	})
	defer func() {
		if t.Failed() {
			mu.Lock()
			defer mu.Unlock()
			// From the first Go panic or fatal error on, else the end.
			from := max(0, len(console)-40)
			for i, l := range console {
				if strings.Contains(l, "panic:") || strings.Contains(l, "fatal error:") {
					from = i
					break
				}
			}
			lines := console[from:min(len(console), from+60)]
			t.Logf("page console (from line %d of %d):\n%s", from+1, len(console), strings.Join(lines, "\n"))
		}
	}()

	db := fmt.Sprintf("evidraft-bare-%d", time.Now().UnixNano())
	run(t, ctx, runtime.Enable(), chromedp.Navigate(srv.URL+"/bare.html?db="+db))

	// What the page saw when window.evidraft was set, and its early calls.
	type early struct {
		Threw         string
		PendingAtCall bool
		Promise       bool
		Settled       bool
		Value         map[string]any
		Error         *struct {
			IsError       bool
			Code, Message string
		}
	}
	var state struct {
		AtStart *struct {
			ReadyIsPromise bool
			Functions      []string
		}
		HookError string
		Exit      *int
		Early     map[string]early
		Pings     struct {
			N     int
			Error string
			Done  bool
		}
	}
	var info map[string]any
	eval(t, ctx, `(async () => {
  for (let i = 0; i < 600 && !window.evidraft; i++) await new Promise((r) => setTimeout(r, 50))
  return Promise.race([window.evidraft.ready, new Promise((r) => setTimeout(() => r({ timedOut: true }), 30000))])
})()`, &info)
	if info["timedOut"] == true {
		t.Fatal("evidraft.ready did not settle in 30 s")
	}
	// Every early call settles soon after ready.
	eval(t, ctx, `(async () => {
  for (let i = 0; i < 100 && Object.values(bare.early).some((o) => o.promise && !o.settled); i++) await new Promise((r) => setTimeout(r, 50))
  const o = {}
  for (let i = 0; i < 100 && bare.pings && !bare.pings.done; i++) await new Promise((r) => setTimeout(r, 50))
  o.AtStart = bare.atStart; o.HookError = bare.hookError; o.Exit = bare.exit
  o.Pings = bare.pings ? { N: bare.pings.n, Error: bare.pings.error || '', Done: bare.pings.done } : {}
  o.Early = {}
  for (const [k, v] of Object.entries(bare.early)) o.Early[k] = { Threw: v.threw || '', PendingAtCall: !!v.pendingAtCall, Promise: !!v.promise, Settled: !!v.settled, Value: (v.value && typeof v.value === 'object' && !Array.isArray(v.value)) ? v.value : (Array.isArray(v.value) ? { list: v.value } : null), Error: v.error || null }
  return o
})()`, &state)
	if state.HookError != "" {
		t.Fatalf("the page's hook failed: %s", state.HookError)
	}
	if state.AtStart == nil || !state.AtStart.ReadyIsPromise {
		t.Errorf("when window.evidraft was set, evidraft.ready was not a Promise (%+v)", state.AtStart)
	}
	if state.AtStart != nil && !contains(state.AtStart.Functions, "saveDraft") {
		t.Errorf("when window.evidraft was set, it had only the functions %v", state.AtStart.Functions)
	}
	if info["storage"] != "indexeddb" || info["dbName"] != db || info["version"] == nil || info["lang"] == nil {
		t.Errorf("ready resolved to %v, want the info object with storage indexeddb", info)
	}
	t.Logf("%d calls in a loop while the store opened", state.Pings.N)
	if !state.Pings.Done || state.Pings.Error != "" || state.Pings.N == 0 {
		t.Errorf("calls in a loop while the store opened: %+v", state.Pings)
	}
	if state.Exit != nil {
		t.Fatalf("the Go program exited (code %d) while the store opened", *state.Exit)
	}
	for _, name := range []string{"saveDraft", "saveDraft2", "listDrafts", "getDraft", "protection", "storageStatus", "validate"} {
		e, ok := state.Early[name]
		switch {
		case !ok:
			t.Errorf("early %s: not called", name)
			continue
		case e.Threw != "":
			t.Errorf("early %s threw: %s", name, e.Threw)
			continue
		case !e.Promise || !e.Settled:
			t.Errorf("early %s: promise %v, settled %v", name, e.Promise, e.Settled)
			continue
		case !e.PendingAtCall && name != "saveDraft2":
			t.Errorf("early %s was called after ready settled: the test proves nothing", name)
		}
		switch name {
		case "getDraft":
			if e.Error == nil || e.Error.Code != "store.notFound" {
				t.Errorf("early getDraft of a missing draft = %+v %+v, want store.notFound", e.Value, e.Error)
			}
		case "validate":
			if e.Error != nil || e.Value["kind"] != "preservation" {
				t.Errorf("early validate = %+v %+v", e.Value, e.Error)
			}
		case "listDrafts":
			if _, ok := e.Value["list"].([]any); !ok || e.Error != nil {
				t.Errorf("early listDrafts = %+v %+v, want a list", e.Value, e.Error)
			}
		default:
			if e.Error != nil {
				t.Errorf("early %s rejected: %+v", name, *e.Error)
			}
		}
	}
	for _, name := range []string{"saveDraft", "saveDraft2"} {
		if v := state.Early[name].Value; v["revision"] != float64(1) || v["id"] == "" {
			t.Errorf("early %s resolved to %v, want the saved record, revision 1", name, v)
		}
	}
	if v := state.Early["protection"].Value; v["protected"] != false {
		t.Errorf("early protection() = %v", v)
	}

	// Every function, hostile arguments.
	var report struct {
		Functions []string
		Calls     int
		Failures  []string
		Codes     map[string]int
		Internal  []string
		Slow      [][2]any
	}
	start := time.Now()
	eval(t, ctx, `bare.hammer(`+mustJSON(stateful)+`)`, &report)
	t.Logf("%d calls to %d functions in %v; rejection codes %v", report.Calls, len(report.Functions), time.Since(start).Round(time.Millisecond), report.Codes)
	sort.Slice(report.Slow, func(i, j int) bool { return report.Slow[i][0].(float64) > report.Slow[j][0].(float64) })
	for i, c := range report.Slow {
		if i == 5 {
			break
		}
		t.Logf("slowest: %v ms %v", c[0], c[1])
	}
	if len(report.Functions) < 29 {
		t.Errorf("the hammer found only %v", report.Functions)
	}
	for i, f := range report.Failures {
		if i == 30 {
			t.Errorf("... and %d more", len(report.Failures)-i)
			break
		}
		t.Error(f)
	}
	// Every one of these arguments is the caller's fault: none may look
	// like a failure inside the engine.
	for i, f := range report.Internal {
		if i == 20 {
			t.Errorf("... and %d more api.internal", len(report.Internal)-i)
			break
		}
		t.Errorf("api.internal for a bad argument: %s", f)
	}
	for code := range report.Codes {
		if !strings.HasPrefix(code, "api.") && !strings.HasPrefix(code, "store.") && !strings.HasPrefix(code, "error.") && !strings.HasPrefix(code, "export.") {
			t.Errorf("rejection code %q is none of api.*, store.*, error.*, export.*", code)
		}
	}

	// Other tabs' messages the engine cannot read, then a normal session.
	var after struct {
		Exit   *int
		Saved  map[string]any
		Got    map[string]any
		List   []map[string]any
		Events []string
		Prot   map[string]any
	}
	eval(t, ctx, `(async () => {
  const events = []
  addEventListener('evidraft:change', (e) => events.push(e.detail.action + '/' + e.detail.origin))
  addEventListener('evidraft:change', () => { throw new Error('a listener that throws') })
  const other = new BroadcastChannel('evidraft:' + bare.db)
  for (const m of [10n, null, undefined, 1, 'saved', [], {}, { action: 10n }, { action: 'saved', id: 10n }, { action: 'remote-test' }]) other.postMessage(m)
  // The last message is a valid one: once it arrives, every one before it has.
  for (let i = 0; i < 200 && !events.includes('remote-test/remote'); i++) await new Promise((r) => setTimeout(r, 10))
  other.close()
  await evidraft.setLanguage('en')
  const r = await evidraft.newDraft('preservation', 'en')
  r.body.reference = 'NORMAL-1'
  const saved = await evidraft.saveDraft(r)
  const got = await evidraft.getDraft(saved.id)
  const list = await evidraft.listDrafts({})
  return { Exit: bare.exit, Saved: saved, Got: got, List: list, Events: events, Prot: await evidraft.protection() }
})()`, &after)
	if after.Exit != nil || state.Exit != nil {
		t.Fatalf("the Go program exited (code %v %v)", after.Exit, state.Exit)
	}
	if !contains(after.Events, "remote-test/remote") || !contains(after.Events, "saved/local") {
		t.Errorf("change events after hostile messages: %v", after.Events)
	}
	if after.Saved["revision"] != float64(1) || after.Saved["title"] != "NORMAL-1" {
		t.Errorf("saveDraft = %v", after.Saved)
	}
	body, _ := after.Got["body"].(map[string]any)
	if after.Got["id"] != after.Saved["id"] || after.Got["revision"] != float64(1) || body["reference"] != "NORMAL-1" {
		t.Errorf("getDraft = %v", after.Got)
	}
	var titles []string
	for _, d := range after.List {
		titles = append(titles, fmt.Sprint(d["title"]))
	}
	sort.Strings(titles)
	if strings.Join(titles, ",") != "EARLY-1,EARLY-2,NORMAL-1" {
		t.Errorf("listDrafts titles = %v, want the two early drafts and the normal one", titles)
	}
	if after.Prot["protected"] != false {
		t.Errorf("protection() after the hammer = %v: the hammer changed it", after.Prot)
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

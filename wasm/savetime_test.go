//go:build js && wasm

package main

import (
	"flag"
	"sort"
	"strings"
	"syscall/js"
	"testing"
	"time"
)

var saveTimes = flag.Bool("savetimes", false, "TestSaveTimes: time autosaves (not run by default)")

// TestSaveTimes times autosaves as the page makes them: the record with
// its body as an object and the whole record answered, against the body
// as JSON text and the metadata answered ({body: false}); on the mla
// example and with a 5 MB answer. Median of n, in one run:
//
//	PATH=/tmp/wbt:$PATH GOOS=js GOARCH=wasm go test ./wasm -run TestSaveTimes -savetimes -v
func TestSaveTimes(t *testing.T) {
	if !*saveTimes {
		t.Skip("-savetimes not set")
	}
	api := startTest(t, nil)
	jsJSON := js.Global().Get("JSON")
	for _, size := range []string{"example", "5MB"} {
		for _, lean := range []bool{false, true} {
			rec := call(t, api, "newDraft", "mla", "en")
			body := call(t, api, "example", "mla")
			if size == "5MB" {
				body.Set("facts", strings.Repeat("Lorem ipsum dolor sit amet, текст نص 文本. ", 5<<20/50))
			}
			n := 40
			if size == "5MB" {
				n = 8
			}
			var times []time.Duration
			for i := range n + 2 {
				body.Set("reference", "SAVE-"+string(rune('A'+i)))
				t0 := time.Now()
				var saved js.Value
				if lean {
					r := js.Global().Get("Object").Call("assign", js.Global().Get("Object").New(), rec)
					r.Set("body", jsJSON.Call("stringify", body))
					saved = call(t, api, "saveDraft", r, map[string]any{"body": false})
				} else {
					rec.Set("body", body)
					saved = call(t, api, "saveDraft", rec)
				}
				if i >= 2 { // two to warm up
					times = append(times, time.Since(t0))
				}
				rec.Set("revision", saved.Get("revision"))
			}
			sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
			t.Logf("saveDraft %s, lean %v: median %.2f ms, p95 %.2f ms (n=%d)", size, lean,
				float64(times[len(times)/2].Microseconds())/1000, float64(times[len(times)*95/100].Microseconds())/1000, n)
		}
	}
}

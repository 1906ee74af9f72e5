package site

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// twoEditorsPage is a portal page with two <evidraft-editor> elements,
// each starting a draft of its own in the same database.
const twoEditorsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Two editors</title>
<script defer src="evidraft/evidraft-editor.js"></script></head>
<body><main>
<evidraft-editor id="one" kind="preservation" lang="en" db-prefix="two-"></evidraft-editor>
<evidraft-editor id="two" kind="preservation" lang="en" db-prefix="two-"></evidraft-editor>
<script src="log.js"></script>
</main></body></html>`

// twoEditorsLog keeps the elements' events, as a portal would.
const twoEditorsLog = `window.__events = []
for (const type of ['evidraft-saved', 'evidraft-validity']) {
  document.addEventListener(type, (e) => window.__events.push({ type, editor: e.target.id, id: e.detail.id, title: e.detail.title || '' }))
}`

// TestTwoEditors: two <evidraft-editor> elements on one page each edit
// their own draft. A person opens a section in each, types into one,
// then the other, then the first again; each draft holds only what was
// typed in its editor, each editor still shows its own page and answer,
// and each element's events name its own draft.
func TestTwoEditors(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	server(t)
	mux := http.NewServeMux()
	mux.Handle("/evidraft/", http.StripPrefix("/evidraft", Handler(filepath.Join(builtDir, "site"))))
	mux.HandleFunc("/two.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, twoEditorsPage)
	})
	mux.HandleFunc("/log.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprint(w, twoEditorsLog)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	ctx := browser(t, exe)
	p := person{t, ctx}
	run(t, ctx, chromedp.Navigate(srv.URL+"/two.html"))
	// Both elements show their task list and name a draft of their own.
	var ids [2]string
	for i, el := range []string{"one", "two"} {
		var heading string
		run(t, ctx, chromedp.Poll(inEditor(el, "h1")+`?.textContent`, &heading))
		if heading != "Sections of the request" {
			t.Errorf("editor %s shows %q", el, heading)
		}
		run(t, ctx, chromedp.Poll(`document.getElementById(`+quote(el)+`).getAttribute('draft-id')`, &ids[i]))
	}
	if ids[0] == ids[1] {
		t.Fatalf("both editors opened draft %s", ids[0])
	}

	// Open the first section in each, by clicking its link.
	for _, el := range []string{"one", "two"} {
		clickIn(p, el, ".evd-task-list__link")
		run(t, ctx, chromedp.Poll(inEditor(el, "#f_2freference")+` !== null`, nil))
	}
	ref := "#f_2freference"
	clickIn(p, "one", ref)
	p.keys("ALPHA-1")
	clickIn(p, "two", ref)
	p.keys("BETA-2")
	// Back in the first: it still edits its own draft.
	clickIn(p, "one", ref)
	p.keys("-A")

	want := map[string]string{ids[0]: `"ALPHA-1-A"`, ids[1]: `"BETA-2"`}
	for id, v := range want {
		run(t, ctx, chromedp.Poll(`evidraft.getDraft(`+quote(id)+`).then((r) => JSON.stringify(r.body.reference) === `+quote(v)+`)`, nil, chromedp.WithPollingInterval(200*time.Millisecond)))
	}
	for id, v := range want {
		if got := p.saved(id, "/reference"); got != v {
			t.Errorf("draft %s: reference %s, want %s", id, got, v)
		}
	}
	// Each editor still shows its own section and what was typed in it.
	for el, v := range map[string]string{"one": "ALPHA-1-A", "two": "BETA-2"} {
		var got struct{ Value, Heading string }
		eval(t, ctx, `({ Value: `+inEditor(el, ref)+`.value, Heading: `+inEditor(el, "h1")+`.textContent })`, &got)
		if got.Value != v {
			t.Errorf("editor %s shows reference %q, want %q", el, got.Value, v)
		}
		if got.Heading == "Sections of the request" || got.Heading == "" {
			t.Errorf("editor %s left its section page: heading %q", el, got.Heading)
		}
	}
	// Each element's saved events are about its own draft only.
	var events []struct{ Type, Editor, ID, Title string }
	eval(t, ctx, `window.__events`, &events)
	saved := map[string]int{}
	for _, e := range events {
		if e.ID != ids[0] && e.ID != ids[1] {
			t.Errorf("event %s from editor %s names draft %q", e.Type, e.Editor, e.ID)
			continue
		}
		if own := map[string]string{"one": ids[0], "two": ids[1]}[e.Editor]; e.ID != own {
			t.Errorf("editor %s told of draft %s (its own is %s)", e.Editor, e.ID, own)
		}
		if e.Type == "evidraft-saved" {
			saved[e.Editor]++
		}
	}
	if saved["one"] == 0 || saved["two"] == 0 {
		t.Errorf("saved events per editor %v, want some from each", saved)
	}
}

// inEditor is a script expression for the element sel inside the shadow
// root of the <evidraft-editor> with that id (null when absent).
func inEditor(id, sel string) string {
	return `document.getElementById(` + quote(id) + `).shadowRoot?.querySelector(` + quote(sel) + `)`
}

// clickIn clicks, as a person does, in the middle of the element sel
// inside the shadow root of the <evidraft-editor> with that id.
func clickIn(p person, id, sel string) {
	p.t.Helper()
	var b box
	eval(p.t, p.ctx, `(() => {
  const $e = `+inEditor(id, sel)+`
  if (!$e) return null
  $e.scrollIntoView({ block: 'center' })
  const r = $e.getBoundingClientRect()
  return { X: r.left, Y: r.top, W: r.width, H: r.height }
})()`, &b)
	if b.W == 0 {
		p.t.Fatalf("no element %s in editor %s", sel, id)
	}
	run(p.t, p.ctx, chromedp.MouseClickXY(b.X+b.W/2, b.Y+b.H/2))
}

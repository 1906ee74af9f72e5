package site

import (
	"context"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/evidraft/evidraft/site/chrometest"
)

// newDraftAt stores the example of kind, changed by edit, and returns its
// id and the id of the section that holds pointer.
func newDraftAt(t *testing.T, ctx context.Context, kind, pointer string, edit func(map[string]any)) (id, section string) {
	t.Helper()
	draft := example(t, kind)
	if edit != nil {
		edit(draft)
	}
	b, _ := json.Marshal(draft)
	eval(t, ctx, `(async () => {
  const r = await evidraft.newDraft(`+quote(kind)+`, 'en'); r.body = `+string(b)+`
  return (await evidraft.saveDraft(r)).id
})()`, &id)
	return id, sectionOf(t, ctx, id, pointer)
}

// sectionOf returns the id of the section of stored draft id that holds
// pointer.
func sectionOf(t *testing.T, ctx context.Context, id, pointer string) string {
	t.Helper()
	var section string
	eval(t, ctx, `(async () => {
  const form = await evidraft.form((await evidraft.getDraft(`+quote(id)+`)).body)
  const s = form.sections.find((s) => s.fields.some((f) => `+quote(pointer)+` === f.pointer || `+quote(pointer)+`.startsWith(f.pointer + '/')))
  return s.id
})()`, &section)
	return section
}

// TestCrashRecovery: Chromium is killed (SIGKILL) while the user types,
// with the autosave's debounce running. Started again on the same
// profile, the draft is there, missing at most the last second of typing.
// Not parallel: the page saves at least every 800 ms while typing, and
// beside three other tests on two cores a save once took longer than the
// 200 ms left of that second.
func TestCrashRecovery(t *testing.T) {
	exe := chromium(t)
	url := server(t)
	profile := chrometest.Profile(t)
	ctx := chrometest.WithProfile(t, exe, profile, 2*time.Minute)
	openHome(t, ctx, url)
	id, section := newDraftAt(t, ctx, "mla", "/facts", func(d map[string]any) { d["facts"] = "" })
	run(t, ctx, visit(url+"/#/draft/"+id+"/"+section), chromedp.WaitVisible(`textarea[data-pointer="/facts"]`, chromedp.ByQuery))
	// Type a letter every 40 ms, as input events, like a fast typist.
	eval(t, ctx, `(() => {
  const $ta = document.querySelector('textarea[data-pointer="/facts"]')
  window.__log = []
  let i = 0
  setInterval(() => {
    $ta.value += String.fromCharCode(97 + (i++ % 26))
    $ta.dispatchEvent(new Event('input', { bubbles: true }))
    window.__log.push([performance.now(), $ta.value.length])
  }, 40)
  return true
})()`, nil)
	// About three seconds of typing, counted by the page's own log.
	run(t, ctx, chromedp.Poll(`window.__log.length >= 75`, nil, chromedp.WithPollingInterval(20*time.Millisecond)))
	var state struct {
		Now float64
		Log [][2]float64
	}
	eval(t, ctx, `({Now: performance.now(), Log: window.__log})`, &state)
	proc := chromedp.FromContext(ctx).Browser.Process()
	if err := proc.Kill(); err != nil {
		t.Fatal(err)
	}
	proc.Wait()
	typed := int(state.Log[len(state.Log)-1][1])
	// What had been typed one second before the kill must have survived.
	floor := 0
	for _, e := range state.Log {
		if e[0] <= state.Now-1000 {
			floor = int(e[1])
		}
	}
	if typed < 50 || floor < 20 {
		t.Fatalf("typing did not run: %d letters, %d a second before the kill", typed, floor)
	}

	ctx2 := chrometest.WithProfile(t, exe, profile, 2*time.Minute)
	openHome(t, ctx2, url)
	var facts string
	eval(t, ctx2, `evidraft.getDraft(`+quote(id)+`).then((r) => r.body.facts || '')`, &facts)
	want := strings.Builder{}
	for i := range typed {
		want.WriteByte(byte('a' + i%26))
	}
	if !strings.HasPrefix(want.String(), facts) || len(facts) < floor {
		t.Errorf("after the crash the draft has %d letters (prefix of what was typed: %v); %d were typed, %d of them a second before the kill",
			len(facts), strings.HasPrefix(want.String(), facts), typed, floor)
	}
	t.Logf("typed %d letters, %d a second before the kill; %d survived", typed, floor, len(facts))
}

// smallProfile returns a Chromium profile on a 64 MB tmpfs, so that the
// browser's real quota (a share of the disk) is soon reached: a true
// QuotaExceededError from IndexedDB. Chromium 156 ignores DevTools'
// Storage.overrideQuotaForOrigin. Without the right to mount (not root),
// it returns "" and the test falls back to a put that throws, as a full
// disk makes it.
func smallProfile(t *testing.T) string {
	t.Helper()
	dir := chrometest.Profile(t)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Logf("cannot mount a small file system (%v: %s): the full disk is simulated", err, strings.TrimSpace(string(out)))
		return ""
	}
	t.Cleanup(func() {
		for range 50 {
			if exec.Command("umount", dir).Run() == nil {
				return
			}
			time.Sleep(200 * time.Millisecond)
		}
		t.Errorf("cannot unmount %s", dir)
	})
	return dir
}

// TestQuotaFull: the browser's storage is filled until IndexedDB refuses
// a write; then a paste in the editor cannot be saved. The page says so in
// the user's language (Russian here), and the draft and its earlier
// revisions are intact.
func TestQuotaFull(t *testing.T) {
	t.Parallel()
	exe := chromium(t)
	url := server(t)
	profile := smallProfile(t)
	var ctx context.Context
	if profile != "" {
		ctx = chrometest.WithProfile(t, exe, profile, 4*time.Minute)
	} else {
		ctx = browser(t, exe)
	}
	start := time.Now()
	openHome(t, ctx, url)
	id, section := newDraftAt(t, ctx, "mla", "/facts", nil)
	eval(t, ctx, `(async () => { let r = await evidraft.getDraft(`+quote(id)+`); r.body.facts = 'second version'; await evidraft.saveDraft(r); return true })()`, nil)
	var before struct {
		Facts string
		Revs  int
	}
	eval(t, ctx, `(async () => ({Facts: (await evidraft.getDraft(`+quote(id)+`)).body.facts, Revs: (await evidraft.revisions(`+quote(id)+`)).length}))()`, &before)
	if profile != "" {
		// Fill the disk with random bytes, into a database of the same
		// origin beside the drafts, until IndexedDB refuses a write: 2 MB at
		// a time, then 128 KB, so that what is left is under 128 KB.
		var filled struct {
			N    int
			Code string
		}
		eval(t, ctx, `(async () => {
  const junk = (size) => { const b = new Uint8Array(size); for (let i = 0; i < size; i += 65536) crypto.getRandomValues(b.subarray(i, i + 65536)); return b.buffer }
  const db = await new Promise((resolve, reject) => {
    const r = indexedDB.open('filler', 1)
    r.onupgradeneeded = () => r.result.createObjectStore('junk')
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error)
  })
  const put = (n, size) => new Promise((resolve) => {
    const tx = db.transaction('junk', 'readwrite')
    try { tx.objectStore('junk').put(junk(size), n) } catch (e) { resolve(e) }
    tx.oncomplete = () => resolve(null)
    tx.onabort = () => resolve(tx.error)
  })
  let n = 0, err = null
  for (const size of [2 << 20, 128 << 10]) {
    for (let i = 0; i < 400; i++, n++) if ((err = await put(n, size))) break
    if (!err) return { N: n, Code: 'never full' }
  }
  return { N: n, Code: err.name }
})()`, &filled)
		if filled.Code != "QuotaExceededError" {
			t.Fatalf("filling the disk: after %d writes, %s; want QuotaExceededError", filled.N, filled.Code)
		}
		t.Logf("the disk was full after %d writes (%v)", filled.N, time.Since(start).Round(time.Millisecond))
	} else {
		eval(t, ctx, `(() => {
  const put = IDBObjectStore.prototype.put
  IDBObjectStore.prototype.put = function (v, ...rest) {
    if (v && typeof v.json === 'string' && v.json.length > 4e5) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    return put.call(this, v, ...rest)
  }
  return true
})()`, nil)
	}
	eval(t, ctx, `localStorage.setItem('evidraft.lang', 'ru')`, nil)
	if profile != "" {
		run(t, ctx, visit(url+"/#/draft/"+id+"/"+section), chromedp.Reload(), chromedp.WaitVisible(`textarea[data-pointer="/facts"]`, chromedp.ByQuery))
	} else {
		// No reload: it would undo the simulated full disk.
		eval(t, ctx, `evidraft.setLanguage('ru')`, nil)
		run(t, ctx, visit(url+"/#/draft/"+id+"/"+section), chromedp.WaitVisible(`textarea[data-pointer="/facts"]`, chromedp.ByQuery))
	}
	eval(t, ctx, `(() => {
  const $ta = document.querySelector('textarea[data-pointer="/facts"]')
  // 600 KB: the draft and its revision need twice that, more than is left.
  $ta.value = Array.from({ length: 75 << 10 }, () => Math.random().toString(36).slice(2, 10)).join('')
  $ta.dispatchEvent(new Event('input', { bubbles: true }))
  return true
})()`, nil)
	run(t, ctx, chromedp.WaitVisible(`.evd-saved--error`, chromedp.ByQuery))
	t.Logf("the paste was refused (%v)", time.Since(start).Round(time.Millisecond))
	var msg string
	run(t, ctx, chromedp.Text(`.evd-saved--error`, &msg, chromedp.ByQuery))
	if !strings.Contains(msg, "Не сохранено") || !strings.Contains(msg, "мест") {
		t.Errorf("full disk message %q, want the Russian store.quota message", msg)
	}
	var after struct {
		Facts string
		Revs  int
	}
	eval(t, ctx, `(async () => ({Facts: (await evidraft.getDraft(`+quote(id)+`)).body.facts, Revs: (await evidraft.revisions(`+quote(id)+`)).length}))()`, &after)
	if after.Facts != before.Facts || after.Revs != before.Revs {
		t.Errorf("after the full disk: facts %.40q with %d revisions; want %q with %d", after.Facts, after.Revs, before.Facts, before.Revs)
	}
}

// hostile is text that must stay text: markup, script, an event handler,
// bidi overrides and zero-width characters.

package site

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"
)

// busyOver watches the page for d and returns how long, in ms, it ran
// tasks and scripts meanwhile (Chromium's own counters, CDP
// Performance.getMetrics): an idle page runs none.
func busyOver(t *testing.T, ctx context.Context, d time.Duration) (tasks, scripts float64) {
	t.Helper()
	read := func() (float64, float64) {
		var ms []*performance.Metric
		run(t, ctx, chromedp.ActionFunc(func(c context.Context) error {
			var err error
			ms, err = performance.GetMetrics().Do(c)
			return err
		}))
		var task, script float64
		for _, m := range ms {
			switch m.Name {
			case "TaskDuration":
				task = m.Value
			case "ScriptDuration":
				script = m.Value
			}
		}
		return task, script
	}
	run(t, ctx, performance.Enable())
	t0, s0 := read()
	// The window being measured, not a wait for something to happen.
	time.Sleep(d)
	t1, s1 := read()
	return (t1 - t0) * 1000, (s1 - s0) * 1000
}

// TestIdlePage: once a person has typed into a section and stopped, and
// on the home page, the page runs no script for five seconds: no redraw
// loop, no polling timer.
func TestIdlePage(t *testing.T) {
	t.Parallel()
	ctx, url := onSite(t)
	p := person{t, ctx}
	id, section := newDraftAt(t, ctx, "mla", "/facts", func(d map[string]any) { d["facts"] = "Facts." })
	openPage(t, ctx, url, id, section, sel("/facts"))
	p.appendTo(sel("/facts"), " Typed, then nothing.")
	p.settle()
	if tasks, scripts := busyOver(t, ctx, 5*time.Second); scripts > 0 {
		t.Errorf("section page after typing: %.1f ms of script and %.1f ms of tasks in 5 s of idling, want no script", scripts, tasks)
	} else {
		t.Logf("section page idle for 5 s: %.1f ms of tasks, no script", tasks)
	}
	run(t, ctx, visit(url+"/#/"), chromedp.WaitVisible(`h1`, chromedp.ByQuery))
	p.settle()
	if tasks, scripts := busyOver(t, ctx, 5*time.Second); scripts > 0 {
		t.Errorf("home page: %.1f ms of script and %.1f ms of tasks in 5 s of idling, want no script", scripts, tasks)
	} else {
		t.Logf("home page idle for 5 s: %.1f ms of tasks, no script", tasks)
	}
}

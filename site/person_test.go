package site

import (
	"context"
	"fmt"
	"testing"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/input"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// person drives a page the way a person does: real mouse events at an
// element's coordinates and real key events (CDP Input.*), never values
// set from a script. What it reads back is what a person sees: the value,
// the caret, the selection, what has focus.
type person struct {
	t   *testing.T
	ctx context.Context
}

// onSite starts Chromium with a fresh profile on the built site's home
// page and returns it with the site's address.
func onSite(t *testing.T) (context.Context, string) {
	t.Helper()
	exe := chromium(t)
	url := server(t)
	ctx := browser(t, exe)
	openHome(t, ctx, url)
	return ctx, url
}

// openPage goes to a page of a draft ("details", "history", a section
// id) and waits until the element wait is visible.
func openPage(t *testing.T, ctx context.Context, url, id, page, wait string) {
	t.Helper()
	run(t, ctx, visit(url+"/#/draft/"+id+"/"+page), chromedp.WaitVisible(wait, chromedp.ByQuery))
}

// emptyDraft stores a new draft of kind, as "Start a new request" does,
// and returns its id.
func emptyDraft(t *testing.T, ctx context.Context, kind string) string {
	t.Helper()
	var id string
	eval(t, ctx, `evidraft.newDraft(`+quote(kind)+`, 'en').then((r) => evidraft.saveDraft(r)).then((r) => r.id)`, &id)
	return id
}

type box struct{ X, Y, W, H, PadStart float64 }

// box scrolls the element into view and returns where it is.
func (p person) box(sel string) box {
	p.t.Helper()
	var b box
	eval(p.t, p.ctx, `(() => {
  const $e = document.querySelector(`+quote(sel)+`)
  if (!$e) return null
  $e.scrollIntoView({ block: 'center' })
  const r = $e.getBoundingClientRect(), cs = getComputedStyle($e)
  return { X: r.left, Y: r.top, W: r.width, H: r.height, PadStart: parseFloat(cs.paddingLeft) + parseFloat(cs.borderLeftWidth) }
})()`, &b)
	if b.W == 0 {
		p.t.Fatalf("no element %s on the page", sel)
	}
	return b
}

// click presses and releases the left button in the middle of the element.
func (p person) click(sel string) {
	p.t.Helper()
	b := p.box(sel)
	run(p.t, p.ctx, chromedp.MouseClickXY(b.X+b.W/2, b.Y+b.H/2))
}

// clickAfter clicks inside a left-to-right text input just after the
// text prefix, where a person aims to put the caret.
func (p person) clickAfter(sel, prefix string) {
	p.t.Helper()
	b := p.box(sel)
	var w float64
	eval(p.t, p.ctx, `(() => {
  const $e = document.querySelector(`+quote(sel)+`), cs = getComputedStyle($e)
  const c = document.createElement('canvas').getContext('2d')
  c.font = cs.font
  return c.measureText(`+quote(prefix)+`).width
})()`, &w)
	run(p.t, p.ctx, chromedp.MouseClickXY(b.X+b.PadStart+w+0.5, b.Y+b.H/2))
}

// appendTo clicks into a text field and types text at its end.
func (p person) appendTo(sel, text string) {
	p.t.Helper()
	p.click(sel)
	p.ctrl(kb.End)
	p.keys(text)
}

// keys types text as key events.
func (p person) keys(s string) {
	p.t.Helper()
	run(p.t, p.ctx, chromedp.KeyEvent(s))
}

// ctrl presses a key with Control held.
func (p person) ctrl(key string) {
	p.t.Helper()
	run(p.t, p.ctx, chromedp.KeyEvent(key, chromedp.KeyModifiers(input.ModifierCtrl)))
}

// paste puts text (a JavaScript expression, evaluated on the page) on
// the clipboard and pastes it into the focused control with Control+V:
// the page gets the browser's own paste, not an event made by a script.
func (p person) paste(textJS string) {
	p.t.Helper()
	run(p.t, p.ctx, chromedp.ActionFunc(func(c context.Context) error {
		return cdpbrowser.GrantPermissions([]cdpbrowser.PermissionType{cdpbrowser.PermissionTypeClipboardReadWrite, cdpbrowser.PermissionTypeClipboardSanitizedWrite}).
			WithBrowserContextID(chromedp.FromContext(c).BrowserContextID).Do(c)
	}))
	eval(p.t, p.ctx, `navigator.clipboard.writeText(`+textJS+`).then(() => true)`, nil)
	v := func(t input.KeyType) *input.DispatchKeyEventParams {
		return input.DispatchKeyEvent(t).WithKey("v").WithCode("KeyV").WithWindowsVirtualKeyCode(86).WithModifiers(input.ModifierCtrl)
	}
	run(p.t, p.ctx, v(input.KeyRawDown).WithCommands([]string{"paste"}), v(input.KeyUp))
}

func (p person) tab()       { p.t.Helper(); p.keys(kb.Tab) }
func (p person) backspace() { p.t.Helper(); p.keys(kb.Backspace) }

// front brings the person's tab in front of the browser's others, as a
// click on its tab does: a tab behind another draws no frames and its
// timers wake once a second.
func (p person) front() {
	p.t.Helper()
	run(p.t, p.ctx, cdppage.BringToFront())
}

// settle waits until the page has done what the last input started
// (autosave, the form model, redraws), by the page's own signal.
func (p person) settle() {
	p.t.Helper()
	if err := settle(p.ctx); err != nil {
		p.t.Fatal(err)
	}
}

// focused describes the focused element: its pointer, value and selection.
type focused struct {
	Pointer, ID, Tag, Value string
	Start, End              int
}

func (p person) focused() focused {
	p.t.Helper()
	var f focused
	eval(p.t, p.ctx, `(() => {
  const $e = document.activeElement
  const sel = (x) => { try { return typeof x === 'number' ? x : -1 } catch (e) { return -1 } }
  return { Pointer: $e.getAttribute('data-pointer') || '', ID: $e.id, Tag: $e.tagName, Value: 'value' in $e ? String($e.value) : '',
    Start: sel($e.selectionStart), End: sel($e.selectionEnd) }
})()`, &f)
	return f
}

// value reads a field's value on screen.
func (p person) value(sel string) string {
	p.t.Helper()
	var v string
	eval(p.t, p.ctx, `document.querySelector(`+quote(sel)+`).value`, &v)
	return v
}

// saved reads the stored draft's answer at pointer (JSON), after the
// page's autosave.
func (p person) saved(id, pointer string) string {
	p.t.Helper()
	var v string
	eval(p.t, p.ctx, `evidraft.getDraft(`+quote(id)+`).then((r) => JSON.stringify(`+quote(pointer)+`.split('/').slice(1).reduce((v, s) => v == null ? v : v[s], r.body)) || '')`, &v)
	return v
}

// watchMutations starts counting DOM mutations under main.
func (p person) watchMutations() {
	p.t.Helper()
	eval(p.t, p.ctx, `(() => {
  window.__mutations = []
  window.__observer && window.__observer.disconnect()
  window.__observer = new MutationObserver((list) => { for (const m of list) window.__mutations.push(m.type + ' ' + (m.target.id || m.target.nodeName) + (m.attributeName ? ' @' + m.attributeName : '')) })
  window.__observer.observe(document.querySelector('main'), { subtree: true, childList: true, attributes: true, characterData: true })
  return true
})()`, nil)
}

// mutations returns what changed since watchMutations.
func (p person) mutations() []string {
	p.t.Helper()
	var m []string
	eval(p.t, p.ctx, `window.__mutations`, &m)
	return m
}

func sel(pointer string) string {
	return fmt.Sprintf(`[data-pointer=%q]:is(input, select, textarea)`, pointer)
}

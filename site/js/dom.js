// Small DOM helpers. Text is only ever set through textContent or text
// nodes: nothing the user typed is parsed as HTML.

/**
 * Creates an element.
 * @param {string} tag
 * @param {Object<string, any>} [attrs] attributes; `text` sets textContent,
 *   `on` adds listeners, `value`/`checked` set properties
 * @param {...(Node|string|null|false|Array)} children
 * @returns {HTMLElement}
 */
export function h (tag, attrs = {}, ...children) {
  const $el = document.createElement(tag)
  const part = partOf(attrs && attrs.class)
  if (part && !(attrs && attrs.part)) $el.setAttribute('part', part)
  for (const [key, val] of Object.entries(attrs || {})) {
    if ((key === 'value' && control(tag)) || key === 'checked') continue
    if (val === undefined || val === null || val === false) continue
    if (key === 'text') $el.textContent = val
    else if (key === 'on') for (const [type, fn] of Object.entries(val)) $el.addEventListener(type, fn)
    else $el.setAttribute(key, val === true ? '' : String(val))
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue
    $el.append(typeof child === 'string' ? document.createTextNode(child) : child)
  }
  // After the children, so that a select's options exist. What was drawn
  // is kept beside the live value: morph tells the user's typing (live
  // value changed) from a new answer in the model (drawn value changed).
  if (attrs && 'value' in attrs && control(tag)) {
    $el.evdValue = attrs.value === undefined || attrs.value === null ? '' : String(attrs.value)
    if ($el.evdValue !== '' || tag === 'select') setValue($el, $el.evdValue)
  }
  if (attrs && 'checked' in attrs) $el.checked = $el.evdChecked = !!attrs.checked
  return $el
}

const control = (tag) => tag === 'input' || tag === 'textarea' || tag === 'select'

/**
 * Sets a control's value with its dir attribute off meanwhile: Chromium
 * resolves dir=auto of a textarea line by line as its value is set, which
 * took 24 s for 1 MB on a new textarea and 8.5 s for 500 KB on one on the
 * page (0.1 s and 1.7 s with dir off).
 * @param {HTMLInputElement|HTMLTextAreaElement|HTMLSelectElement} $el
 * @param {string} value
 */
function setValue ($el, value) {
  const dir = $el.getAttribute('dir')
  if (dir !== null) $el.removeAttribute('dir')
  $el.value = value
  if (dir !== null) $el.setAttribute('dir', dir)
}

/**
 * The element that takes focus for $el: itself when it is a control, else
 * the first input, select or textarea inside it, else itself.
 * @param {Element} $el
 * @returns {HTMLElement}
 */
export function controlIn ($el) {
  return $el.matches('input, select, textarea, button') ? $el : ($el.querySelector('input, select, textarea') || $el)
}

/**
 * Sets an element's text only when it differs: setting the same text
 * still replaces its text node, which screen readers and observers see.
 * @param {Element} $el
 * @param {string} text
 */
export function setText ($el, text) {
  if ($el.textContent !== text) $el.textContent = text
}

/**
 * Makes $old look like $new (drawn by h from the same form model) while
 * changing only what differs: the element the user is in is never
 * replaced, moved or given a value, and an idle page is left alone.
 * Children are matched by id or data-pointer, else by position and tag.
 * Values: an input takes the model's value only when the model changed
 * since it was drawn (a restored version, another tab), never because the
 * user is typing something the model does not hold yet (half a date).
 * @param {Node} $old
 * @param {Node} $new
 * @param {Element|null} $active the focused element
 */
export function morph ($old, $new, $active) {
  if ($old.nodeType !== Node.ELEMENT_NODE) {
    if ($old.nodeValue !== $new.nodeValue) $old.nodeValue = $new.nodeValue
    return
  }
  for (const { name, value } of Array.from($new.attributes)) {
    if ($old.getAttribute(name) !== value) $old.setAttribute(name, value)
  }
  for (const { name } of Array.from($old.attributes)) {
    if (!$new.hasAttribute(name)) $old.removeAttribute(name)
  }
  const focused = $old === $active
  if (!(focused && $old.tagName === 'SELECT')) morphChildren($old, $new, $active)
  if (focused) {
    // Never written to; but once the model holds what it shows, that is
    // what was drawn, so that a later change of the model (Undo) is seen.
    if ('evdValue' in $new && $old.value === $new.evdValue) $old.evdValue = $new.evdValue
    if ('evdChecked' in $new && $old.checked === $new.evdChecked) $old.evdChecked = $new.evdChecked
    return
  }
  if ('evdValue' in $new && $old.evdValue !== $new.evdValue) {
    if ($old.value !== $new.evdValue) setValue($old, $new.evdValue)
    $old.evdValue = $new.evdValue
  }
  if ('evdChecked' in $new && $old.evdChecked !== $new.evdChecked) {
    $old.checked = $old.evdChecked = $new.evdChecked
  }
}

/**
 * Gives the controls drawn with a lazy value (see lazyValue) the value
 * they show, once they are on the page.
 * @param {Node} $n
 */
function fillLazy ($n) {
  if ($n.nodeType !== Node.ELEMENT_NODE) return
  for (const $c of [$n, ...$n.querySelectorAll('textarea')]) {
    if ($c.evdLazy) { setValue($c, $c.evdValue); delete $c.evdLazy }
  }
}

/**
 * Marks a control drawn by h without its value as holding value: morph
 * compares it with the live control as usual, and sets it only when the
 * control is new on the page. For a long answer, redrawn at every
 * keystroke: a textarea that is never shown costs nothing to draw.
 * @param {HTMLElement} $el
 * @param {string} value
 */
export function lazyValue ($el, value) {
  $el.evdValue = value
  $el.evdLazy = true
  return $el
}

const keyOf = ($n) => ($n.nodeType === Node.ELEMENT_NODE && ($n.id || $n.getAttribute('data-pointer'))) || ''
const sameKind = ($a, $b) => $a.nodeName === $b.nodeName && ($a.nodeName !== 'INPUT' || $a.type === $b.type)

function morphChildren ($old, $new, $active) {
  const olds = Array.from($old.childNodes)
  const byKey = new Map()
  for (const $o of olds) { const k = keyOf($o); if (k) byKey.set(k, $o) }
  const used = new Set()
  const pairs = []
  let cursor = 0
  for (const $n of Array.from($new.childNodes)) {
    const k = keyOf($n)
    let $m = null
    if (k) {
      const $o = byKey.get(k)
      if ($o && !used.has($o) && sameKind($o, $n)) $m = $o
    } else {
      for (let i = cursor; i < olds.length; i++) {
        const $o = olds[i]
        if (used.has($o) || keyOf($o)) continue
        if (sameKind($o, $n)) { $m = $o; cursor = i + 1 }
        break
      }
    }
    if ($m) used.add($m)
    pairs.push([$n, $m])
  }
  for (const $o of olds) if (!used.has($o)) $o.remove()
  let $ref = $old.firstChild
  for (const [$n, $m] of pairs) {
    if (!$m) { $old.insertBefore($n, $ref); fillLazy($n); continue }
    morph($m, $n, $active)
    if ($m === $ref) $ref = $ref.nextSibling
    else $old.insertBefore($m, $ref)
  }
}

/**
 * A formatter of ISO dates as medium date and short time in lang.
 * @param {string} lang
 * @param {string} [timeStyle] 'medium' shows the seconds
 * @returns {(iso:string) => string}
 */
export function dateFormat (lang, timeStyle = 'short') {
  let f = null
  try { f = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle }) } catch (e) { /* old browser */ }
  return (iso) => { const d = new Date(iso); return f && !isNaN(d) ? f.format(d) : String(iso || '') }
}

/**
 * Fills {Name} placeholders of a translated string.
 * @param {string} template
 * @param {Object<string, any>} params
 */
export function fill (template, params = {}) {
  // A parameter (a draft's title) cannot reorder the sentence around it.
  return String(template).replace(/\{(\w+)\}/g, (m, k) => (k in params ? shown(params[k]) : m))
}

/**
 * A user's text as the page shows it in its own lines (a draft's title,
 * the start of a long answer): each bidi embedding or override
 * (U+202A–U+202E), which would reorder or reverse the text after it, is
 * written as its code point, ⟨U+202E⟩, so that "REF-\u202e2024" does not
 * read "REF-4202". The engine's rule for free text (locales.Reveal), which
 * the check-answers page and the printed request follow; fill applies it
 * to every parameter of a message.
 * @param {string} s
 */
export function shown (s) {
  return String(s).replace(/[\u202a-\u202e]/g, (c) => '⟨U+' + c.charCodeAt(0).toString(16).toUpperCase() + '⟩')
}

/**
 * A stable element id for a JSON Pointer.
 * @param {string} pointer
 */
export function idFor (pointer) {
  return 'f' + pointer.replace(/[^A-Za-z0-9]/g, (c) => '_' + c.charCodeAt(0).toString(16))
}

/**
 * Parses an HTML document produced by the engine's renderer (schemas/render)
 * (every answer escaped there) and returns its body's nodes.
 * @param {string} html
 * @returns {Node[]}
 */
export function engineHTML (html) {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  return Array.from(doc.body.childNodes, (n) => document.importNode(n, true))
}

// Elements a portal may style through ::part when the editor runs in
// <evidraft-editor>'s shadow root.
const parts = { 'evd-button': 'button', 'evd-heading-xl': 'heading', 'evd-error-summary': 'error-summary', 'evd-task-list': 'task-list', 'evd-summary-list': 'summary-list' }

function partOf (cls) {
  if (!cls) return ''
  for (const c of String(cls).split(/\s+/)) if (parts[c]) return parts[c]
  return ''
}

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
    if (val === undefined || val === null || val === false) continue
    if (key === 'text') $el.textContent = val
    else if (key === 'on') for (const [type, fn] of Object.entries(val)) $el.addEventListener(type, fn)
    else if (key === 'value') $el.value = val
    else if (key === 'checked') $el.checked = !!val
    else $el.setAttribute(key, val === true ? '' : String(val))
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue
    $el.append(typeof child === 'string' ? document.createTextNode(child) : child)
  }
  return $el
}

/**
 * A formatter of ISO dates as medium date and short time in lang.
 * @param {string} lang
 * @returns {(iso:string) => string}
 */
export function dateFormat (lang) {
  let f = null
  try { f = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }) } catch (e) { /* old browser */ }
  return (iso) => { const d = new Date(iso); return f && !isNaN(d) ? f.format(d) : String(iso || '') }
}

/**
 * Fills {Name} placeholders of a translated string.
 * @param {string} template
 * @param {Object<string, any>} params
 */
export function fill (template, params = {}) {
  return String(template).replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m))
}

/**
 * A stable element id for a JSON Pointer.
 * @param {string} pointer
 */
export function idFor (pointer) {
  return 'f' + pointer.replace(/[^A-Za-z0-9]/g, (c) => '_' + c.charCodeAt(0).toString(16))
}

/**
 * Parses an HTML document produced by the engine's html/template renderer
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

import { h, controlIn } from '../../js/dom.js'

/**
 * The list of problems at the top of a page: focused when shown, each
 * entry a link that moves focus to its field.
 */
export class ErrorSummary {
  static moduleName = 'evd-error-summary'
  /**
   * @param {{title:string, errors:Array<{text:string, target?:string, href?:string, key?:string}>,
   *   warning?:boolean, root?:Document|ShadowRoot}} opts
   *   errors: each a link to href, or one that focuses the element of id
   *   target in root, with the key keep() knows it by; warning: the
   *   variant that lists warnings
   */
  constructor (opts) {
    const { title, errors } = opts
    this.$root = h('div', { class: 'evd-error-summary' + (opts.warning ? ' evd-error-summary--warning' : ''), 'data-module': ErrorSummary.moduleName, tabindex: -1 },
      h('div', { role: opts.warning ? null : 'alert' },
        h('h2', { class: 'evd-error-summary__title', text: title }),
        h('ul', { class: 'evd-error-summary__list' },
          errors.map((e) => h('li', { 'data-key': e.key }, h('a', {
            href: e.href || '#' + e.target,
            on: { click: (ev) => { if (!e.href) { ev.preventDefault(); focusField(e.target, opts.root) } } }
          }, e.text))))))
  }

  /** Moves focus to the summary, as GOV.UK does when it appears. */
  focus () { this.$root.focus() }

  /**
   * Takes out the entries whose key is not in open (the problems the user
   * has put right since) and returns how many are left.
   * @param {HTMLElement} $root a summary drawn earlier
   * @param {Set<string>} open
   */
  static keep ($root, open) {
    for (const $li of $root.querySelectorAll('li[data-key]')) if (!open.has($li.getAttribute('data-key'))) $li.remove()
    return $root.querySelectorAll('li').length
  }
}

/**
 * Focuses the element with that id, or the first control inside it, and
 * scrolls its label into view.
 * @param {string} id
 * @param {Document|ShadowRoot} [root] where to look: the document, or the shadow root of <evidraft-editor>
 */
export function focusField (id, root = document) {
  const $el = root.getElementById(id)
  if (!$el) return false
  const $control = controlIn($el)
  const $group = $el.closest('[data-form-group]') || $el
  $group.scrollIntoView({ block: 'start' })
  // After the key that followed the link has been handled to its keyup:
  // an Enter (or its keypress) that reached the field would submit its
  // form again. A click has no keyup: then shortly after.
  let done = false
  const go = () => { if (!done) { done = true; $control.focus({ preventScroll: true }) } }
  document.addEventListener('keyup', () => setTimeout(go, 0), { once: true, capture: true })
  setTimeout(go, 150)
  return true
}

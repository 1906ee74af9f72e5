// Form helpers of the export, import, protect and unlock pages: a form
// group with its label, hint and error, and the errors shown on their
// fields and in a focused summary.
import { h } from './dom.js'
import { ErrorSummary } from '../components/error-summary/error-summary.js'

/** A form group with label, optional hint and room for an error. */
export function group (id, label, $control, hint) {
  const kids = [h('label', { class: 'evd-label', for: id, text: label })]
  if (hint) kids.push(h('div', { class: 'evd-hint', id: id + '-hint', text: hint }))
  kids.push(h('p', { class: 'evd-error-message', id: id + '-error', 'data-error': '', hidden: true }))
  kids.push($control)
  return h('div', { class: 'evd-form-group', 'data-form-group': '' }, kids)
}

/** Shows (or clears, with '') the error of a form group. */
export function setError ($g, message) {
  const $msg = $g.querySelector('[data-error]')
  const $control = $g.querySelector('input, select')
  $g.classList.toggle('evd-form-group--error', !!message)
  $msg.hidden = !message
  $msg.textContent = message
  const ids = ($control.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== $msg.id)
  if (message) ids.push($msg.id)
  if (ids.length) $control.setAttribute('aria-describedby', ids.join(' '))
  else $control.removeAttribute('aria-describedby')
}

/** Shows errors on their fields and in a focused summary; false when there are none. */
export function showErrors (c, $errors, errors) {
  if (!errors.length) { $errors.replaceChildren(); return false }
  for (const x of errors) setError(x.$g, x.text)
  const s = new ErrorSummary({ title: c.t('ui.errorSummary'), errors, root: c.root })
  $errors.replaceChildren(s.$root)
  s.focus()
  return true
}

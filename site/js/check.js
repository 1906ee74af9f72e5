// Check your answers, and the printable request. Go gives the rows of
// each section (label path, the answer as the printed request writes it,
// its direction) and the printed document; these pages draw them.
import { h, engineHTML } from './dom.js'
import { ErrorSummary } from '../components/error-summary/error-summary.js'
import { SummaryList } from '../components/summary-list/summary-list.js'
import { expiryNote } from './expiry.js'
import { refreshForm, caption, finalBanner } from './editor.js'

/** @typedef {import("./app.js").App} App */

/** @param {App} app */
export async function checkPage (app) {
  const { t } = app
  await refreshForm(app, { final: true, rows: true })
  app.setTitle(t('ui.check') + ' – ' + t('ui.title'))
  const form = app.form
  const errors = form.findings.filter((f) => f.severity === 'error')
  const warnings = form.findings.filter((f) => f.severity === 'warning')
  // Each finding says which section holds its answer.
  const linkFor = (f) => f.section ? app.draftHref(f.section) + '?return=check&focus=' + encodeURIComponent(f.pointer) : app.draftHref()
  const $summary = errors.length ? new ErrorSummary({ title: t('ui.errorSummary'), errors: errors.map((f) => ({ text: f.message, href: linkFor(f) })) }) : null
  // What happened after sending is shown once the request is final.
  const sections = form.sections.filter((s) => !s.afterFinal || app.readOnly()).map((s) => [
    h('h2', { class: 'evd-heading-m', text: s.title }),
    new SummaryList({ rows: summaryRows(app, s) }).$root])
  app.page(
    h('a', { class: 'evd-back-link', href: app.draftHref(), text: t('ui.back') }),
    $summary ? $summary.$root : null,
    caption(app),
    h('h1', { class: 'evd-heading-xl', text: t('ui.check') }),
    warnings.length ? new ErrorSummary({ title: t('ui.warnings'), errors: warnings.map((f) => ({ text: f.message, href: linkFor(f) })), warning: true }).$root : null,
    sections,
    app.readOnly()
      ? [finalBanner(app), h('a', { class: 'evd-button', href: app.draftHref('print'), role: 'button', text: t('ui.print') })]
      : h('div', { class: 'evd-button-group' },
        h('button', { type: 'button', class: 'evd-button', on: { click: finalise }, text: t('ui.finalise') }),
        h('a', { href: app.draftHref('print'), text: t('ui.print') })))
  if ($summary) $summary.focus()

  async function finalise () {
    if (errors.length) {
      $summary.focus()
      return
    }
    app.record.status = 'final'
    await app.save(true)
    app.host.emit('finalised', { id: app.record.id, revision: app.record.revision })
    await app.route()
  }
}

/**
 * The summary rows of a section, from the form model's rows (asked for
 * with rows: true): with a Change link unless the draft is final or
 * links is false.
 * @param {App} app
 * @param {{id:string, rows?:Array<{label:string, text:string, dir:string, pointer:string, missing?:boolean}>}} section
 * @param {boolean} [links]
 */
export function summaryRows (app, section, links = true) {
  return (section.rows || []).map((r) => ({
    key: r.label,
    value: r.missing || !r.text ? h('span', { class: 'evd-summary-list__missing', text: app.t('ui.notAnswered') }) : r.dir === 'ltr' ? h('bdi', { dir: 'ltr', text: r.text }) : r.text,
    href: app.readOnly() || !links ? null : app.draftHref(section.id) + '?return=check&focus=' + encodeURIComponent(r.pointer),
    changeLabel: app.t('ui.change')
  }))
}

/** @param {App} app */
export async function printPage (app) {
  const { t } = app
  app.setTitle(t('ui.print') + ' – ' + t('ui.title'))
  const [, query] = app.host.hash.split('?')
  const params = new URLSearchParams(query || '')
  const record = app.record
  const first = params.get('lang') || record.body.language || record.lang || app.lang
  // The declared translation language is preselected; "none" is kept.
  const declared = app.languages.some((l) => l.tag === record.body.translationLanguage) ? record.body.translationLanguage : ''
  const second = params.has('second') ? params.get('second') : (declared !== first ? declared : '')
  const go = (l, s) => { app.go(app.draftHref('print') + '?lang=' + encodeURIComponent(l) + '&second=' + encodeURIComponent(s)) }
  const select = (id, label, value, none, onChange) => h('div', { class: 'evd-form-group evd-noprint' },
    h('label', { class: 'evd-label', for: id, text: label }),
    h('select', { class: 'evd-select', id, on: { change: (e) => onChange(e.target.value) } },
      none ? h('option', { value: '', text: t('ui.print.none') }) : null,
      app.languages.map((l) => h('option', { value: l.tag, lang: l.tag, selected: l.tag === value, text: l.name }))))
  const html = await app.E.render(record.body, { lang: first, second, final: record.status === 'final' })
  // The printed copy says DRAFT and how many errors; the screen says
  // where they are.
  const errors = app.form ? app.form.findings.filter((f) => f.severity === 'error').length : 0
  app.page(
    h('a', { class: 'evd-back-link evd-noprint', href: app.draftHref(), text: t('ui.back') }),
    h('h1', { class: 'evd-heading-xl evd-noprint', text: t('ui.print') }),
    errors
      ? h('div', { class: 'evd-inset evd-inset--warning evd-noprint', 'data-print-not-ready': '' },
        h('p', { class: 'evd-body-text', text: t('ui.print.notReady') }),
        h('p', { class: 'evd-body-text' }, h('a', { href: app.draftHref('check'), text: t('ui.check') })))
      : null,
    h('div', { class: 'evd-noprint' }, expiryNote(app.form, t)),
    h('div', { class: 'evd-print-controls evd-noprint' },
      select('print-lang', t('ui.print.language'), first, false, (v) => go(v, second)),
      select('print-second', t('ui.print.second'), second, true, (v) => go(first, v))),
    h('button', { type: 'button', class: 'evd-button evd-noprint', on: { click: () => window.print() }, text: t('ui.print.button') }),
    h('div', { class: 'evd-print-page' }, engineHTML(html)))
  pageRules(app, app.$main.querySelector('[data-page-css]'))
}

/**
 * The printed request's @page rules (its reference and "page x of y" on
 * every page) go in through the CSSOM: the CSP allows no inline style.
 * They are removed when the page is left (App.page).
 * @param {App} app
 * @param {HTMLElement|null} $doc the printed request
 */
function pageRules (app, $doc) {
  if (!app.pageSheet) {
    if (!('adoptedStyleSheets' in document)) return
    app.pageSheet = new CSSStyleSheet()
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, app.pageSheet]
  }
  app.pageSheet.replaceSync($doc ? $doc.dataset.pageCss : '')
}

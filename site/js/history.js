// The history of a draft: its kept versions, one of them shown, and
// Restore.
import { h, dateFormat } from './dom.js'
import { SummaryList } from '../components/summary-list/summary-list.js'
import { caption } from './editor.js'
import { summaryRows } from './check.js'

/** @typedef {import("./app.js").App} App */

/**
 * The kept versions of the draft, newest first: when, which sections
 * changed; any of them shown, and restored as a new version.
 * @param {App} app
 * @param {URLSearchParams} params show=revision
 */
export async function historyPage (app, params) {
  if (app.dirtySince) await app.save(true)
  const versions = await app.E.history(app.record.id, { lang: app.lang })
  const when = dateFormat(app.lang, 'medium') // saves a few seconds apart must differ
  const shown = versions.find((v) => String(v.revision) === params.get('show'))
  if (shown) return versionPage(app, shown, versions[0], when)
  app.setTitle(app.t('ui.history.heading') + ' – ' + app.t('ui.title'))
  const rows = versions.map((v, i) => h('tr', { class: 'evd-table__row' },
    h('td', { class: 'evd-table__cell' }, h('time', { datetime: v.updated, text: when(v.updated) }), i === 0 ? [h('br'), h('strong', { text: app.t('ui.history.current') })] : null),
    h('td', { class: 'evd-table__cell' }, v.sections.length ? v.sections.map((s) => s.title).join(', ') : app.t('ui.history.none')),
    h('td', { class: 'evd-table__cell' }, h('a', { href: app.draftHref('history') + '?show=' + v.revision, 'data-revision': v.revision }, app.t('ui.history.show'), h('span', { class: 'evd-visually-hidden', text: ' ' + when(v.updated) })))))
  app.page(
    h('a', { class: 'evd-back-link', href: app.draftHref(), text: app.t('ui.back') }),
    caption(app),
    h('h1', { class: 'evd-heading-xl', text: app.t('ui.history.heading') }),
    h('p', { class: 'evd-body-text', text: app.t('ui.history.intro') }),
    h('table', { class: 'evd-table' },
      h('thead', {}, h('tr', {}, [app.t('ui.history.when'), app.t('ui.history.changed'), app.t('ui.list.actions')].map((c) => h('th', { class: 'evd-table__header', scope: 'col', text: c })))),
      h('tbody', {}, rows)))
}

/** One kept version's answers, read-only, with Restore. */
async function versionPage (app, v, current, when) {
  const form = await app.E.form(v.body, { lang: app.lang, rows: true })
  const title = app.t('ui.history.version', { When: when(v.updated) })
  app.setTitle(title + ' – ' + app.t('ui.title'))
  app.page(
    h('a', { class: 'evd-back-link', href: app.draftHref('history'), text: app.t('ui.back') }),
    caption(app),
    h('h1', { class: 'evd-heading-xl', text: title }),
    v.revision === current.revision
      ? h('p', { class: 'evd-inset', text: app.t('ui.history.current') })
      : h('button', { type: 'button', class: 'evd-button', 'data-restore': '', on: { click: restore }, text: app.t('ui.history.restore') }),
    form.sections.map((s) => [h('h2', { class: 'evd-heading-m', text: s.title }), new SummaryList({ rows: summaryRows(app, s, false) }).$root]))

  async function restore () {
    try {
      await app.E.revertDraft(app.record.id, v.revision, app.record.revision)
    } catch (err) {
      app.banner(err.message, { type: 'error' })
      return
    }
    app.record = null // read again: body and revision
    app.notice = app.t('ui.history.restored', { When: when(v.updated) })
    app.go('#/draft/' + encodeURIComponent(current.id))
  }
}

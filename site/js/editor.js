// A draft opened: its form model, the task list page and what the
// section, check and history pages share (caption, the final banner).
import { h, shown } from './dom.js'
import { TaskList } from '../components/task-list/task-list.js'
import { expiryNote } from './expiry.js'
import { restorePending } from './autosave.js'

/** @typedef {import("./app.js").App} App */

/**
 * Opens the draft id (unless it is open) and asks for its form model.
 * @param {App} app
 * @param {string} id
 */
export async function openDraft (app, id) {
  // Asked on every page of a draft: the drafts may have been protected
  // since it was opened, here or in another tab.
  app.protected = app.storage === 'indexeddb' && (await app.E.protection().catch(() => ({}))).protected === true
  if (!app.record || app.record.id !== id) {
    app.tabs.left()
    app.record = await app.E.getDraft(id)
    app.record.named = named(app.record)
    app.shown = new Set()
    app.touched = new Set()
    app.undo = []
    app.conflict = null
    app.clearBanners()
    if (app.notice) { app.banner(app.notice, { type: 'success', transient: true }); app.notice = '' }
    app.tabs.opened(id)
    if (!app.record.readOnly) await restorePending(app)
  }

  if (!app.record.readOnly) await refreshForm(app)
}

/**
 * Asks for the open draft's form model; an answer to an older request
 * never replaces a newer one.
 * @param {App} app
 * @param {{final?:boolean, rows?:boolean}} [opts] final: as finalising
 *   would check it; rows: with each section's check-answers rows
 */
export async function refreshForm (app, opts = {}) {
  const seq = ++app.formSeq
  const final = !!opts.final
  const form = await app.E.form(app.record.body, { lang: app.lang, final, rows: !!opts.rows })
  if (seq !== app.formSeq) return app.form // a newer one was asked for
  app.form = form
  app.host.emit('validity', { id: app.record.id, valid: form.valid, errors: form.errors, warnings: form.warnings, final })
  return form
}

/**
 * Whether the answers on screen are read-only: those of a final draft,
 * except the section that records what happened after sending it (the
 * form model marks it afterFinal).
 */
export function answersLocked (app) {
  return app.readOnly() && !(app.form && app.form.sections.some((s) => s.id === app.section && s.afterFinal))
}

export function caption (app) {
  return h('span', { class: 'evd-caption' }, h('bdi', { 'data-draft-title': '', text: captionTitle(app) }), ' – ', app.kindTitle(app.record.kind))
}

/**
 * Writes the open draft's title again in the caption above the heading,
 * once a save has given it a new one (the reference just typed).
 */
export function updateCaption (app) {
  const $title = app.$main.querySelector('[data-draft-title]')
  const s = captionTitle(app)
  if ($title && $title.textContent !== s) $title.textContent = s
}

function captionTitle (app) { return shown(app.record.title || app.t('ui.untitled')) }

/**
 * Whether the draft has a name of its own in the list, rather than its
 * reference (the title the engine gives).
 * @param {Object} r a record with its body
 */
function named (r) {
  const ref = r.body && typeof r.body.reference === 'string' ? r.body.reference : ''
  return !!r.title && r.title !== ref
}

/**
 * The draft's name in the list: the reference unless the user gives
 * another. It stays readable without the passphrase, so a protected
 * draft may want one that says less.
 */
function nameForm (app) {
  const $in = h('input', { class: 'evd-input', id: 'draft-name', type: 'text', dir: 'auto', spellcheck: 'false', 'aria-describedby': 'draft-name-hint' })
  $in.value = app.record.named ? app.record.title : ''
  return h('form', { class: 'evd-draft-name', novalidate: true, 'data-draft-name': '', on: { submit: rename } },
    h('div', { class: 'evd-form-group' },
      h('label', { class: 'evd-label', for: 'draft-name', text: app.t('ui.name.label') }),
      h('div', { class: 'evd-hint', id: 'draft-name-hint', text: app.t(app.protected ? 'ui.name.hintProtected' : 'ui.name.hint') }),
      $in),
    h('button', { class: 'evd-button evd-button--secondary', type: 'submit', text: app.t('ui.name.save') }))

  async function rename (e) {
    e.preventDefault()
    const v = $in.value.trim()
    app.record.named = !!v
    app.record.title = v
    await app.save(true)
    await app.route(true)
    app.banner(app.t('ui.name.done', { Title: app.record.title || app.t('ui.untitled') }), { type: 'success', transient: true })
  }
}

export async function taskPage (app) {
  app.setTitle(app.kindTitle(app.record.kind) + ' – ' + app.t('ui.title'))
  app.page(
    h('a', { class: 'evd-back-link', href: '#/', text: app.t('ui.home.drafts') }),
    caption(app),
    h('h1', { class: 'evd-heading-xl', text: app.t('ui.tasks') }),
    expiryNote(app.form, app.t, app.readOnly() ? app.draftHref('tracking') : ''),
    app.readOnly() ? finalBanner(app) : null,
    new TaskList({ sections: app.form.sections, hrefFor: (id) => app.draftHref(id), texts: app.texts }).$root,
    h('div', { class: 'evd-button-group' },
      h('a', { class: 'evd-button', href: app.draftHref('check'), role: 'button', text: app.t('ui.check') }),
      h('a', { href: app.draftHref('print'), text: app.t('ui.print') }),
      h('a', { href: app.draftHref('history'), text: app.t('ui.history') })),
    app.readOnly() ? null : nameForm(app))
}

export function finalBanner (app) {
  return h('div', { class: 'evd-inset' },
    h('p', { class: 'evd-body-text', text: app.t('ui.finalised') }),
    h('button', { type: 'button', class: 'evd-button evd-button--secondary', on: { click: () => reopen(app) }, text: app.t('ui.reopen') }))
}

async function reopen (app) {
  app.record.status = 'draft'
  await app.save(true)
  await app.route()
}

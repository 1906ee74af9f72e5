// Saving the open draft: the autosave's timing, what was typed and not
// saved yet (sessionStorage), the save status under the heading, and the
// choices when another tab saved first.
import { h, setText } from './dom.js'
import { updateCaption } from './editor.js'

/** @typedef {import("./app.js").App} App */

// ---- What was typed and not saved yet ----

const pendingKey = (id) => 'evidraft.pending.' + id

/**
 * Marks the open draft's body as typed and not saved yet. It is written
 * to sessionStorage, with the revision it was edited from, when the page
 * goes or is hidden (writePending): synchronous there, so it is kept even
 * when the page is reloaded or closed before the autosave ends, and never
 * on a keystroke (for a draft with a 5 MB answer that write alone took a
 * tenth of a second per key). Not for drafts encrypted at rest: their
 * text must not lie in plain storage.
 * @param {App} app
 */
export function keepPending (app, ...pointers) {
  if (app.protected || !app.record) return
  app.pending = app.record.id
  // What changes while a save is on its way (none named: not known).
  const sent = app.inflight
  if (sent && sent.edited) {
    if (pointers.length) for (const p of pointers) sent.edited.add(p)
    else sent.edited = null
  }
}

/**
 * Writes what keepPending marked; the page calls it on pagehide and when
 * it is hidden.
 * @param {App} app
 */
export function writePending (app) {
  if (app.protected || !app.record || app.pending !== app.record.id) return
  // A save on its way may land after the page has gone: sent says from
  // which revision, and which answers changed after it left, so that the
  // next page knows that revision for this tab's own (restorePending).
  const sent = app.inflight && app.inflight.id === app.record.id
    ? { revision: app.inflight.revision, edited: app.inflight.edited ? [...app.inflight.edited] : null }
    : null
  try {
    sessionStorage.setItem(pendingKey(app.record.id), JSON.stringify({ revision: app.record.revision, body: app.record.body, sent }))
  } catch (e) { /* storage full or off: the autosave still runs */ }
}

/**
 * Forgets what was pending for draft id: saved, or given up.
 * @param {App} app
 * @param {string} id
 */
export function dropPending (app, id) {
  if (app.pending === id) app.pending = ''
  try { sessionStorage.removeItem(pendingKey(id)) } catch (e) { /* off */ }
}

/**
 * Brings back what was typed in this tab and not saved before the page
 * went: saved at once when the draft has not changed since, otherwise
 * offered beside the newer version (conflict).
 * @param {App} app
 */
export async function restorePending (app) {
  let pending = null
  try { pending = JSON.parse(sessionStorage.getItem(pendingKey(app.record.id)) || 'null') } catch (e) { /* unreadable: ignore */ }
  if (!pending || typeof pending.body !== 'object' || !pending.body) return
  const changes = await app.E.diffDrafts(app.record.body, pending.body).catch(() => [])
  if (!changes.length) { dropPending(app, app.record.id); return }
  if (pending.revision === app.record.revision || ownSaveLanded(app, pending, changes)) {
    app.record.body = pending.body
    app.banner(app.t('ui.restored'), { type: 'success', transient: true })
    await save(app, true)
    return
  }
  // Another tab saved since: both versions are kept until the user chooses.
  const theirs = app.record
  app.record = Object.assign({}, theirs, { body: pending.body, revision: pending.revision })
  await conflict(app, theirs)
}

/**
 * The stored revision is the one this tab's last save made, landed after
 * the page went: one past the revision that save was sent from, and
 * differing from what was kept only in answers changed after it left.
 * @param {App} app
 * @param {{revision: number, body: Object, sent?: {revision: number, edited: string[]|null}}} pending
 * @param {Array<{pointer: string}>} changes the answers where the stored and the kept bodies differ
 */
function ownSaveLanded (app, pending, changes) {
  const sent = pending.sent
  if (!sent || !Array.isArray(sent.edited) || sent.revision !== pending.revision || app.record.revision !== pending.revision + 1) return false
  const within = (a, b) => a === b || a.startsWith(b + '/')
  return changes.every((c) => sent.edited.some((p) => within(p, c.pointer) || within(c.pointer, p)))
}

// ---- Saving ----

/** Quiet time after a keystroke before the draft is saved. */
const SAVE_DEBOUNCE = 400
/** Longest an unsaved change waits while the user keeps typing. */
const SAVE_MAX_WAIT = 800

/**
 * Saves 400 ms after the last change, and at least every 800 ms while the
 * user keeps typing: a crash or a killed browser loses under a second.
 * @param {App} app
 */
export function scheduleSave (app) {
  savedStatus(app, app.t('ui.saving'), false)
  const now = Date.now()
  if (!app.dirtySince) app.dirtySince = now
  clearTimeout(app.saveTimer)
  if (!app.saveTimer) app.busy(1)
  app.saveTimer = setTimeout(() => { save(app) }, Math.max(0, Math.min(SAVE_DEBOUNCE, app.dirtySince + SAVE_MAX_WAIT - now)))
}

/** Shows the save status under the heading (only when it changes). */
function savedStatus (app, text, error) {
  const $saved = app.$main.querySelector('[data-saved]')
  if (!$saved) return
  setText($saved, text)
  $saved.classList.toggle('evd-saved--error', error)
}

/**
 * Saves the open draft; a refused save (another tab, a full disk) is said plainly.
 * @param {App} app
 * @param {boolean} [now] (the timer is dropped either way)
 */
export function save (app, now = false) {
  clearTimeout(app.saveTimer)
  if (app.saveTimer) app.busy(-1)
  app.saveTimer = 0
  app.dirtySince = 0
  app.busy(1)
  app.saving = app.saving.then(() => saveNow(app).finally(() => app.busy(-1)))
  return app.saving
}

async function saveNow (app) {
  const t = app.t
  if (app.storage !== 'indexeddb') {
    savedStatus(app, t('ui.notSaved', { Detail: t('ui.noStorage') }), true)
    return
  }
  if (app.conflict) { // nothing is written until the user chooses
    savedStatus(app, t('ui.notSaved', { Detail: t('ui.conflict.short') }), true)
    return
  }
  const record = app.record
  try {
    // No title: the engine takes it from the reference as it is now,
    // unless the user named the draft otherwise. The body comes back not
    // at all: the page keeps its own. It goes as it is (the engine, in its
    // Worker, turns it into text once): JSON.stringify of a 5 MB answer
    // here was a long task on the page.
    app.inflight = { id: record.id, revision: record.revision, edited: new Set() }
    const saved = await app.E.saveDraft(Object.assign({}, record, { title: record.named ? record.title : '', checkpoint: app.checkpoint }), { body: false })
      .finally(() => { app.inflight = null })
    app.checkpoint = false
    record.revision = saved.revision
    record.title = saved.title
    record.updated = saved.updated
    // Kept until saved: edits made while this save ran wait for the next.
    if (!app.dirtySince) dropPending(app, record.id)
    else if (record === app.record) keepPending(app)
    savedStatus(app, t('ui.saved'), false)
    if (record === app.record) updateCaption(app)
    app.host.emit('saved', { id: record.id, revision: saved.revision, title: saved.title, status: saved.status, updated: saved.updated })
  } catch (err) {
    if (err.code === 'store.stale' && record === app.record) {
      await conflict(app, await app.E.getDraft(record.id))
      return
    }
    savedStatus(app, t('ui.notSaved', { Detail: err.message }), true)
  }
}

/**
 * Saves a new draft with the body of record and returns it.
 * @param {App} app
 * @param {Object} record
 * @param {string} [title] '' takes the reference
 */
export async function saveCopy (app, record, title = '') {
  const copy = await app.E.newDraft(record.kind, record.lang)
  copy.body = record.body
  copy.title = title
  return app.E.saveDraft(copy)
}

// ---- Another tab saved first ----

/**
 * Another tab saved the open draft first. What this tab holds stays on
 * screen and in sessionStorage, and nothing is saved, until the user
 * chooses: keep theirs over the other (after seeing which answers
 * differ), save it as a copy, or load the other version.
 * @param {App} app
 * @param {Object} theirs the stored record, body included
 */
export async function conflict (app, theirs) {
  const t = app.t
  const changes = await app.E.diffDrafts(theirs.body, app.record.body, { lang: app.lang }).catch(() => [])
  if (!changes.length) {
    // The same answers (this tab's own save landed, or the same text was
    // typed twice): go on from the stored revision.
    Object.assign(app.record, { revision: theirs.revision, title: theirs.title, updated: theirs.updated })
    dropPending(app, app.record.id)
    savedStatus(app, t('ui.saved'), false)
    return
  }
  app.conflict = { theirs }
  keepPending(app)
  savedStatus(app, t('ui.notSaved', { Detail: t('ui.conflict.short') }), true)
  const $list = h('ul', { class: 'evd-list evd-notification-banner__details', 'data-conflict-list': '' },
    changes.map((c) => h('li', {}, c.label)))
  app.banner(t('ui.conflict'), {
    type: 'error',
    details: h('div', { class: 'evd-notification-banner__details' }, h('p', { text: t('ui.conflict.differ') }), $list),
    actions: [
      { label: t('ui.conflict.keepMine'), fn: () => keepMine(app) },
      { label: t('ui.conflict.copy'), fn: () => saveAsCopy(app) },
      { label: t('ui.conflict.loadOther'), fn: () => loadOther(app) }
    ]
  })
}

/** Saves this tab's version over the other one (which stays in History). */
async function keepMine (app) {
  const { theirs } = app.conflict
  app.conflict = null
  app.clearBanners()
  app.record.revision = theirs.revision
  await save(app, true)
}

/** Saves this tab's version as a new draft and opens it; the other stays. */
async function saveAsCopy (app) {
  const mine = app.record
  app.conflict = null
  app.clearBanners()
  const saved = await saveCopy(app, mine)
  dropPending(app, mine.id)
  app.record = null
  app.notice = app.t('ui.conflict.copied')
  app.go('#/draft/' + encodeURIComponent(saved.id) + (app.section ? '/' + app.section : ''))
}

/** Drops this tab's changes for the stored version. */
async function loadOther (app) {
  dropPending(app, app.record.id)
  app.conflict = null
  await reloadDraft(app)
}

/** Reads the open draft again from the store and draws its page. */
export async function reloadDraft (app) {
  app.record = null
  app.clearBanners()
  await app.route()
}

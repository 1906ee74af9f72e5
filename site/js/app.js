// The drafting site: home (drafts, trash, new request), the editor (task
// list and one page per section), check answers and the printable
// request. Go computes every answer that has a right one (the form model,
// findings, the printed document); this file draws pages and moves focus.
import { h, fill, idFor, engineHTML, morph, setText, dateFormat, controlIn } from './dom.js'
import * as ptr from './pointer.js'
import { ErrorSummary, focusField } from '../components/error-summary/error-summary.js'
import { TaskList } from '../components/task-list/task-list.js'
import { FieldRenderer, FieldController } from '../components/field/field.js'
import { SummaryList } from '../components/summary-list/summary-list.js'
import { DraftList } from '../components/draft-list/draft-list.js'
import { LanguageSwitch } from '../components/language-switch/language-switch.js'
import { NotificationBanner } from '../components/notification-banner/notification-banner.js'
import { listen, allowedOrigins } from './embed.js'
import { storagePanel, exportPage, importPage, newerPage, protectPage, unlockPage } from './transfer.js'
import { StorageNotice } from '../components/storage-notice/storage-notice.js'
import { expiringSlot, expiryNote } from './expiry.js'

/** the engine, set by start() */
let E = window.evidraft

/** Application state shared by the pages. */
const state = {
  lang: 'en',
  dir: 'ltr',
  texts: /** @type {Object<string,string>} */ ({}),
  languages: [],
  kinds: [],
  countries: [],
  timeZones: [],
  storage: 'indexeddb',
  /** the drafts are encrypted and not unlocked yet in this page */
  locked: false,
  /** the home page draws every draft, not only the newest (see RECENT) */
  showAll: false,
  /** the open draft */
  record: null,
  form: null,
  /** pointers whose findings are shown (fields changed then left, sections continued) */
  shown: new Set(),
  /** pointers the user changed since the draft was opened */
  touched: new Set(),
  /** the section whose page is drawn ('' on other pages) */
  section: '',
  /** counts form requests, so that an older answer never replaces a newer one */
  formSeq: 0,
  /** the drafts are encrypted at rest: nothing of them goes to sessionStorage */
  protected: false,
  /** a save was refused because another tab saved first: {theirs} until the user chooses */
  conflict: null,
  /** the bodies before the last changes, newest last, for the section page's Undo */
  undo: [],
  /** the next save is the first of a section visit: the store keeps it longer */
  checkpoint: false,
  /** a message to show once the next draft is open (a restore, a copy) */
  notice: '',
  /** a selector of what takes focus once the fields are drawn again (after Add or Remove) */
  focusNext: '',
  saveTimer: 0,
  /** when the oldest unsaved change was made (0: none) */
  dirtySince: 0,
  formTimer: 0,
  saving: Promise.resolve(),
  $main: /** @type {HTMLElement} */ (null),
  $banners: /** @type {HTMLElement} */ (null)
}

const t = (id, params) => fill(state.texts[id] || id, params)

/**
 * Where the app runs: the whole page (hash routing, document title, <html
 * lang dir>) or a shadow root inside a portal's page (<evidraft-editor>,
 * its own route, events to the host).
 */
const host = {
  page: true,
  /** @type {Document|ShadowRoot} */
  root: document,
  route: '',
  /** @type {HTMLElement|null} where lang and dir go in a shadow root */
  $lang: null,
  /** @type {(type: string, detail: Object) => void} */
  emit: () => {},
  draftOnly: '',
  get hash () { return this.page ? location.hash : this.route },
  go (hash) {
    if (this.page) { location.hash = hash; return }
    this.route = hash
    route()
  }
}

function setTitle (s) { if (host.page) document.title = s }

/**
 * Starts the app in the whole page once the engine is ready.
 * @param {{info:Object, lang:string, boot:Object, loading:{done:()=>void}}} boot
 */
export async function start (boot) {
  state.$main = document.getElementById('main')
  state.$banners = document.querySelector('[data-module="evd-banners"]')
  await init(boot.info, boot.lang)
  document.body.append(h('datalist', { id: 'evd-time-zones' }, state.timeZones.map((z) => h('option', { value: z }))))
  window.addEventListener('hashchange', () => route())
  // Leaving or hiding the page saves what is pending at once. IndexedDB
  // cannot finish before the page goes: the edit is also in
  // sessionStorage (keepPending), and comes back when the draft opens.
  const flush = () => { if (state.dirtySince && state.record) save(true) }
  window.addEventListener('pagehide', () => { flush(); tabs.left() })
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flush() })
  boot.loading.done()
  const allowed = allowedOrigins(boot.boot)
  listen({ allowed, commands: embedCommands })
  if (window.parent !== window) {
    // Tell an allowed embedding page that commands are now heard; the
    // browser drops the message for any other parent origin.
    for (const origin of allowed) window.parent.postMessage({ evidraft: 1, type: 'ready' }, origin)
  }
  if (state.storage !== 'indexeddb') banner(boot.info.storageError || t('ui.noStorage'), { type: 'error' })
  await route()
  warmWhenIdle()
}

// Once the first page is drawn, the engine compiles the schemas (0.4–1 s
// on a slow laptop) while the user reads, not when a draft is opened.
function warmWhenIdle () {
  const go = () => E.warm().catch(() => { /* the first form reports it */ })
  if (window.requestIdleCallback) window.requestIdleCallback(go, { timeout: 2000 })
  else setTimeout(go, 200)
}

/**
 * Starts the editor of one draft inside a shadow root (<evidraft-editor>).
 * Links stay inside it; what happens is told to the host through emit.
 * @param {{info:Object, lang:string, shadow:ShadowRoot, $wrap:HTMLElement, $main:HTMLElement,
 *   $banners:HTMLElement, kind:string, draftId:string, emit:(type:string, detail:Object)=>void}} opts
 * @returns {Promise<string>} the draft's id
 */
export async function mount (opts) {
  host.page = false
  host.root = opts.shadow
  host.$lang = opts.$wrap
  host.emit = opts.emit
  state.$main = opts.$main
  state.$banners = opts.$banners
  await init(opts.info, opts.lang)
  opts.$wrap.append(h('datalist', { id: 'evd-time-zones' }, state.timeZones.map((z) => h('option', { value: z }))))
  opts.shadow.addEventListener('click', (e) => {
    const $a = e.composedPath().find((n) => n.tagName === 'A')
    const href = $a && $a.getAttribute('href')
    if (href && href.startsWith('#/')) { e.preventDefault(); host.go(href) }
  })
  if (state.locked && state.storage === 'indexeddb') {
    // Protected drafts: unlock before the element opens or creates one.
    await new Promise((resolve) => unlockPage(ctx(), () => { state.locked = false; resolve() }))
  }
  let id = opts.draftId
  if (!id) {
    const r = await E.newDraft(opts.kind || 'preservation', state.lang)
    state.record = state.storage === 'indexeddb' ? await E.saveDraft(r) : r
    id = state.record.id
  }
  host.draftOnly = id
  host.route = '#/draft/' + encodeURIComponent(id)
  if (state.storage !== 'indexeddb') banner(opts.info.storageError || t('ui.noStorage'), { type: 'error' })
  await route(true)
  return id
}

async function init (info, lang) {
  E = window.evidraft
  state.storage = info.storage
  state.locked = !!info.protected
  state.protected = !!info.protected
  tabs.start(info.dbName || 'evidraft')
  state.languages = await E.languages()
  state.countries = await E.countries()
  state.timeZones = await E.timeZones()
  await setLanguage(lang, false)
  window.addEventListener('evidraft:change', (e) => onChange(e.detail))
}

async function setLanguage (tag, rerender = true) {
  const info = await E.setLanguage(tag)
  state.lang = info.tag
  state.dir = info.dir
  state.texts = await E.texts(info.tag)
  state.kinds = await E.kinds(info.tag)
  if (!host.page) {
    host.$lang.lang = info.tag
    host.$lang.dir = info.dir
    if (rerender) await route(true)
    return
  }
  try { localStorage.setItem('evidraft.lang', info.tag) } catch (e) { /* storage off */ }
  document.documentElement.lang = info.tag
  document.documentElement.dir = info.dir
  for (const $el of document.querySelectorAll('[data-text]')) {
    const s = state.texts[$el.getAttribute('data-text')]
    if (s) $el.textContent = s
  }
  new LanguageSwitch(document.querySelector('[data-module="evd-language-switch"]'), {
    languages: state.languages, current: info.tag, label: t('ui.language'), onChange: (l) => setLanguage(l)
  })
  if (rerender) await route(true)
}

function banner (message, opts) {
  const b = new NotificationBanner(message, opts)
  // A message about the page it is shown on goes at the next page
  // (others, such as "imported", are shown before the page they are for).
  if (opts && opts.transient) b.$root.setAttribute('data-transient', '')
  state.$banners.replaceChildren(b.$root)
  return b.$root
}

function clearBanners () { state.$banners.replaceChildren() }

const kindTitle = (id) => (state.kinds.find((k) => k.id === id) || { title: id }).title
const languageName = (tag) => (state.languages.find((l) => l.tag === tag) || { name: tag || '' }).name

/** Draws the page for the current location. */
async function route (keepFocus = false) {
  state.routes = (state.routes || 0) + 1
  // A model still on its way belongs to the page being left.
  clearTimeout(state.formTimer)
  state.section = ''
  for (const $b of state.$banners.querySelectorAll('[data-transient]')) $b.remove()
  await state.saving
  const [path, query] = (host.hash.slice(1) || '/').split('?')
  const params = new URLSearchParams(query || '')
  const parts = path.split('/').filter(Boolean).map(decodePart)
  if (!host.page && (parts[0] !== 'draft' || parts[1] !== host.draftOnly)) {
    // The element edits its one draft: anything else leads back to it.
    host.route = '#/draft/' + encodeURIComponent(host.draftOnly)
    return route(keepFocus)
  }
  try {
    if (state.locked && state.storage === 'indexeddb') {
      unlockPage(ctx(), () => { state.locked = false; route() })
    } else if (parts[0] === 'draft' && parts[1]) {
      await openDraft(parts[1])
      if (state.record.readOnly) newerPage(ctx(), state.record)
      else if (parts[2] === 'check') await checkPage()
      else if (parts[2] === 'print') await printPage()
      else if (parts[2] === 'history') await historyPage(params)
      else if (parts[2]) await sectionPage(parts[2], params)
      else await taskPage()
    } else if (parts[0] === 'new') {
      await newPage()
    } else if (parts[0] === 'export' && state.storage === 'indexeddb') {
      await exportPage(ctx(), params)
    } else if (parts[0] === 'import' && state.storage === 'indexeddb') {
      importPage(ctx())
    } else if (parts[0] === 'protect' && state.storage === 'indexeddb') {
      protectPage(ctx(), params)
    } else if (parts[0] === 'trash') {
      await homePage(true)
    } else {
      await homePage(false)
    }
  } catch (err) {
    page(h('h1', { class: 'evd-heading-l', text: t('ui.errorSummary') }), h('p', { class: 'evd-fatal', role: 'alert' }, err.message || String(err)),
      h('a', { href: '#/', text: t('ui.home.drafts') }))
  }
  if (!keepFocus) {
    const $h1 = state.$main.querySelector('h1')
    if ($h1) { $h1.setAttribute('tabindex', '-1'); $h1.focus({ preventScroll: true }) }
    if (host.page) window.scrollTo(0, 0)
    else state.$main.scrollIntoView({ block: 'start' })
  }
}

/** What the export and import pages need of the app. */
function ctx () {
  return {
    E, t, lang: state.lang, page, setTitle, banner, go: (hash) => host.go(hash), root: host.root, $main: state.$main, kindTitle,
    lock: async () => {
      await E.lockDrafts()
      state.locked = true
      state.record = null
      clearBanners()
      await route()
    }
  }
}

function page (...children) {
  if (pageSheet) pageSheet.replaceSync('')
  state.$main.replaceChildren(...children.flat(Infinity).filter(Boolean))
}

/**
 * A part of the address, decoded; as typed when it is not valid
 * percent-encoding (a lone "%" would otherwise throw and leave the page
 * blank).
 * @param {string} s
 */
function decodePart (s) {
  try { return decodeURIComponent(s) } catch (e) { return s }
}

// ---- Home ----

// The home page draws the newest drafts: with 10,000 stored, drawing
// every row took 3.5–8 s. "Show all" draws the rest, for the session.
const RECENT = 100

async function homePage (trash) {
  tabs.left()
  state.record = null
  // The page is drawn after several awaits: if the person went elsewhere
  // meanwhile (a link followed, a hash typed), that page stays.
  const at = host.hash
  const turn = state.routes // a later route (Lock now, a redraw) wins too
  let drafts = state.storage === 'indexeddb' ? await E.listDrafts(state.showAll ? { trash } : { trash, limit: RECENT + 1 }) : []
  const more = !state.showAll && drafts.length > RECENT
  if (more) drafts = drafts.slice(0, RECENT)
  const showAll = () => { state.showAll = true; route(true) }
  const notices = new StorageNotice({ t })
  const list = drafts.length
    ? new DraftList(drafts, {
      texts: state.texts, lang: state.lang, kindTitle, languageName, trash,
      actions: { duplicate, delete: trashDraft, restore: restoreDraft, purge: purgeDraft }
    }).$root
    : !trash && state.storage === 'indexeddb' && notices.fileStorage()
      ? notices.emptyFile()
      : h('p', { class: 'evd-body-text', text: t(trash ? 'ui.home.trashEmpty' : 'ui.home.empty') })
  const stored = !trash && state.storage === 'indexeddb'
  const prot = state.storage === 'indexeddb' ? await E.protection().catch(() => ({})) : {}
  const [storage, lasting] = await Promise.all([
    stored ? storagePanel(ctx(), prot) : null,
    stored ? notices.lasting({ exportLink: drafts.length > 0 }) : null
  ])
  const where = stored ? notices.where({ protectLink: !prot.protected }) : null
  if (host.hash !== at || state.routes !== turn) return
  setTitle(t(trash ? 'ui.home.trash' : 'ui.home.heading') + ' – ' + t('ui.title'))
  page(
    trash ? h('a', { class: 'evd-back-link', href: '#/', text: t('ui.home.drafts') }) : null,
    h('h1', { class: 'evd-heading-xl', text: t(trash ? 'ui.home.trash' : 'ui.home.heading') }),
    lasting,
    where,
    trash
      ? null
      : h('div', { class: 'evd-button-group' },
        h('a', { class: 'evd-button', href: '#/new', role: 'button', draggable: 'false', text: t('ui.home.new') }),
        state.storage === 'indexeddb' && (drafts.length || !notices.fileStorage()) ? h('a', { class: 'evd-button evd-button--secondary', href: '#/import', role: 'button', draggable: 'false', text: t('ui.home.import') }) : null,
        drafts.length ? h('a', { class: 'evd-button evd-button--secondary', href: '#/export', role: 'button', draggable: 'false', text: t('ui.home.exportAll') }) : null,
        // Forgets the key in every tab, before the person leaves the computer.
        prot.protected && prot.unlocked ? h('button', { type: 'button', class: 'evd-button evd-button--secondary', 'data-lock': '', on: { click: () => ctx().lock() }, text: t('ui.protect.lock') }) : null),
    trash || state.storage !== 'indexeddb' ? null : expiringSlot(ctx(), { notice: (s) => { state.notice = s } }),
    list,
    more
      ? h('p', { class: 'evd-body-text' }, t('ui.home.recentOnly') + ' ',
        h('button', { type: 'button', class: 'evd-button evd-button--secondary', 'data-show-all': true, on: { click: showAll }, text: t('ui.home.showAll') }))
      : null,
    trash ? null : h('p', {}, h('a', { href: '#/trash', text: t('ui.home.trash') })),
    trash && drafts.length ? h('p', { class: 'evd-body-text', 'data-purge-note': '', text: t('ui.home.purgeNote') }) : null,
    storage)
}

async function duplicate (r) {
  const full = await E.getDraft(r.id)
  await saveCopy(full, t('ui.copyOf', { Title: full.title || t('ui.untitled') }))
  await route(true)
}

/**
 * Saves a new draft with the body of record and returns it.
 * @param {Object} record
 * @param {string} [title] '' takes the reference
 */
async function saveCopy (record, title = '') {
  const copy = await E.newDraft(record.kind, record.lang)
  copy.body = record.body
  copy.title = title
  return E.saveDraft(copy)
}

async function trashDraft (r) {
  await E.deleteDraft(r.id)
  await route(true)
  banner(t('ui.deleted', { Title: r.title || t('ui.untitled') }), { type: 'success', action: { label: t('ui.undo'), fn: () => restoreDraft(r) } })
}

async function restoreDraft (r) {
  await E.restoreDraft(r.id)
  clearBanners()
  await route(true)
}

async function purgeDraft (r) {
  await E.purgeDraft(r.id)
  await route(true)
}

/**
 * Before the first draft is written, an offer to protect the drafts: then
 * nothing of them is ever stored in clear. Opened from a file, where in
 * Chromium every local HTML file shares this page's storage, it is a
 * plain recommendation.
 */
async function protectOffer () {
  if (state.storage !== 'indexeddb' || !host.page) return null
  const [prot, live, trashed] = await Promise.all([E.protection(), E.listDrafts({ limit: 1 }), E.listDrafts({ trash: true, limit: 1 })]).catch(() => [{ protected: true }])
  if (prot.protected || live.length || trashed.length) return null
  const local = location.protocol === 'file:'
  return h('div', { class: 'evd-inset' + (local ? ' evd-inset--warning' : ''), 'data-protect-offer': local ? 'local' : 'hosted' },
    h('h2', { class: 'evd-heading-m', text: t('ui.protectFirst.heading') }),
    h('p', { class: 'evd-body-text', text: t(local ? 'ui.protectFirst.local' : 'ui.protectFirst.intro') }),
    h('a', { class: 'evd-button evd-button--secondary', href: '#/protect?then=new', role: 'button', draggable: 'false', text: t('ui.protectFirst.button') }))
}

async function newPage () {
  const offer = await protectOffer()
  setTitle(t('ui.new.heading') + ' – ' + t('ui.title'))
  const $form = h('form', { class: 'evd-new', novalidate: true, on: { submit: create } },
    h('div', { class: 'evd-form-group' },
      h('fieldset', { class: 'evd-fieldset' },
        h('legend', { class: 'evd-fieldset__legend' }, h('h1', { class: 'evd-heading-xl', text: t('ui.new.heading') })),
        h('div', { class: 'evd-radios' }, state.kinds.map((k, i) => h('div', { class: 'evd-radios__item' },
          h('input', { class: 'evd-radios__input', type: 'radio', name: 'kind', id: 'kind-' + k.id, value: k.id, checked: i === 0, 'aria-describedby': 'kind-' + k.id + '-hint' }),
          h('div', {},
            h('label', { class: 'evd-label evd-radios__label', for: 'kind-' + k.id, text: k.title }),
            h('div', { class: 'evd-hint', id: 'kind-' + k.id + '-hint', text: k.description }))))))),
    h('button', { class: 'evd-button', type: 'submit', text: t('ui.new.start') }))
  // Before the first draft: say where it will be kept and whether it lasts.
  const $notices = h('div', { 'data-slot': 'storage-notices' })
  page(h('a', { class: 'evd-back-link', href: '#/', text: t('ui.back') }), offer, $notices, $form)
  if (state.storage === 'indexeddb') newPageNotices($notices, offer !== null)

  async function create (e) {
    e.preventDefault()
    const kind = new FormData($form).get('kind')
    const r = await E.newDraft(kind, state.lang)
    const saved = state.storage === 'indexeddb' ? await E.saveDraft(r) : r
    // Ask the browser to keep the drafts (no prompt in Chromium; Firefox
    // asks the user once): done on a click, as browsers expect.
    if (state.storage === 'indexeddb') E.storageStatus({ persist: true }).catch(() => {})
    state.record = saved
    host.go('#/draft/' + encodeURIComponent(saved.id))
  }
}

/**
 * @param {HTMLElement} $slot
 * @param {boolean} offered the protection offer is on the page: on file://
 *   in Chromium it already says that every local file can read the drafts
 */
async function newPageNotices ($slot, offered) {
  const notices = new StorageNotice({ t })
  const $lasting = await notices.lasting()
  const $where = offered && notices.fileStorage() === 'shared' ? null : notices.where()
  if ($slot.isConnected) $slot.replaceChildren(...[$lasting, $where].filter(Boolean))
}

// ---- Editor ----

async function openDraft (id) {
  // Asked on every page of a draft: the drafts may have been protected
  // since it was opened, here or in another tab.
  state.protected = state.storage === 'indexeddb' && (await E.protection().catch(() => ({}))).protected === true
  if (!state.record || state.record.id !== id) {
    tabs.left()
    state.record = await E.getDraft(id)
    state.record.named = named(state.record)
    state.shown = new Set()
    state.touched = new Set()
    state.undo = []
    state.conflict = null
    clearBanners()
    if (state.notice) { banner(state.notice, { type: 'success', transient: true }); state.notice = '' }
    tabs.opened(id)
    if (!state.record.readOnly) await restorePending()
  }

  if (!state.record.readOnly) await refreshForm()
}

// ---- What was typed and not saved yet ----

const pendingKey = (id) => 'evidraft.pending.' + id

/**
 * Keeps the open draft's body, with the revision it was edited from, in
 * sessionStorage: synchronous, so it is there even when the page is
 * reloaded or closed before the autosave ends. Not for drafts encrypted
 * at rest: their text must not lie in plain storage.
 */
function keepPending () {
  if (state.protected || !state.record) return
  try {
    sessionStorage.setItem(pendingKey(state.record.id), JSON.stringify({ revision: state.record.revision, body: state.record.body }))
  } catch (e) { /* storage full or off: the autosave still runs */ }
}

function dropPending (id) {
  try { sessionStorage.removeItem(pendingKey(id)) } catch (e) { /* off */ }
}

/**
 * Brings back what was typed in this tab and not saved before the page
 * went: saved at once when the draft has not changed since, otherwise
 * offered beside the newer version (conflict).
 */
async function restorePending () {
  let pending = null
  try { pending = JSON.parse(sessionStorage.getItem(pendingKey(state.record.id)) || 'null') } catch (e) { /* unreadable: ignore */ }
  if (!pending || typeof pending.body !== 'object' || !pending.body) return
  const differs = (await E.diffDrafts(state.record.body, pending.body).catch(() => [])).length > 0
  if (!differs) { dropPending(state.record.id); return }
  if (pending.revision === state.record.revision) {
    state.record.body = pending.body
    banner(t('ui.restored'), { type: 'success', transient: true })
    await save(true)
    return
  }
  // Another tab saved since: both versions are kept until the user chooses.
  const theirs = state.record
  state.record = Object.assign({}, theirs, { body: pending.body, revision: pending.revision })
  await conflict(theirs)
}

async function refreshForm (final = false) {
  const seq = ++state.formSeq
  const form = await E.form(state.record.body, { lang: state.lang, final })
  if (seq !== state.formSeq) return state.form // a newer one was asked for
  state.form = form
  host.emit('validity', { id: state.record.id, valid: form.valid, errors: form.errors, warnings: form.warnings, final })
  return form
}

const draftHref = (...rest) => '#/draft/' + encodeURIComponent(state.record.id) + (rest.length ? '/' + rest.join('/') : '')
const readOnly = () => state.record.status === 'final'
/**
 * Whether the answers on screen are read-only: those of a final draft,
 * except the section that records what happened after sending it (the
 * form model marks it afterFinal).
 */
const answersLocked = () => readOnly() && !(state.form && state.form.sections.some((s) => s.id === state.section && s.afterFinal))

function caption () {
  return h('span', { class: 'evd-caption' }, h('bdi', { text: state.record.title || t('ui.untitled') }), ' – ', kindTitle(state.record.kind))
}

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
function nameForm () {
  const $in = h('input', { class: 'evd-input', id: 'draft-name', type: 'text', dir: 'auto', spellcheck: 'false', 'aria-describedby': 'draft-name-hint' })
  $in.value = state.record.named ? state.record.title : ''
  return h('form', { class: 'evd-draft-name', novalidate: true, 'data-draft-name': '', on: { submit: rename } },
    h('div', { class: 'evd-form-group' },
      h('label', { class: 'evd-label', for: 'draft-name', text: t('ui.name.label') }),
      h('div', { class: 'evd-hint', id: 'draft-name-hint', text: t(state.protected ? 'ui.name.hintProtected' : 'ui.name.hint') }),
      $in),
    h('button', { class: 'evd-button evd-button--secondary', type: 'submit', text: t('ui.name.save') }))

  async function rename (e) {
    e.preventDefault()
    const v = $in.value.trim()
    state.record.named = !!v
    state.record.title = v
    await save(true)
    await route(true)
    banner(t('ui.name.done', { Title: state.record.title || t('ui.untitled') }), { type: 'success', transient: true })
  }
}

async function taskPage () {
  setTitle(kindTitle(state.record.kind) + ' – ' + t('ui.title'))
  page(
    h('a', { class: 'evd-back-link', href: '#/', text: t('ui.home.drafts') }),
    caption(),
    h('h1', { class: 'evd-heading-xl', text: t('ui.tasks') }),
    expiryNote(state.form, t, readOnly() ? draftHref('tracking') : ''),
    readOnly() ? finalBanner() : null,
    new TaskList(state.form.sections, (id) => draftHref(id), state.texts).$root,
    h('div', { class: 'evd-button-group' },
      h('a', { class: 'evd-button', href: draftHref('check'), role: 'button', text: t('ui.check') }),
      h('a', { href: draftHref('print'), text: t('ui.print') }),
      h('a', { href: draftHref('history'), text: t('ui.history') })),
    readOnly() ? null : nameForm())
}

function finalBanner () {
  return h('div', { class: 'evd-inset' },
    h('p', { class: 'evd-body-text', text: t('ui.finalised') }),
    h('button', { type: 'button', class: 'evd-button evd-button--secondary', on: { click: reopen }, text: t('ui.reopen') }))
}

async function reopen () {
  state.record.status = 'draft'
  await save(true)
  await route()
}

async function sectionPage (id, params) {
  const section = state.form.sections.find((s) => s.id === id)
  if (!section) throw new Error('no section ' + id)
  state.undo = [] // Undo is for this page's changes
  setTitle(section.title + ' – ' + t('ui.title'))
  const ret = params.get('return')
  const $saved = h('p', { class: 'evd-saved', role: 'status', 'data-module': 'evd-saved' })
  const $errors = h('div', { 'data-slot': 'errors' })
  const $fields = h('div', { class: 'evd-fields', 'data-slot': 'fields' })
  const $hidden = h('div', { 'data-slot': 'hidden' })
  const idx = state.form.sections.indexOf(section)
  // The next section of the request. After sending (afterFinal) is no
  // step of drafting it, so Continue passes it by; on a request already
  // finalised it leads back to the tasks.
  const after = state.form.sections.slice(idx + 1).find((s) => !s.afterFinal)
  const next = section.afterFinal && readOnly() && ret !== 'check' ? draftHref() : ret === 'check' || !after ? draftHref('check') : draftHref(after.id)
  const $form = h('form', { class: 'evd-section', novalidate: true, on: { submit: (e) => { e.preventDefault(); continueSection(id, next) } } },
    $errors,
    caption(),
    h('h1', { class: 'evd-heading-xl', text: section.title }),
    readOnly() && !section.afterFinal ? finalBanner() : h('div', { class: 'evd-section__status' }, $saved, undoButton()),
    $hidden,
    $fields,
    readOnly() && !section.afterFinal ? null : h('button', { class: 'evd-button', type: 'submit', text: t('ui.continue') }))
  page(h('a', { class: 'evd-back-link', href: ret === 'check' ? draftHref('check') : draftHref(), text: t('ui.back') }), $form)
  state.section = id
  state.checkpoint = true
  new FieldController($fields, {
    value: (p) => ptr.get(state.record.body, p),
    onChange: (p, v, structural, focus) => { state.focusNext = focus || ''; edit(id, p, v, structural) },
    onBlur: (p) => {
      // Findings show once the user changed an answer and left it;
      // passing through with Tab marks nothing.
      if (!state.touched.has(p) || state.shown.has(p)) return
      state.shown.add(p)
      scheduleForm(id, 0)
    }
  })
  // Coming from a finding on check answers: show it where it is fixed.
  const focus = params.get('focus')
  if (focus) state.shown.add(focus)
  drawFields(id)
  if (focus) setTimeout(() => focusField(idFor(focus), host.root), 0)
}

/**
 * Brings the section's fields in line with the form model by patching
 * them (dom.js morph): findings, visibility and list lengths change in
 * place, the field the user is in is never replaced, and nothing at all
 * changes when nothing differs. Does nothing unless that section's page
 * is the one on screen.
 */
function drawFields (sectionId) {
  const section = state.form.sections.find((s) => s.id === sectionId)
  const $fields = state.$main.querySelector('[data-slot="fields"]')
  if (state.section !== sectionId || !section || !$fields) return
  const renderer = new FieldRenderer({
    texts: state.texts,
    lang: state.lang,
    readOnly: answersLocked(),
    countries: state.countries,
    timeZones: state.timeZones,
    shown: (p) => state.shown.has(p),
    value: (p) => ptr.get(state.record.body, p)
  })
  const fields = section.fields.length === 1 && section.fields[0].widget === 'group' ? section.fields[0].fields : section.fields
  const $active = host.root.activeElement
  morph($fields, h('div', { class: 'evd-fields', 'data-slot': 'fields' }, fields.map((f) => renderer.render(f))), $active)
  const hiddenHere = state.form.hidden.filter((p) => section.fields.some((f) => p === f.pointer || p.startsWith(f.pointer + '/')))
  const $hidden = state.$main.querySelector('[data-slot="hidden"]')
  morph($hidden, h('div', { 'data-slot': 'hidden' }, hiddenHere.length ? h('p', { class: 'evd-inset', text: t('ui.hidden', { N: hiddenHere.length }) }) : null), $active)
  if (state.focusNext) {
    const $to = $fields.querySelector(state.focusNext)
    state.focusNext = ''
    if ($to) controlIn($to).focus()
  }
}

/** Applies one answer: into the body, then save and re-check. */
function edit (sectionId, pointer, value, structural) {
  if (answersLocked()) return
  rememberForUndo(pointer, structural)
  ptr.set(state.record.body, pointer, value)
  // A translation records the answer it translates (the model says so).
  const also = fieldAt(pointer)?.also
  if (also) ptr.set(state.record.body, also.pointer, value === undefined ? undefined : also.value)
  state.touched.add(pointer)
  keepPending()
  scheduleSave()
  scheduleForm(sectionId, structural ? 0 : 150)
}

/** The form model's field at pointer, if drawn. */
function fieldAt (pointer) {
  const find = (fields) => {
    for (const f of fields || []) {
      if (f.pointer === pointer) return f
      const inner = find(f.fields) || find(f.items)
      if (inner) return inner
    }
    return null
  }
  return state.form ? find(state.form.sections.flatMap((s) => s.fields)) : null
}

/** Changes to one answer within UNDO_GAP ms are one step of Undo. */
const UNDO_GAP = 2000
const UNDO_STEPS = 50

function rememberForUndo (pointer, structural) {
  const last = state.undo[state.undo.length - 1]
  const now = Date.now()
  if (!structural && last && last.pointer === pointer && now - last.at < UNDO_GAP) { last.at = now; return }
  state.undo.push({ pointer, at: now, body: structuredClone(state.record.body) })
  if (state.undo.length > UNDO_STEPS) state.undo.shift()
  updateUndo()
}

function undoButton () {
  return h('button', { type: 'button', class: 'evd-button evd-button--secondary evd-button--small', 'data-module': 'evd-undo', disabled: !state.undo.length, on: { click: undoLast }, text: t('ui.undoChange') })
}

function updateUndo () {
  const $b = state.$main.querySelector('[data-module="evd-undo"]')
  if ($b && $b.disabled !== !state.undo.length) $b.disabled = !state.undo.length
}

/** Puts back the answers as they were before the last change. */
function undoLast () {
  const step = state.undo.pop()
  updateUndo()
  if (!step || answersLocked()) return
  state.record.body = step.body
  keepPending()
  scheduleSave()
  if (state.section) scheduleForm(state.section, 0)
}

/** Asks for the form model after delay ms of quiet, then patches the fields. */
function scheduleForm (sectionId, delay) {
  clearTimeout(state.formTimer)
  state.formTimer = setTimeout(async () => {
    if (state.section !== sectionId) return
    await refreshForm()
    drawFields(sectionId)
  }, delay)
}

function findingsIn (section) {
  return state.form.findings.filter((f) => section.fields.some((fd) => f.pointer === fd.pointer || f.pointer.startsWith(fd.pointer + '/')))
}

/** Quiet time after a keystroke before the draft is saved. */
const SAVE_DEBOUNCE = 400
/** Longest an unsaved change waits while the user keeps typing. */
const SAVE_MAX_WAIT = 800

/**
 * Saves 400 ms after the last change, and at least every 800 ms while the
 * user keeps typing: a crash or a killed browser loses under a second.
 */
function scheduleSave () {
  savedStatus(t('ui.saving'), false)
  const now = Date.now()
  if (!state.dirtySince) state.dirtySince = now
  clearTimeout(state.saveTimer)
  state.saveTimer = setTimeout(() => { save() }, Math.max(0, Math.min(SAVE_DEBOUNCE, state.dirtySince + SAVE_MAX_WAIT - now)))
}

/** Shows the save status under the heading (only when it changes). */
function savedStatus (text, error) {
  const $saved = state.$main.querySelector('[data-module="evd-saved"]')
  if (!$saved) return
  setText($saved, text)
  $saved.classList.toggle('evd-saved--error', error)
}

/** Saves the open draft; a refused save (another tab, a full disk) is said plainly. */
function save (now = false) {
  clearTimeout(state.saveTimer)
  state.dirtySince = 0
  state.saving = state.saving.then(async () => {
    if (state.storage !== 'indexeddb') {
      savedStatus(t('ui.notSaved', { Detail: t('ui.noStorage') }), true)
      return
    }
    if (state.conflict) { // nothing is written until the user chooses
      savedStatus(t('ui.notSaved', { Detail: t('ui.conflict.short') }), true)
      return
    }
    const record = state.record
    try {
      // No title: the engine takes it from the reference as it is now,
      // unless the user named the draft otherwise.
      const saved = await E.saveDraft(Object.assign({}, record, { title: record.named ? record.title : '', checkpoint: state.checkpoint }))
      state.checkpoint = false
      record.revision = saved.revision
      record.title = saved.title
      record.updated = saved.updated
      // Kept until saved: edits made while this save ran wait for the next.
      if (!state.dirtySince) dropPending(record.id)
      else if (record === state.record) keepPending()
      savedStatus(t('ui.saved'), false)
      host.emit('saved', { id: record.id, revision: saved.revision, title: saved.title, status: saved.status, updated: saved.updated })
    } catch (err) {
      if (err.code === 'store.stale' && record === state.record) {
        await conflict(await E.getDraft(record.id))
        return
      }
      savedStatus(t('ui.notSaved', { Detail: err.message }), true)
    }
  })
  return state.saving
}

/**
 * Another tab saved the open draft first. What this tab holds stays on
 * screen and in sessionStorage, and nothing is saved, until the user
 * chooses: keep theirs over the other (after seeing which answers
 * differ), save it as a copy, or load the other version.
 * @param {Object} theirs the stored record, body included
 */
async function conflict (theirs) {
  const changes = await E.diffDrafts(theirs.body, state.record.body, { lang: state.lang }).catch(() => [])
  if (!changes.length) {
    // The same answers (this tab's own save landed, or the same text was
    // typed twice): go on from the stored revision.
    Object.assign(state.record, { revision: theirs.revision, title: theirs.title, updated: theirs.updated })
    dropPending(state.record.id)
    savedStatus(t('ui.saved'), false)
    return
  }
  state.conflict = { theirs }
  keepPending()
  savedStatus(t('ui.notSaved', { Detail: t('ui.conflict.short') }), true)
  const $list = h('ul', { class: 'evd-list evd-notification-banner__details', 'data-module': 'evd-conflict-list' },
    changes.map((c) => h('li', {}, c.label)))
  banner(t('ui.conflict'), {
    type: 'error',
    details: h('div', { class: 'evd-notification-banner__details' }, h('p', { text: t('ui.conflict.differ') }), $list),
    actions: [
      { label: t('ui.conflict.keepMine'), fn: keepMine },
      { label: t('ui.conflict.copy'), fn: saveAsCopy },
      { label: t('ui.conflict.loadOther'), fn: loadOther }
    ]
  })
}

/** Saves this tab's version over the other one (which stays in History). */
async function keepMine () {
  const { theirs } = state.conflict
  state.conflict = null
  clearBanners()
  state.record.revision = theirs.revision
  await save(true)
}

/** Saves this tab's version as a new draft and opens it; the other stays. */
async function saveAsCopy () {
  const mine = state.record
  state.conflict = null
  clearBanners()
  const saved = await saveCopy(mine)
  dropPending(mine.id)
  state.record = null
  state.notice = t('ui.conflict.copied')
  host.go('#/draft/' + encodeURIComponent(saved.id) + (state.section ? '/' + state.section : ''))
}

/** Drops this tab's changes for the stored version. */
async function loadOther () {
  dropPending(state.record.id)
  state.conflict = null
  await reloadDraft()
}

async function reloadDraft () {
  state.record = null
  clearBanners()
  await route()
}

/** Save and continue: check the section; go on only without errors. */
async function continueSection (sectionId, next) {
  if (state.dirtySince) await save(true)
  else await state.saving
  await refreshForm()
  const section = state.form.sections.find((s) => s.id === sectionId)
  for (const f of findingsIn(section)) state.shown.add(f.pointer)
  const errors = findingsIn(section).filter((f) => f.severity === 'error')
  if (!errors.length) {
    host.go(next)
    return
  }
  drawFields(sectionId)
  const summary = new ErrorSummary(t('ui.errorSummary'), errors.map((f) => ({ text: f.message, target: targetId(f.pointer) })), { root: host.root })
  state.$main.querySelector('[data-slot="errors"]').replaceChildren(summary.$root)
  setTitle(t('ui.errorSummary') + ': ' + section.title + ' – ' + t('ui.title'))
  summary.focus()
}

/** The element a finding's link goes to: the field, or its nearest drawn parent. */
function targetId (pointer) {
  let p = pointer
  while (p && !host.root.getElementById(idFor(p))) p = p.slice(0, p.lastIndexOf('/'))
  return idFor(p || pointer)
}

// ---- Check answers ----

async function checkPage () {
  await refreshForm(true)
  setTitle(t('ui.check') + ' – ' + t('ui.title'))
  const form = state.form
  const errors = form.findings.filter((f) => f.severity === 'error')
  const warnings = form.findings.filter((f) => f.severity === 'warning')
  const sectionOf = (pointer) => form.sections.find((s) => s.fields.some((fd) => pointer === fd.pointer || pointer.startsWith(fd.pointer + '/')))
  const linkFor = (f) => { const s = sectionOf(f.pointer); return s ? draftHref(s.id) + '?return=check&focus=' + encodeURIComponent(f.pointer) : draftHref() }
  const $summary = errors.length ? new ErrorSummary(t('ui.errorSummary'), errors.map((f) => ({ text: f.message, href: linkFor(f) }))) : null
  // What happened after sending is shown once the request is final.
  const sections = form.sections.filter((s) => !s.afterFinal || readOnly()).map((s) => [
    h('h2', { class: 'evd-heading-m', text: s.title }),
    new SummaryList(rows(s)).$root])
  page(
    h('a', { class: 'evd-back-link', href: draftHref(), text: t('ui.back') }),
    $summary ? $summary.$root : null,
    caption(),
    h('h1', { class: 'evd-heading-xl', text: t('ui.check') }),
    warnings.length ? new ErrorSummary(t('ui.warnings'), warnings.map((f) => ({ text: f.message, href: linkFor(f) })), { warning: true }).$root : null,
    sections,
    readOnly()
      ? [finalBanner(), h('a', { class: 'evd-button', href: draftHref('print'), role: 'button', text: t('ui.print') })]
      : h('div', { class: 'evd-button-group' },
        h('button', { type: 'button', class: 'evd-button', on: { click: finalise }, text: t('ui.finalise') }),
        h('a', { href: draftHref('print'), text: t('ui.print') })))
  if ($summary) $summary.focus()

  async function finalise () {
    if (errors.length) {
      $summary.focus()
      return
    }
    state.record.status = 'final'
    await save(true)
    host.emit('finalised', { id: state.record.id, revision: state.record.revision })
    await route()
  }
}

/** Summary rows of a section: answered, visible questions. */
function rows (section, links = true) {
  const out = []
  const walk = (fields, prefix) => {
    for (const f of fields) {
      if (!f.visible) continue
      const key = prefix ? prefix + ' › ' + f.label : f.label
      const href = readOnly() || !links ? null : draftHref(section.id) + '?return=check&focus=' + encodeURIComponent(f.pointer)
      if (f.widget === 'group') { walk(f.fields || [], section.fields.length === 1 && !prefix ? '' : key); continue }
      if (f.widget === 'groups') { for (const it of f.items || []) walk(it.fields || [], key + ' › ' + it.label); if (!(f.items || []).length) out.push({ key, value: missing(), href, changeLabel: t('ui.change') }); continue }
      out.push({ key, value: display(f), href, changeLabel: t('ui.change') })
    }
  }
  walk(section.fields, '')
  return out
}

function missing () { return h('span', { class: 'evd-summary-list__missing', text: t('ui.notAnswered') }) }

/** An answer as Go writes it for reading (dates, names, labels in words). */
function display (f) {
  if (!f.text) return missing()
  return f.dir === 'ltr' ? h('bdi', { dir: 'ltr', text: f.text }) : f.text
}

// ---- Printable request ----

async function printPage () {
  setTitle(t('ui.print') + ' – ' + t('ui.title'))
  const [, query] = host.hash.split('?')
  const params = new URLSearchParams(query || '')
  const first = params.get('lang') || state.record.body.language || state.record.lang || state.lang
  // The declared translation language is preselected; "none" is kept.
  const declared = state.languages.some((l) => l.tag === state.record.body.translationLanguage) ? state.record.body.translationLanguage : ''
  const second = params.has('second') ? params.get('second') : (declared !== first ? declared : '')
  const go = (l, s) => { host.go(draftHref('print') + '?lang=' + encodeURIComponent(l) + '&second=' + encodeURIComponent(s)) }
  const select = (id, label, value, none, onChange) => h('div', { class: 'evd-form-group evd-noprint' },
    h('label', { class: 'evd-label', for: id, text: label }),
    h('select', { class: 'evd-select', id, on: { change: (e) => onChange(e.target.value) } },
      none ? h('option', { value: '', text: t('ui.print.none') }) : null,
      state.languages.map((l) => h('option', { value: l.tag, lang: l.tag, selected: l.tag === value, text: l.name }))))
  const html = await E.render(state.record.body, { lang: first, second, final: state.record.status === 'final' })
  page(
    h('a', { class: 'evd-back-link evd-noprint', href: draftHref(), text: t('ui.back') }),
    h('h1', { class: 'evd-heading-xl evd-noprint', text: t('ui.print') }),
    h('div', { class: 'evd-noprint' }, expiryNote(state.form, t)),
    h('div', { class: 'evd-print-controls evd-noprint' },
      select('print-lang', t('ui.print.language'), first, false, (v) => go(v, second)),
      select('print-second', t('ui.print.second'), second, true, (v) => go(first, v))),
    h('button', { type: 'button', class: 'evd-button evd-noprint', on: { click: () => window.print() }, text: t('ui.print.button') }),
    h('div', { class: 'evd-print-page' }, engineHTML(html)))
  pageRules(document.querySelector('.evd-print[data-page-css]'))
}

/**
 * The printed request's @page rules (its reference and "page x of y" on
 * every page) go in through the CSSOM: the CSP allows no inline style.
 * They are removed when the page is left.
 */
let pageSheet = null
function pageRules ($doc) {
  if (!pageSheet) {
    if (!('adoptedStyleSheets' in document)) return
    pageSheet = new CSSStyleSheet()
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, pageSheet]
  }
  pageSheet.replaceSync($doc ? $doc.dataset.pageCss : '')
}

// ---- History ----

/**
 * The kept versions of the draft, newest first: when, which sections
 * changed; any of them shown, and restored as a new version.
 */
async function historyPage (params) {
  if (state.dirtySince) await save(true)
  const versions = await E.history(state.record.id, { lang: state.lang })
  const when = dateFormat(state.lang, 'medium') // saves a few seconds apart must differ
  const shown = versions.find((v) => String(v.revision) === params.get('show'))
  if (shown) return versionPage(shown, versions[0], when)
  setTitle(t('ui.history.heading') + ' – ' + t('ui.title'))
  const rows = versions.map((v, i) => h('tr', { class: 'evd-table__row' },
    h('td', { class: 'evd-table__cell' }, h('time', { datetime: v.updated, text: when(v.updated) }), i === 0 ? [h('br'), h('strong', { text: t('ui.history.current') })] : null),
    h('td', { class: 'evd-table__cell' }, v.sections.length ? v.sections.map((s) => s.title).join(', ') : t('ui.history.none')),
    h('td', { class: 'evd-table__cell' }, h('a', { href: draftHref('history') + '?show=' + v.revision, 'data-revision': v.revision }, t('ui.history.show'), h('span', { class: 'evd-visually-hidden', text: ' ' + when(v.updated) })))))
  page(
    h('a', { class: 'evd-back-link', href: draftHref(), text: t('ui.back') }),
    caption(),
    h('h1', { class: 'evd-heading-xl', text: t('ui.history.heading') }),
    h('p', { class: 'evd-body-text', text: t('ui.history.intro') }),
    h('table', { class: 'evd-table' },
      h('thead', {}, h('tr', {}, [t('ui.history.when'), t('ui.history.changed'), t('ui.list.actions')].map((c) => h('th', { class: 'evd-table__header', scope: 'col', text: c })))),
      h('tbody', {}, rows)))
}

/** One kept version's answers, read-only, with Restore. */
async function versionPage (v, current, when) {
  const form = await E.form(v.body, { lang: state.lang })
  const title = t('ui.history.version', { When: when(v.updated) })
  setTitle(title + ' – ' + t('ui.title'))
  page(
    h('a', { class: 'evd-back-link', href: draftHref('history'), text: t('ui.back') }),
    caption(),
    h('h1', { class: 'evd-heading-xl', text: title }),
    v.revision === current.revision
      ? h('p', { class: 'evd-inset', text: t('ui.history.current') })
      : h('button', { type: 'button', class: 'evd-button', 'data-module': 'evd-restore', on: { click: restore }, text: t('ui.history.restore') }),
    form.sections.map((s) => [h('h2', { class: 'evd-heading-m', text: s.title }), new SummaryList(rows(s, false)).$root]))

  async function restore () {
    try {
      await E.revertDraft(state.record.id, v.revision, state.record.revision)
    } catch (err) {
      banner(err.message, { type: 'error' })
      return
    }
    state.record = null // read again: body and revision
    state.notice = t('ui.history.restored', { When: when(v.updated) })
    host.go('#/draft/' + encodeURIComponent(current.id))
  }
}

// ---- iframe mode: commands from an allowed portal ----

const embedCommands = {
  async newDraft (msg) {
    const r = await E.newDraft(String(msg.kind), msg.lang ? String(msg.lang) : state.lang)
    const saved = state.storage === 'indexeddb' ? await E.saveDraft(r) : r
    state.record = saved
    host.go('#/draft/' + encodeURIComponent(saved.id))
    return { id: saved.id }
  },
  async openDraft (msg) {
    const r = await E.getDraft(String(msg.draftId))
    host.go('#/draft/' + encodeURIComponent(r.id))
    return { id: r.id }
  },
  async getDraft (msg) {
    const id = msg.draftId ? String(msg.draftId) : state.record && state.record.id
    if (!id) throw Object.assign(new Error('no draft is open'), { code: 'store.notFound' })
    return E.getDraft(id)
  },
  async listDrafts () { return E.listDrafts({}) },
  async setLanguage (msg) {
    await setLanguage(String(msg.lang))
    return { lang: state.lang }
  }
}

// ---- Other tabs ----

/**
 * Which tabs of this browser have which draft open, told over a
 * BroadcastChannel of the page's own: opening a draft that another tab
 * has open says so at once, in both tabs.
 */
const tabs = {
  /** @type {BroadcastChannel|null} */
  channel: null,
  /** @type {HTMLElement|null} the banner saying the draft is open elsewhere */
  $note: null,
  me: Math.random().toString(36).slice(2),
  start (dbName) {
    try { this.channel = new BroadcastChannel('evidraft.tabs:' + dbName) } catch (e) { return } // file:// in some browsers
    this.channel.onmessage = (e) => {
      const m = e.data || {}
      const id = state.record && state.record.id
      if (!id || m.id !== id || m.tab === this.me) return
      if (m.type === 'open') this.channel.postMessage({ type: 'here', id, tab: this.me })
      if (state.conflict) return // its choices stay on screen
      if (m.type === 'open' || m.type === 'here') this.$note = banner(t('ui.openElsewhere'), { type: 'info' })
      if (m.type === 'left' && this.$note) this.$note.remove()
    }
  },
  opened (id) { if (this.channel) this.channel.postMessage({ type: 'open', id, tab: this.me }) },
  left () { if (this.channel && state.record) this.channel.postMessage({ type: 'left', id: state.record.id, tab: this.me }) }
}

function onChange (detail) {
  if (detail.origin !== 'remote') return
  if ((detail.action === 'protected' || detail.action === 'locked') && state.storage === 'indexeddb') {
    // Another tab protected or locked the drafts: so is this one now.
    E.protection().then((p) => {
      if (!p.protected) return
      state.protected = true
      if (p.unlocked) return
      state.locked = true
      state.record = null
      clearBanners()
      route()
    }).catch(() => {})
    return
  }
  if (state.record && detail.id === state.record.id && detail.revision > state.record.revision) {
    if (state.conflict) return
    // Loading the other version is safe only without unsaved changes here;
    // with some, the next save meets the conflict and keeps both.
    banner(t('ui.otherTab'), { type: 'error', action: { label: t('ui.otherTab.load'), fn: () => (state.dirtySince ? save(true) : reloadDraft()) } })
  } else if (!state.record && (host.hash === '' || host.hash === '#/' || host.hash === '#/trash')) {
    route(true)
  }
}

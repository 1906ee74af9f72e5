// The home page (the drafts, the trash) and the new-request page.
import { h } from './dom.js'
import { DraftList } from '../components/draft-list/draft-list.js'
import { StorageNotice } from '../components/storage-notice/storage-notice.js'
import { storagePanel } from './transfer.js'
import { expiringSlot } from './expiry.js'
import { saveCopy } from './autosave.js'

/** @typedef {import("./app.js").App} App */

// The home page draws the newest drafts: with 10,000 stored, drawing
// every row took 3.5–8 s. "Show all" draws the rest, for the session.
const RECENT = 100

/**
 * @param {App} app
 * @param {boolean} trash the trash, not the live drafts
 */
export async function homePage (app, trash) {
  app.tabs.left()
  app.record = null
  // The page is drawn after several awaits: if the person went elsewhere
  // meanwhile (a link followed, a hash typed), that page stays.
  const at = app.host.hash
  const turn = app.routes // a later route (Lock now, a redraw) wins too
  let drafts = app.storage === 'indexeddb' ? await app.E.listDrafts(app.showAll ? { trash } : { trash, limit: RECENT + 1 }) : []
  const more = !app.showAll && drafts.length > RECENT
  if (more) drafts = drafts.slice(0, RECENT)
  const showAll = () => { app.showAll = true; app.route(true) }
  const notices = new StorageNotice({ t: app.t })
  const list = drafts.length
    ? new DraftList({
      drafts,
      texts: app.texts, lang: app.lang, kindTitle: (id) => app.kindTitle(id), languageName: (tag) => app.languageName(tag), trash,
      actions: { duplicate: (r) => duplicate(app, r), delete: (r) => trashDraft(app, r), restore: (r) => restoreDraft(app, r), purge: (r) => purgeDraft(app, r) }
    }).$root
    : !trash && app.storage === 'indexeddb' && notices.fileStorage()
      ? notices.emptyFile()
      : h('p', { class: 'evd-body-text', text: app.t(trash ? 'ui.home.trashEmpty' : 'ui.home.empty') })
  const stored = !trash && app.storage === 'indexeddb'
  const prot = app.storage === 'indexeddb' ? await app.E.protection().catch(() => ({})) : {}
  const [storage, lasting] = await Promise.all([
    stored ? storagePanel(app, prot) : null,
    stored ? notices.lasting({ exportLink: drafts.length > 0 }) : null
  ])
  const where = stored ? notices.where({ protectLink: !prot.protected }) : null
  if (app.host.hash !== at || app.routes !== turn) return
  app.setTitle(app.t(trash ? 'ui.home.trash' : 'ui.home.heading') + ' – ' + app.t('ui.title'))
  app.page(
    trash ? h('a', { class: 'evd-back-link', href: '#/', text: app.t('ui.home.drafts') }) : null,
    h('h1', { class: 'evd-heading-xl', text: app.t(trash ? 'ui.home.trash' : 'ui.home.heading') }),
    lasting,
    where,
    trash
      ? null
      : h('div', { class: 'evd-button-group' },
        h('a', { class: 'evd-button', href: '#/new', role: 'button', draggable: 'false', text: app.t('ui.home.new') }),
        app.storage === 'indexeddb' && (drafts.length || !notices.fileStorage()) ? h('a', { class: 'evd-button evd-button--secondary', href: '#/import', role: 'button', draggable: 'false', text: app.t('ui.home.import') }) : null,
        drafts.length ? h('a', { class: 'evd-button evd-button--secondary', href: '#/export', role: 'button', draggable: 'false', text: app.t('ui.home.exportAll') }) : null,
        // Forgets the key in every tab, before the person leaves the computer.
        prot.protected && prot.unlocked ? h('button', { type: 'button', class: 'evd-button evd-button--secondary', 'data-lock': '', on: { click: () => app.lock() }, text: app.t('ui.protect.lock') }) : null),
    trash || app.storage !== 'indexeddb' ? null : expiringSlot(app, { notice: (s) => { app.notice = s } }),
    list,
    more
      ? h('p', { class: 'evd-body-text' }, app.t('ui.home.recentOnly') + ' ',
        h('button', { type: 'button', class: 'evd-button evd-button--secondary', 'data-show-all': true, on: { click: showAll }, text: app.t('ui.home.showAll') }))
      : null,
    trash ? null : h('p', {}, h('a', { href: '#/trash', text: app.t('ui.home.trash') })),
    trash && drafts.length ? h('p', { class: 'evd-body-text', 'data-purge-note': '', text: app.t('ui.home.purgeNote') }) : null,
    storage)
}

async function duplicate (app, r) {
  const full = await app.E.getDraft(r.id)
  await saveCopy(app, full, app.t('ui.copyOf', { Title: full.title || app.t('ui.untitled') }))
  await app.route(true)
}

async function trashDraft (app, r) {
  await app.E.deleteDraft(r.id)
  await app.route(true)
  done(app, app.t('ui.deleted', { Title: r.title || app.t('ui.untitled') }), { label: app.t('ui.undo'), fn: () => restoreDraft(app, r) })
}

async function restoreDraft (app, r) {
  await app.E.restoreDraft(r.id)
  app.clearBanners()
  await app.route(true)
  done(app, app.t('ui.untrashed', { Title: r.title || app.t('ui.untitled') }))
}

async function purgeDraft (app, r) {
  await app.E.purgeDraft(r.id)
  await app.route(true)
  app.focusHeading()
}

/**
 * Says what a button of the list did, in a banner that takes focus: the
 * button went with the list drawn again, and focus with it (to the
 * page's body, where a keyboard or screen reader user is lost).
 * @param {Object} [action] the banner's button (Undo)
 */
function done (app, message, action) {
  const $b = app.banner(message, { type: 'success', action })
  $b.setAttribute('tabindex', '-1')
  $b.focus()
}

/**
 * Before the first draft is written, an offer to protect the drafts: then
 * nothing of them is ever stored in clear. Opened from a file, where in
 * Chromium every local HTML file shares this page's storage, it is a
 * plain recommendation.
 */
async function protectOffer (app) {
  if (app.storage !== 'indexeddb' || !app.host.whole) return null
  const [prot, live, trashed] = await Promise.all([app.E.protection(), app.E.listDrafts({ limit: 1 }), app.E.listDrafts({ trash: true, limit: 1 })]).catch(() => [{ protected: true }])
  if (prot.protected || live.length || trashed.length) return null
  const local = location.protocol === 'file:'
  return h('div', { class: 'evd-inset' + (local ? ' evd-inset--warning' : ''), 'data-protect-offer': local ? 'local' : 'hosted' },
    h('h2', { class: 'evd-heading-m', text: app.t('ui.protectFirst.heading') }),
    h('p', { class: 'evd-body-text', text: app.t(local ? 'ui.protectFirst.local' : 'ui.protectFirst.intro') }),
    h('a', { class: 'evd-button evd-button--secondary', href: '#/protect?then=new', role: 'button', draggable: 'false', text: app.t('ui.protectFirst.button') }))
}

export async function newPage (app) {
  const offer = await protectOffer(app)
  app.setTitle(app.t('ui.new.heading') + ' – ' + app.t('ui.title'))
  const $form = h('form', { class: 'evd-new', novalidate: true, on: { submit: create } },
    h('div', { class: 'evd-form-group' },
      h('fieldset', { class: 'evd-fieldset' },
        h('legend', { class: 'evd-fieldset__legend' }, h('h1', { class: 'evd-heading-xl', text: app.t('ui.new.heading') })),
        h('div', { class: 'evd-radios' }, app.kinds.map((k, i) => h('div', { class: 'evd-radios__item' },
          h('input', { class: 'evd-radios__input', type: 'radio', name: 'kind', id: 'kind-' + k.id, value: k.id, checked: i === 0, 'aria-describedby': 'kind-' + k.id + '-hint' }),
          h('div', {},
            h('label', { class: 'evd-label evd-radios__label', for: 'kind-' + k.id, text: k.title }),
            h('div', { class: 'evd-hint', id: 'kind-' + k.id + '-hint', text: k.description }))))))),
    h('button', { class: 'evd-button', type: 'submit', text: app.t('ui.new.start') }))
  // Before the first draft: say where it will be kept and whether it lasts.
  const $notices = h('div', { 'data-slot': 'storage-notices' })
  app.page(h('a', { class: 'evd-back-link', href: '#/', text: app.t('ui.back') }), offer, $notices, $form)
  if (app.storage === 'indexeddb') newPageNotices(app, $notices, offer !== null)

  async function create (e) {
    e.preventDefault()
    const kind = new FormData($form).get('kind')
    const r = await app.E.newDraft(kind, app.lang)
    const saved = app.storage === 'indexeddb' ? await app.E.saveDraft(r) : r
    // Ask the browser to keep the drafts (no prompt in Chromium; Firefox
    // asks the user once): done on a click, as browsers expect.
    if (app.storage === 'indexeddb') app.E.storageStatus({ persist: true }).catch(() => {})
    app.record = saved
    app.go('#/draft/' + encodeURIComponent(saved.id))
  }
}

/**
 * @param {HTMLElement} $slot
 * @param {boolean} offered the protection offer is on the page: on file://
 *   in Chromium it already says that every local file can read the drafts
 */
async function newPageNotices (app, $slot, offered) {
  // The page is busy until they are drawn (the browser answers
  // persisted() in its own time): assistive technology, and tests,
  // wait for it.
  app.busy(1)
  try {
    const notices = new StorageNotice({ t: app.t })
    const $lasting = await notices.lasting()
    const $where = offered && notices.fileStorage() === 'shared' ? null : notices.where()
    if ($slot.isConnected) $slot.replaceChildren(...[$lasting, $where].filter(Boolean))
  } finally { app.busy(-1) }
}

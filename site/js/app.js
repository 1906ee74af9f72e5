// The drafting site: home (drafts, trash, new request), the editor (task
// list and one page per section), check answers and the printable
// request. Go computes every answer that has a right one (the form model,
// findings, the printed document); the pages draw them and move focus.
//
// One App per mount: the whole page (start), or one draft's editor inside
// a shadow root (mount, for <evidraft-editor>). Each holds its own state,
// so that several editors can share a portal's page. The pages are in
// home.js, editor.js, check.js and history.js; saving in autosave.js;
// other tabs in tabs.js; the host (page or shadow root) in host.js.
import { h, fill } from './dom.js'
import { LanguageSwitch } from '../components/language-switch/language-switch.js'
import { NotificationBanner } from '../components/notification-banner/notification-banner.js'
import { listen, allowedOrigins, commands } from './embed.js'
import { exportPage, importPage, newerPage } from './transfer.js'
import { protectPage, unlockPage } from './passphrase.js'
import { PageHost, ShadowHost } from './host.js'
import { Tabs } from './tabs.js'
import { homePage, newPage } from './home.js'
import { openDraft, taskPage } from './editor.js'
import { sectionPage } from './section.js'
import { checkPage, printPage } from './check.js'
import { historyPage } from './history.js'
import * as autosave from './autosave.js'

/**
 * One running app: its state, its router and the helpers its pages
 * share. The pages in the other files take it as their first argument;
 * transfer.js and expiry.js take it as their context (E, t, lang, page,
 * setTitle, banner, go, root, $main, kindTitle, lock).
 */
export class App {
  /**
   * @param {PageHost|ShadowHost} host where the app runs
   * @param {{$main:HTMLElement, $banners:HTMLElement}} els
   */
  constructor (host, els) {
    this.host = host
    host.app = this
    /** the engine, as this app calls it (see tracked) */
    this.E = tracked(window.evidraft, this)
    /** timers set and engine calls running for this app (see busy) */
    this.busyCount = 0
    this.lang = 'en'
    this.dir = 'ltr'
    /** @type {Object<string,string>} */
    this.texts = {}
    this.languages = []
    this.languageAsked = 0
    this.kinds = []
    this.countries = []
    this.timeZones = []
    this.storage = 'indexeddb'
    /** the drafts are encrypted and not unlocked yet in this app */
    this.locked = false
    /** the home page draws every draft, not only the newest */
    this.showAll = false
    /** the open draft */
    this.record = null
    this.form = null
    /** pointers whose findings are shown (fields changed then left, sections continued) */
    this.shown = new Set()
    /** pointers the user changed since the draft was opened */
    this.touched = new Set()
    /** the section whose page is drawn ('' on other pages) */
    this.section = ''
    /** counts form requests, so that an older answer never replaces a newer one */
    this.formSeq = 0
    /** the drafts are encrypted at rest: nothing of them goes to sessionStorage */
    this.protected = false
    /** a save was refused because another tab saved first: {theirs} until the user chooses */
    this.conflict = null
    /** the bodies before the last changes, newest last, for the section page's Undo */
    this.undo = []
    /** the next save is the first of a section visit: the store keeps it longer */
    this.checkpoint = false
    /** a message to show once the next draft is open (a restore, a copy) */
    this.notice = ''
    /** a selector of what takes focus once the fields are drawn again (after Add or Remove) */
    this.focusNext = ''
    this.saveTimer = 0
    /** when the oldest unsaved change was made (0: none) */
    this.dirtySince = 0
    this.formTimer = 0
    this.saving = Promise.resolve()
    /** the printed request's @page rules (see check.js pageRules) */
    this.pageSheet = null
    this.$main = els.$main
    this.$banners = els.$banners
    this.tabs = new Tabs(this)
    /** the id of the draft whose body is typed and not saved yet (autosave.keepPending) */
    this.pending = ''
    /** the save on its way to the engine: {id, revision it was sent from, edited: answers changed since (a Set, or null: not known)} */
    this.inflight = null
    // What is typed and not saved yet goes to sessionStorage when the page
    // goes or is hidden, and comes back when the draft opens.
    const keep = () => autosave.writePending(this)
    window.addEventListener('pagehide', keep)
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') keep() })
    /** @type {(id:string, params?:Object) => string} */
    this.t = (id, params) => fill(this.texts[id] || id, params)
  }

  /** where the app's elements are looked up: the document or the shadow root */
  get root () { return this.host.root }

  async init (info, lang) {
    const E = this.E
    this.storage = info.storage
    this.locked = !!info.protected
    this.protected = !!info.protected
    this.tabs.start(info.dbName || 'evidraft')
    this.languages = await E.languages()
    this.countries = await E.countries()
    this.timeZones = await E.timeZones()
    await this.setLanguage(lang, false)
    window.addEventListener('evidraft:change', (e) => this.tabs.changed(e.detail))
    return h('datalist', { id: 'evd-time-zones' }, this.timeZones.map((z) => h('option', { value: z })))
  }

  async setLanguage (tag, rerender = true) {
    // Arrow keys on the menu change the language once per press: only the
    // last choice is drawn, whichever answer comes back first.
    const asked = ++this.languageAsked
    const info = await this.E.setLanguage(tag)
    const texts = await this.E.texts(info.tag)
    const kinds = await this.E.kinds(info.tag)
    if (asked !== this.languageAsked) return
    this.lang = info.tag
    this.dir = info.dir
    this.texts = texts
    this.kinds = kinds
    this.host.language(info)
    if (rerender) await this.route(true)
  }

  setTitle (s) { this.host.title(s) }

  /** Puts focus on the page's heading, where a screen reader starts reading. */
  focusHeading () {
    const $h1 = this.$main.querySelector('h1')
    if ($h1) { $h1.setAttribute('tabindex', '-1'); $h1.focus({ preventScroll: true }) }
  }
  go (hash) { this.host.go(hash) }

  banner (message, opts) {
    const b = new NotificationBanner({ message, ...opts })
    // A message about the page it is shown on goes at the next page
    // (others, such as "imported", are shown before the page they are for).
    if (opts && opts.transient) b.$root.setAttribute('data-transient', '')
    this.$banners.replaceChildren(b.$root)
    return b.$root
  }

  clearBanners () { this.$banners.replaceChildren() }

  kindTitle (id) { return (this.kinds.find((k) => k.id === id) || { title: id }).title }
  languageName (tag) { return (this.languages.find((l) => l.tag === tag) || { name: tag || '' }).name }

  page (...children) {
    if (this.pageSheet) this.pageSheet.replaceSync('')
    this.$main.replaceChildren(...children.flat(Infinity).filter(Boolean))
  }

  /** Forgets the drafts' key (every tab) and shows the unlock page. */
  async lock () {
    await this.E.lockDrafts()
    this.locked = true
    this.record = null
    this.clearBanners()
    await this.route()
  }

  /** Saves the open draft (autosave.js). */
  save (now = false) { return autosave.save(this, now) }

  /** The address of the open draft's page: draftHref('check') … */
  draftHref (...rest) { return '#/draft/' + encodeURIComponent(this.record.id) + (rest.length ? '/' + rest.join('/') : '') }
  /** The open draft is final. */
  readOnly () { return this.record.status === 'final' }

  /**
   * Counts work under way: a save or a check waiting for quiet, an engine
   * call, a page being drawn. While there is any, the app's main region
   * says aria-busy="true" (assistive technology waits for it, and so do
   * the tests: it is the page's own signal that what it shows is final).
   * @param {number} delta
   */
  busy (delta) {
    this.busyCount = Math.max(0, this.busyCount + delta)
    if (this.busyCount) this.$main.setAttribute('aria-busy', 'true')
    else this.$main.removeAttribute('aria-busy')
  }

  /** Draws the page for the current location. */
  async route (keepFocus = false) {
    this.busy(1)
    try {
      await this.routeNow(keepFocus)
    } finally { this.busy(-1) }
  }

  async routeNow (keepFocus) {
    this.routes = (this.routes || 0) + 1
    // A model still on its way belongs to the page being left.
    clearTimeout(this.formTimer)
    if (this.formTimer) this.busy(-1)
    this.formTimer = 0
    this.section = ''
    for (const $b of this.$banners.querySelectorAll('[data-transient]')) $b.remove()
    await this.saving
    const [path, query] = (this.host.hash.slice(1) || '/').split('?')
    const params = new URLSearchParams(query || '')
    const parts = path.split('/').filter(Boolean).map(decodePart)
    if (this.host.redirect(parts)) return this.routeNow(keepFocus)
    const stored = this.storage === 'indexeddb'
    try {
      if (this.locked && stored) {
        unlockPage(this, () => { this.locked = false; this.route() })
      } else if (parts[0] === 'draft' && parts[1]) {
        await openDraft(this, parts[1])
        if (this.record.readOnly) newerPage(this, this.record)
        else if (parts[2] === 'check') await checkPage(this)
        else if (parts[2] === 'print') await printPage(this)
        else if (parts[2] === 'history') await historyPage(this, params)
        else if (parts[2]) await sectionPage(this, parts[2], params)
        else await taskPage(this)
      } else if (parts[0] === 'new') {
        await newPage(this)
      } else if (parts[0] === 'export' && stored) {
        await exportPage(this, params)
      } else if (parts[0] === 'import' && stored) {
        importPage(this)
      } else if (parts[0] === 'protect' && stored) {
        await protectPage(this, params)
      } else {
        await homePage(this, parts[0] === 'trash')
      }
    } catch (err) {
      this.page(h('h1', { class: 'evd-heading-l', text: this.t('ui.errorSummary') }), h('p', { class: 'evd-fatal', role: 'alert' }, err.message || String(err)),
        h('a', { href: '#/', text: this.t('ui.home.drafts') }))
    }
    if (!keepFocus) {
      // The new page's heading takes focus in the next frame: focus
      // brings style and layout up to date at once, which in the task
      // that drew the page made it one long task (29 ms on opening a
      // section here, 75 ms on a busier machine); in the frame it is the
      // work the frame does anyway. A page drawn since then, or a field
      // the page focused itself (a finding's link), keeps its focus.
      const routes = this.routes
      this.busy(1)
      nextFrame(() => {
        try {
          const $active = this.root.activeElement
          if (routes !== this.routes || ($active && this.$main.contains($active))) return
          this.focusHeading()
          this.host.scrollTop(this.$main)
        } finally { this.busy(-1) }
      })
    }
  }
}

/**
 * Calls fn at the next animation frame, or after 100 ms where frames do
 * not come (a hidden tab or frame), whichever is first.
 * @param {() => void} fn
 */
function nextFrame (fn) {
  let frame = 0
  let timer = 0
  // Each cancels the other: a timer left behind would wake an idle page.
  const once = () => { cancelAnimationFrame(frame); clearTimeout(timer); fn() }
  frame = requestAnimationFrame(once)
  timer = setTimeout(once, 100)
}

/**
 * The engine as an app calls it: every call counts as work under way
 * (App.busy) until its Promise settles.
 * @param {Object} engine window.evidraft
 * @param {App} app
 */
function tracked (engine, app) {
  return new Proxy(engine || {}, {
    get (target, name) {
      const v = target[name]
      if (typeof v !== 'function') return v
      return (...args) => {
        app.busy(1)
        let p
        try { p = Promise.resolve(v.apply(target, args)) } catch (err) { p = Promise.reject(err) }
        return p.finally(() => app.busy(-1))
      }
    }
  })
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

/**
 * Starts the app in the whole page once the engine is ready.
 * @param {{info:Object, lang:string, boot:Object, loading:{done:()=>void}}} boot
 * @returns {Promise<App>}
 */
export async function start (boot) {
  let menu = null
  const host = new PageHost({
    languageSwitch: (info, app) => {
      if (menu) return menu.update(info.tag, app.t('ui.language'))
      menu = new LanguageSwitch({
        $root: document.querySelector('[data-module="evd-language-switch"]'),
        languages: app.languages, current: info.tag, label: app.t('ui.language'), onChange: (l) => app.setLanguage(l)
      })
    }
  })
  const app = new App(host, { $main: document.getElementById('main'), $banners: document.querySelector('[data-banners]') })
  document.body.append(await app.init(boot.info, boot.lang))
  window.addEventListener('hashchange', () => app.route())
  // Leaving or hiding the page saves what is pending at once. IndexedDB
  // cannot finish before the page goes: the edit is also in
  // sessionStorage (autosave.writePending), and comes back when the draft opens.
  const flush = () => { if (app.dirtySince && app.record) app.save(true) }
  window.addEventListener('pagehide', () => { flush(); app.tabs.left() })
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flush() })
  boot.loading.done()
  const allowed = allowedOrigins(boot.boot)
  listen({ allowed, commands: commands(app) })
  if (window.parent !== window) {
    // Tell an allowed embedding page that commands are now heard; the
    // browser drops the message for any other parent origin.
    for (const origin of allowed) window.parent.postMessage({ evidraft: 1, type: 'ready' }, origin)
  }
  if (app.storage !== 'indexeddb') app.banner(boot.info.storageError || app.t('ui.noStorage'), { type: 'error' })
  await app.route()
  warmWhenIdle(app.E)
  return app
}

// Once the first page is drawn, the engine compiles the schemas (0.4–1 s
// on a slow laptop) while the user reads, not when a draft is opened.
function warmWhenIdle (E) {
  const go = () => E.warm().catch(() => { /* the first form reports it */ })
  if (window.requestIdleCallback) window.requestIdleCallback(go, { timeout: 2000 })
  else setTimeout(go, 200)
}

/**
 * Starts the editor of one draft inside a shadow root (<evidraft-editor>).
 * Links stay inside it; what happens is told to the host through emit.
 * Each call makes an App of its own.
 * @param {{info:Object, lang:string, shadow:ShadowRoot, $wrap:HTMLElement, $main:HTMLElement,
 *   $banners:HTMLElement, kind:string, draftId:string, emit:(type:string, detail:Object)=>void}} opts
 * @returns {Promise<string>} the draft's id
 */
export async function mount (opts) {
  const host = new ShadowHost(opts.shadow, opts.$wrap, opts.emit)
  const app = new App(host, { $main: opts.$main, $banners: opts.$banners })
  opts.$wrap.append(await app.init(opts.info, opts.lang))
  const E = app.E
  if (app.locked && app.storage === 'indexeddb') {
    // Protected drafts: unlock before the element opens or creates one.
    await new Promise((resolve) => unlockPage(app, () => { app.locked = false; resolve() }))
  }
  let id = opts.draftId
  if (!id) {
    const r = await E.newDraft(opts.kind || 'preservation', app.lang)
    app.record = app.storage === 'indexeddb' ? await E.saveDraft(r) : r
    id = app.record.id
  }
  host.only(id)
  if (app.storage !== 'indexeddb') app.banner(opts.info.storageError || app.t('ui.noStorage'), { type: 'error' })
  await app.route(true)
  return id
}

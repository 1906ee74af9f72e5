// Other tabs: which tabs of this browser have which draft open, and what
// to do when another tab changed, protected or locked the drafts.
import { reloadDraft } from './autosave.js'

/**
 * Told over a BroadcastChannel of the page's own: opening a draft that
 * another tab (or another editor on the same page) has open says so at
 * once, in both.
 */
export class Tabs {
  /** @param {import("./app.js").App} app */
  constructor (app) {
    this.app = app
    /** @type {BroadcastChannel|null} */
    this.channel = null
    /** @type {HTMLElement|null} the banner saying the draft is open elsewhere */
    this.$note = null
    this.me = Math.random().toString(36).slice(2)
  }

  start (dbName) {
    const app = this.app
    try { this.channel = new BroadcastChannel('evidraft.tabs:' + dbName) } catch (e) { return } // file:// in some browsers
    this.channel.onmessage = (e) => {
      const m = e.data || {}
      const id = app.record && app.record.id
      if (!id || m.id !== id || m.tab === this.me) return
      if (m.type === 'open') this.channel.postMessage({ type: 'here', id, tab: this.me })
      if (app.conflict) return // its choices stay on screen
      if (m.type === 'open' || m.type === 'here') this.$note = app.banner(app.t('ui.openElsewhere'), { type: 'info' })
      if (m.type === 'left' && this.$note) this.$note.remove()
    }
  }

  opened (id) { if (this.channel) this.channel.postMessage({ type: 'open', id, tab: this.me }) }
  left () { if (this.channel && this.app.record) this.channel.postMessage({ type: 'left', id: this.app.record.id, tab: this.me }) }

  /**
   * The engine's evidraft:change event: another tab saved, protected or
   * locked.
   * @param {{origin:string, action:string, id?:string, revision?:number}} detail
   */
  changed (detail) {
    const app = this.app
    if (detail.origin !== 'remote') return
    if ((detail.action === 'protected' || detail.action === 'locked') && app.storage === 'indexeddb') {
      // Another tab protected or locked the drafts: so is this one now.
      app.E.protection().then((p) => {
        if (!p.protected) return
        app.protected = true
        if (p.unlocked) return
        app.locked = true
        app.record = null
        app.clearBanners()
        app.route()
      }).catch(() => {})
      return
    }
    const hash = app.host.hash
    if (app.record && detail.id === app.record.id && detail.revision > app.record.revision) {
      if (app.conflict) return
      // Loading the other version is safe only without unsaved changes here;
      // with some, the next save meets the conflict and keeps both.
      app.banner(app.t('ui.otherTab'), { type: 'error', action: { label: app.t('ui.otherTab.load'), fn: () => (app.dirtySince ? app.save(true) : reloadDraft(app)) } })
    } else if (!app.record && (hash === '' || hash === '#/' || hash === '#/trash')) {
      app.route(true)
    }
  }
}

import { h } from '../../js/dom.js'

/**
 * Where this page's drafts live, and whether they will last: the notices
 * of the home page and of the new-request page.
 *
 * - From file:// in Firefox (each file its own origin) the drafts belong to
 *   the exact path of the file: the notice names it, asks for the same file
 *   every time and for an export before moving or replacing it.
 * - From file:// in Chromium (one origin, "file://", for every file on
 *   disk) any other HTML file opened from disk can read them: the notice
 *   says so and links to the passphrase protection.
 * - Wherever the browser has not agreed to keep the storage
 *   (navigator.storage.persisted() is false: a private window, a browser
 *   that clears site data on closing, eviction when space runs short), a
 *   warning asks for an export. Browsers do not say whether a window is
 *   private; Firefox's private windows and headless Chromium both answer
 *   persist() with false at once.
 */
export class StorageNotice {
  static moduleName = 'evd-storage-notice'

  /**
   * @param {{t:(id:string, p?:Object)=>string, location?:{protocol:string, origin:string, pathname:string}}} opts
   */
  constructor (opts) {
    this.t = opts.t
    this.location = opts.location || window.location
  }

  /**
   * How file:// storage is keyed here: 'path' (Firefox: this file's own),
   * 'shared' (Chromium: every local file), '' when not from file://.
   * @returns {''|'path'|'shared'}
   */
  fileStorage () {
    if (this.location.protocol !== 'file:') return ''
    return this.location.origin === 'null' ? 'path' : 'shared'
  }

  /** The file's path as its owner knows it: "/media/usb/evidraft.html", "C:/Users/…". */
  path () {
    let p = this.location.pathname
    try { p = decodeURIComponent(p) } catch (e) { /* keep it encoded */ }
    return /^\/[A-Za-z]:\//.test(p) ? p.slice(1) : p
  }

  /**
   * The warning that the storage may not last, or null when the browser
   * keeps it (or cannot say: no StorageManager).
   * @param {{exportLink?:boolean}} [opts]
   * @returns {Promise<HTMLElement|null>}
   */
  async lasting (opts = {}) {
    let kept = true
    try { kept = await navigator.storage.persisted() } catch (e) { return null }
    if (kept) return null
    const { t } = this
    return h('div', { class: 'evd-inset evd-inset--warning', 'data-module': StorageNotice.moduleName, 'data-notice': 'lasting' },
      h('p', { class: 'evd-body-text', text: t('ui.lasting.warning') }),
      opts.exportLink ? h('a', { class: 'evd-button evd-button--secondary', href: '#/export', role: 'button', draggable: 'false', text: t('ui.home.exportAll') }) : null)
  }

  /**
   * Where the drafts of a file:// page live, or null when not on file://.
   * @param {{protectLink?:boolean}} [opts]
   * @returns {HTMLElement|null}
   */
  where (opts = {}) {
    const { t } = this
    const kind = this.fileStorage()
    if (!kind) return null
    if (kind === 'shared') {
      return h('div', { class: 'evd-inset', 'data-module': StorageNotice.moduleName, 'data-notice': 'where', 'data-storage': 'shared' },
        h('p', { class: 'evd-body-text', text: t('ui.where.shared') }),
        opts.protectLink ? h('p', { class: 'evd-body-text' }, h('a', { href: '#/protect', text: t('ui.protect.link') })) : null)
    }
    const [before, after] = t('ui.where.file', { Path: '\u0000' }).split('\u0000')
    return h('div', { class: 'evd-inset', 'data-module': StorageNotice.moduleName, 'data-notice': 'where', 'data-storage': 'path' },
      h('p', { class: 'evd-body-text' }, before, h('bdi', { dir: 'ltr', 'data-path': '', text: this.path() }), after || ''),
      h('p', { class: 'evd-body-text', text: t('ui.where.fileAdvice') }))
  }

  /**
   * The empty home page of a file:// page: no drafts for this file, and
   * Import right there.
   * @returns {HTMLElement}
   */
  emptyFile () {
    const { t } = this
    return h('div', { 'data-module': StorageNotice.moduleName, 'data-notice': 'file-empty' },
      h('p', { class: 'evd-body-text', text: t('ui.home.empty') }),
      h('p', { class: 'evd-body-text', text: t(this.fileStorage() === 'path' ? 'ui.where.emptyFile' : 'ui.where.emptyShared') }),
      h('a', { class: 'evd-button evd-button--secondary', href: '#/import', role: 'button', draggable: 'false', 'data-file-import': '', text: t('ui.home.import') }))
  }
}

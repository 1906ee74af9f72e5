// Where an App runs. PageHost: the whole page (hash routing, document
// title, <html lang dir>, the header's language menu, the choice kept in
// localStorage). ShadowHost: a shadow root inside a portal's page
// (<evidraft-editor>): its own route, one draft, events to the element.

export class PageHost {
  /**
   * @param {{languageSwitch:(info:{tag:string,dir:string}, app:Object)=>void}} opts
   *   languageSwitch: draws the header's language menu
   */
  constructor (opts) {
    this.opts = opts
    /** set by the App */
    this.app = null
    /** @type {Document} */
    this.root = document
  }

  get hash () { return location.hash }
  go (hash) { location.hash = hash }
  /** The page draws whatever the address says. */
  redirect () { return false }
  title (s) { document.title = s }
  emit () {}
  /** Drafting in this page may offer to protect the drafts first (home.js). */
  get whole () { return true }

  scrollTop () { window.scrollTo(0, 0) }

  language (info) {
    try { localStorage.setItem('evidraft.lang', info.tag) } catch (e) { /* storage off */ }
    document.documentElement.lang = info.tag
    document.documentElement.dir = info.dir
    for (const $el of document.querySelectorAll('[data-text]')) {
      const s = this.app.texts[$el.getAttribute('data-text')]
      if (s) $el.textContent = s
    }
    this.opts.languageSwitch(info, this.app)
  }
}

export class ShadowHost {
  /**
   * @param {ShadowRoot} shadow
   * @param {HTMLElement} $lang where lang and dir go
   * @param {(type:string, detail:Object)=>void} emit tells the element
   */
  constructor (shadow, $lang, emit) {
    this.app = null
    this.root = shadow
    this.$lang = $lang
    this.emit = emit
    this.route = ''
    this.draftOnly = ''
    // Links stay inside the element: its route changes, not the portal's.
    shadow.addEventListener('click', (e) => {
      const $a = e.composedPath().find((n) => n.tagName === 'A')
      const href = $a && $a.getAttribute('href')
      if (href && href.startsWith('#/')) { e.preventDefault(); this.go(href) }
    })
  }

  get hash () { return this.route }
  go (hash) {
    this.route = hash
    this.app.route()
  }

  get whole () { return false }

  /** The element edits the one draft id from now on. */
  only (id) {
    this.draftOnly = id
    this.route = '#/draft/' + encodeURIComponent(id)
  }

  /**
   * The element edits its one draft: any other address leads back to it.
   * @param {string[]} parts the address's parts
   * @returns {boolean} the route was changed
   */
  redirect (parts) {
    if (parts[0] === 'draft' && parts[1] === this.draftOnly) return false
    this.route = '#/draft/' + encodeURIComponent(this.draftOnly)
    return true
  }

  title () {}
  scrollTop ($main) { $main.scrollIntoView({ block: 'start' }) }

  language (info) {
    this.$lang.lang = info.tag
    this.$lang.dir = info.dir
  }
}

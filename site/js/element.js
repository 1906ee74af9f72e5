// <evidraft-editor kind="preservation" lang="fr" draft-id="…" db-prefix="portal-">
//
// The editor of one draft as a custom element for a portal's own pages:
// shadow DOM, styled by the site's sheet and themed through CSS custom
// properties (--evd-brand, --evd-font, …) and ::part(editor | button |
// heading | error-summary | task-list). It fires evidraft-saved,
// evidraft-validity and evidraft-finalised on itself (bubbling, composed).
// Drafts live in the portal's origin, in the IndexedDB database
// db-prefix + "evidraft". It needs only script-src 'self'
// 'wasm-unsafe-eval' (no inline script or style, no eval): the portal
// serves these files from its own origin.
import { h } from './dom.js'
import { startEngine } from './engine.js'
import { mount } from './app.js'

const script = document.currentScript
const base = script ? new URL('.', script.src).href : new URL('.', location.href).href
/** @type {{css: string, wasm: string, exec: string, worker?: string}} file names, written by the build */
const assets = globalThis.__evidraftAssets || { css: 'app.css', wasm: 'app.wasm', exec: 'wasm_exec.js' }

export class EvidraftEditor extends HTMLElement {
  static moduleName = 'evidraft-editor'

  connectedCallback () {
    if (this.shadowRoot) return
    const shadow = this.attachShadow({ mode: 'open' })
    const $banners = h('div', { class: 'evd-banners', 'aria-live': 'polite' })
    const $main = h('div', { class: 'evd-main', role: 'region', 'aria-label': 'evidraft' }, h('p', { class: 'evd-loading', role: 'status', text: '…' }))
    const $wrap = h('div', { class: 'evd-embed', part: 'editor' }, $banners, $main)
    shadow.append(h('link', { rel: 'stylesheet', href: base + assets.css }), $wrap)
    const lang = this.getAttribute('lang') || document.documentElement.lang || 'en'
    const prefix = this.getAttribute('db-prefix')
    const config = Object.assign({ lang }, prefix !== null ? { dbName: prefix + 'evidraft' } : {})
    startEngine({ wasm: base + assets.wasm, exec: base + assets.exec, worker: assets.worker && base + assets.worker, config })
      .then((info) => mount({
        info, lang, shadow, $wrap, $main, $banners,
        kind: this.getAttribute('kind') || 'preservation',
        draftId: this.getAttribute('draft-id') || '',
        emit: (type, detail) => this.dispatchEvent(new CustomEvent('evidraft-' + type, { detail, bubbles: true, composed: true }))
      }))
      .then((id) => this.setAttribute('draft-id', id))
      .catch((err) => {
        $main.replaceChildren(h('p', { class: 'evd-fatal', role: 'alert', text: 'evidraft: ' + (err && err.message ? err.message : String(err)) }))
      })
  }
}

if (!customElements.get('evidraft-editor')) customElements.define('evidraft-editor', EvidraftEditor)

import { h } from '../../js/dom.js'

/** A message above the page: a draft deleted (with Undo), another tab's change, storage problems. */
export class NotificationBanner {
  static moduleName = 'evd-notification-banner'
  /**
   * @param {string} message
   * @param {{type?:'info'|'success'|'error', action?:{label:string, fn:()=>void}}} [opts]
   */
  constructor (message, opts = {}) {
    this.$root = h('div', { class: 'evd-notification-banner evd-notification-banner--' + (opts.type || 'info'), 'data-module': NotificationBanner.moduleName, role: opts.type === 'error' ? 'alert' : 'status' },
      h('p', { class: 'evd-notification-banner__text' }, message),
      opts.action ? h('button', { type: 'button', class: 'evd-link-button evd-notification-banner__action', on: { click: () => { this.$root.remove(); opts.action.fn() } }, text: opts.action.label }) : null)
  }
}

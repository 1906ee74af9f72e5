import { h } from '../../js/dom.js'

/**
 * A message above the page: a draft deleted (with Undo), another tab's
 * change, a refused save with its choices, storage problems.
 */
export class NotificationBanner {
  static moduleName = 'evd-notification-banner'
  /**
   * @param {{message:string, type?:'info'|'success'|'error', action?:{label:string, fn:()=>void},
   *   actions?:Array<{label:string, fn:()=>void}>, details?:Node|null, keep?:boolean}} opts
   *   actions: buttons in that order; the banner goes when one is pressed
   *   unless keep is set; details: shown under the message.
   */
  constructor (opts) {
    const actions = opts.actions || (opts.action ? [opts.action] : [])
    this.$root = h('div', { class: 'evd-notification-banner evd-notification-banner--' + (opts.type || 'info'), 'data-module': NotificationBanner.moduleName, role: opts.type === 'error' ? 'alert' : 'status' },
      h('p', { class: 'evd-notification-banner__text' }, opts.message),
      opts.details || null,
      actions.length > 1
        ? h('div', { class: 'evd-button-group evd-notification-banner__actions' }, actions.map((a, i) => this.button(a, 'evd-button evd-button--small' + (i ? ' evd-button--secondary' : ''), opts)))
        : actions.map((a) => this.button(a, 'evd-link-button', opts)))
  }

  button (a, cls, opts) {
    return h('button', { type: 'button', class: cls + ' evd-notification-banner__action', on: { click: () => { if (!opts.keep) this.$root.remove(); a.fn() } }, text: a.label })
  }
}

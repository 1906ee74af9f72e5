import { h } from '../../js/dom.js'

/** Rows of question and answer with a Change link, for Check your answers. */
export class SummaryList {
  static moduleName = 'evd-summary-list'
  /**
   * @param {{rows:Array<{key:string, value:(string|Node|Array<string|Node>), href?:string, changeLabel?:string}>}} opts
   */
  constructor (opts) {
    this.$root = h('dl', { class: 'evd-summary-list', 'data-module': SummaryList.moduleName },
      opts.rows.map((r) => h('div', { class: 'evd-summary-list__row' },
        h('dt', { class: 'evd-summary-list__key', text: r.key }),
        h('dd', { class: 'evd-summary-list__value' }, typeof r.value === 'string' ? h('bdi', { text: r.value }) : r.value),
        r.href ? h('dd', { class: 'evd-summary-list__actions' }, h('a', { href: r.href }, r.changeLabel, h('span', { class: 'evd-visually-hidden', text: ' ' + r.key }))) : null)))
  }
}

import { h, dateFormat, shown } from '../../js/dom.js'

/**
 * The drafts table of the home page: title, kind, status, last saved and
 * language, with the actions that apply (open, duplicate, delete; restore
 * and delete for good in the trash).
 */
export class DraftList {
  static moduleName = 'evd-draft-list'
  /**
   * @param {{drafts:Array<Object>, texts:Object<string,string>, lang:string, kindTitle:(id:string)=>string,
   *   languageName:(tag:string)=>string, trash:boolean, actions:Object<string,(r:Object)=>void>}} opts
   *   drafts: records without bodies, newest first
   */
  constructor (opts) {
    const t = opts.texts
    const when = dateFormat(opts.lang)
    this.$root = h('table', { class: 'evd-table', 'data-module': DraftList.moduleName },
      h('thead', {}, h('tr', {},
        ['ui.list.title', 'ui.list.kind', 'ui.list.status', 'ui.list.saved', 'ui.list.language', 'ui.list.actions'].map((k) => h('th', { scope: 'col', class: 'evd-table__header', text: t[k] })))),
      h('tbody', {}, opts.drafts.map((r) => {
        const title = shown(r.title || t['ui.untitled'])
        const buttons = opts.trash
          ? [button(t['ui.action.restore'], title, () => opts.actions.restore(r)), button(t['ui.action.purge'], title, () => opts.actions.purge(r), true)]
          : [h('a', { class: 'evd-table__action', href: '#/draft/' + encodeURIComponent(r.id) }, t['ui.action.open'], h('span', { class: 'evd-visually-hidden', text: ' ' + title })),
              button(t['ui.action.duplicate'], title, () => opts.actions.duplicate(r)),
              h('a', { class: 'evd-table__action', href: '#/export?id=' + encodeURIComponent(r.id) }, t['ui.action.export'], h('span', { class: 'evd-visually-hidden', text: ' ' + title })),
              button(t['ui.action.delete'], title, () => opts.actions.delete(r), true)]
        return h('tr', { class: 'evd-table__row' },
          h('td', { class: 'evd-table__cell' }, h('bdi', { text: title })),
          h('td', { class: 'evd-table__cell', text: opts.kindTitle(r.kind) }),
          h('td', { class: 'evd-table__cell' }, h('span', { class: 'evd-status' + (r.status === 'final' ? ' evd-status--final' : ''), text: t['ui.status.' + (r.status === 'final' ? 'final' : 'draft')] })),
          h('td', { class: 'evd-table__cell' }, h('time', { datetime: r.updated, text: when(r.updated) })),
          h('td', { class: 'evd-table__cell', text: opts.languageName(r.lang) }),
          h('td', { class: 'evd-table__cell' }, h('div', { class: 'evd-table__actions' }, buttons)))
      })))
  }
}

function button (label, title, fn, warning) {
  return h('button', { type: 'button', class: 'evd-link-button evd-table__action' + (warning ? ' evd-table__action--warning' : ''), on: { click: fn } },
    label, h('span', { class: 'evd-visually-hidden', text: ' ' + title }))
}

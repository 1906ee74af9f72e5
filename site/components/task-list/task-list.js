import { h } from '../../js/dom.js'

/** The sections of a request with their status, each a link to its page. */
export class TaskList {
  static moduleName = 'evd-task-list'
  /**
   * @param {{sections:Array<{id:string,title:string,status:string}>, hrefFor:(id:string)=>string, texts:Object<string,string>}} opts
   *   hrefFor: the address of a section's page
   */
  constructor (opts) {
    const { sections, hrefFor, texts } = opts
    this.$root = h('ul', { class: 'evd-task-list', 'data-module': TaskList.moduleName },
      sections.map((s) => {
        const sid = 'task-' + s.id + '-status'
        return h('li', { class: 'evd-task-list__item' },
          h('a', { class: 'evd-task-list__link', href: hrefFor(s.id), 'aria-describedby': sid, text: s.title }),
          h('strong', { class: 'evd-task-list__status evd-task-list__status--' + s.status, id: sid, text: texts['ui.task.' + s.status] }))
      }))
  }
}

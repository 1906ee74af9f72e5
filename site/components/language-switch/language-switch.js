import { h } from '../../js/dom.js'

/**
 * The language menu of the header, at the inline end (right in English,
 * left in Arabic). Each language is named in itself and marked with its
 * own lang.
 */
export class LanguageSwitch {
  static moduleName = 'evd-language-switch'
  /**
   * @param {{$root:HTMLElement, languages:Array<{tag:string,name:string}>, current:string, label:string, onChange:(tag:string)=>void}} opts
   *   $root: the element of the page it draws into
   */
  constructor (opts) {
    this.$root = opts.$root
    this.$select = h('select', { class: 'evd-language-switch__select', id: 'evd-language', on: { change: (e) => opts.onChange(e.target.value) } },
      opts.languages.map((l) => h('option', { value: l.tag, lang: l.tag, selected: l.tag === opts.current, text: l.name })))
    this.$label = h('label', { class: 'evd-language-switch__label', for: 'evd-language', text: opts.label })
    this.$root.setAttribute('data-module', LanguageSwitch.moduleName)
    this.$root.replaceChildren(h('div', { class: 'evd-language-switch' }, this.$label, this.$select))
  }

  /**
   * Shows a new current language and the label in it. The menu itself
   * stays: drawn again, it would lose focus, and a keyboard user who moves
   * through the languages with the arrow keys would be stopped at the
   * first one.
   * @param {string} current
   * @param {string} label
   */
  update (current, label) {
    this.$label.textContent = label
    if (this.$select.value !== current) this.$select.value = current
  }
}

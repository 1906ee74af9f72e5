import { h, fill, idFor } from '../../js/dom.js'

/**
 * @typedef {{pointer:string, code:string, severity:string, message:string}} Finding
 * @typedef {{pointer:string, name:string, widget:string, label:string, hint?:string,
 *   required:boolean, visible:boolean, value?:any, options?:Array<{value:string,label:string}>,
 *   fields?:Field[], items?:Field[], itemLabel?:string, maxLength?:number, findings?:Finding[]}} Field
 * @typedef {{texts:Object<string,string>, lang:string, readOnly:boolean,
 *   shown:(pointer:string)=>boolean, onChange:(pointer:string, value:any, structural?:boolean)=>void,
 *   onBlur:(pointer:string)=>void, countries:string[], timeZones:string[]}} Context
 */

/**
 * Draws the questions of a form model. Go decides the widget, labels,
 * flags and findings; this only turns them into accessible HTML and sends
 * what the user types back.
 */
export class FieldRenderer {
  static moduleName = 'evd-field'
  /** @param {Context} ctx */
  constructor (ctx) { this.ctx = ctx }

  /**
   * @param {Field} f
   * @returns {HTMLElement|null}
   */
  render (f) {
    if (!f.visible) return null
    switch (f.widget) {
      case 'group': return this.group(f)
      case 'groups': return this.groups(f)
      case 'list': return this.list(f)
      case 'radios': return this.choices(f, 'radio')
      case 'checkboxes': return this.choices(f, 'checkbox')
      case 'checkbox': return this.checkbox(f)
      case 'datetime': return this.datetime(f)
      default: return this.input(f)
    }
  }

  /** The errors and warnings to show for a field now. */
  findings (f) {
    if (!this.ctx.shown(f.pointer)) return []
    return f.findings || []
  }

  /** Label text with "(optional)" where the answer is not required. */
  labelText (f) {
    return f.required ? f.label : f.label + ' ' + this.ctx.texts['ui.optional']
  }

  /** Hint and finding elements, and the ids for aria-describedby. */
  described (f) {
    const id = idFor(f.pointer)
    const ids = []
    const nodes = []
    if (f.hint) {
      ids.push(id + '-hint')
      nodes.push(h('div', { class: 'evd-hint', id: id + '-hint', text: f.hint }))
    }
    const found = this.findings(f)
    const errors = found.filter((x) => x.severity === 'error')
    const warnings = found.filter((x) => x.severity === 'warning')
    if (errors.length) {
      ids.push(id + '-error')
      nodes.push(h('p', { class: 'evd-error-message', id: id + '-error' },
        errors.map((e, i) => [i ? h('br') : null, h('span', { class: 'evd-visually-hidden', text: this.ctx.texts['ui.errorPrefix'] + ' ' }), e.message])))
    }
    if (warnings.length) {
      ids.push(id + '-warning')
      nodes.push(h('p', { class: 'evd-warning-message', id: id + '-warning' },
        warnings.map((w, i) => [i ? h('br') : null, h('span', { class: 'evd-visually-hidden', text: this.ctx.texts['ui.warningPrefix'] + ' ' }), w.message])))
    }
    return { ids: ids.join(' ') || null, nodes, error: errors.length > 0 }
  }

  formGroup (f, error, ...children) {
    return h('div', { class: 'evd-form-group' + (error ? ' evd-form-group--error' : ''), 'data-pointer': f.pointer }, ...children)
  }

  input (f) {
    const id = idFor(f.pointer)
    const d = this.described(f)
    const common = {
      id, name: f.pointer, 'aria-describedby': d.ids, 'aria-invalid': d.error ? 'true' : null,
      disabled: this.ctx.readOnly, 'data-pointer': f.pointer,
      on: { input: (e) => this.ctx.onChange(f.pointer, coerce(f, e.target.value)), change: (e) => this.ctx.onChange(f.pointer, coerce(f, e.target.value)), blur: () => this.ctx.onBlur(f.pointer) }
    }
    let $control
    const value = f.value === undefined || f.value === null ? '' : String(f.value)
    switch (f.widget) {
      case 'textarea':
        $control = h('textarea', Object.assign({ class: 'evd-textarea', rows: 6, value }, common))
        break
      case 'select':
      case 'country':
        $control = h('select', Object.assign({ class: 'evd-select' }, common), this.selectOptions(f, value))
        break
      default: {
        const type = { date: 'date', email: 'email', tel: 'tel', url: 'url' }[f.widget] || 'text'
        const ltr = ['date', 'email', 'tel', 'url', 'timezone', 'language', 'number'].includes(f.widget)
        const attrs = { class: 'evd-input evd-input--' + f.widget, type, value, dir: ltr ? 'ltr' : null, spellcheck: ltr ? 'false' : null, autocomplete: 'off' }
        if (f.widget === 'number') attrs.inputmode = 'numeric'
        if (f.widget === 'timezone') attrs.list = 'evd-time-zones'
        $control = h('input', Object.assign(attrs, common))
      }
    }
    return this.formGroup(f, d.error,
      h('label', { class: 'evd-label', for: id, text: this.labelText(f) }),
      d.nodes, $control)
  }

  selectOptions (f, value) {
    let options = f.options || []
    if (f.widget === 'country') {
      const names = displayNames(this.ctx.lang, 'region')
      const collator = new Intl.Collator(this.ctx.lang)
      options = this.ctx.countries.map((c) => ({ value: c, label: (names && names.of(c)) || c })).sort((a, b) => collator.compare(a.label, b.label))
      if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: value })
    }
    return [h('option', { value: '', text: this.ctx.texts['ui.choose'] }),
      options.map((o) => h('option', { value: o.value, selected: o.value === value, text: o.label }))]
  }

  checkbox (f) {
    const id = idFor(f.pointer)
    const d = this.described(f)
    return this.formGroup(f, d.error,
      d.nodes,
      h('div', { class: 'evd-checkboxes__item' },
        h('input', {
          class: 'evd-checkboxes__input', type: 'checkbox', id, name: f.pointer, checked: f.value === true,
          'aria-describedby': d.ids, disabled: this.ctx.readOnly, 'data-pointer': f.pointer,
          on: { change: (e) => this.ctx.onChange(f.pointer, e.target.checked, true), blur: () => this.ctx.onBlur(f.pointer) }
        }),
        h('label', { class: 'evd-label evd-checkboxes__label', for: id, text: f.label })))
  }

  choices (f, type) {
    const id = idFor(f.pointer)
    const d = this.described(f)
    const values = type === 'checkbox' ? (Array.isArray(f.value) ? f.value : []) : [f.value]
    const items = (f.options || []).map((o, i) => {
      const oid = i === 0 ? id : id + '-' + i
      return h('div', { class: type === 'radio' ? 'evd-radios__item' : 'evd-checkboxes__item' },
        h('input', {
          class: type === 'radio' ? 'evd-radios__input' : 'evd-checkboxes__input', type, id: oid, name: f.pointer, value: o.value,
          checked: values.includes(o.value), disabled: this.ctx.readOnly, 'data-pointer': f.pointer,
          on: {
            change: (e) => {
              if (type === 'radio') return this.ctx.onChange(f.pointer, o.value, true)
              const $all = e.target.closest('fieldset').querySelectorAll('input[type=checkbox]')
              const picked = Array.from($all).filter(($c) => $c.checked).map(($c) => $c.value)
              this.ctx.onChange(f.pointer, picked.length ? picked : undefined, true)
            },
            blur: () => this.ctx.onBlur(f.pointer)
          }
        }),
        h('label', { class: 'evd-label ' + (type === 'radio' ? 'evd-radios__label' : 'evd-checkboxes__label'), for: oid, text: o.label }))
    })
    return this.formGroup(f, d.error,
      h('fieldset', { class: 'evd-fieldset', 'aria-describedby': d.ids },
        h('legend', { class: 'evd-fieldset__legend', text: this.labelText(f) }),
        d.nodes,
        h('div', { class: type === 'radio' ? 'evd-radios' : 'evd-checkboxes' }, items)))
  }

  datetime (f) {
    const id = idFor(f.pointer)
    const d = this.described(f)
    const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?)(?:\.\d+)?(Z|[+-]\d\d:\d\d)?$/.exec(f.value || '')
    const local = m ? m[1] : ''
    const offset = m && m[2] ? m[2] : ''
    const raw = !m && f.value ? String(f.value) : ''
    const $local = h('input', { class: 'evd-input evd-input--datetime', type: 'datetime-local', step: 1, id, value: local || null, dir: 'ltr', disabled: this.ctx.readOnly, 'aria-describedby': d.ids, 'data-pointer': f.pointer })
    const $offset = h('input', { class: 'evd-input evd-input--offset', type: 'text', id: id + '-offset', value: offset, dir: 'ltr', maxlength: 6, spellcheck: 'false', autocomplete: 'off', disabled: this.ctx.readOnly, placeholder: '+00:00', 'aria-describedby': d.ids })
    const update = () => {
      let l = $local.value
      if (!l) return this.ctx.onChange(f.pointer, raw || undefined)
      if (l.length === 16) l += ':00'
      this.ctx.onChange(f.pointer, l + $offset.value.trim())
    }
    for (const $i of [$local, $offset]) {
      $i.addEventListener('input', update)
      $i.addEventListener('change', update)
      $i.addEventListener('blur', () => this.ctx.onBlur(f.pointer))
    }
    return this.formGroup(f, d.error,
      h('fieldset', { class: 'evd-fieldset', 'aria-describedby': d.ids },
        h('legend', { class: 'evd-fieldset__legend', text: this.labelText(f) }),
        d.nodes,
        h('div', { class: 'evd-datetime' },
          h('div', { class: 'evd-datetime__part' }, h('label', { class: 'evd-label evd-label--small', for: id, text: this.ctx.texts['ui.datetime.local'] }), $local),
          h('div', { class: 'evd-datetime__part' }, h('label', { class: 'evd-label evd-label--small', for: id + '-offset', text: this.ctx.texts['ui.datetime.offset'] }), $offset))))
  }

  group (f) {
    const d = this.described(f)
    return this.formGroup(f, d.error,
      h('fieldset', { class: 'evd-fieldset evd-fieldset--group', id: idFor(f.pointer), tabindex: -1, 'aria-describedby': d.ids },
        h('legend', { class: 'evd-fieldset__legend evd-fieldset__legend--m', text: this.labelText(f) }),
        d.nodes,
        (f.fields || []).map((c) => this.render(c))))
  }

  groups (f) {
    const d = this.described(f)
    const items = (f.items || []).map((item, i) => h('fieldset', { class: 'evd-fieldset evd-fieldset--item', id: idFor(item.pointer), tabindex: -1 },
      h('legend', { class: 'evd-fieldset__legend evd-fieldset__legend--s', text: item.label }),
      (item.fields || []).map((c) => this.render(c)),
      this.ctx.readOnly ? null : h('button', { type: 'button', class: 'evd-button evd-button--secondary evd-button--small', on: { click: () => this.ctx.onChange(item.pointer, undefined, true) } }, fill(this.ctx.texts['ui.remove'], { Item: item.label }))))
    return this.formGroup(f, d.error,
      h('fieldset', { class: 'evd-fieldset evd-fieldset--group', id: idFor(f.pointer), tabindex: -1, 'aria-describedby': d.ids },
        h('legend', { class: 'evd-fieldset__legend evd-fieldset__legend--m', text: this.labelText(f) }),
        d.nodes, items,
        this.ctx.readOnly ? null : h('button', { type: 'button', class: 'evd-button evd-button--secondary', on: { click: () => this.ctx.onChange(f.pointer + '/' + (f.items || []).length, {}, true) } }, fill(this.ctx.texts['ui.add'], { Item: f.itemLabel || f.label }))))
  }

  list (f) {
    const d = this.described(f)
    const items = (f.items || []).map((item) => {
      const $row = this.input(Object.assign({}, item, { hint: '', required: true }))
      if (!this.ctx.readOnly) {
        $row.append(h('button', { type: 'button', class: 'evd-button evd-button--secondary evd-button--small evd-list__remove', on: { click: () => this.ctx.onChange(item.pointer, undefined, true) } }, fill(this.ctx.texts['ui.remove'], { Item: item.label })))
      }
      return $row
    })
    return this.formGroup(f, d.error,
      h('fieldset', { class: 'evd-fieldset evd-fieldset--list', id: idFor(f.pointer), tabindex: -1, 'aria-describedby': d.ids },
        h('legend', { class: 'evd-fieldset__legend', text: this.labelText(f) }),
        d.nodes, items,
        this.ctx.readOnly ? null : h('button', { type: 'button', class: 'evd-button evd-button--secondary evd-button--small', on: { click: () => this.ctx.onChange(f.pointer + '/' + (f.items || []).length, '', true) } }, fill(this.ctx.texts['ui.add'], { Item: f.itemLabel || f.label }))))
  }
}

/** The value to store for what was typed: empty means no answer. */
function coerce (f, raw) {
  if (raw === '') return undefined
  if (f.widget === 'number' && /^-?\d+$/.test(raw.trim())) return Number(raw.trim())
  return raw
}

function displayNames (lang, type) {
  try { return new Intl.DisplayNames([lang], { type }) } catch (e) { return null }
}

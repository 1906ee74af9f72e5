import { h, fill, idFor, lazyValue, shown } from '../../js/dom.js'

// Above this many characters a textarea's answer is shown by its start
// (longAnswer) until the user opens it in full: about 15,000 words, which
// Chromium lays out in about half a second on two cores.
export const LONG_ANSWER = 100000
const LONG_PREVIEW = 1000

/**
 * @typedef {{pointer:string, code:string, severity:string, message:string}} Finding
 * @typedef {{pointer:string, name:string, widget:string, label:string, hint?:string,
 *   required:boolean, visible:boolean, value?:any, options?:Array<{value:string,label:string}>,
 *   fields?:Field[], items?:Field[], itemLabel?:string, maxLength?:number, findings?:Finding[]}} Field
 * @typedef {{texts:Object<string,string>, lang:string, readOnly:boolean,
 *   shown:(pointer:string)=>boolean, value:(pointer:string)=>any,
 *   whole?:(pointer:string)=>boolean,
 *   countries:string[], timeZones:string[]}} Context
 */

/**
 * Draws the questions of a form model. Go decides the widget, labels,
 * flags and findings; this only turns them into accessible HTML. The
 * markup holds no listeners: a FieldController on the container hears
 * what the user does, so that a redraw can patch the page (dom.js morph)
 * without rebinding anything.
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
      // A correction Go offers (the zone's offset) is one click away.
      for (const w of warnings) {
        if (w.fix && !this.ctx.readOnly) nodes.push(h('button', { type: 'button', class: 'evd-button evd-button--secondary evd-button--small', 'data-action': 'fix', 'data-target': f.pointer, 'data-value': w.fix.value, text: w.fix.label }))
      }
    }
    return { ids: ids.join(' ') || null, nodes, error: errors.length > 0 }
  }

  formGroup (f, error, ...children) {
    return h('div', { class: 'evd-form-group' + (error ? ' evd-form-group--error' : ''), 'data-module': FieldRenderer.moduleName, 'data-form-group': '', 'data-pointer': f.pointer }, ...children)
  }

  input (f) {
    const id = idFor(f.pointer)
    const d = this.described(f)
    const common = {
      id, name: f.pointer, 'aria-describedby': d.ids, 'aria-invalid': d.error ? 'true' : null,
      disabled: this.ctx.readOnly, 'data-pointer': f.pointer, 'data-widget': f.widget
    }
    let $control
    const v = this.ctx.value(f.pointer)
    const value = v === undefined || v === null ? '' : String(v)
    switch (f.widget) {
      case 'textarea':
        if (value.length > LONG_ANSWER) {
          if (!this.ctx.whole || !this.ctx.whole(f.pointer)) return this.longAnswer(f, d, value)
          $control = lazyValue(h('textarea', Object.assign({ class: 'evd-textarea', rows: 6, dir: 'auto' }, common)), value)
        } else {
          $control = h('textarea', Object.assign({ class: 'evd-textarea', rows: 6, value, dir: 'auto' }, common))
        }
        break
      case 'select':
      case 'country':
        $control = h('select', Object.assign({ class: 'evd-select', value }, common), this.selectOptions(f, value))
        break
      default: {
        const type = { date: 'date', email: 'email', tel: 'tel', url: 'url' }[f.widget] || 'text'
        const ltr = ['date', 'email', 'tel', 'url', 'timezone', 'language', 'number'].includes(f.widget)
        const attrs = { class: 'evd-input evd-input--' + f.widget, type, value, dir: ltr ? 'ltr' : 'auto', spellcheck: ltr ? 'false' : null, autocomplete: 'off' }
        if (f.widget === 'number') attrs.inputmode = 'numeric'
        if (f.widget === 'timezone') attrs.list = 'evd-time-zones'
        $control = h('input', Object.assign(attrs, common))
      }
    }
    return this.formGroup(f, d.error,
      h('label', { class: 'evd-label', for: id, text: this.labelText(f) }),
      d.nodes, $control)
  }

  /**
   * A long answer (a pasted log) is shown by its size and its first
   * lines, with a button that opens it in full: Chromium takes seconds
   * to lay out a textarea that holds megabytes (3-5 s a megabyte on two
   * cores), and it would do so every time the section opens. The answer
   * is kept, checked and printed in full all the same.
   */
  longAnswer (f, d, value) {
    const id = idFor(f.pointer)
    const nf = new Intl.NumberFormat(this.ctx.lang)
    let lines = 1
    for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) lines++
    let start = value.slice(0, LONG_PREVIEW).split('\n').slice(0, 12).join('\n')
    if (/[\uD800-\uDBFF]$/.test(start)) start = start.slice(0, -1)
    const ids = [id + '-long', d.ids].filter(Boolean).join(' ')
    return this.formGroup(f, d.error,
      h('span', { class: 'evd-label', id: id + '-label', text: this.labelText(f) }),
      d.nodes,
      h('div', { class: 'evd-long-answer', role: 'group', 'aria-labelledby': id + '-label', 'data-long-answer': f.pointer },
        h('p', { class: 'evd-hint', id: id + '-long', text: fill(this.ctx.texts['ui.longAnswer'], { Chars: nf.format(value.length), Lines: nf.format(lines) }) }),
        h('pre', { class: 'evd-long-answer__start', dir: 'auto', text: shown(start) + ' …' }),
        this.ctx.readOnly
          ? null
          : h('button', { type: 'button', class: 'evd-button evd-button--secondary', id, 'aria-describedby': ids, 'data-action': 'whole', 'data-target': f.pointer, text: this.ctx.texts['ui.longAnswerEdit'] })))
  }

  selectOptions (f, value) {
    const choose = h('option', { value: '', text: this.ctx.texts['ui.choose'] })
    if (f.widget === 'country') {
      const countries = countryOptions(this.ctx.countries, this.ctx.lang)
      return [choose, value && !countries.codes.has(value) ? h('option', { value, text: value }) : null, countries.$options.cloneNode(true)]
    }
    return [choose, (f.options || []).map((o) => h('option', { value: o.value, text: o.label }))]
  }

  checkbox (f) {
    const id = idFor(f.pointer)
    const d = this.described(f)
    return this.formGroup(f, d.error,
      d.nodes,
      h('div', { class: 'evd-checkboxes__item' },
        h('input', {
          class: 'evd-checkboxes__input', type: 'checkbox', id, name: f.pointer, checked: this.ctx.value(f.pointer) === true,
          'aria-describedby': d.ids, disabled: this.ctx.readOnly, 'data-pointer': f.pointer, 'data-widget': 'checkbox'
        }),
        h('label', { class: 'evd-label evd-checkboxes__label', for: id, text: f.label })))
  }

  choices (f, type) {
    const id = idFor(f.pointer)
    const d = this.described(f)
    const v = this.ctx.value(f.pointer)
    const values = type === 'checkbox' ? (Array.isArray(v) ? v : []) : [v]
    const items = (f.options || []).map((o, i) => {
      const oid = i === 0 ? id : id + '-' + i
      return h('div', { class: type === 'radio' ? 'evd-radios__item' : 'evd-checkboxes__item' },
        h('input', {
          class: type === 'radio' ? 'evd-radios__input' : 'evd-checkboxes__input', type, id: oid, name: f.pointer, value: o.value,
          checked: values.includes(o.value), disabled: this.ctx.readOnly, 'data-pointer': f.pointer, 'data-widget': f.widget
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
    const v = this.ctx.value(f.pointer)
    // The date and time go in the date-time box, whatever follows in the
    // offset box as it was typed (a wrong offset such as +0200 stays there
    // to be corrected); an answer whose date does not read stays as it is.
    const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?)(?:\.\d+)?(.*)$/.exec(v || '')
    const local = m ? m[1] : ''
    const offset = m ? m[2] : ''
    const raw = !m && v ? String(v) : null
    const $local = h('input', { class: 'evd-input evd-input--datetime', type: 'datetime-local', step: 1, id, value: local, dir: 'ltr', disabled: this.ctx.readOnly, 'aria-describedby': d.ids, 'data-pointer': f.pointer, 'data-widget': 'datetime' })
    const $offset = h('input', { class: 'evd-input evd-input--offset', type: 'text', id: id + '-offset', value: offset, dir: 'ltr', maxlength: 6, spellcheck: 'false', autocomplete: 'off', disabled: this.ctx.readOnly, placeholder: '+00:00', 'aria-describedby': d.ids, 'data-widget': 'datetime' })
    return this.formGroup(f, d.error,
      h('fieldset', { class: 'evd-fieldset', 'aria-describedby': d.ids, 'data-datetime': f.pointer, 'data-raw': raw },
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
      this.ctx.readOnly ? null : h('button', { type: 'button', class: 'evd-button evd-button--secondary evd-button--small', 'data-action': 'remove', 'data-target': item.pointer }, fill(this.ctx.texts['ui.remove'], { Item: item.label }))))
    return this.formGroup(f, d.error,
      h('fieldset', { class: 'evd-fieldset evd-fieldset--group', id: idFor(f.pointer), tabindex: -1, 'aria-describedby': d.ids },
        h('legend', { class: 'evd-fieldset__legend evd-fieldset__legend--m', text: this.labelText(f) }),
        d.nodes, items,
        this.ctx.readOnly ? null : h('button', { type: 'button', class: 'evd-button evd-button--secondary', 'data-action': 'add-group', 'data-target': f.pointer + '/' + (f.items || []).length }, fill(this.ctx.texts['ui.add'], { Item: f.itemLabel || f.label }))))
  }

  list (f) {
    const d = this.described(f)
    const items = (f.items || []).map((item) => {
      const $row = this.input(Object.assign({}, item, { hint: '', required: true }))
      if (!this.ctx.readOnly) {
        $row.append(h('button', { type: 'button', class: 'evd-button evd-button--secondary evd-button--small evd-list__remove', 'data-action': 'remove', 'data-target': item.pointer }, fill(this.ctx.texts['ui.remove'], { Item: item.label })))
      }
      return $row
    })
    return this.formGroup(f, d.error,
      h('fieldset', { class: 'evd-fieldset evd-fieldset--list', id: idFor(f.pointer), tabindex: -1, 'aria-describedby': d.ids },
        h('legend', { class: 'evd-fieldset__legend', text: this.labelText(f) }),
        d.nodes, items,
        this.ctx.readOnly ? null : h('button', { type: 'button', class: 'evd-button evd-button--secondary evd-button--small', 'data-action': 'add-item', 'data-target': f.pointer + '/' + (f.items || []).length }, fill(this.ctx.texts['ui.add'], { Item: f.itemLabel || f.label }))))
  }
}

/**
 * Hears what the user does in the fields drawn by FieldRenderer inside
 * $root (one listener per event type, for the page's whole life) and
 * reports it as answers: onChange(pointer, value, structural) where
 * structural means other questions may appear, onBlur(pointer) when the
 * user leaves a question.
 */
export class FieldController {
  static moduleName = 'evd-fields'
  /**
   * @param {{$root:HTMLElement, value:(pointer:string)=>any, onChange:(pointer:string, value:any, structural:boolean, focus?:string)=>void, onBlur:(pointer:string)=>void, onWhole:(pointer:string, focus:string)=>void, onLong:(pointer:string, value:string, focus:string)=>void}} ctx
   *   $root: the container of the fields; focus: a selector of what takes
   *   focus once the fields are drawn again; onWhole: the user opens a
   *   long answer in full (draw it as a textarea, focus goes to focus);
   *   onLong: a paste made a short answer long (value is the answer with
   *   it; draw it by its start, focus goes to focus)
   */
  constructor (ctx) {
    const $root = ctx.$root
    this.$root = $root
    this.ctx = ctx
    $root.addEventListener('input', (e) => this.answer(e.target))
    $root.addEventListener('change', (e) => this.answer(e.target))
    $root.addEventListener('paste', (e) => this.paste(e))
    $root.addEventListener('click', (e) => this.act(e.target.closest('button[data-action]')))
    $root.addEventListener('focusout', (e) => {
      const p = pointerOf(e.target)
      // Moving between the parts of one question is not leaving it.
      if (p && pointerOf(e.relatedTarget) !== p) ctx.onBlur(p)
    })
  }

  /** @param {HTMLInputElement} $t */
  answer ($t) {
    const p = pointerOf($t)
    if (!p || $t.disabled) return
    let value
    let structural = true
    switch ($t.getAttribute('data-widget')) {
      case 'checkbox': value = $t.checked; break
      case 'radios': if (!$t.checked) return; value = $t.value; break
      case 'checkboxes': {
        const picked = Array.from(this.$root.querySelectorAll('input[type=checkbox]'))
          .filter(($c) => $c.getAttribute('data-pointer') === p && $c.checked).map(($c) => $c.value)
        value = picked.length ? picked : undefined
        break
      }
      case 'datetime': {
        const $box = $t.closest('[data-datetime]')
        const [$local, $offset] = $box.querySelectorAll('input')
        let l = $local.value
        if (!l) value = $box.getAttribute('data-raw') || undefined
        else value = (l.length === 16 ? l + ':00' : l) + $offset.value.trim()
        structural = false
        break
      }
      default:
        value = coerce($t.getAttribute('data-widget'), $t.value)
        structural = false
    }
    // input and change both tell of one choice: report it once.
    if (JSON.stringify(value) === JSON.stringify(this.ctx.value(p))) return
    this.ctx.onChange(p, value, structural)
  }

  /**
   * A paste that makes a textarea's short answer long (a log of
   * megabytes) goes into the answer, not into the textarea, which is then
   * drawn as a long answer (by its start, with the button that opens it
   * in full) as when its section opens: Chromium takes seconds a
   * megabyte to take in and lay out what a textarea holds (a 5 MB paste
   * froze the page for 11 s). Pasted into an answer already open in
   * full, it is left to the textarea.
   * @param {ClipboardEvent} e
   */
  paste (e) {
    const $t = e.target
    const p = pointerOf($t)
    if (!p || $t.disabled || $t.getAttribute('data-widget') !== 'textarea' || !e.clipboardData || $t.value.length > LONG_ANSWER) return
    // As a textarea takes it: line breaks made \n.
    const text = e.clipboardData.getData('text/plain').replace(/\r\n?/g, '\n')
    if ($t.value.length + text.length <= LONG_ANSWER) return
    const value = $t.value.slice(0, $t.selectionStart) + text + $t.value.slice($t.selectionEnd)
    if (value.length <= LONG_ANSWER) return
    e.preventDefault()
    this.ctx.onLong(p, value, '#' + idFor(p))
  }

  /** @param {HTMLButtonElement|null} $b */
  act ($b) {
    if (!$b || !this.$root.contains($b)) return
    const target = $b.getAttribute('data-target')
    const action = $b.getAttribute('data-action')
    // Where focus goes once the list is drawn again: into the new item,
    // or, after a removal, to the list's Add button (the Remove button
    // pressed would belong to the next item, or be gone).
    const list = target.slice(0, target.lastIndexOf('/'))
    if (action === 'remove') this.ctx.onChange(target, undefined, true, `button[data-action^="add"][data-target^="${list}/"]`)
    else if (action === 'add-group') this.ctx.onChange(target, {}, true, '#' + idFor(target))
    else if (action === 'add-item') this.ctx.onChange(target, '', true, '#' + idFor(target))
    else if (action === 'whole') this.ctx.onWhole(target, '#' + idFor(target))
    else if (action === 'fix') this.ctx.onChange(target, $b.getAttribute('data-value'), true, '#' + idFor(target))
  }
}

/** The question an element belongs to. */
function pointerOf ($el) {
  if (!$el || !$el.closest) return ''
  const $box = $el.closest('[data-datetime]')
  if ($box) return $box.getAttribute('data-datetime')
  return ($el.matches('input, select, textarea') && $el.getAttribute('data-pointer')) || ''
}

/** The value to store for what was typed: empty means no answer. */
function coerce (widget, raw) {
  if (raw === '') return undefined
  if (widget === 'number' && /^-?\d+$/.test(raw.trim())) return Number(raw.trim())
  // A telephone number as people write it, "+33 4 72 60 70 00": the
  // international form the draft keeps has digits only, so the spaces,
  // dots and dashes between them go (a bracketed trunk prefix, "(0)",
  // stays for the check to point out).
  if (widget === 'tel') return raw.replace(/[\s.\u2010-\u2015-]/g, '') || undefined
  return raw
}

/** @type {WeakMap<string[], Map<string, {codes: Set<string>, $options: DocumentFragment}>>} */
const countryLists = new WeakMap()

/**
 * The countries as option elements in lang, by name in lang's order,
 * made once per list and language and copied into each select: naming,
 * sorting and building some 250 options took about 7 ms on every draw of
 * a field that asks for a country (each keystroke's redraw too), a copy
 * takes 1 ms.
 * @param {string[]} countries
 * @param {string} lang
 */
function countryOptions (countries, lang) {
  let byLang = countryLists.get(countries)
  if (!byLang) countryLists.set(countries, (byLang = new Map()))
  let made = byLang.get(lang)
  if (!made) {
    const names = displayNames(lang, 'region')
    const collator = new Intl.Collator(lang)
    const sorted = countries.map((c) => ({ value: c, label: (names && names.of(c)) || c })).sort((a, b) => collator.compare(a.label, b.label))
    const $options = document.createDocumentFragment()
    $options.append(...sorted.map((o) => h('option', { value: o.value, text: o.label })))
    made = { codes: new Set(countries), $options }
    byLang.set(lang, made)
  }
  return made
}

function displayNames (lang, type) {
  try { return new Intl.DisplayNames([lang], { type }) } catch (e) { return null }
}

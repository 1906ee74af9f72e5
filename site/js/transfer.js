// Export, import and the storage panel of the home page. The engine does
// the work (evidraft.exportDrafts, importPreview, importDrafts,
// storageStatus); these pages ask, show and confirm.
import { h, dateFormat, shown } from './dom.js'
import { ErrorSummary } from '../components/error-summary/error-summary.js'
import { SummaryList } from '../components/summary-list/summary-list.js'
import { group, setError, showErrors } from './forms.js'
import { newPassphrase, minPassphrase } from './passphrase.js'

/**
 * What the pages need of the app.
 * @typedef {{E:Object, t:(id:string, p?:Object)=>string, lang:string, page:(...c:any[])=>void,
 *   setTitle:(s:string)=>void, banner:(m:string, o:Object)=>void, go:(hash:string)=>void,
 *   root:Document|ShadowRoot, $main:HTMLElement, kindTitle:(id:string)=>string, lock:()=>Promise<void>}} Ctx
 */

/**
 * The storage panel: space used, whether the browser keeps it, the last
 * export, whether the drafts are protected, and a reminder when drafts
 * changed since.
 * @param {Ctx} c
 * @param {{protected?:boolean}} prot what evidraft.protection() said
 */
export async function storagePanel (c, prot) {
  const { t } = c
  let st
  try { st = await c.E.storageStatus() } catch (e) { return null }
  const size = sizeFormat(c.lang)
  const when = dateFormat(c.lang)
  const rows = [
    { key: t('ui.storage.used'), value: st.quota ? t('ui.storage.usedValue', { Used: size(st.usage), Quota: size(st.quota) }) : t('ui.storage.unknown') },
    { key: t('ui.storage.persisted'), value: t(st.persisted ? 'ui.storage.persistedYes' : 'ui.storage.persistedNo') },
    { key: t('ui.storage.lastExport'), value: st.lastExport ? h('time', { datetime: st.lastExport, text: when(st.lastExport) }) : t('ui.storage.never') }
  ]
  rows.push({
    key: t('ui.protect.row'),
    value: prot.protected ? t('ui.protect.on') : [t('ui.protect.off'), ' – ', h('a', { href: '#/protect', text: t('ui.protect.link') })]
  })
  return h('section', { class: 'evd-storage', 'aria-labelledby': 'evd-storage-heading', 'data-storage-panel': '' },
    h('h2', { class: 'evd-heading-m', id: 'evd-storage-heading', text: t('ui.storage.heading') }),
    st.notExported
      ? h('div', { class: 'evd-inset evd-inset--warning', 'data-export-reminder': '' },
        h('p', { class: 'evd-body-text', text: t('ui.storage.reminder', { N: st.notExported }) }),
        h('a', { class: 'evd-button evd-button--secondary', href: '#/export', role: 'button', draggable: 'false', text: t('ui.home.exportAll') }))
      : null,
    new SummaryList({ rows }).$root)
}

/**
 * The export page: all live drafts, or the one named by ?id=; an optional
 * passphrase; the file goes to the downloads.
 * @param {Ctx} c
 * @param {URLSearchParams} params
 */
export async function exportPage (c, params) {
  const { t } = c
  const id = params.get('id')
  let what
  if (id) {
    const r = await c.E.getDraft(id)
    what = h('bdi', { text: shown(r.title || t('ui.untitled')) })
  } else {
    const all = await c.E.listDrafts({})
    what = t('ui.export.all', { N: all.length })
  }
  c.setTitle(t('ui.export.heading') + ' – ' + t('ui.title'))
  const $errors = h('div', { 'data-slot': 'errors' })
  const { $pass, $confirm, $passGroup, $confirmGroup, problems, clear } = newPassphrase(t, 'export', await minPassphrase(c))
  const $secret = h('div', { class: 'evd-conditional', id: 'export-secret', hidden: true },
    h('p', { class: 'evd-warning-text', id: 'export-lost' }, h('strong', { text: t('ui.export.lostWarning') })),
    $passGroup, $confirmGroup)
  // Drafts protected at rest are exported encrypted by default, with the
  // key that protects them: the file opens with the same passphrase.
  const prot = await c.E.protection().catch(() => ({}))
  const sameKey = !!(prot.protected && prot.unlocked)
  const $protect = h('input', { class: 'evd-checkboxes__input', type: 'checkbox', id: 'export-protect', 'aria-controls': 'export-secret', 'aria-expanded': 'false',
    on: { change: (e) => { $secret.hidden = !e.target.checked; e.target.setAttribute('aria-expanded', String(e.target.checked)) } } })
  const choice = (value, text, checked, hint) => h('div', { class: 'evd-radios__item' },
    h('input', { class: 'evd-radios__input', type: 'radio', name: 'export-key', id: 'export-key-' + value, value, checked, 'aria-describedby': hint ? 'export-key-' + value + '-hint' : null, on: { change: chosen } }),
    h('div', {},
      h('label', { class: 'evd-label evd-radios__label', for: 'export-key-' + value, text }),
      hint ? h('div', { class: 'evd-hint', id: 'export-key-' + value + '-hint', text: hint }) : null))
  const $choose = sameKey
    ? h('fieldset', { class: 'evd-fieldset' },
      h('legend', { class: 'evd-fieldset__legend', text: t('ui.export.keyLegend') }),
      h('div', { class: 'evd-radios' },
        choice('drafts', t('ui.export.keyDrafts'), true, t('ui.export.keyDraftsHint')),
        choice('other', t('ui.export.keyOther'), false),
        choice('none', t('ui.export.keyNone'), false, t('ui.export.keyNoneHint'))))
    : h('div', { class: 'evd-checkboxes' }, h('div', { class: 'evd-checkboxes__item' }, $protect,
      h('label', { class: 'evd-label evd-checkboxes__label', for: 'export-protect', text: t('ui.export.protect') })))
  const $form = h('form', { class: 'evd-export', novalidate: true, on: { submit: run } },
    h('div', { class: 'evd-form-group' }, $choose, $secret),
    h('button', { class: 'evd-button', type: 'submit', text: t('ui.export.button') }))
  /** which key the file is encrypted with: 'drafts', 'other' or 'none' */
  const key = () => sameKey ? new FormData($form).get('export-key') : $protect.checked ? 'other' : 'none'
  function chosen () { $secret.hidden = key() !== 'other' }
  c.page(
    h('a', { class: 'evd-back-link', href: '#/', text: t('ui.back') }),
    $errors,
    h('span', { class: 'evd-caption' }, what),
    h('h1', { class: 'evd-heading-xl', text: t('ui.export.heading') }),
    h('p', { class: 'evd-body-text', text: t('ui.export.intro') }),
    $form)

  async function run (e) {
    e.preventDefault()
    const k = key()
    const passphrase = k === 'other' ? $pass.value : ''
    let errors = []
    if (k === 'other') errors = problems()
    else clear()
    if (showErrors(c, $errors, errors)) return
    try {
      const text = await c.E.exportDrafts(id ? [id] : [], k === 'drafts' ? { key: 'drafts' } : { passphrase })
      const name = fileName(id ? what.textContent : 'evidraft', { encrypted: k !== 'none' })
      download(text, name, c.root)
      $pass.value = $confirm.value = ''
      c.banner(t('ui.export.done', { File: name }), { type: 'success' })
    } catch (err) {
      c.banner(err.message, { type: 'error' })
    }
  }
}

/**
 * The import page: choose a file, give its passphrase if it has one, see
 * what it holds and how each draft compares, choose, import.
 * @param {Ctx} c
 */
export function importPage (c) {
  const { t } = c
  c.setTitle(t('ui.import.heading') + ' – ' + t('ui.title'))
  /** @type {Uint8Array|null} */
  let bytes = null
  let passphrase = ''
  const $errors = h('div', { 'data-slot': 'errors' })
  const $preview = h('div', { 'data-slot': 'preview' })
  const $file = h('input', { class: 'evd-file-upload', type: 'file', id: 'import-file', accept: '.json,application/json', 'aria-describedby': 'import-file-hint', on: { change: read } })
  const $fileGroup = group('import-file', t('ui.import.file'), $file, t('ui.import.fileHint'))
  const $pass = h('input', { class: 'evd-input', type: 'password', id: 'import-passphrase', autocomplete: 'current-password', spellcheck: 'false', dir: 'auto' })
  const $passGroup = group('import-passphrase', t('ui.import.passphrase'), $pass)
  const $passForm = h('form', { class: 'evd-import-passphrase', novalidate: true, hidden: true, on: { submit: (e) => { e.preventDefault(); passphrase = $pass.value; preview() } } },
    $passGroup,
    h('button', { class: 'evd-button evd-button--secondary', type: 'submit', text: t('ui.import.open') }))
  c.page(
    h('a', { class: 'evd-back-link', href: '#/', text: t('ui.back') }),
    $errors,
    h('h1', { class: 'evd-heading-xl', text: t('ui.import.heading') }),
    $fileGroup,
    $passForm,
    $preview)

  function fail (message, $g, target) {
    setError($fileGroup, '')
    setError($passGroup, '')
    setError($g, message)
    const s = new ErrorSummary({ title: t('ui.errorSummary'), errors: [{ text: message, target }], root: c.root })
    $errors.replaceChildren(s.$root)
    s.focus()
  }

  async function read () {
    $preview.replaceChildren()
    $errors.replaceChildren()
    $passForm.hidden = true
    passphrase = ''
    const f = $file.files && $file.files[0]
    if (!f) { bytes = null; return }
    // Refused before it is read into memory: the engine has the limit.
    const { maxFileBytes } = await c.E.limits()
    if (f.size > maxFileBytes) {
      bytes = null
      fail(t('ui.import.tooLarge', { Max: Math.floor(maxFileBytes / 1048576) + ' MB' }), $fileGroup, 'import-file')
      return
    }
    bytes = new Uint8Array(await f.arrayBuffer())
    await preview()
  }

  async function preview () {
    if (!bytes) { fail(t('ui.import.noFile'), $fileGroup, 'import-file'); return }
    let p
    try {
      p = await c.E.importPreview(bytes, { passphrase })
    } catch (err) {
      $preview.replaceChildren()
      if (err.code === 'export.encrypted' || err.code === 'export.wrongPassphrase') {
        $passForm.hidden = false
        if (err.code === 'export.wrongPassphrase') fail(err.message, $passGroup, 'import-passphrase')
        else { setError($passGroup, ''); $errors.replaceChildren(); $pass.focus() }
        return
      }
      fail(err.message, $fileGroup, 'import-file')
      return
    }
    $errors.replaceChildren()
    setError($fileGroup, '')
    setError($passGroup, '')
    showPreview(p)
  }

  function showPreview (p) {
    const when = dateFormat(c.lang)
    const choices = ['keepBoth', 'replaceIfNewer', 'skip']
    const rows = p.drafts.map((d, i) => {
      const title = shown(d.title || t('ui.untitled'))
      const cell = (...kids) => h('td', { class: 'evd-table__cell' }, ...kids)
      const state = h('span', { text: t('ui.import.state.' + d.state) })
      const action = d.stored
        ? h('select', { class: 'evd-select', id: 'import-policy-' + i, 'data-file-id': d.fileId, 'aria-label': t('ui.import.action') + ': ' + title },
          choices.map((v) => h('option', { value: v, selected: v === 'keepBoth', text: t('ui.import.' + v) })))
        : h('span', { text: t('ui.import.add') })
      return h('tr', { class: 'evd-table__row' },
        cell(h('bdi', { text: title }), d.readOnly ? h('p', { class: 'evd-hint', text: t('ui.import.readOnly') }) : null),
        cell(c.kindTitle(d.kind)),
        cell(h('time', { datetime: d.updated, text: when(d.updated) })),
        cell(state),
        cell(action))
    })
    const $form = h('form', { class: 'evd-import', novalidate: true, on: { submit: run } },
      h('p', { class: 'evd-body-text', 'data-import-summary': '', text: t('ui.import.summary', { App: p.app, Date: when(p.created), N: p.count }) }),
      // A plain export's checksum detects damage, not forgery; only a
      // passphrase authenticates the file.
      h('p', { class: 'evd-body-text', 'data-import-integrity': '', text: t(p.encrypted ? 'ui.import.integrity.encrypted' : 'ui.import.integrity.plain') }),
      p.drafts.length
        ? h('table', { class: 'evd-table' },
          h('thead', {}, h('tr', {}, ['ui.list.title', 'ui.list.kind', 'ui.list.saved', 'ui.import.compared', 'ui.import.action']
            .map((k) => h('th', { scope: 'col', class: 'evd-table__header', text: t(k) })))),
          h('tbody', {}, rows))
        : null,
      h('button', { class: 'evd-button', type: 'submit', disabled: !p.drafts.length, text: t('ui.import.button') }))
    $preview.replaceChildren($form)

    async function run (e) {
      e.preventDefault()
      const policies = {}
      for (const $s of $form.querySelectorAll('select[data-file-id]')) policies[$s.getAttribute('data-file-id')] = $s.value
      try {
        const res = await c.E.importDrafts(bytes, { passphrase, policies })
        bytes = null
        c.go('#/')
        c.banner(t('ui.import.done', { Added: res.added, Copied: res.copied, Replaced: res.replaced, Skipped: res.skipped }), { type: 'success' })
      } catch (err) {
        fail(err.message, $fileGroup, 'import-file')
      }
    }
  }
}

/**
 * The page of a draft written by a newer evidraft: said plainly, kept as
 * it is, offered for export, its answers shown as text.
 * @param {Ctx} c
 * @param {Object} record
 */
export function newerPage (c, record) {
  const { t } = c
  c.setTitle(t('ui.newer.heading') + ' – ' + t('ui.title'))
  c.page(
    h('a', { class: 'evd-back-link', href: '#/', text: t('ui.home.drafts') }),
    h('span', { class: 'evd-caption' }, h('bdi', { text: shown(record.title || t('ui.untitled')) })),
    h('h1', { class: 'evd-heading-xl', text: t('ui.newer.heading') }),
    h('div', { class: 'evd-inset evd-inset--warning' }, h('p', { class: 'evd-body-text', text: t('ui.newer.text') })),
    h('a', { class: 'evd-button', href: '#/export?id=' + encodeURIComponent(record.id), role: 'button', draggable: 'false', text: t('ui.action.export') }),
    h('pre', { class: 'evd-raw', dir: 'ltr', tabindex: 0, text: JSON.stringify(record.body, null, 2) }))
}

/** Hands the file to the browser's downloads. */
export function download (text, name, root) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
  const $a = h('a', { href: url, download: name, hidden: true })
  const $host = root.body || root
  $host.append($a)
  $a.click()
  $a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60000)
}

/**
 * "<title>-2026-12-01-1530[-encrypted].evidraft.json": the title made safe
 * for any file system, the local date and time of the export (so that
 * exports of one day are told apart) and whether a passphrase protects it.
 * @param {string} title
 * @param {{encrypted?:boolean, now?:Date}} [opts]
 */
export function fileName (title, opts = {}) {
  const safe = String(title).normalize('NFC').replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'evidraft'
  const d = opts.now || new Date()
  const two = (n) => String(n).padStart(2, '0')
  const stamp = d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + '-' + two(d.getHours()) + two(d.getMinutes())
  return safe + '-' + stamp + (opts.encrypted ? '-encrypted' : '') + '.evidraft.json'
}

function sizeFormat (lang) {
  return (bytes) => {
    const [unit, n] = bytes >= 1e9 ? ['gigabyte', bytes / 1e9] : bytes >= 1e6 ? ['megabyte', bytes / 1e6] : ['kilobyte', bytes / 1e3]
    try { return new Intl.NumberFormat(lang, { style: 'unit', unit, maximumFractionDigits: 1 }).format(n) } catch (e) { return Math.round(n) + ' ' + unit }
  }
}

// Protecting the drafts on this computer with a passphrase, and the page
// that unlocks them. The engine does the work (evidraft.protectDrafts,
// unlockDrafts, limits); these pages ask and explain.
import { h } from './dom.js'
import { group, setError, showErrors } from './forms.js'

/** @typedef {import("./transfer.js").Ctx} Ctx */

/**
 * Protect the drafts on this computer: a passphrase (twice), a plain
 * warning, then every body and revision is encrypted.
 * @param {Ctx} c
 */
export async function protectPage (c, params) {
  const { t } = c
  c.setTitle(t('ui.protect.heading') + ' – ' + t('ui.title'))
  const $errors = h('div', { 'data-slot': 'errors' })
  const { $pass, $confirm, $passGroup, $confirmGroup, problems } = newPassphrase(t, 'protect', await minPassphrase(c))
  const $form = h('form', { class: 'evd-protect', novalidate: true, on: { submit: run } },
    h('p', { class: 'evd-warning-text', id: 'protect-lost' }, h('strong', { text: t('ui.protect.lostWarning') })),
    $passGroup, $confirmGroup,
    h('button', { class: 'evd-button', type: 'submit', text: t('ui.protect.button') }))
  c.page(
    h('a', { class: 'evd-back-link', href: '#/', text: t('ui.back') }),
    $errors,
    h('h1', { class: 'evd-heading-xl', text: t('ui.protect.heading') }),
    h('p', { class: 'evd-body-text', text: t('ui.protect.intro') }),
    h('h2', { class: 'evd-heading-m', text: t('ui.protect.clearHeading') }),
    h('p', { class: 'evd-body-text', 'data-protect-clear': '', text: t('ui.protect.clear') }),
    h('h2', { class: 'evd-heading-m', text: t('ui.protect.beforeHeading') }),
    h('p', { class: 'evd-body-text', 'data-protect-before': '', text: t('ui.protect.before') }),
    $form)

  async function run (e) {
    e.preventDefault()
    const errors = problems()
    if (showErrors(c, $errors, errors)) return
    try {
      await c.E.protectDrafts($pass.value)
      $pass.value = $confirm.value = ''
      c.go(params && params.get('then') === 'new' ? '#/new' : '#/')
      c.banner(t('ui.protect.done'), { type: 'success' })
    } catch (err) {
      c.banner(err.message, { type: 'error' })
    }
  }
}

/**
 * The unlock page, shown instead of any other while the drafts are
 * protected and locked.
 * @param {Ctx} c
 * @param {() => void} done called once the drafts are unlocked
 */
export function unlockPage (c, done) {
  const { t } = c
  c.setTitle(t('ui.unlock.heading') + ' – ' + t('ui.title'))
  const $errors = h('div', { 'data-slot': 'errors' })
  const $pass = h('input', { class: 'evd-input', type: 'password', id: 'unlock-passphrase', autocomplete: 'current-password', spellcheck: 'false', dir: 'auto' })
  const $group = group('unlock-passphrase', t('ui.export.passphrase'), $pass)
  c.page(
    $errors,
    h('h1', { class: 'evd-heading-xl', text: t('ui.unlock.heading') }),
    h('p', { class: 'evd-body-text', text: t('ui.unlock.intro') }),
    h('form', { class: 'evd-unlock', novalidate: true, on: { submit: run } },
      $group,
      h('button', { class: 'evd-button', type: 'submit', text: t('ui.unlock.button') })))

  async function run (e) {
    e.preventDefault()
    setError($group, '')
    let res
    try {
      res = await c.E.unlockDrafts($pass.value || ' ')
    } catch (err) {
      showErrors(c, $errors, [{ $g: $group, text: err.message, target: 'unlock-passphrase' }])
      return
    }
    $pass.value = ''
    done()
    // Drafts added, removed or set back outside evidraft since it last
    // saved them: said once, plainly.
    if (res && res.warning) c.banner(res.warning, { type: 'error' })
  }
}

/**
 * A new passphrase, typed twice, with its hint; it points at the warning
 * "<prefix>-lost" that the page shows. problems() lists what is wrong.
 * @param {(id:string, p?:Object)=>string} t
 * @param {string} prefix ids start with it
 * @param {number} min the shortest passphrase the engine accepts
 */
export function newPassphrase (t, prefix, min) {
  const input = (id, extra) => h('input', Object.assign({ class: 'evd-input', type: 'password', id, autocomplete: 'new-password', spellcheck: 'false', dir: 'auto' }, extra))
  const $pass = input(prefix + '-passphrase', { 'aria-describedby': prefix + '-passphrase-hint ' + prefix + '-lost' })
  const $confirm = input(prefix + '-confirm')
  const $passGroup = group(prefix + '-passphrase', t('ui.export.passphrase'), $pass, t('ui.export.passphraseHint'))
  const $confirmGroup = group(prefix + '-confirm', t('ui.export.confirm'), $confirm)
  const clear = () => { for (const $g of [$passGroup, $confirmGroup]) setError($g, '') }
  function problems () {
    clear()
    if ([...$pass.value].length < min) return [{ $g: $passGroup, text: t('ui.export.tooShort', { N: min }), target: prefix + '-passphrase' }]
    if ($confirm.value !== $pass.value) return [{ $g: $confirmGroup, text: t('ui.export.mismatch'), target: prefix + '-confirm' }]
    return []
  }
  return { $pass, $confirm, $passGroup, $confirmGroup, problems, clear }
}

/**
 * The shortest passphrase the engine accepts (export.MinPassphrase): the
 * page says so at once rather than after the engine refuses.
 * @param {Ctx} c
 */
export async function minPassphrase (c) {
  return (await c.E.limits()).minPassphrase
}

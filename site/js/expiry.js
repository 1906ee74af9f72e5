// Preservations that may end soon: the home page's list and the note on a
// sent preservation's pages. Go works out every date and which rule gave
// it (evidraft.expiring, the form model's expiry); this file only draws.
import { h, shown } from './dom.js'

/**
 * A place on the home page for the list below, filled once the engine has
 * read the preservations' bodies (with many drafts that takes a while: the
 * rest of the page does not wait for it).
 * @param {Parameters<typeof expiringPanel>[0]} ctx
 * @param {Parameters<typeof expiringPanel>[1]} opts
 */
export function expiringSlot (ctx, opts) {
  const $slot = h('div', { 'data-expiring-slot': '' })
  expiringPanel(ctx, opts).then(($panel) => { if ($panel) $slot.replaceChildren($panel) }, () => {})
  return $slot
}

/**
 * The home page's list of sent preservations that end within 14 days or
 * have ended, each with links to the follow-up requests, prefilled from it.
 * @param {{E:Object, t:(id:string, p?:Object)=>string, lang:string, go:(hash:string)=>void, kindTitle:(id:string)=>string}} ctx
 * @param {{notice:(s:string)=>void}} opts notice: shown once the new draft is open
 * @returns {Promise<HTMLElement|null>} null when none
 */
export async function expiringPanel (ctx, opts) {
  const { E, t } = ctx
  const list = await E.expiring({ lang: ctx.lang }).catch(() => [])
  if (!list.length) return null
  return h('section', { class: 'evd-expiring', 'data-expiring': '', 'aria-labelledby': 'evd-expiring-heading' },
    h('h2', { class: 'evd-heading-m', id: 'evd-expiring-heading', text: t('ui.expiring.heading') }),
    h('p', { class: 'evd-body-text', text: t('ui.expiring.intro') }),
    h('ul', { class: 'evd-expiring__list' }, list.map((d) => h('li', {
      class: 'evd-expiring__item' + (d.expiry.ended ? ' evd-expiring__item--ended' : ''),
      'data-draft': d.id,
      'data-ends': d.expiry.ends
    },
    h('p', { class: 'evd-expiring__title' },
      h('a', { href: '#/draft/' + encodeURIComponent(d.id) }, h('bdi', { text: shown(d.title || d.reference || t('ui.untitled')) })),
      ' – ' + ctx.kindTitle(d.kind),
      d.state ? ' – ' + d.state : null),
    h('p', { class: 'evd-expiring__when' },
      d.expiry.ended ? h('strong', { class: 'evd-tag evd-tag--ended', text: t('ui.expiring.ended') }) : null,
      d.expiry.ended ? ' ' : null,
      h('time', { datetime: d.expiry.ends, text: d.expiry.text })),
    h('p', { class: 'evd-hint', text: t('ui.expiring.rule', { Rule: d.expiry.ruleText }) }),
    h('div', { class: 'evd-button-group' }, d.followUps.map((f) => h('button', {
      type: 'button',
      class: 'evd-button evd-button--secondary',
      'data-follow-up': f.action,
      on: { click: () => create(d, f) },
      text: f.label
    })))))))

  async function create (d, f) {
    const src = await E.getDraft(d.id)
    const body = await E.followUp(src.body, f.action)
    const r = await E.newDraft(f.kind, src.lang || ctx.lang)
    r.body = body
    const saved = await E.saveDraft(r)
    opts.notice(t('ui.followUp.created', { Title: d.title || d.reference || t('ui.untitled') }))
    ctx.go('#/draft/' + encodeURIComponent(saved.id))
  }
}

/**
 * The note "may end on <date>" of a sent preservation, from the form
 * model; for a final one not yet recorded as sent, when recordHref is
 * given, where to record it; else null.
 * @param {Object|null} form
 * @param {(id:string, p?:Object)=>string} t
 * @param {string} [recordHref] the After sending section's page
 */
export function expiryNote (form, t, recordHref = '') {
  const e = form && form.expiry
  const after = form && form.sections.find((s) => s.afterFinal)
  if (!e && after && recordHref) {
    const [before, rest] = t('ui.expiry.record', { Section: '\u0000' }).split('\u0000')
    return h('div', { class: 'evd-inset', 'data-expiry-record': '' },
      h('p', { class: 'evd-body-text' }, before, h('a', { href: recordHref, text: after.title }), rest || ''))
  }
  if (!e) return null
  return h('div', { class: 'evd-inset' + (e.ended ? ' evd-inset--warning' : ''), 'data-expiry': e.ends },
    h('p', { class: 'evd-body-text' }, h('strong', {}, h('time', { datetime: e.ends, text: e.text }))),
    h('p', { class: 'evd-hint', text: t('ui.expiring.rule', { Rule: e.ruleText }) }))
}

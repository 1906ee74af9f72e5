// A section's page: its fields drawn from the form model and patched as
// the model changes, each answer applied, Undo, and Save and continue.
import { h, idFor, morph, controlIn } from './dom.js'
import * as ptr from './pointer.js'
import { ErrorSummary, focusField } from '../components/error-summary/error-summary.js'
import { FieldRenderer, FieldController } from '../components/field/field.js'
import { keepPending, scheduleSave } from './autosave.js'
import { refreshForm, answersLocked, caption, finalBanner } from './editor.js'

/** @typedef {import("./app.js").App} App */

/**
 * @param {App} app
 * @param {string} id the section's id
 * @param {URLSearchParams} params return=check, focus=pointer
 */
export async function sectionPage (app, id, params) {
  const section = app.form.sections.find((s) => s.id === id)
  if (!section) throw new Error('no section ' + id)
  app.undo = [] // Undo is for this page's changes
  app.whole = new Set() // long answers opened in full on this page
  app.setTitle(pageTitle(app, section))
  const ret = params.get('return')
  const $saved = h('p', { class: 'evd-saved', role: 'status', 'data-saved': '' })
  const $errors = h('div', { 'data-slot': 'errors' })
  const $fields = h('div', { class: 'evd-fields', 'data-slot': 'fields' })
  const $hidden = h('div', { 'data-slot': 'hidden' })
  const idx = app.form.sections.indexOf(section)
  // The next section of the request. After sending (afterFinal) is no
  // step of drafting it, so Continue passes it by; on a request already
  // finalised it leads back to the tasks.
  const after = app.form.sections.slice(idx + 1).find((s) => !s.afterFinal)
  const next = section.afterFinal && app.readOnly() && ret !== 'check' ? app.draftHref() : ret === 'check' || !after ? app.draftHref('check') : app.draftHref(after.id)
  const $form = h('form', { class: 'evd-section', novalidate: true, on: { submit: (e) => { e.preventDefault(); continueSection(app, id, next) } } },
    $errors,
    caption(app),
    h('h1', { class: 'evd-heading-xl', text: section.title }),
    app.readOnly() && !section.afterFinal ? finalBanner(app) : h('div', { class: 'evd-section__status' }, $saved, undoButton(app)),
    $hidden,
    $fields,
    app.readOnly() && !section.afterFinal ? null : h('button', { class: 'evd-button', type: 'submit', text: app.t('ui.continue') }))
  app.page(h('a', { class: 'evd-back-link', href: ret === 'check' ? app.draftHref('check') : app.draftHref(), text: app.t('ui.back') }), $form)
  app.section = id
  app.checkpoint = true
  new FieldController({
    $root: $fields,
    value: (p) => ptr.get(app.record.body, p),
    onChange: (p, v, structural, focus) => { app.focusNext = focus || ''; edit(app, id, p, v, structural) },
    onWhole: (p, focus) => { app.whole.add(p); app.focusNext = focus; drawFields(app, id) },
    // The pasted answer is shown by its start; focus goes to the button
    // that opens it in full, which tells its size.
    onLong: (p, v, focus) => { app.focusNext = focus; edit(app, id, p, v, true); app.whole.delete(p) },
    onBlur: (p) => {
      // Findings show once the user changed an answer and left it;
      // passing through with Tab marks nothing.
      if (!app.touched.has(p) || app.shown.has(p)) return
      app.shown.add(p)
      scheduleForm(app, id, 0)
    }
  })
  // Coming from a finding on check answers: show it where it is fixed.
  const focus = params.get('focus')
  if (focus) app.shown.add(focus)
  drawFields(app, id)
  if (focus) setTimeout(() => focusField(idFor(focus), app.root), 0)
}

/**
 * Brings the section's fields in line with the form model by patching
 * them (dom.js morph): findings, visibility and list lengths change in
 * place, the field the user is in is never replaced, and nothing at all
 * changes when nothing differs. Does nothing unless that section's page
 * is the one on screen.
 */
function drawFields (app, sectionId) {
  const section = app.form.sections.find((s) => s.id === sectionId)
  const $fields = app.$main.querySelector('[data-slot="fields"]')
  if (app.section !== sectionId || !section || !$fields) return
  const renderer = new FieldRenderer({
    texts: app.texts,
    lang: app.lang,
    readOnly: answersLocked(app),
    countries: app.countries,
    timeZones: app.timeZones,
    shown: (p) => app.shown.has(p),
    whole: (p) => app.whole.has(p),
    value: (p) => ptr.get(app.record.body, p)
  })
  // A section made of one group shows that group's fields (the model says so).
  const fields = section.flat ? section.fields[0].fields : section.fields
  const $active = app.root.activeElement
  morph($fields, h('div', { class: 'evd-fields', 'data-slot': 'fields' }, fields.map((f) => renderer.render(f))), $active)
  const $hidden = app.$main.querySelector('[data-slot="hidden"]')
  morph($hidden, h('div', { 'data-slot': 'hidden' }, section.hidden ? h('p', { class: 'evd-inset', text: app.t('ui.hidden', { N: section.hidden }) }) : null), $active)
  keepOpenErrors(app, section)
  if (app.focusNext) {
    const $to = $fields.querySelector(app.focusNext)
    app.focusNext = ''
    if ($to) controlIn($to).focus()
  }
}

/** A finding as the error summary knows it. */
const errorKey = (f) => f.pointer + ' ' + f.code

/**
 * The error summary of the last Continue lists only what is still wrong:
 * an answer put right leaves it as its field's message goes, and the
 * summary goes with its last entry (the page's title says the problem no
 * more). New problems wait for the next Continue, as in GOV.UK's pattern.
 */
function keepOpenErrors (app, section) {
  const $slot = app.$main.querySelector('[data-slot="errors"]')
  const $summary = $slot && $slot.querySelector('[data-module="evd-error-summary"]')
  if (!$summary) return
  const open = new Set(findingsIn(app, section).filter((f) => f.severity === 'error').map(errorKey))
  if (ErrorSummary.keep($summary, open)) return
  $slot.replaceChildren()
  app.setTitle(pageTitle(app, section))
}

/** The document title of a section's page. */
function pageTitle (app, section) { return section.title + ' – ' + app.t('ui.title') }

/** Applies one answer: into the body, then save and re-check. */
function edit (app, sectionId, pointer, value, structural) {
  if (answersLocked(app)) return
  rememberForUndo(app, pointer, structural)
  ptr.set(app.record.body, pointer, value)
  // A translation records the answer it translates (the model says so).
  const also = fieldAt(app, pointer)?.also
  if (also) ptr.set(app.record.body, also.pointer, value === undefined ? undefined : also.value)
  app.touched.add(pointer)
  app.whole.add(pointer) // what the user types into stays a textarea
  keepPending(app, pointer, ...(also ? [also.pointer] : []))
  scheduleSave(app)
  scheduleForm(app, sectionId, structural ? 0 : 150)
}

/** The form model's field at pointer, if drawn. */
function fieldAt (app, pointer) {
  const find = (fields) => {
    for (const f of fields || []) {
      if (f.pointer === pointer) return f
      const inner = find(f.fields) || find(f.items)
      if (inner) return inner
    }
    return null
  }
  return app.form ? find(app.form.sections.flatMap((s) => s.fields)) : null
}

/** Changes to one answer within UNDO_GAP ms are one step of Undo. */
const UNDO_GAP = 2000
const UNDO_STEPS = 50

/**
 * Keeps, before a change, the answers it can touch: the top-level answer
 * that holds pointer and, for a translation, the one it records. Only
 * those are copied (a copy of the whole body took tens of milliseconds
 * per step in a draft with a 5 MB answer).
 */
function rememberForUndo (app, pointer, structural) {
  const last = app.undo[app.undo.length - 1]
  const now = Date.now()
  if (!structural && last && last.pointer === pointer && now - last.at < UNDO_GAP) { last.at = now; return }
  const also = fieldAt(app, pointer)?.also
  const keys = [...new Set([pointer, also && also.pointer].filter(Boolean).map((p) => ptr.segments(p)[0]))]
  const body = app.record.body
  const kept = keys.map((k) => [k, Object.prototype.hasOwnProperty.call(body, k), structuredClone(body[k])])
  app.undo.push({ pointer, at: now, kept })
  if (app.undo.length > UNDO_STEPS) app.undo.shift()
  updateUndo(app)
}

function undoButton (app) {
  return h('button', { type: 'button', class: 'evd-button evd-button--secondary evd-button--small', 'data-undo': '', disabled: !app.undo.length, on: { click: () => undoLast(app) }, text: app.t('ui.undoChange') })
}

function updateUndo (app) {
  const $b = app.$main.querySelector('[data-undo]')
  if ($b && $b.disabled !== !app.undo.length) $b.disabled = !app.undo.length
}

/** Puts back the answers as they were before the last change. */
function undoLast (app) {
  const step = app.undo.pop()
  updateUndo(app)
  if (!step || answersLocked(app)) return
  const body = app.record.body
  for (const [k, had, v] of step.kept) {
    if (had) body[k] = v
    else delete body[k]
  }
  keepPending(app)
  scheduleSave(app)
  if (app.section) scheduleForm(app, app.section, 0)
}

/** Asks for the form model after delay ms of quiet, then patches the fields. */
function scheduleForm (app, sectionId, delay) {
  clearTimeout(app.formTimer)
  if (!app.formTimer) app.busy(1)
  app.formTimer = setTimeout(async () => {
    app.formTimer = 0
    try {
      if (app.section !== sectionId) return
      const start = performance.now()
      await refreshSection(app, sectionId)
      drawFields(app, sectionId)
      // From the pause in typing to the findings on screen, for the
      // harness (a PerformanceObserver sees each; the page keeps the last).
      performance.clearMeasures('evidraft:findings')
      performance.measure('evidraft:findings', { start })
    } finally { app.busy(-1) }
  }, delay)
}

/**
 * While a section is edited, the engine checks that section only (its
 * answers and those its findings depend on) and the result replaces that
 * section's part of the draft's form model. Opening the draft, Continue
 * and check answers ask for the whole, and only they fire the validity
 * event.
 */
async function refreshSection (app, sectionId) {
  const seq = ++app.formSeq
  const part = await app.E.form(app.record.body, { lang: app.lang, section: sectionId })
  if (seq !== app.formSeq || !app.form) return
  const whole = app.form
  app.form = Object.assign({}, whole, {
    sections: whole.sections.map((s) => s.id === sectionId ? part.sections[0] : s),
    findings: whole.findings.filter((f) => f.section !== sectionId).concat(part.findings)
  })
}

/** The findings whose answers lie in the section (the model says which). */
function findingsIn (app, section) {
  return app.form.findings.filter((f) => f.section === section.id)
}

/** Save and continue: check the section; go on only without errors. */
async function continueSection (app, sectionId, next) {
  if (app.dirtySince) await app.save(true)
  else await app.saving
  await refreshForm(app)
  const section = app.form.sections.find((s) => s.id === sectionId)
  for (const f of findingsIn(app, section)) app.shown.add(f.pointer)
  const errors = findingsIn(app, section).filter((f) => f.severity === 'error')
  if (!errors.length) {
    app.go(next)
    return
  }
  drawFields(app, sectionId)
  const summary = new ErrorSummary({ title: app.t('ui.errorSummary'), errors: errors.map((f) => ({ text: f.message, target: targetId(app, f.pointer), key: errorKey(f) })), root: app.root })
  app.$main.querySelector('[data-slot="errors"]').replaceChildren(summary.$root)
  app.setTitle(app.t('ui.errorSummary') + ': ' + pageTitle(app, section))
  summary.focus()
}

/** The element a finding's link goes to: the field, or its nearest drawn parent. */
function targetId (app, pointer) {
  let p = pointer
  while (p && !app.root.getElementById(idFor(p))) p = p.slice(0, p.lastIndexOf('/'))
  return idFor(p || pointer)
}

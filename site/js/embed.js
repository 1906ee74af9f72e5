// iframe mode: a portal that embeds the site in an <iframe> drives it with
// postMessage. Only the window that frames the site (window.parent) is
// heard, and only when its origin is in the allow-list (from the build, or
// the page's data-allowed-origins attribute), compared with ===; every
// reply goes to that window and origin alone, never '*'. A site that is
// not framed hears no command: a page that opened it with window.open, or
// another frame of an allowed portal, gets no answer.
//
//   iframe.contentWindow.postMessage({evidraft: 1, id: 7, type: 'newDraft', kind: 'mla'}, siteOrigin)
//   -> {evidraft: 1, id: 7, ok: true, result: {id: '…'}}  (or ok: false, error: {code, message})
//
// Commands: newDraft {kind, lang}, openDraft {draftId}, getDraft {draftId}
// (the open draft without one), listDrafts {}, setLanguage {lang}. The
// message's own id only pairs a reply with its command.

/**
 * @param {{allowed: string[], commands: Object<string, (msg: Object) => Promise<any>>}} opts
 */
export function listen (opts) {
  const allowed = opts.allowed.filter(Boolean)
  if (!allowed.length || window.parent === window) return
  window.addEventListener('message', async (event) => {
    if (event.source !== window.parent || !allowed.some((o) => o === event.origin)) return
    const msg = event.data
    if (!msg || typeof msg !== 'object' || msg.evidraft !== 1 || typeof msg.type !== 'string') return
    const command = Object.prototype.hasOwnProperty.call(opts.commands, msg.type) ? opts.commands[msg.type] : null
    let reply
    if (!command) {
      reply = { evidraft: 1, id: msg.id, ok: false, error: { code: 'api.badArgument', message: 'unknown command ' + msg.type } }
    } else {
      try {
        reply = { evidraft: 1, id: msg.id, ok: true, result: await command(msg) }
      } catch (err) {
        reply = { evidraft: 1, id: msg.id, ok: false, error: { code: err.code || 'api.internal', message: err.message || String(err) } }
      }
    }
    window.parent.postMessage(reply, event.origin)
  })
}

// An allowed origin is https:, or http: on this machine for development.
const secureOrigin = /^(https:\/\/[a-z0-9.-]+(:\d+)?|http:\/\/(localhost|127\.0\.0\.1)(:\d+)?)$/i

/**
 * The allow-list: the build's, plus <html data-allowed-origins="…">. An
 * entry that is not such an origin is dropped, with a warning.
 * @returns {string[]}
 */
export function allowedOrigins (boot) {
  const fromPage = (document.documentElement.dataset.allowedOrigins || '').split(/\s+/)
  return [...(boot.allowedOrigins || []), ...fromPage].filter((o) => {
    if (!o) return false
    if (secureOrigin.test(o)) return true
    console.warn('evidraft: allowed origin ' + JSON.stringify(o) + ' dropped: only https: origins (or http://localhost, http://127.0.0.1) may embed the site')
    return false
  })
}

/**
 * The commands an allowed portal may send, carried out by app.
 * @param {import("./app.js").App} app
 * @returns {Object<string, (msg: Object) => Promise<any>>}
 */
export function commands (app) {
  const E = app.E
  return {
    async newDraft (msg) {
      const r = await E.newDraft(String(msg.kind), msg.lang ? String(msg.lang) : app.lang)
      const saved = app.storage === 'indexeddb' ? await E.saveDraft(r) : r
      app.record = saved
      app.go('#/draft/' + encodeURIComponent(saved.id))
      return { id: saved.id }
    },
    async openDraft (msg) {
      const r = await E.getDraft(String(msg.draftId))
      app.go('#/draft/' + encodeURIComponent(r.id))
      return { id: r.id }
    },
    async getDraft (msg) {
      const id = msg.draftId ? String(msg.draftId) : app.record && app.record.id
      if (!id) throw Object.assign(new Error('no draft is open'), { code: 'store.notFound' })
      return E.getDraft(id)
    },
    async listDrafts () { return E.listDrafts({}) },
    async setLanguage (msg) {
      await app.setLanguage(String(msg.lang))
      return { lang: app.lang }
    }
  }
}

// iframe mode: a portal that embeds the site in an <iframe> drives it with
// postMessage. Only origins in the allow-list (from the build, or the
// page's data-allowed-origins attribute) are heard, compared with ===;
// every reply goes to that origin alone, never '*'.
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
  if (!allowed.length) return
  window.addEventListener('message', async (event) => {
    if (!allowed.some((o) => o === event.origin)) return
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
    if (event.source) event.source.postMessage(reply, event.origin)
  })
}

/** The allow-list: the build's, plus <html data-allowed-origins="…">. */
export function allowedOrigins (boot) {
  const fromPage = (document.documentElement.dataset.allowedOrigins || '').split(/\s+/)
  return [...(boot.allowedOrigins || []), ...fromPage].filter((o) => /^https?:\/\/[^/]+$/.test(o))
}

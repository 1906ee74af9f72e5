// The engine's dedicated Worker. The build puts Go's wasm_exec.js before
// this script in one file (the hosted site's worker.<hash>.js, the single
// file's blob: URL). The page (site/js/engine.js) posts the compiled
// app.wasm and the host's config; the engine then runs here, with its
// IndexedDB, WebCrypto and BroadcastChannel, and window.evidraft on the
// page is a proxy that posts calls and settles from the replies.
//
// Page to worker:
//   {type: 'start', module: WebAssembly.Module, config: {...}}
//   {type: 'call', id, method, args, bad: {index: message}}
// Worker to page:
//   {type: 'up'}                         this script runs
//   {type: 'api', methods, version, schemaVersion}   Go's main has registered the API
//   {type: 'failed', message}            the engine could not be instantiated
//   {type: 'ready', info}                evidraft.ready resolved with info
//   {type: 'reply', id, ok, value} or {type: 'reply', id, ok: false, error}
//   {type: 'event', name, detail}        an event the engine dispatched
'use strict'
;(function () {
  let settle
  const ready = new Promise((resolve) => { settle = resolve })
  // The loader's object that the engine fills in (see wasm/main.go).
  self.evidraft = { ready, _settle: settle }
  ready.then((info) => post({ type: 'ready', info }))

  // Events the engine dispatches on its global go to the page's window.
  self.addEventListener('evidraft:change', (e) => post({ type: 'event', name: e.type, detail: e.detail }))

  function post (msg) {
    try {
      self.postMessage(msg)
    } catch (err) {
      if (msg.type === 'reply' && msg.ok) self.postMessage({ type: 'reply', id: msg.id, ok: false, error: { name: 'EvidraftError', message: 'evidraft: the result cannot be sent to the page: ' + err.message, code: 'api.internal', detail: String(err) } })
    }
  }

  // An Error's own fields, which a structured clone would drop: the page
  // rebuilds the Error from them.
  function errorFields (e) {
    if (!e || typeof e !== 'object') return { raw: e }
    const out = { name: e.name, message: e.message }
    for (const k of ['code', 'params', 'draftId', 'detail']) if (k in e) out[k] = e[k]
    return out
  }

  // An argument the page could not send: an object whose every read
  // throws what the page's clone threw, so that the engine refuses it as
  // it would refuse it on the page (api.badArgument, in the user's
  // language).
  function unreadable (message) {
    const fail = () => { throw new TypeError(message) }
    return new Proxy({}, { get: fail, has: fail, ownKeys: fail, getOwnPropertyDescriptor: fail, getPrototypeOf: fail })
  }

  self.onmessage = async (e) => {
    const msg = e.data
    if (msg.type === 'start') {
      self.evidraftConfig = msg.config || {}
      let instance
      try {
        const go = new Go()
        instance = await WebAssembly.instantiate(msg.module, go.importObject)
        // Go's main runs until it first waits (for IndexedDB): the API is
        // registered when run returns its promise.
        go.run(instance)
      } catch (err) {
        post({ type: 'failed', message: String(err && err.message ? err.message : err) })
        return
      }
      const api = self.evidraft
      post({ type: 'api', methods: Object.keys(api).filter((k) => typeof api[k] === 'function' && k[0] !== '_'), version: api.version, schemaVersion: api.schemaVersion })
      return
    }
    if (msg.type !== 'call') return
    const args = msg.args
    for (const i in msg.bad || {}) args[i] = unreadable(msg.bad[i])
    try {
      const value = await self.evidraft[msg.method](...args)
      post({ type: 'reply', id: msg.id, ok: true, value })
    } catch (err) {
      post({ type: 'reply', id: msg.id, ok: false, error: errorFields(err) })
    }
  }
  post({ type: 'up' })
})()

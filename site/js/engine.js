// Starts the engine (app.wasm) once per page, for the site and for
// <evidraft-editor>: a loader object makes evidraft.ready exist at once,
// the engine fills it in when it is up.
//
// The engine runs in a dedicated Worker (site/js/worker.js) where the
// page can start one, so that no call (a 5 MB answer, an import, a
// protect) holds up the page: window.evidraft is then a proxy with the
// same Promise API, and the engine's events are dispatched again on
// window. Where no worker starts, it runs on the page as before.

/**
 * @param {{wasm: string, exec?: string, worker?: string, workerScript?: string, config?: Object, embedded?: string}} opts
 *   wasm: URL of app.wasm; exec: URL of wasm_exec.js, loaded if Go is not
 *   defined yet; worker: URL of the worker script (wasm_exec.js, then
 *   worker.js); workerScript: instead, the id of a <script
 *   type="text/plain"> holding worker.js, run from a blob: URL after the
 *   text of <script id="evd-exec"> (the single-file build); config:
 *   window.evidraftConfig values; embedded: the id of a <script> holding
 *   app.wasm in base64 (the single-file build)
 * @returns {Promise<Object>} what evidraft.ready resolves to
 */
export function startEngine (opts) {
  if (window.evidraft && window.evidraft.ready) return window.evidraft.ready
  let settle
  const ready = new Promise((resolve) => { settle = resolve })
  window.evidraft = { ready, _settle: settle }
  window.evidraftConfig = Object.assign({}, window.evidraftConfig || {}, opts.config || {})
  const started = (async () => {
    performance.mark('evidraft:fetch')
    const module = await compile(opts)
    // Compiled: the rest until evidraft:ready is the engine's own start
    // (instantiation, Go's package init, then main).
    performance.mark('evidraft:compiled')
    if (await inWorker(opts, module, window.evidraft)) return ready
    if (typeof Go === 'undefined') await loadScript(opts.exec)
    const go = new Go()
    go.run(await WebAssembly.instantiate(module, go.importObject))
    return ready
  })()
  return started
}

function loadScript (src) {
  return new Promise((resolve, reject) => {
    const $s = document.createElement('script')
    $s.src = src
    $s.onload = resolve
    $s.onerror = () => reject(new Error('cannot load ' + src))
    document.head.append($s)
  })
}

/** Compiles app.wasm: embedded, or streaming where the server sends application/wasm. */
async function compile (opts) {
  const $embedded = opts.embedded && document.getElementById(opts.embedded)
  if ($embedded) {
    const b64 = $embedded.textContent.trim()
    const bytes = Uint8Array.fromBase64 ? Uint8Array.fromBase64(b64) : Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
    if ($embedded.dataset.encoding !== 'gzip') return WebAssembly.compile(bytes)
    // The single file holds app.wasm gzipped: inflated by the browser
    // and compiled as it streams, with no fetch (file:// has none).
    if (typeof DecompressionStream !== 'function') throw new Error('this browser cannot inflate the engine (DecompressionStream is missing); use a current browser or the hosted site')
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))
    const response = new Response(stream, { headers: { 'Content-Type': 'application/wasm' } })
    if (WebAssembly.compileStreaming) return WebAssembly.compileStreaming(response)
    return WebAssembly.compile(await response.arrayBuffer())
  }
  if (WebAssembly.compileStreaming) {
    try {
      return await WebAssembly.compileStreaming(fetch(opts.wasm))
    } catch (e) { /* wrong MIME type: fall back */ }
  }
  return WebAssembly.compile(await (await fetch(opts.wasm)).arrayBuffer())
}

/** The worker's script URL, or '' where there is none. */
function workerURL (opts) {
  if (typeof Worker !== 'function') return ''
  if (opts.worker) return opts.worker
  const $text = opts.workerScript && document.getElementById(opts.workerScript)
  if (!$text) return ''
  const $exec = document.getElementById('evd-exec')
  if (!$exec || typeof Blob !== 'function' || !URL.createObjectURL) return ''
  return URL.createObjectURL(new Blob([$exec.textContent, '\n', $text.textContent], { type: 'text/javascript' }))
}

/**
 * Starts the engine in a Worker and makes api (window.evidraft) its
 * proxy. Resolves false, with nothing started, where the browser cannot
 * start the worker or the engine in it; true once Go's main runs there.
 */
function inWorker (opts, module, api) {
  let url
  try {
    url = workerURL(opts)
  } catch (e) {
    url = ''
  }
  if (!url) return Promise.resolve(false)
  return new Promise((resolve) => {
    let worker
    let up = false
    const give = (ok, why) => {
      if (!ok) {
        if (why) console.warn('evidraft: the engine runs on the page: ' + why)
        if (worker) worker.terminate()
      }
      resolve(ok)
    }
    try {
      worker = new Worker(url)
    } catch (e) {
      give(false, e && e.message)
      return
    }
    worker.onerror = (e) => {
      if (!up) {
        e.preventDefault()
        give(false, e.message || 'the worker did not start')
      }
    }
    worker.onmessage = (e) => {
      const msg = e.data
      if (msg.type === 'up') {
        if (url.startsWith('blob:')) URL.revokeObjectURL(url)
        try {
          worker.postMessage({ type: 'start', module, config: plain(window.evidraftConfig) })
        } catch (err) {
          give(false, err.message)
        }
      } else if (msg.type === 'failed') {
        give(false, msg.message)
      } else if (msg.type === 'api') {
        up = true
        worker.onmessage = proxy(worker, api, msg)
        performance.mark('evidraft:main')
        give(true)
      }
    }
  })
}

/** The config as plain data: a function in it cannot reach the worker. */
function plain (config) {
  try {
    return structuredClone(config)
  } catch (e) {
    return JSON.parse(JSON.stringify(config))
  }
}

/**
 * Fills api in with the engine's methods, each a function that posts
 * {id, method, args} and settles from the reply, and returns the handler
 * of the worker's messages.
 */
function proxy (worker, api, hello) {
  const pending = new Map()
  let next = 1
  const call = (method, args) => new Promise((resolve, reject) => {
    const id = next++
    pending.set(id, { resolve, reject })
    try {
      worker.postMessage({ type: 'call', id, method, args })
    } catch (err) {
      // A value the structured clone cannot copy (a function, a Proxy, a
      // getter that throws): sent as its JSON where it has one, which is
      // what the engine reads of an object, else as an argument the
      // engine refuses as it would on the page.
      const sent = []
      const bad = {}
      args.forEach((a, i) => {
        try {
          sent[i] = structuredClone(a)
        } catch (e1) {
          try {
            sent[i] = JSON.parse(JSON.stringify(a))
          } catch (e2) {
            sent[i] = null
            bad[i] = String(e2 && e2.message ? e2.message : e2)
          }
        }
      })
      worker.postMessage({ type: 'call', id, method, args: sent, bad })
    }
  })
  for (const name of hello.methods) {
    api[name] = function (...args) {
      // Only the page can ask the browser to keep its storage
      // (navigator.storage.persist is not in workers): the engine then
      // reports what was granted.
      if (name === 'storageStatus' && args[0] && args[0].persist && navigator.storage && typeof navigator.storage.persist === 'function') {
        return navigator.storage.persist().catch(() => false).then(() => call(name, args))
      }
      return call(name, args)
    }
  }
  api.version = hello.version
  api.schemaVersion = hello.schemaVersion
  return (e) => {
    const msg = e.data
    switch (msg.type) {
      case 'reply': {
        const p = pending.get(msg.id)
        if (!p) return
        pending.delete(msg.id)
        if (msg.ok) p.resolve(msg.value)
        else p.reject(toError(msg.error))
        break
      }
      case 'event':
        window.dispatchEvent(new CustomEvent(msg.name, { detail: msg.detail }))
        break
      case 'ready':
        api._settle(msg.info)
        break
    }
  }
}

/** The engine's Error again, from its fields. */
function toError (f) {
  if ('raw' in f) return f.raw
  const e = new Error(f.message)
  e.name = f.name
  for (const k of ['code', 'params', 'draftId', 'detail']) if (k in f) e[k] = f[k]
  return e
}

// Starts the engine (app.wasm) once per page, for the site and for
// <evidraft-editor>: a loader object makes evidraft.ready exist at once,
// the engine fills it in when it is up.

/**
 * @param {{wasm: string, exec?: string, config?: Object, embedded?: string}} opts
 *   wasm: URL of app.wasm; exec: URL of wasm_exec.js, loaded if Go is not
 *   defined yet; config: window.evidraftConfig values; embedded: the id of
 *   a <script> holding app.wasm in base64 (the single-file build)
 * @returns {Promise<Object>} what evidraft.ready resolves to
 */
export function startEngine (opts) {
  if (window.evidraft && window.evidraft.ready) return window.evidraft.ready
  let settle
  const ready = new Promise((resolve) => { settle = resolve })
  window.evidraft = { ready, _settle: settle }
  window.evidraftConfig = Object.assign({}, window.evidraftConfig || {}, opts.config || {})
  const started = (async () => {
    if (typeof Go === 'undefined') await loadScript(opts.exec)
    const go = new Go()
    performance.mark('evidraft:fetch')
    const instance = await instantiate(go, opts)
    // Compiled and instantiated: the rest until evidraft:ready is the
    // engine's own start (Go's package init, then main).
    performance.mark('evidraft:compiled')
    go.run(instance)
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

/** Loads app.wasm: embedded, or streaming where the server sends application/wasm. */
async function instantiate (go, opts) {
  const $embedded = opts.embedded && document.getElementById(opts.embedded)
  if ($embedded) {
    const b64 = $embedded.textContent.trim()
    const bytes = Uint8Array.fromBase64 ? Uint8Array.fromBase64(b64) : Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
    if ($embedded.dataset.encoding !== 'gzip') return (await WebAssembly.instantiate(bytes, go.importObject)).instance
    // The single file holds app.wasm gzipped: inflated by the browser
    // and compiled as it streams, with no fetch (file:// has none).
    if (typeof DecompressionStream !== 'function') throw new Error('this browser cannot inflate the engine (DecompressionStream is missing); use a current browser or the hosted site')
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))
    const response = new Response(stream, { headers: { 'Content-Type': 'application/wasm' } })
    if (WebAssembly.instantiateStreaming) return (await WebAssembly.instantiateStreaming(response, go.importObject)).instance
    return (await WebAssembly.instantiate(await response.arrayBuffer(), go.importObject)).instance
  }
  if (WebAssembly.instantiateStreaming) {
    try {
      return (await WebAssembly.instantiateStreaming(fetch(opts.wasm), go.importObject)).instance
    } catch (e) { /* wrong MIME type: fall back */ }
  }
  const buf = await (await fetch(opts.wasm)).arrayBuffer()
  return (await WebAssembly.instantiate(buf, go.importObject)).instance
}

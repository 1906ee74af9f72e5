// Boot: pick the language, show progress, start the engine only where the
// browser can run it, then hand over to the app. Messages come from the
// JSON block the build puts in the page, so they exist before the engine.
import { Loading } from './loading.js'

const $boot = document.getElementById('evd-boot')
/** @type {{languages: Array<{tag:string,name:string,dir:string}>, texts: Object<string, Object<string,string>>, wasm?: string}} */
const boot = $boot ? JSON.parse($boot.textContent) : { languages: [{ tag: 'en', name: 'English', dir: 'ltr' }], texts: { en: {} } }

/** Picks the saved language, else the best of the browser's. */
function pickLanguage () {
  const tags = boot.languages.map((l) => l.tag)
  let saved = null
  try { saved = localStorage.getItem('evidraft.lang') } catch (e) { /* storage off */ }
  if (saved && tags.includes(saved)) return saved
  for (const pref of navigator.languages || [navigator.language || 'en']) {
    const base = String(pref).toLowerCase().split('-')[0]
    if (tags.includes(base)) return base
  }
  return 'en'
}

const lang = pickLanguage()
const dir = (boot.languages.find((l) => l.tag === lang) || { dir: 'ltr' }).dir
document.documentElement.lang = lang
document.documentElement.dir = dir
const texts = Object.assign({}, boot.texts.en, boot.texts[lang])
for (const $el of document.querySelectorAll('[data-text]')) {
  const t = texts[$el.getAttribute('data-text')]
  if (t) $el.textContent = t
}
document.body.classList.add('js-enabled')
const loading = new Loading(document.querySelector('[data-module="evd-loading"]'))

async function start () {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    loading.fail(texts['ui.noWasm'])
    return
  }
  let settle
  const ready = new Promise((resolve) => { settle = resolve })
  window.evidraft = { ready, _settle: settle }
  const $root = document.documentElement
  window.evidraftConfig = Object.assign({ lang }, window.evidraftConfig || {}, $root.dataset.dbName ? { dbName: $root.dataset.dbName } : {})
  try {
    const go = new Go()
    const instance = await instantiate(go)
    go.run(instance).then(() => loading.fail(texts['ui.loadError'].replace('{Detail}', 'exited')))
    const info = await ready
    const app = await import('./app.js')
    await app.start({ info, lang, boot, loading })
  } catch (err) {
    loading.fail(texts['ui.loadError'].replace('{Detail}', err && err.message ? err.message : String(err)))
  }
}

/** Loads app.wasm: streaming where the server sends application/wasm. */
async function instantiate (go) {
  const embedded = document.getElementById('evd-wasm')
  if (embedded) {
    const b64 = embedded.textContent.trim()
    const bytes = Uint8Array.fromBase64 ? Uint8Array.fromBase64(b64) : Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
    return (await WebAssembly.instantiate(bytes, go.importObject)).instance
  }
  const url = boot.wasm || 'app.wasm'
  if (WebAssembly.instantiateStreaming) {
    try {
      return (await WebAssembly.instantiateStreaming(fetch(url), go.importObject)).instance
    } catch (e) { /* wrong MIME type: fall back */ }
  }
  const buf = await (await fetch(url)).arrayBuffer()
  return (await WebAssembly.instantiate(buf, go.importObject)).instance
}

start()

// Offline after the first visit: the hosted build's service worker
// precaches every file. Not on file:// (the single file needs none).
if ('serviceWorker' in navigator && location.protocol.startsWith('http') && !document.getElementById('evd-wasm')) {
  navigator.serviceWorker.register('sw.js').catch(() => { /* private mode or blocked: online only */ })
}

// Boot: pick the language, show progress, start the engine only where the
// browser can run it, then hand over to the app. Messages come from the
// JSON block the build puts in the page, so they exist before the engine.
import { Loading } from './loading.js'
import { startEngine } from './engine.js'

const $boot = document.getElementById('evd-boot')
/** @type {{languages: Array<{tag:string,name:string,dir:string}>, texts: Object<string, Object<string,string>>, wasm?: string, worker?: string, extra?: Object<string,string>}} */
const boot = $boot ? JSON.parse($boot.textContent) : { languages: [{ tag: 'en', name: 'English', dir: 'ltr' }], texts: { en: {} } }

// The user's languages, best first: the saved choice, then the
// browser's. The engine picks among them (locales.Match) and the app is
// drawn in the one it chose (info.lang); until then the loading message
// is in a provisional one: the saved choice, else the first whose base
// language the build has.
let saved = null
try { saved = localStorage.getItem('evidraft.lang') } catch (e) { /* storage off */ }
const prefs = [saved, ...(navigator.languages || [navigator.language])].filter(Boolean).map(String)
const tags = boot.languages.map((l) => l.tag)
const lang = prefs.map((p) => p.toLowerCase()).map((p) => tags.includes(p) ? p : p.split('-')[0]).find((p) => tags.includes(p)) || 'en'
const dir = (boot.languages.find((l) => l.tag === lang) || { dir: 'ltr' }).dir
document.documentElement.lang = lang
document.documentElement.dir = dir
const texts = Object.assign({}, boot.texts.en, boot.texts[lang])
for (const $el of document.querySelectorAll('[data-text]')) {
  const t = texts[$el.getAttribute('data-text')]
  if (t) $el.textContent = t
}
document.body.classList.add('js-enabled')
const loading = new Loading({ $root: document.querySelector('[data-module="evd-loading"]') })

async function start () {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    loading.fail(texts['ui.noWasm'])
    return
  }
  const $root = document.documentElement
  try {
    const info = await startEngine({
      wasm: boot.wasm || 'app.wasm',
      worker: boot.worker,
      workerScript: 'evd-worker',
      embedded: 'evd-wasm',
      config: Object.assign({ prefs }, $root.dataset.dbName ? { dbName: $root.dataset.dbName } : {}, boot.extra ? { extra: JSON.stringify(boot.extra) } : {})
    })
    performance.mark('evidraft:ready')
    const app = await import('./app.js')
    await app.start({ info, lang: info.lang || lang, boot, loading })
    // The first page is drawn and answers input: what the benchmarks call interactive.
    performance.mark('evidraft:interactive')
  } catch (err) {
    loading.fail(texts['ui.loadError'].replace('{Detail}', err && err.message ? err.message : String(err)))
  }
}

// Offline after the first visit: the hosted build's service worker
// precaches every file. Not on file:// (the single file needs none).
// Registered once the first page is drawn: its precache fetches app.wasm
// again, which would otherwise compete with the page's own start.
start().finally(() => {
  if ('serviceWorker' in navigator && location.protocol.startsWith('http') && !document.getElementById('evd-wasm')) {
    navigator.serviceWorker.register('sw.js').catch(() => { /* private mode or blocked: online only */ })
  }
})

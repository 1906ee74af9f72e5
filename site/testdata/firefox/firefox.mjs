// Drives Debian's Firefox ESR through the site as a person does: real
// clicks and key presses over WebDriver BiDi (puppeteer-core, installed
// into the user cache by site/firefox_test.go), with the profile a real
// Firefox has (security.fileuri.strict_origin_policy = true). Prints one
// JSON object, {steps: [{name, ok, error, ...}], timings: {...}}, that the
// Go test checks; a failed step does not stop the others.
//
//   node firefox.mjs config.json
//
// config: {modules, firefox, url, control, fileA, fileB, downloads, axe, shots, clock}
import { createRequire } from 'node:module'
import fs from 'node:fs'
import path from 'node:path'

const cfg = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
const puppeteer = createRequire(path.join(cfg.modules, 'index.js'))('puppeteer-core')
const axeSource = fs.readFileSync(cfg.axe, 'utf8')
const out = { steps: [], timings: {}, firefox: "", launchMs: 0 }
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const TIMEOUT = 30000

/** The tab a step is in, whose text goes with a failure. */
let current = null

async function step (name, fn) {
  const t0 = Date.now()
  try {
    const r = await fn()
    out.steps.push({ name, ok: true, ms: Date.now() - t0, ...(r || {}) })
  } catch (e) {
    let seen = ''
    try {
      seen = await Promise.race([current.evaluate(() => location.href + ' | ' + document.body.innerText.replace(/\s+/g, ' ').slice(0, 600)), sleep(3000).then(() => '(page did not answer)')])
    } catch (e2) { seen = '(no page: ' + e2.message + ')' }
    out.steps.push({ name, ok: false, ms: Date.now() - t0, error: String((e && e.stack) || e).split('\n').slice(0, 4).join('\n') + '\npage: ' + seen })
  }
}

function check (cond, what) { if (!cond) throw new Error(what) }

/** Starts Firefox on a fresh profile; prefs are added to the test's own. */
async function launch (prefs = {}) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: cfg.firefox,
    headless: true,
    // Local time differs from UTC, so that a name built from UTC shows.
    env: { ...process.env, TZ: 'Asia/Tokyo' },
    extraPrefsFirefox: {
      'security.fileuri.strict_origin_policy': true,
      'intl.accept_languages': 'en',
      'browser.download.dir': cfg.downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.helperApps.neverAsk.saveToDisk': 'application/json',
      ...prefs
    }
  })
  out.firefox = await browser.version()
  return browser
}

/**
 * A new tab whose clock starts at cfg.clock (local time, "2026-12-01T15:30")
 * when each document starts and runs on from there: "now" is an input.
 */
async function tab (browser) {
  const page = await browser.newPage()
  page.setDefaultTimeout(TIMEOUT)
  await page.evaluateOnNewDocument((clock) => {
    const D = Date
    const [y, mo, d, hh, mm] = clock.split(/[-T:]/).map(Number)
    const start = D.now()
    const fixed = new D(y, mo - 1, d, hh, mm).getTime()
    const now = () => fixed + (D.now() - start)
    function F (...a) {
      if (!new.target) return new D(now()).toString()
      return a.length ? new D(...a) : new D(now())
    }
    F.prototype = D.prototype
    F.now = now
    F.parse = D.parse
    F.UTC = D.UTC
    window.Date = F
  }, cfg.clock)
  return page
}

/** Waits for the page to be interactive and returns its marks, ms from navigation. */
async function interactive (page) {
  await page.waitForFunction(() => performance.getEntriesByName('evidraft:interactive').length > 0, { timeout: 60000, polling: 50 })
  return page.evaluate(() => {
    const m = {}
    for (const e of performance.getEntriesByType('paint')) m[e.name] = Math.round(e.startTime)
    for (const e of performance.getEntriesByType('mark')) if (e.name.startsWith('evidraft:')) m[e.name.slice(9)] = Math.round(e.startTime)
    return m
  })
}

const text = (page, sel) => page.$eval(sel, ($e) => $e.textContent.replace(/\s+/g, ' ').trim())
const has = (page, sel) => page.$(sel).then((e) => e !== null)
/** Waits until the app says it is done (no aria-busy). */
const idle = (page) => page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'))
const click = (page, sel) => page.locator(sel).click()

/** Clicks into a field and types, as a person does. */
async function typeInto (page, sel, s) {
  await click(page, sel)
  await page.keyboard.type(s)
}

/** Creates a draft of kind mla from the home page and types its reference. */
async function newDraft (page, reference) {
  await click(page, 'a[href="#/new"]')
  await click(page, '#kind-mla')
  await click(page, 'form.evd-new button[type=submit]')
  await page.waitForSelector('.evd-task-list')
  await click(page, '.evd-task-list__link')
  await page.waitForSelector('#f_2freference')
  await typeInto(page, '#f_2freference', reference)
  // Autosave runs 400 ms after the last key: the draft is stored with it.
  await page.waitForFunction((reference) => window.evidraft.listDrafts({}).then((l) => l.some((d) => d.title === reference)), { timeout: TIMEOUT, polling: 100 }, reference)
}

async function home (page) {
  await click(page, 'header a[href="#/"], a.evd-back-link[href="#/"], a[href="#/"]')
  await page.waitForSelector('h1')
}

async function listed (page, title) {
  await page.waitForFunction((title) => [...document.querySelectorAll('main a')].some(($a) => $a.textContent.includes(title)), {}, title)
  return true
}

async function axe (page, where) {
  // axe's source once per document, as site/a11y_test.go's axe does.
  if (!(await page.evaluate(() => typeof window.axe === 'object' && typeof window.axe.run === 'function'))) await page.evaluate(axeSource + ';true')
  const vs = await page.evaluate(`axe.run(document, {resultTypes: ['violations']}).then((r) => r.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' '))})))`)
  return { where, violations: vs }
}

async function waitDownload (name) {
  const file = path.join(cfg.downloads, name)
  for (let i = 0; i < 200; i++) {
    try {
      const s = fs.readFileSync(file, 'utf8')
      JSON.parse(s)
      return file
    } catch (e) { await sleep(100) }
  }
  throw new Error('no download ' + name + ' in ' + cfg.downloads + ': ' + fs.readdirSync(cfg.downloads).join(', '))
}

async function shot (page, name) {
  if (cfg.shots) await page.screenshot({ path: path.join(cfg.shots, name + '.png'), fullPage: true })
}

// ---- A person's Firefox: a normal profile ----

let t0 = Date.now()
const ff = await launch({
  // Answer navigator.storage.persist() with "yes", as a person who accepts
  // Firefox's prompt does (headless, the prompt would wait for ever).
  'dom.storageManager.prompt.testing': true,
  'dom.storageManager.prompt.testing.allow': true
})
out.launchMs = Date.now() - t0
const page = await tab(ff)
current = page
const url = cfg.url + '/'

await step('hosted cold start', async () => {
  await page.goto(url)
  out.timings.hostedEmpty = await interactive(page)
  check((await text(page, 'h1')) === 'Your requests', 'home heading')
  // Before the first draft the browser has not agreed to keep anything.
  const lastingHome = await has(page, '[data-notice="lasting"]')
  await click(page, 'a[href="#/new"]')
  await page.waitForSelector('#kind-mla')
  // Its notices come once the browser says whether it keeps the storage.
  await idle(page)
  const lastingNew = await has(page, '[data-notice="lasting"]')
  await click(page, 'a.evd-back-link')
  await page.waitForSelector('a[href="#/new"]')
  return { lastingHome, lastingNew, where: await has(page, '[data-notice="where"]') }
})

await step('hosted: create, type, reload, find', async () => {
  await newDraft(page, 'FF-HOSTED-1')
  await page.reload()
  await interactive(page)
  await page.waitForSelector('#f_2freference')
  const value = await page.$eval('#f_2freference', ($i) => $i.value)
  check(value === 'FF-HOSTED-1', 'after reload the field holds ' + JSON.stringify(value))
  await home(page)
  await listed(page, 'FF-HOSTED-1')
  // persist() was asked on the first draft and granted: no warning now.
  return { lastingAfter: await has(page, '[data-notice="lasting"]') }
})

await step('hosted cached start', async () => {
  await page.reload()
  out.timings.hostedCached = await interactive(page)
  return { controlled: await page.evaluate(() => navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)) }
})

await step('export, plain and encrypted', async () => {
  // A new document, so that the clock reads 15:30 again.
  await page.goto(url)
  await interactive(page)
  await click(page, '.evd-button-group a[href="#/export"]')
  await page.waitForSelector('form.evd-export')
  await click(page, 'form.evd-export button[type=submit]')
  const plain = 'evidraft-2026-12-01-1530.evidraft.json'
  await waitDownload(plain)
  await page.waitForSelector('.evd-notification-banner')
  const banner = await text(page, '.evd-notification-banner__text')
  check(banner.includes(plain), 'banner ' + JSON.stringify(banner) + ' does not name ' + plain)
  await click(page, '#export-protect')
  await typeInto(page, '#export-passphrase', 'correct horse battery staple')
  await typeInto(page, '#export-confirm', 'correct horse battery staple')
  await click(page, 'form.evd-export button[type=submit]')
  const encrypted = 'evidraft-2026-12-01-1530-encrypted.evidraft.json'
  const f = await waitDownload(encrypted)
  await page.waitForFunction((name) => document.querySelector('.evd-notification-banner__text').textContent.includes(name), {}, encrypted)
  check(JSON.parse(fs.readFileSync(f, 'utf8')).encryption, 'the encrypted export has no encryption block')
  return { files: fs.readdirSync(cfg.downloads).sort(), banner }
})

await step('axe and right to left', async () => {
  const results = []
  await page.goto(url)
  await interactive(page)
  results.push(await axe(page, 'en home'))
  await click(page, 'main a[href^="#/draft/"]')
  await click(page, '.evd-task-list__link')
  await page.waitForSelector('#f_2freference')
  results.push(await axe(page, 'en section'))
  await shot(page, 'firefox-en-section')
  // The language menu, by keyboard: a click on its label puts focus on it
  // without opening its list, then each arrow key changes the language
  // and the menu keeps focus for the next key.
  // The menu lists English first, then the others by tag: en, ar, es, ….
  await click(page, 'label[for=evd-language]')
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'evd-language')
  const state = () => page.evaluate(() => ({ lang: document.documentElement.lang, menu: (document.getElementById('evd-language') || {}).value, focus: (document.activeElement || {}).id }))
  for (const [key, want] of [['ArrowDown', 'ar'], ['ArrowDown', 'es'], ['ArrowUp', 'ar']]) {
    await page.keyboard.press(key)
    // The page is drawn in the menu's new value, and the menu still has
    // focus for the next key.
    try {
      await page.waitForFunction((want) => {
        const $s = document.getElementById('evd-language')
        return document.documentElement.lang === want && $s && $s.value === want && !document.querySelector('[aria-busy="true"]')
      }, { timeout: 10000 }, want)
    } catch (e) {
      throw new Error(key + ' did not bring ' + want + ': ' + JSON.stringify(await state()))
    }
    const now = await state()
    check(now.focus === 'evd-language', 'after ' + key + ' to ' + want + ' focus left the language menu: ' + JSON.stringify(now))
  }
  await page.waitForFunction(() => document.documentElement.dir === 'rtl' && !document.querySelector('[aria-busy="true"]'))
  results.push(await axe(page, 'ar section'))
  await shot(page, 'firefox-ar-section')
  await click(page, 'a.evd-back-link')
  await page.goto(url)
  await interactive(page)
  results.push(await axe(page, 'ar home'))
  await shot(page, 'firefox-ar-home')
  const layout = await page.evaluate(() => {
    const r = ($e) => $e.getBoundingClientRect()
    const $h1 = document.querySelector('h1')
    const range = document.createRange()
    range.selectNodeContents($h1)
    return {
      dir: document.documentElement.dir,
      lang: document.documentElement.lang,
      direction: getComputedStyle(document.body).direction,
      main: { left: r(document.querySelector('main')).left, right: r(document.querySelector('main')).right },
      h1Text: { left: range.getBoundingClientRect().left, right: range.getBoundingClientRect().right },
      newButton: { left: r(document.querySelector('a[href="#/new"]')).left, right: r(document.querySelector('a[href="#/new"]')).right },
      switcher: { left: r(document.querySelector('#evd-language')).left, right: r(document.querySelector('#evd-language')).right },
      width: innerWidth,
      heading: $h1.textContent
    }
  })
  // Back to English for what follows.
  await click(page, '#evd-language')
  await page.keyboard.press('Escape')
  for (let i = 0; i < 8 && (await page.evaluate(() => document.documentElement.lang)) !== 'en'; i++) {
    await page.keyboard.press(i < 4 ? 'ArrowDown' : 'ArrowUp')
    await sleep(300)
  }
  return { axe: results, layout }
})

await step('file:// from two paths', async () => {
  const p = await tab(ff)
  current = p
  await p.goto('file://' + cfg.fileA)
  out.timings.file = await interactive(p)
  const origin = await p.evaluate(() => location.origin)
  const emptyA = await has(p, '[data-notice="file-empty"]')
  await newDraft(p, 'FF-FILE-A')
  await home(p)
  await listed(p, 'FF-FILE-A')
  const a = {
    where: await text(p, '[data-notice="where"]'),
    path: await text(p, '[data-notice="where"] bdi[data-path]'),
    empty: await has(p, '[data-notice="file-empty"]')
  }
  await shot(p, 'firefox-en-file')
  // The same file, opened from another folder under another name.
  await p.goto('file://' + cfg.fileB)
  await interactive(p)
  await p.waitForSelector('[data-notice="where"]')
  const b = {
    where: await text(p, '[data-notice="where"]'),
    path: await text(p, '[data-notice="where"] bdi[data-path]'),
    empty: await text(p, '[data-notice="file-empty"]'),
    listed: await p.evaluate(() => [...document.querySelectorAll('main a')].some(($a) => $a.textContent.includes('FF-FILE-A')))
  }
  await shot(p, 'firefox-en-file-empty')
  await click(p, '[data-notice="file-empty"] a[data-file-import]')
  await p.waitForSelector('#import-file')
  // Back to the first path: its draft is there.
  await p.goto('file://' + cfg.fileA)
  await interactive(p)
  await listed(p, 'FF-FILE-A')
  await p.close()
  current = page
  return { origin, emptyA, a, b }
})

// ---- A private window on a fresh profile: import there ----

await step('private window: warning, import', async () => {
  const priv = await launch({ 'browser.privatebrowsing.autostart': true })
  try {
    const p = await tab(priv)
    current = p
    await p.goto(url)
    await interactive(p)
    const persisted = await p.evaluate(() => navigator.storage.persisted())
    const lastingHome = await has(p, '[data-notice="lasting"]')
    const before = await p.evaluate(() => evidraft.listDrafts({}).then((l) => l.length))
    await click(p, '.evd-button-group a[href="#/import"]')
    const $file = await p.waitForSelector('#import-file')
    await $file.uploadFile(path.join(cfg.downloads, 'evidraft-2026-12-01-1530.evidraft.json'))
    await click(p, 'form.evd-import button[type=submit]')
    await p.waitForSelector('.evd-notification-banner')
    await listed(p, 'FF-HOSTED-1')
    await click(p, 'a[href="#/new"]')
    await p.waitForSelector('#kind-mla')
    await idle(p)
    const lastingNew = await has(p, '[data-notice="lasting"]')
    await shot(p, 'firefox-en-private-new')
    return { persisted, lastingHome, lastingNew, before }
  } finally {
    current = page
    await priv.close()
  }
})

// ---- Offline: the server stops, the service worker serves ----

await step('offline reload', async () => {
  current = page
  await page.goto(url)
  await interactive(page)
  check(await page.evaluate(() => navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)), 'no service worker controls the page')
  const r = await fetch(cfg.control + '/stop')
  check(r.ok, 'stop: ' + r.status)
  let down = false
  try { await fetch(url) } catch (e) { down = true }
  check(down, 'the server still answers')
  await page.reload()
  out.timings.offline = await interactive(page)
  await listed(page, 'FF-HOSTED-1')
  await click(page, 'main a[href^="#/draft/"]')
  await click(page, '.evd-task-list__link')
  await page.waitForSelector('#f_2freference')
  return { value: await page.$eval('#f_2freference', ($i) => $i.value) }
})

await ff.close()
process.stdout.write(JSON.stringify(out) + '\n')

// The embedding side of iframe mode: load evidraft in an <iframe>, wait
// for its "ready", send commands to its origin only, and accept replies
// from that origin only. The site's address comes from ?site= (default:
// evidraft serve on this machine).
(function () {
  'use strict'
  const site = new URLSearchParams(location.search).get('site') || 'http://127.0.0.1:8080'
  const siteOrigin = new URL(site).origin
  const $frame = document.querySelector('.portal-frame')
  const $log = document.querySelector('.portal-log')
  const pending = new Map()
  let next = 0
  let ready
  const isReady = new Promise((resolve) => { ready = resolve })
  window.addEventListener('message', (event) => {
    if (event.origin !== siteOrigin || event.source !== $frame.contentWindow) return
    const msg = event.data
    if (!msg || msg.evidraft !== 1) return
    if (msg.type === 'ready') ready()
    $log.textContent += JSON.stringify(msg).slice(0, 400) + '\n'
    const resolve = pending.get(msg.id)
    if (resolve) { pending.delete(msg.id); resolve(msg) }
  })
  /**
   * Sends a command; resolves with the reply, or null after timeout ms.
   * @param {string} type
   * @param {Object} [args]
   * @param {number} [timeout]
   */
  function send (type, args, timeout = 5000) {
    const id = ++next
    return new Promise((resolve) => {
      pending.set(id, resolve)
      $frame.contentWindow.postMessage(Object.assign({ evidraft: 1, id, type }, args || {}), siteOrigin)
      setTimeout(() => { if (pending.delete(id)) resolve(null) }, timeout)
    })
  }
  window.evidraftPortal = { send, ready: isReady }
  for (const $b of document.querySelectorAll('button[data-command]')) {
    $b.addEventListener('click', () => send($b.dataset.command, { kind: $b.dataset.kind }))
  }
  document.querySelector('select[data-command]').addEventListener('change', (e) => send('setLanguage', { lang: e.target.value }))
  $frame.src = site + '/'
})()

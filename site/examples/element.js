// The portal listens to the editor's events; nothing else is needed.
(function () {
  'use strict'
  const $log = document.querySelector('.portal-log')
  window.__evidraftEvents = []
  for (const type of ['evidraft-saved', 'evidraft-validity', 'evidraft-finalised']) {
    document.addEventListener(type, (e) => {
      window.__evidraftEvents.push({ type, detail: e.detail })
      $log.textContent = type + ' ' + JSON.stringify(e.detail) + '\n' + $log.textContent.slice(0, 2000)
    })
  }
})()

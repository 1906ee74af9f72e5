// The loading message and the plain error that replaces it when the
// engine cannot start.
export class Loading {
  static moduleName = 'evd-loading'
  /** @param {{$root:HTMLElement|null}} opts $root: the page's loading message */
  constructor (opts) { this.$root = opts.$root }

  /** Removes the message once the app has drawn its first page. */
  done () { if (this.$root) this.$root.remove() }

  /** @param {string} message */
  fail (message) {
    if (!this.$root) return
    this.$root.className = 'evd-fatal'
    this.$root.setAttribute('role', 'alert')
    this.$root.textContent = message
  }
}

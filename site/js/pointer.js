// JSON Pointer access to the draft body: the page's only knowledge of the
// draft's shape comes from the form model's pointers.

/** @param {string} pointer */
export function segments (pointer) {
  if (pointer === '') return []
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/**
 * @param {any} doc
 * @param {string} pointer
 */
export function get (doc, pointer) {
  let v = doc
  for (const s of segments(pointer)) {
    if (v === null || typeof v !== 'object') return undefined
    v = v[s]
  }
  return v
}

/**
 * Sets (or, with value undefined, removes) the value at pointer, creating
 * objects on the way.
 * @param {any} doc
 * @param {string} pointer
 * @param {any} value
 */
export function set (doc, pointer, value) {
  const segs = segments(pointer)
  let v = doc
  for (let i = 0; i < segs.length - 1; i++) {
    const s = segs[i]
    if (v[s] === null || typeof v[s] !== 'object') v[s] = /^\d+$/.test(segs[i + 1]) ? [] : {}
    v = v[s]
  }
  const last = segs[segs.length - 1]
  if (value === undefined) {
    if (Array.isArray(v)) v.splice(Number(last), 1)
    else delete v[last]
  } else {
    v[last] = value
  }
}

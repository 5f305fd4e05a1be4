/**
 * Allocation of a compiled scenario's curves. While `withSharedArrays` runs they
 * live on SharedArrayBuffers, so one compile can serve every worker thread
 * without a copy (DESIGN 6: memory); otherwise on ordinary buffers.
 */

let shared = false;

/** A Float64Array of n zeros for a compiled curve. */
export function f64(n: number): Float64Array {
  return shared ? new Float64Array(new SharedArrayBuffer(n * 8)) : new Float64Array(n);
}

/** An Int32Array of n zeros for a compiled index. */
export function i32(n: number): Int32Array {
  return shared ? new Int32Array(new SharedArrayBuffer(n * 4)) : new Int32Array(n);
}

/** `buf`, or a copy at least twice as long when it has no room for `n` values, keeping its first `keep`: a growing list's storage. */
export function ensureRoom<T extends Float64Array | Int32Array>(buf: T, n: number, keep: number = buf.length): T {
  if (n <= buf.length) return buf;
  const grown = new (buf.constructor as new (length: number) => T)(Math.max(n, buf.length * 2));
  grown.set(buf.subarray(0, keep));
  return grown;
}

/** Runs `fn` with every compiled curve allocated on SharedArrayBuffers (where the runtime has them). */
export function withSharedArrays<T>(fn: () => T): T {
  const before = shared;
  shared = typeof SharedArrayBuffer !== 'undefined';
  try {
    return fn();
  } finally {
    shared = before;
  }
}

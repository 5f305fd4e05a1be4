/**
 * 32-bit integer mixers used to derive generator states and stream numbers.
 * Every function here is a pure function of its arguments, stable across runs,
 * platforms and JavaScript engines (only Math.imul, shifts and xors).
 */

/** MurmurHash3's finaliser: a bijection on 32-bit words with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const ROUND_KEYS = [0x9e3779b9, 0x7f4a7c15, 0xf39cc060, 0x5ced1c39, 0x1f83d9ab, 0x5be0cd19];

/**
 * Mixes four 32-bit words in place into a well-scrambled 128-bit state.
 * Each update replaces one word by fmix32 of itself combined with the others,
 * so the whole map is a bijection: distinct inputs always give distinct outputs.
 */
export function mix128(w: Uint32Array): void {
  let a = w[0];
  let b = w[1];
  let c = w[2];
  let d = w[3];
  for (let r = 0; r < ROUND_KEYS.length; r++) {
    a = fmix32((a + ROUND_KEYS[r] + d) | 0);
    b = fmix32(b ^ a);
    c = fmix32((c + b) | 0);
    d = fmix32(d ^ c);
  }
  w[0] = a;
  w[1] = b;
  w[2] = c;
  w[3] = d;
}

/** Low and high 32-bit words of a (possibly large or negative) integer seed. */
export function seedWords(seed: number): [number, number] {
  const s = Math.trunc(seed);
  return [s >>> 0, Math.floor(s / 4294967296) >>> 0];
}

/**
 * A stable 32-bit stream number for a named model component, e.g.
 * `streamId('api', 'failure', 'outage')`. Parts are length-prefixed, so
 * ('ab', 'c') and ('a', 'bc') differ. Collisions between n names happen with
 * probability about n^2 / 2^33.
 */
export function streamId(...parts: string[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = fmix32((h ^ part.length) + 0x9e3779b9);
    for (let i = 0; i < part.length; i++) {
      h = Math.imul(h ^ part.charCodeAt(i), 0x01000193);
    }
  }
  return fmix32(h ^ parts.length);
}

/**
 * Exact, order-independent sums of quantised values (DESIGN 3.8).
 *
 * A value v is quantised to the integer q = round(v x scale), scale a power of
 * two, and q is clamped to [-2^52, 2^52]: a quantity with scale 2^s is summed
 * exactly for |v| <= 2^(52 - s) (e.g. 2^32 -> |v| <= 1,048,576) to a
 * resolution of 2^-s. Each slot keeps its integer total in two Float64 limbs,
 * total = hi x 2^52 + lo with |lo| < 2^52, so every add is one exact float
 * addition and a carry, with no BigInt in the hot path; totals stay exact up
 * to 2^105. Because the total is an exact integer, adding and merging in any
 * order gives the same bits.
 */

import { roundHalfUp } from './rounding';

const LIMB = 4503599627370496; // 2^52
const LIMB_BIG = 4503599627370496n;
const MAX_HI = 9007199254740991; // 2^53 - 1

/** Whether x is an integer power of two (2^-1074 .. 2^1023). */
function isPowerOfTwo(x: number): boolean {
  if (!(x > 0) || !Number.isFinite(x)) return false;
  const e = Math.round(Math.log2(x));
  return 2 ** e === x;
}

function clampQuantum(q: number, slot: number): number {
  if (q !== q) throw new RangeError(`ExactSums.add: slot ${slot} got NaN`);
  return q > 0 ? LIMB : -LIMB;
}

export class ExactSums {
  readonly slots: number;
  readonly scale: number;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;

  constructor(slots: number, scale: number) {
    if (!Number.isSafeInteger(slots) || slots < 0) throw new RangeError(`ExactSums: slots must be a non-negative integer, got ${slots}`);
    if (!isPowerOfTwo(scale)) throw new RangeError(`ExactSums: scale must be a power of two, got ${scale}`);
    this.slots = slots;
    this.scale = scale;
    this.lo = new Float64Array(slots);
    this.hi = new Float64Array(slots);
  }

  /** The largest |v| summed without clamping. */
  get limit(): number {
    return LIMB / this.scale;
  }

  /** Adds round(v x scale) to a slot; |v| beyond `limit` is clamped, NaN throws. */
  add(slot: number, v: number): void {
    let q = roundHalfUp(v * this.scale);
    if (!(q <= LIMB && q >= -LIMB)) q = clampQuantum(q, slot);
    const s = this.lo[slot] + q;
    if (s < LIMB && s > -LIMB) this.lo[slot] = s;
    else this.carry(slot, s);
  }

  /** Adds an integer already quantised at this scale (round(v x scale) of some v, or a sum of such), |q| <= 2^52. */
  addQuantised(slot: number, q: number): void {
    if (!(Number.isInteger(q) && q <= LIMB && q >= -LIMB)) throw new RangeError(`ExactSums.addQuantised: slot ${slot} got ${q}, not an integer within 2^52`);
    const s = this.lo[slot] + q;
    if (s < LIMB && s > -LIMB) this.lo[slot] = s;
    else this.carry(slot, s);
  }

  private carry(slot: number, s: number): void {
    const carry = s > 0 ? 1 : -1;
    this.lo[slot] = s - carry * LIMB;
    this.hi[slot] += carry;
  }

  /** Adds every slot of another set of sums with the same slots and scale. */
  merge(other: ExactSums): void {
    if (other.slots !== this.slots || other.scale !== this.scale) {
      throw new Error(`ExactSums.merge: shape mismatch (${this.slots} slots x ${this.scale} vs ${other.slots} x ${other.scale})`);
    }
    for (let i = 0; i < this.slots; i++) {
      const s = this.lo[i] + other.lo[i];
      const carry = s >= LIMB ? 1 : s <= -LIMB ? -1 : 0;
      this.lo[i] = s - carry * LIMB;
      this.hi[i] += other.hi[i] + carry;
    }
  }

  /** The exact quantised total of a slot (sum of round(v x scale), ties toward +infinity). */
  total(slot: number): bigint {
    return BigInt(this.hi[slot]) * LIMB_BIG + BigInt(this.lo[slot]);
  }

  /** The slot's sum of values, correctly rounded to a double. */
  sum(slot: number): number {
    return (this.hi[slot] * LIMB + this.lo[slot]) / this.scale;
  }

  /** The mean of the n values added to a slot (NaN when n is 0). */
  mean(slot: number, n: number): number {
    return this.sum(slot) / n;
  }

  /** The exact totals as decimal strings, one per slot. */
  toJSON(): string[] {
    const out = new Array<string>(this.slots);
    for (let i = 0; i < this.slots; i++) out[i] = this.total(i).toString();
    return out;
  }

  /** Rebuilds sums from `toJSON()` output; throws an Error naming `path` when the shape is wrong. */
  static fromJSON(json: unknown, slots: number, scale: number, path = 'sums'): ExactSums {
    if (!Array.isArray(json) || json.length !== slots) {
      throw new Error(`${path}: expected an array of ${slots} decimal strings`);
    }
    const sums = new ExactSums(slots, scale);
    for (let i = 0; i < slots; i++) {
      const text: unknown = json[i];
      if (typeof text !== 'string' || !/^-?\d{1,40}$/.test(text)) {
        throw new Error(`${path}[${i}]: expected a decimal integer string`);
      }
      const total = BigInt(text);
      const hi = total / LIMB_BIG;
      if (hi > BigInt(MAX_HI) || hi < -BigInt(MAX_HI)) throw new Error(`${path}[${i}]: total out of range`);
      sums.hi[i] = Number(hi);
      sums.lo[i] = Number(total - hi * LIMB_BIG);
    }
    return sums;
  }
}

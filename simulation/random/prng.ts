/**
 * The engine's pseudo-random generator: xoshiro128** (Blackman and Vigna, 2018),
 * 128 bits of state, period 2^128 - 1, no allocation per draw.
 *
 * Streams (DESIGN 3.8). `Rng.forStream(seed, trial, stream)` seeds a generator
 * from the scenario seed, the trial index and a component's stream number by a
 * bijective 128-bit mix, so trial i draws only from generators seeded by
 * (seed, i), and each component (a service's failure class, its deploys, its
 * bursts, its noise; see `streamId`) has its own sequence: changing one
 * component's parameters never shifts another's draws, which is what makes
 * what-if comparisons use common random numbers.
 */
import { mix128 } from './hash';
import { ZIG_F, ZIG_K, ZIG_R, ZIG_W } from './ziggurat';

const TWO_POW_M52 = 1 / 4503599627370496;
const TWO_POW_M53 = 1 / 9007199254740992;
const INV_ZIG_R = 1 / ZIG_R;

const scratch = new Uint32Array(4);

/** A seeded xoshiro128** generator with the samplers the engine draws from most. */
export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;

  /** A generator seeded from any number of 32-bit words (fewer than four are padded with zeros). */
  constructor(seed: ArrayLike<number>) {
    this.seedFrom(seed);
  }

  /** The generator of one model component in one trial: seeded by (seed, trial, stream). */
  static forStream(seed: number, trial: number, stream: number): Rng {
    return new Rng([0, 0, 0, 0]).reseed(seed, trial, stream);
  }

  /** A generator whose xoshiro128** state is exactly these four words (not all zero), for reference vectors. */
  static fromState(s0: number, s1: number, s2: number, s3: number): Rng {
    const rng = new Rng([]);
    scratch[0] = s0;
    scratch[1] = s1;
    scratch[2] = s2;
    scratch[3] = s3;
    rng.load(scratch);
    return rng;
  }

  /**
   * Re-seeds this generator in place to (seed, trial, stream), as `forStream` would, without allocating.
   * The seed may be any integer (its low and high 32-bit words are used, as `seedWords` splits them);
   * trial and stream are taken modulo 2^32.
   */
  reseed(seed: number, trial: number, stream: number): this {
    const whole = Math.trunc(seed);
    scratch[0] = whole >>> 0;
    scratch[1] = Math.floor(whole / 4294967296) >>> 0;
    scratch[2] = trial >>> 0;
    scratch[3] = stream >>> 0;
    mix128(scratch);
    this.load(scratch);
    return this;
  }

  private seedFrom(seed: ArrayLike<number>): void {
    scratch.fill(0);
    const n = Math.max(seed.length, 1);
    for (let start = 0; start < n; start += 4) {
      for (let j = 0; j < 4 && start + j < seed.length; j++) scratch[j] ^= seed[start + j] >>> 0;
      mix128(scratch);
    }
    this.load(scratch);
  }

  private load(w: Uint32Array): void {
    this.s0 = w[0] | 0;
    this.s1 = w[1] | 0;
    this.s2 = w[2] | 0;
    this.s3 = w[3] | 0;
    // The all-zero state is xoshiro's one fixed point; the mix reaches it for a single input only.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 0x9e3779b9 | 0;
  }

  /** The next 32 random bits as a signed 32-bit integer. */
  nextInt32(): number {
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    const s2 = this.s2 ^ this.s0;
    const s3 = this.s3 ^ s1;
    this.s1 = s1 ^ s2;
    this.s0 ^= s3;
    this.s2 = s2 ^ t;
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /** The next 32 random bits as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    return this.nextInt32() >>> 0;
  }

  /** A uniform number in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextInt32() >>> 5;
    const lo = this.nextInt32() >>> 6;
    return (hi * 67108864 + lo) * TWO_POW_M53;
  }

  /** A uniform number in the open interval (0, 1), safe to take the logarithm of: (k + 1/2) / 2^52 for a uniform 52-bit k. */
  nextOpen(): number {
    const hi = this.nextInt32() >>> 6;
    const lo = this.nextInt32() >>> 6;
    return (hi * 67108864 + lo + 0.5) * TWO_POW_M52;
  }

  /** A uniform integer in [0, n) for a positive integer n up to 2^53 (bias below n / 2^53). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A standard normal deviate (ziggurat method, exact up to floating point). */
  normal(): number {
    let u = this.nextInt32();
    let iz = u & 127;
    let hz = u >> 8;
    if (Math.abs(hz) < ZIG_K[iz]) return hz * ZIG_W[iz];
    for (;;) {
      if (iz === 0) {
        let x: number;
        let y: number;
        do {
          x = -Math.log(this.nextOpen()) * INV_ZIG_R;
          y = -Math.log(this.nextOpen());
        } while (y + y < x * x);
        return u & 128 ? ZIG_R + x : -ZIG_R - x;
      }
      const x = hz * ZIG_W[iz];
      if (ZIG_F[iz] + this.next() * (ZIG_F[iz - 1] - ZIG_F[iz]) < Math.exp(-0.5 * x * x)) return x;
      u = this.nextInt32();
      iz = u & 127;
      hz = u >> 8;
      if (Math.abs(hz) < ZIG_K[iz]) return hz * ZIG_W[iz];
    }
  }

  /** An exponential deviate with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(this.nextOpen());
  }
}

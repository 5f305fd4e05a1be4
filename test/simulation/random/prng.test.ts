import { describe, expect, it } from 'vitest';
import { Rng } from '../../../simulation/random/prng';
import { normalCdf } from '../../../simulation/random/normal';

const N = 400_000;

/** Asserts |estimate - exact| <= 4 standard errors. */
function within4SE(estimate: number, exact: number, se: number): void {
  expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(4 * se);
}

/** xoshiro128** written independently with BigInt, from Blackman and Vigna's reference C. */
function* referenceXoshiro(state: [number, number, number, number]): Generator<number> {
  const M = 0xffffffffn;
  const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (32n - k))) & M;
  let [s0, s1, s2, s3] = state.map(BigInt);
  for (;;) {
    const result = (rotl((s1 * 5n) & M, 7n) * 9n) & M;
    const t = (s1 << 9n) & M;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11n);
    yield Number(result);
  }
}

describe('Rng (xoshiro128**)', () => {
  it('starts 11520, 0, 5927040 from the state (1, 2, 3, 4), as the reference algorithm does by hand', () => {
    const rng = Rng.fromState(1, 2, 3, 4);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([11520, 0, 5927040]);
  });

  it('matches an independent BigInt implementation for 2000 words from an arbitrary state', () => {
    const state: [number, number, number, number] = [0xdeadbeef, 0x01234567, 0x89abcdef, 0xfeedface];
    const rng = Rng.fromState(...state);
    const ref = referenceXoshiro(state);
    for (let i = 0; i < 2000; i++) expect(rng.nextUint32()).toBe(ref.next().value);
  });

  it('draws uniforms in [0, 1) with mean 1/2 and variance 1/12 within 4 SE', () => {
    const rng = Rng.forStream(42, 0, 0);
    let sum = 0;
    let sq = 0;
    let min = 1;
    let max = 0;
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < N; i++) {
      const u = rng.next();
      sum += u;
      sq += (u - 0.5) * (u - 0.5);
      min = Math.min(min, u);
      max = Math.max(max, u);
      bins[Math.floor(u * 10)]++;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    within4SE(sum / N, 0.5, Math.sqrt(1 / 12 / N));
    within4SE(sq / N, 1 / 12, Math.sqrt(1 / 180 / N));
    for (const count of bins) within4SE(count, N / 10, Math.sqrt(N * 0.1 * 0.9));
  });

  it('draws open uniforms strictly inside (0, 1) with mean 1/2', () => {
    const rng = Rng.forStream(7, 3, 1);
    let sum = 0;
    let inside = true;
    for (let i = 0; i < N; i++) {
      const u = rng.nextOpen();
      inside &&= u > 0 && u < 1;
      sum += u;
    }
    expect(inside).toBe(true);
    within4SE(sum / N, 0.5, Math.sqrt(1 / 12 / N));
  });

  it('draws integers in [0, n) with equal frequencies within 4 SE', () => {
    const rng = Rng.forStream(1, 2, 3);
    const n = 7;
    const counts = new Array<number>(n).fill(0);
    let valid = true;
    for (let i = 0; i < N; i++) {
      const k = rng.int(n);
      valid &&= Number.isInteger(k) && k >= 0 && k < n;
      counts[k]++;
    }
    expect(valid).toBe(true);
    for (const c of counts) within4SE(c, N / n, Math.sqrt((N * (n - 1)) / (n * n)));
  });

  it('draws standard normals with mean 0, variance 1, skewness 0 and kurtosis 3 within 4 SE', () => {
    const rng = Rng.forStream(2027, 0, 5);
    let m1 = 0;
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    for (let i = 0; i < N; i++) {
      const z = rng.normal();
      m1 += z;
      m2 += z * z;
      m3 += z * z * z;
      m4 += z * z * z * z;
    }
    within4SE(m1 / N, 0, Math.sqrt(1 / N));
    within4SE(m2 / N, 1, Math.sqrt(2 / N));
    within4SE(m3 / N, 0, Math.sqrt(15 / N));
    within4SE(m4 / N, 3, Math.sqrt(96 / N));
  });

  it('puts normal mass below each of several quantiles, tails included, as the normal distribution function says', () => {
    const rng = Rng.forStream(5, 5, 5);
    const n = 2_000_000;
    const cuts = [-3.6, -2.5, -1.2815515655446004, -0.3, 0, 0.7, 1.96, 3.2, 3.6];
    const below = new Array<number>(cuts.length).fill(0);
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      for (let j = 0; j < cuts.length; j++) if (z <= cuts[j]) below[j]++;
    }
    cuts.forEach((x, j) => {
      const p = normalCdf(x);
      within4SE(below[j] / n, p, Math.sqrt((p * (1 - p)) / n));
    });
  });

  it('draws exponentials with the requested mean and variance within 4 SE', () => {
    const rng = Rng.forStream(9, 1, 1);
    const mean = 12.5;
    let sum = 0;
    let sq = 0;
    let positive = true;
    for (let i = 0; i < N; i++) {
      const x = rng.exponential(mean);
      positive &&= x > 0;
      sum += x;
      sq += x * x;
    }
    expect(positive).toBe(true);
    const m = sum / N;
    within4SE(m, mean, mean / Math.sqrt(N));
    // Var of X^2 for an exponential: E[X^4] - E[X^2]^2 = 24 m^4 - 4 m^4.
    within4SE(sq / N, 2 * mean * mean, Math.sqrt((20 * mean ** 4) / N));
  });
});

describe('Rng streams', () => {
  const firstWords = (rng: Rng, n = 8): number[] => Array.from({ length: n }, () => rng.nextUint32());

  it('gives the same sequence for the same (seed, trial, stream)', () => {
    expect(firstWords(Rng.forStream(1, 17, 99), 64)).toEqual(firstWords(Rng.forStream(1, 17, 99), 64));
  });

  it('gives different sequences when the seed, the trial or the stream differs', () => {
    const base = firstWords(Rng.forStream(1, 17, 99));
    for (const other of [Rng.forStream(2, 17, 99), Rng.forStream(1, 18, 99), Rng.forStream(1, 17, 100), Rng.forStream(2 ** 32 + 1, 17, 99)]) {
      const words = firstWords(other);
      words.forEach((w, i) => expect(w).not.toBe(base[i]));
    }
  });

  it('re-seeds in place to exactly what forStream gives', () => {
    const rng = Rng.forStream(3, 0, 0);
    rng.next();
    expect(firstWords(rng.reseed(11, 4, 7), 32)).toEqual(firstWords(Rng.forStream(11, 4, 7), 32));
  });

  it('never repeats a starting state across 64 x 1024 (trial, stream) pairs', () => {
    const seen = new Set<string>();
    for (let trial = 0; trial < 64; trial++) {
      for (let stream = 0; stream < 1024; stream++) {
        const rng = Rng.forStream(1, trial, stream);
        seen.add(`${rng.nextUint32()},${rng.nextUint32()}`);
      }
    }
    expect(seen.size).toBe(64 * 1024);
  });

  it('makes the first draws of consecutive trials uniform and uncorrelated (the seeding mix leaves no pattern)', () => {
    const trials = 100_000;
    let sum = 0;
    let lag = 0;
    let prev = Rng.forStream(1, 0, 0).next();
    for (let trial = 1; trial <= trials; trial++) {
      const u = Rng.forStream(1, trial, 0).next();
      sum += u;
      lag += (u - 0.5) * (prev - 0.5);
      prev = u;
    }
    within4SE(sum / trials, 0.5, Math.sqrt(1 / 12 / trials));
    within4SE(lag / trials, 0, 1 / 12 / Math.sqrt(trials));
  });

  it('keeps two streams of one trial uncorrelated within 4 SE', () => {
    const a = Rng.forStream(1, 0, 1);
    const b = Rng.forStream(1, 0, 2);
    let cross = 0;
    for (let i = 0; i < N; i++) cross += (a.next() - 0.5) * (b.next() - 0.5);
    within4SE(cross / N, 0, 1 / 12 / Math.sqrt(N));
  });

  it('leaves one component\u2019s draws unchanged however many draws another component takes (common random numbers)', () => {
    const draws = (otherDraws: number): number[] => {
      const other = Rng.forStream(8, 3, 1);
      const mine = Rng.forStream(8, 3, 2);
      const out: number[] = [];
      for (let i = 0; i < 50; i++) {
        for (let j = 0; j < otherDraws; j++) other.normal();
        out.push(mine.normal());
      }
      return out;
    };
    expect(draws(7)).toEqual(draws(0));
  });

  it('pads a short seed array with zeros', () => {
    expect(firstWords(new Rng([5]))).toEqual(firstWords(new Rng([5, 0, 0, 0])));
    expect(firstWords(new Rng([5, 1]))).not.toEqual(firstWords(new Rng([5])));
    expect(firstWords(new Rng([1, 2, 3, 4, 5]))).not.toEqual(firstWords(new Rng([1, 2, 3, 4])));
  });
});

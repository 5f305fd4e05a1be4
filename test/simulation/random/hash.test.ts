import { describe, expect, it } from 'vitest';
import { fmix32, mix128, seedWords, streamId } from '../../../simulation/random/hash';

describe('fmix32', () => {
  it('maps 0 to 0 and is a bijection on a block of 2^16 consecutive words', () => {
    expect(fmix32(0)).toBe(0);
    const seen = new Set<number>();
    for (let i = 0; i < 65536; i++) seen.add(fmix32(0x12340000 + i));
    expect(seen.size).toBe(65536);
  });

  it('flips each output bit about half the time when one input bit flips (avalanche)', () => {
    const flips = new Array<number>(32).fill(0);
    const inputs = 4096;
    for (let i = 0; i < inputs; i++) {
      const x = Math.imul(i, 0x9e3779b1) >>> 0;
      for (let b = 0; b < 32; b++) {
        const d = (fmix32(x) ^ fmix32((x ^ (1 << b)) >>> 0)) >>> 0;
        for (let o = 0; o < 32; o++) if ((d >>> o) & 1) flips[o]++;
      }
    }
    const n = inputs * 32;
    for (const f of flips) expect(Math.abs(f / n - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / n) + 0.005);
  });
});

describe('mix128', () => {
  it('sends distinct inputs to distinct states', () => {
    const seen = new Set<string>();
    const w = new Uint32Array(4);
    for (let a = 0; a < 128; a++) {
      for (let b = 0; b < 128; b++) {
        w.set([1, 0, a, b]);
        mix128(w);
        seen.add(w.join(','));
      }
    }
    expect(seen.size).toBe(128 * 128);
  });
});

describe('seedWords', () => {
  it('splits a seed into its low and high 32-bit words', () => {
    expect(seedWords(1)).toEqual([1, 0]);
    expect(seedWords(2 ** 32 + 5)).toEqual([5, 1]);
    expect(seedWords(-1)).toEqual([0xffffffff, 0xffffffff]);
  });
});

describe('streamId', () => {
  it('is the same number for the same names, every time', () => {
    expect(streamId('api', 'failure', 'outage')).toBe(streamId('api', 'failure', 'outage'));
  });

  it('tells apart names that only differ in how they are split', () => {
    expect(streamId('ab', 'c')).not.toBe(streamId('a', 'bc'));
    expect(streamId('api', '')).not.toBe(streamId('api'));
    expect(streamId('api', 'deploys')).not.toBe(streamId('deploys', 'api'));
  });

  it('gives 2000 realistic component names 2000 different unsigned 32-bit numbers', () => {
    const ids = new Set<number>();
    for (let s = 0; s < 200; s++) {
      for (const part of ['outage', 'degradation', 'deploys', 'bursts', 'noise', 'latency', 'gpu', 'jobs', 'scripted', 'x']) {
        const id = streamId(`service-${s}`, part);
        expect(Number.isInteger(id) && id >= 0 && id < 2 ** 32).toBe(true);
        ids.add(id);
      }
    }
    expect(ids.size).toBe(2000);
  });
});

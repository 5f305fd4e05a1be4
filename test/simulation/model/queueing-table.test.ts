import { describe, expect, it, vi } from 'vitest';
import type { Dist } from '../../../simulation/scenario/types';
import { latencyTail } from '../../../simulation/model/queueing';
import { TailTable } from '../../../simulation/model/queueing-table';
import { distMean } from '../../../simulation/random/dist';
import { Rng } from '../../../simulation/random/prng';

const dists: Record<string, Dist> = {
  exponential: { kind: 'exponential', mean: 30 },
  lognormal: { kind: 'lognormal', median: 30, p90: 70 },
  'wide lognormal': { kind: 'lognormal', median: 8, p90: 120 },
  uniform: { kind: 'uniform', min: 5, max: 55 },
  constant: { kind: 'constant', value: 30 },
};

const combos: { name: string; d: Dist; c: number; T: number; phi: number }[] = [
  { name: 'exponential', d: dists.exponential, c: 1, T: 100, phi: 1 },
  { name: 'exponential', d: dists.exponential, c: 16, T: 45, phi: 1 },
  { name: 'exponential', d: dists.exponential, c: 1024, T: 60, phi: 2 },
  { name: 'lognormal', d: dists.lognormal, c: 4, T: 100, phi: 1 },
  { name: 'lognormal', d: dists.lognormal, c: 256, T: 100, phi: 1 },
  { name: 'lognormal', d: dists.lognormal, c: 1024, T: 80, phi: 1 },
  { name: 'lognormal', d: dists.lognormal, c: 128, T: 250, phi: 3 },
  { name: 'wide lognormal', d: dists['wide lognormal'], c: 64, T: 200, phi: 1 },
  { name: 'uniform', d: dists.uniform, c: 2, T: 60, phi: 1 },
  { name: 'uniform', d: dists.uniform, c: 256, T: 56, phi: 1 },
  { name: 'constant', d: dists.constant, c: 8, T: 31, phi: 1 },
  { name: 'constant', d: dists.constant, c: 1024, T: 40, phi: 1 },
];

describe('TailTable', () => {
  for (const k of combos) {
    it(`matches latencyTail to 1e-5 at 3000 random loads: ${k.name}, c = ${k.c}, T = ${k.T} ms, phi = ${k.phi}`, () => {
      const table = new TailTable(k.c, k.d, k.T, k.phi);
      const capacityRps = (k.c * 1000) / (k.phi * distMean(k.d));
      const rng = Rng.forStream(31, k.c, k.T);
      let worst = 0;
      let worstRho = 0;
      for (let i = 0; i < 3000; i++) {
        // Half uniform in [0, 1), half crowding towards 1 where large pools go from ~0 to ~1 misses.
        const u = rng.next();
        const rho = i % 2 === 0 ? u : 1 - Math.exp(-30 * u);
        const lambda = rho * capacityRps;
        const err = Math.abs(table.missFraction(lambda) - latencyTail(k.T, lambda, k.c, k.d, k.phi));
        if (err > worst) {
          worst = err;
          worstRho = rho;
        }
      }
      expect(worst, `worst at rho = ${worstRho}`).toBeLessThan(1e-5);
    });
  }

  it('matches latencyTail to 1e-5 for every pool from 10 to 24 servers sharing one service time, factor and threshold', () => {
    const d: Dist = { kind: 'lognormal', median: 8, p90: 20 };
    let worst = 0;
    for (let c = 10; c <= 24; c++) {
      const table = new TailTable(c, d, 250, 2);
      const capacityRps = (c * 1000) / (2 * distMean(d));
      for (let i = 0; i < 500; i++) {
        const u = (i + 0.5) / 500;
        const lambda = (i % 2 === 0 ? u : 1 - Math.exp(-25 * u)) * capacityRps;
        worst = Math.max(worst, Math.abs(table.missFraction(lambda) - latencyTail(250, lambda, c, d, 2)));
      }
    }
    expect(worst).toBeLessThan(1e-5);
  });

  it('builds the same table, bit for bit, whatever tables were built before it', async () => {
    const d = dists.lognormal;
    const capacityRps = (16 * 1000) / (2 * distMean(d));
    const loads = Array.from({ length: 2000 }, (_, i) => (1 - Math.exp(-20 * ((i + 0.5) / 2000))) * capacityRps);
    vi.resetModules();
    const alone = await import('../../../simulation/model/queueing-table');
    const first = new alone.TailTable(16, d, 150, 2);
    vi.resetModules();
    const crowded = await import('../../../simulation/model/queueing-table');
    for (const c of [1024, 24, 23, 22, 21, 20, 19, 18, 17, 1]) new crowded.TailTable(c, d, 150, 2);
    const later = new crowded.TailTable(16, d, 150, 2);
    expect(later.cells).toBe(first.cells);
    for (const lambda of loads) expect(later.missFraction(lambda)).toBe(first.missFraction(lambda));
  });

  it('follows a large pool through its narrow climb from almost no misses to almost all of them', () => {
    const d = dists.lognormal;
    const c = 1024;
    const table = new TailTable(c, d, 100);
    const capacityRps = (c * 1000) / distMean(d);
    const rhos = [0.9, 0.99, 0.995, 0.998, 0.999, 0.9995, 0.9999, 0.99999, 0.9999999];
    const values = rhos.map((rho) => table.missFraction(rho * capacityRps));
    for (let i = 0; i < rhos.length; i++) expect(Math.abs(values[i] - latencyTail(100, rhos[i] * capacityRps, c, d))).toBeLessThan(1e-5);
    expect(values[0]).toBeLessThan(0.06);
    expect(values[values.length - 1]).toBeGreaterThan(0.99);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
  });

  it('returns 1 at and beyond saturation', () => {
    const table = new TailTable(8, dists.exponential, 100);
    const capacityRps = (8 * 1000) / 30;
    expect(table.missFraction(capacityRps)).toBe(1);
    expect(table.missFraction(2 * capacityRps)).toBe(1);
    expect(table.missFraction(Infinity)).toBe(1);
  });

  it('returns the service-time tail alone without traffic', () => {
    const table = new TailTable(8, dists.exponential, 60);
    expect(table.missFraction(0)).toBeCloseTo(Math.exp(-2), 14);
    expect(table.missFraction(-5)).toBeCloseTo(Math.exp(-2), 14);
  });

  it('makes everything miss with no server, even without traffic', () => {
    const table = new TailTable(0, dists.lognormal, 100);
    expect(table.missFraction(0)).toBe(1);
    expect(table.missFraction(50)).toBe(1);
  });

  it('never queues a zero service time', () => {
    const table = new TailTable(4, { kind: 'constant', value: 0 }, 10);
    expect(table.missFraction(1e9)).toBe(0);
  });

  it('misses everything when the threshold is below a constant service time', () => {
    const table = new TailTable(4, dists.constant, 20);
    expect(table.missFraction(0)).toBe(1);
    expect(table.missFraction(10)).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import type { AlertRule, Scenario } from '../../../simulation/scenario/types';
import { scenario, service, slo } from '../../helpers/make-scenario';
import { compileScenario } from '../../../simulation/model/compile';
import { SloDeltas } from '../../../simulation/model/slo-deltas';
import { outcomeFor } from '../../../simulation/run/engine';
import { type CompiledSlo, type SliceModel, cumBetween, goodBetweenSteps, goodStep, sliceBad } from '../../../simulation/model/slo-step';

const page: AlertRule = { kind: 'burnRate', name: '14.4x 1h/5m', long: 60, short: 5, burnRate: 14.4, severity: 'page' };

/** A deterministic stream of numbers in [0, 1). */
function stream(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

/** Per-bucket slice changes of the touched slices (in the order they were first touched), from per-step deltas kept one entry per step and baselines from the SLO's running sums. */
function plainSlices(o: CompiledSlo, ofStep: Int32Array, touched: Iterable<number>, valid: Float64Array, bad: Float64Array, buckets: number): { dValid: Float64Array; dBad: Float64Array } {
  const m = o.slices as SliceModel;
  const V = o.validCum as Float64Array;
  const G = o.goodCum;
  const dValid = new Float64Array(buckets);
  const dBad = new Float64Array(buckets);
  for (const i of touched) {
    const a = i * m.sliceSteps;
    const e = Math.min(valid.length, a + m.sliceSteps);
    let dv = 0;
    let db = 0;
    for (let k = a; k < e; k++) {
      dv += valid[k];
      db += bad[k];
    }
    const valid0 = V[e] - V[a];
    const good0 = G[e] - G[a];
    dValid[ofStep[a]] += (valid0 + dv > 0 ? 1 : 0) - (valid0 > 0 ? 1 : 0);
    dBad[ofStep[a]] += sliceBad(m, valid0 + dv, good0 + dv - db) - sliceBad(m, valid0, good0);
  }
  return { dValid, dBad };
}

describe.each([7, 1])('per-step deltas packed by touched block (%i-minute slices)', (sliceMinutes) => {
  // 7-minute slices straddle the 64-step blocks; 1-minute slices are single steps, committed from the blocks'
  // written spans. The rule makes the SLOs keep per-step deltas as their alerts read them. Daily traffic and
  // baseline errors make every step's valid and good requests differ, from each other and from their neighbours'.
  const s: Scenario = {
    ...scenario(
      [service('api', { baselineErrorFraction: 0.01, traffic: { rps: 100, diurnal: { amplitude: 0.4, peakHour: 14 } } })],
      [
        slo('minutes', 'api', { target: 99, budgeting: { kind: 'timeslices', sliceMinutes, sliceTarget: 97 } }),
        slo('ratios', 'api', { target: 99, budgeting: { kind: 'ratioTimeslices', sliceMinutes } }),
      ],
      { horizonDays: 3 },
    ),
    policy: { budget: [], alerts: [page], detectByAlerts: false },
  };
  const c = compileScenario(s);
  /** Equal to the last bit, but for single-step ratio timeslices, whose fractions are summed in step order, not in the order first touched. */
  const expectCounts = (o: number, actual: Float64Array, expected: Float64Array) => {
    if (o === 0 || sliceMinutes !== 1) expect(actual).toEqual(expected);
    else for (let b = 0; b < expected.length; b++) expect(Math.abs(actual[b] - expected[b])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected[b])));
  };

  it.each([0, 1])('reads back every step as added from the first it keeps, counts slices as from plain arrays, and forgets the previous trial (SLO %i)', (o) => {
    const deltas = new SloDeltas(c);
    const steps = c.timeline.steps;
    const m = c.slos[o].slices as SliceModel;
    // The 30-day window reported on the horizon's first day starts 29 days back, in the slice holding that step:
    // the day before is not kept.
    const kept0 = deltas.fromStep[o];
    expect(kept0).toBe(Math.floor(1440 / m.sliceSteps) * m.sliceSteps);
    let before = 0;
    const V = c.slos[o].validCum as Float64Array;
    const next = stream(11);
    for (let trial = 0; trial < 3; trial++) {
      deltas.reset();
      const valid = new Float64Array(steps);
      const bad = new Float64Array(steps);
      const touched = new Set<number>();
      // Stretches of touched steps scattered over the timeline, added in no particular order, some turning slices bad.
      for (let n = 0; n < 40; n++) {
        const from = Math.floor(next() * (steps - 200));
        const length = 1 + Math.floor(next() * 150);
        for (let k = from; k < from + length; k++) {
          const dv = next() < 0.3 ? -0.5 * next() * (V[k + 1] - V[k]) : 0;
          const db = 0.06 * next() * (V[k + 1] - V[k]);
          deltas.addStep(o, k, dv, db);
          if (k < kept0) {
            before++;
            continue;
          }
          touched.add(Math.floor(k / m.sliceSteps));
          valid[k] += dv;
          bad[k] += db;
        }
      }
      const kept = deltas.stepArrays(o);
      expect(kept.valid).toEqual(valid);
      expect(kept.bad).toEqual(bad);
      deltas.commitAll(o);
      const plain = plainSlices(c.slos[o], c.buckets.ofStep, touched, valid, bad, c.buckets.count);
      expectCounts(o, deltas.dValid[o], plain.dValid);
      expectCounts(o, deltas.dBad[o], plain.dBad);
    }
    expect(before).toBeGreaterThan(0);
  });

  it.each([0, 1])('commits, day by day as a budget policy does, what one commit at the end would (SLO %i)', (o) => {
    const steps = c.timeline.steps;
    const once = new SloDeltas(c);
    const daily = new SloDeltas(c);
    const V = c.slos[o].validCum as Float64Array;
    const next = stream(29);
    for (let trial = 0; trial < 2; trial++) {
      once.reset();
      daily.reset();
      // Short runs over the whole timeline written first, as the traffic noise pass does, so that days hold deltas
      // beyond their end when they are committed.
      for (let k = Math.floor(next() * 50); k < steps; k += 20 + Math.floor(next() * 200)) {
        for (let e = Math.min(steps, k + 1 + Math.floor(next() * 15)); k < e; k++) {
          const db = 0.1 * (next() - 0.3) * (V[k + 1] - V[k]);
          once.addStep(o, k, 0, db);
          daily.addStep(o, k, 0, db);
        }
      }
      // Then stretches in time order, as a service's sweep writes them; some cross a day's end.
      let k = 0;
      let dayEnd = 1440;
      while (k < steps) {
        k += Math.floor(next() * 400);
        const end = Math.min(steps, k + 1 + Math.floor(next() * 120));
        for (; k < end; k++) {
          while (k >= dayEnd) {
            daily.commitBefore(o, dayEnd);
            dayEnd += 1440;
          }
          const dv = next() < 0.3 ? -0.5 * next() * (V[k + 1] - V[k]) : 0;
          const db = 0.06 * next() * (V[k + 1] - V[k]);
          once.addStep(o, k, dv, db);
          daily.addStep(o, k, dv, db);
        }
      }
      once.commitAll(o);
      daily.commitAll(o);
      expect(daily.dValid[o]).toEqual(once.dValid[o]);
      // Ratio timeslices' fractions may be summed in another order: equal to 1e-12.
      if (o === 0) expect(daily.dBad[o]).toEqual(once.dBad[o]);
      else for (let b = 0; b < once.dBad[o].length; b++) expect(Math.abs(daily.dBad[o][b] - once.dBad[o][b])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(once.dBad[o][b])));
      expect(daily.dBad[o].some((x) => x !== 0)).toBe(true);
    }
  });
});

describe('a run of steps added at once (addRun)', () => {
  // Every way an SLO keeps deltas: buckets only (plain), buckets and per-step deltas from the first step its rule
  // reads (alerting, whose 30-day window puts that step inside the timeline), per-step deltas turned into slices
  // (7-minute and 1-minute slices).
  const s: Scenario = {
    ...scenario(
      [service('api', { baselineErrorFraction: 0.01, traffic: { rps: 100, diurnal: { amplitude: 0.4, peakHour: 14 } } })],
      [
        slo('plain', 'api', { target: 99 }),
        slo('alerting', 'api', { target: 99 }),
        slo('minutes', 'api', { target: 99, window: { kind: 'rolling', days: 1 }, budgeting: { kind: 'timeslices', sliceMinutes: 7, sliceTarget: 97 } }),
        slo('single', 'api', { target: 99, window: { kind: 'rolling', days: 1 }, budgeting: { kind: 'ratioTimeslices', sliceMinutes: 1 } }),
      ],
      { horizonDays: 3 },
    ),
    policy: { budget: [], alerts: [{ ...page, slos: ['alerting', 'minutes'] }], detectByAlerts: false },
  };
  const c = compileScenario(s);

  it.each([0, 1, 2, 3])('leaves, bit for bit, what addStep step by step leaves (SLO %i)', (o) => {
    const steps = c.timeline.steps;
    const byStep = new SloDeltas(c);
    const byRun = new SloDeltas(c);
    const next = stream(5 + o);
    // The alerting SLO keeps no per-step deltas before the first step its rule reads: runs start on both sides of it.
    const stepsFrom = (byRun as unknown as { stepsFrom: Int32Array }).stepsFrom[o];
    if (o === 1) expect(stepsFrom).toBeGreaterThan(100);
    // Nothing is kept before fromStep (the 1-day windows' is near the horizon's start): runs start from 300 steps before it.
    const low = Math.max(0, byRun.fromStep[o] - 300);
    for (let trial = 0; trial < 2; trial++) {
      byStep.reset();
      byRun.reset();
      const dv = new Float64Array(400);
      const db = new Float64Array(400);
      // Runs of 1 to 300 steps (many crossing a 64-step block's edge), some overlapping, in no particular order.
      for (let r = 0; r < 60; r++) {
        const n = 1 + Math.floor(next() * 300);
        const k0 = r === 0 && stepsFrom > 10 ? stepsFrom - 10 : low + Math.floor(next() * (steps - n - low));
        for (let i = 0; i < n; i++) {
          // Up to about 5 % of a step's 4,000-8,000 requests: enough to turn some 97 % slices bad.
          // Values of full precision, so that sums taken in another order would differ in their last bits.
          dv[i] = next() < 0.3 ? -100 * next() * (1 + next() / 3) : 0;
          db[i] = 400 * (next() - 0.2) * (1 + next() / 3);
          byStep.addStep(o, k0 + i, dv[i], db[i]);
        }
        byRun.addRun(o, k0, n, dv, db);
        // An empty run adds nothing.
        byRun.addRun(o, k0, 0, dv, db);
      }
      const a = byStep.stepsOf(o);
      const b = byRun.stepsOf(o);
      expect(b === null).toBe(o === 0);
      if (a && b) {
        expect(b.valid).toEqual(a.valid);
        expect(b.bad).toEqual(a.bad);
        expect(byRun.blocks[o]).toEqual(byStep.blocks[o]);
        expect(byRun.blockFirst[o]).toEqual(byStep.blockFirst[o]);
        expect(byRun.blockLast[o]).toEqual(byStep.blockLast[o]);
        expect(byRun.stepArrays(o).bad.some((x) => x !== 0)).toBe(true);
      }
      byStep.commitAll(o);
      byRun.commitAll(o);
      expect(byRun.dValid[o]).toEqual(byStep.dValid[o]);
      expect(byRun.dBad[o]).toEqual(byStep.dBad[o]);
      expect(byRun.dBad[o].some((x) => x !== 0)).toBe(true);
    }
  });
});

describe.each([7, 1])('a stretch losing good requests over %i-minute slices', (sliceMinutes) => {
  // No alert rules: slices the stretch covers whole are judged at once from their baseline ratio, unless earlier
  // deltas touched them (traffic noise does), which must then be counted with those deltas.
  const c = compileScenario(scenario([service('api')], [slo('minutes', 'api', { target: 99, budgeting: { kind: 'timeslices', sliceMinutes, sliceTarget: 97 } })], { horizonDays: 3 }));
  const tl = c.timeline;
  const m = c.slos[0].slices as SliceModel;
  const G = c.slos[0].goodCum;

  it('counts the slices that earlier deltas brought near their target, and only those', () => {
    const deltas = new SloDeltas(c);
    const from = tl.horizonStep + 1440 - 300;
    const to = from + 700;
    const valid = new Float64Array(tl.steps);
    const bad = new Float64Array(tl.steps);
    // Every 50th step loses a share of its good requests first that leaves its slice good at 98 %; then the stretch
    // loses 2 % of every step's good requests.
    for (let k = from + 3; k < to; k += 50) {
      const db = 0.02 * sliceMinutes * (G[k + 1] - G[k]);
      deltas.addStep(0, k, 0, db);
      bad[k] += db;
    }
    deltas.loseGood(0, tl.t0 + from * tl.stepMinutes, tl.t0 + to * tl.stepMinutes, 0.02);
    for (let k = from; k < to; k++) bad[k] += 0.02 * (G[k + 1] - G[k]);
    deltas.commitAll(0);
    const touched = new Set<number>();
    for (let k = from; k < to; k++) touched.add(Math.floor(k / m.sliceSteps));
    const plain = plainSlices(c.slos[0], c.buckets.ofStep, touched, valid, bad, c.buckets.count);
    expect(deltas.dBad[0]).toEqual(plain.dBad);
    // Only the 14 slices with both losses fall below 97 %.
    expect(deltas.dBad[0].reduce((a, b) => a + b, 0)).toBe(14);
  });

  it.each([
    [0.5, 'turns every slice bad'],
    [0.01, 'leaves every slice good'],
  ])('judges a loss of %f that %s over three days as from plain arrays, the day earlier deltas touched with them', (lost) => {
    const deltas = new SloDeltas(c);
    const from = tl.horizonStep + 200;
    const to = from + 3 * 1440 - 400;
    const valid = new Float64Array(tl.steps);
    const bad = new Float64Array(tl.steps);
    // Earlier deltas in the second day only, leaving their slices good: that day's slices are judged with them,
    // the others (single-step slices: counted at once) from their baseline alone.
    for (let k = from + 1440; k < from + 1640; k += 7) {
      const db = 0.01 * (G[k + 1] - G[k]);
      deltas.addStep(0, k, 0, db);
      bad[k] += db;
    }
    deltas.loseGood(0, tl.t0 + from * tl.stepMinutes, tl.t0 + to * tl.stepMinutes, lost);
    for (let k = from; k < to; k++) bad[k] += lost * (G[k + 1] - G[k]);
    deltas.commitAll(0);
    const touched = new Set<number>();
    for (let k = from; k < to; k++) touched.add(Math.floor(k / m.sliceSteps));
    const plain = plainSlices(c.slos[0], c.buckets.ofStep, touched, valid, bad, c.buckets.count);
    expect(deltas.dBad[0]).toEqual(plain.dBad);
    // The stretch's slices: its whole ones, and the two it shares with the slices before and after it.
    const total = deltas.dBad[0].reduce((a, b) => a + b, 0);
    if (lost === 0.5) expect(total).toBe(Math.ceil(to / m.sliceSteps) - Math.floor(from / m.sliceSteps));
    else expect(total).toBe(0);
  });
});

describe('an SLO\'s baseline good requests, read where trials read them (goodData)', () => {
  // Baseline errors, so that good and valid requests differ at every step; latency SLOs, so that the SLOs differ.
  const api = service('api', { baselineErrorFraction: 0.01, traffic: { rps: 100, diurnal: { amplitude: 0.3, peakHour: 14 } }, latency: { serviceTime: { kind: 'constant', value: 20 } }, capacity: { instances: 2, rpsPerInstance: 80 } });
  const slos = [slo('a', 'api'), slo('b', 'api', { sli: 'latency', thresholdMs: 25, target: 99 }), slo('c', 'api', { target: 99.5, excludeMaintenance: true })];
  const base = scenario([api], slos, { horizonDays: 3 });
  const cases: [string, Scenario, number][] = [
    ['alerting SLOs, from their interleaved sums', { ...base, policy: { budget: [], alerts: [page], detectByAlerts: false } }, 2],
    ['three SLOs of one service, from one array side by side', base, 3],
  ];

  it.each(cases)('gives goodCum\'s to the last bit, step by step and between any two step positions (%s)', (_, s, stride) => {
    const c = compileScenario(s);
    const steps = c.timeline.steps;
    for (const o of c.slos) {
      expect(o.goodStride).toBe(stride);
      const G = o.goodCum;
      const V = o.validCum;
      const next = stream(5 + o.index);
      const ends: [number, number][] = [[0, 0.4], [0, steps], [steps - 0.3, steps], [steps - 2.5, steps], [17, 17.25]];
      for (let n = 0; n < 2000; n++) {
        const k = Math.floor(next() * steps);
        expect(goodStep(o, k)).toBe(G[k + 1] - G[k]);
        if (V) expect(goodStep(o, k)).not.toBe(V[k + 1] - V[k]);
        const u = next() * steps;
        ends.push([u, Math.min(steps, u + next() * (n % 2 === 0 ? 0.9 : 500))]);
      }
      for (const [u, v] of ends) expect(goodBetweenSteps(o, u, v)).toBe(cumBetween(G, u, v));
    }
  });

  it('copies SLOs side by side only within 32 MB, and reads the others from goodCum', () => {
    // 430 days of minutes: six SLOs side by side take 29.7 MB, seven would take 34.7.
    const many = (n: number) => compileScenario(scenario([service('api')], Array.from({ length: n }, (_, i) => slo(`s${i}`, 'api', { target: 99 + i / 10 })), { horizonDays: 400 }));
    expect(many(6).slos.map((o) => o.goodStride)).toEqual([6, 6, 6, 6, 6, 6]);
    const seven = many(7);
    expect(seven.slos.map((o) => o.goodStride)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(seven.slos.every((o) => o.goodData === o.goodCum)).toBe(true);
  });
});

describe('budget remaining day by day, as a budget policy reads it', () => {
  // Losses scattered over the timeline, read day by day after each day's losses as a service's sweep does; the
  // day's budget must be what the trial's evaluation reports for that day once it ends (losses change no valid
  // requests, so a calendar window's days read no deltas beyond their end either), trial after trial.
  const s = scenario(
    [service('api', { baselineErrorFraction: 0.001, traffic: { rps: 100, diurnal: { amplitude: 0.4, peakHour: 14 } } })],
    [slo('rolling', 'api', { target: 99, window: { kind: 'rolling', days: 7 } }), slo('month', 'api', { target: 99, window: { kind: 'calendar', unit: 'month' } })],
    { horizonDays: 40 },
  );
  const c = compileScenario(s);
  const tl = c.timeline;

  it.each([0, 1])('equals the evaluation of the day once the trial ends, and forgets the previous trial (SLO %i)', (o) => {
    const deltas = new SloDeltas(c);
    const out = outcomeFor(c).slos[o];
    const next = stream(5);
    for (let trial = 0; trial < 3; trial++) {
      deltas.reset();
      const read: number[] = [];
      let x = tl.t0;
      for (let day = 0; day < tl.horizonDays; day++) {
        const end = (day + 1) * 1440;
        // Some of the day's stretches; trials differ in how much they lose.
        for (x += next() * 2000; x < end; x += next() * 3000) {
          const y = Math.min(end, x + 5 + next() * 120);
          deltas.loseGood(o, x, y, (trial + 1) * 0.1 * next());
          x = y;
        }
        x = end;
        read.push(deltas.budgetAt(o, day));
      }
      deltas.evaluate(o, out);
      for (let day = 0; day < tl.horizonDays; day++) expect(Math.abs(read[day] - out.budgetRemaining[day])).toBeLessThan(1e-9);
      // The losses matter: some day has spent a fifth of its budget.
      expect(read.some((b) => b < 0.8)).toBe(true);
    }
  });
});

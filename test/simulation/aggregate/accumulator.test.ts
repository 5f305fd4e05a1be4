import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Accumulator, CORE_SECTIONS, shapeOf, type AnySectionKind, type Section, type SectionKind } from '../../../simulation/aggregate/accumulator';
import { createTrialOutcome, type TrialOutcome } from '../../../simulation/aggregate/outcome';
import { SLO_SECTION } from '../../../simulation/aggregate/slo-section';
import { SERVICE_SECTION } from '../../../simulation/aggregate/service-section';
import { randomOutcome, scenarioFixture } from './fixtures';

const shape = { sloCount: 2, serviceCount: 2, horizonDays: 5 };

function accumulate(from: number, to: number): Accumulator {
  const acc = new Accumulator(shape);
  for (let i = from; i < to; i++) acc.add(randomOutcome(i, shape.sloCount, shape.serviceCount, shape.horizonDays));
  return acc;
}

describe('Accumulator', () => {
  it('takes its shape from the scenario', () => {
    expect(shapeOf(scenarioFixture(90))).toEqual({ sloCount: 2, serviceCount: 2, horizonDays: 90, policyStates: ['normal'], slas: [], alertRules: [] });
    expect(Accumulator.forScenario(scenarioFixture(90)).shape.horizonDays).toBe(90);
  });

  it('counts trials, breaches, exhaustions and overloads', () => {
    const acc = new Accumulator(shape);
    const o = createTrialOutcome(2, 2, 5);
    acc.add(o);
    o.slos[1].breached = true;
    o.slos[1].exhaustionDay = 3;
    o.services[0].overloaded = true;
    acc.add(o);
    acc.add(o);
    const slos = acc.section(SLO_SECTION);
    const services = acc.section(SERVICE_SECTION);
    expect(acc.trials).toBe(3);
    expect(Array.from(slos.breaches)).toEqual([0, 2]);
    expect(Array.from(slos.exhaustions)).toEqual([0, 2]);
    expect(slos.exhaustionDay[1].count).toBe(2);
    expect(Array.from(services.overloads)).toEqual([2, 0]);
  });

  it('gives the same state however the trials are split and merged', () => {
    const whole = JSON.stringify(accumulate(0, 40));
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 39 }), { maxLength: 5 }), fc.boolean(), (cuts, reverse) => {
        const edges = [0, ...[...cuts].sort((a, b) => a - b), 40];
        const parts = edges.slice(1).map((to, k) => accumulate(edges[k], to));
        if (reverse) parts.reverse();
        const merged = new Accumulator(shape);
        for (const p of parts) merged.merge(p);
        expect(JSON.stringify(merged)).toBe(whole);
      }),
      { numRuns: 30 },
    );
  });

  it('round-trips through JSON text and keeps accumulating identically', () => {
    const acc = accumulate(0, 25);
    const back = Accumulator.fromJSON(JSON.parse(JSON.stringify(acc)));
    expect(back.trials).toBe(25);
    expect(back.toJSON()).toEqual(acc.toJSON());
    back.merge(accumulate(25, 30));
    expect(JSON.stringify(back)).toBe(JSON.stringify(accumulate(0, 30)));
  });

  it('passes to another thread (toTransfer, a structured clone) as it would through JSON', () => {
    const acc = accumulate(0, 25);
    const transfer = acc.toTransfer();
    // The budget days go as typed arrays, the rest as in toJSON.
    expect((transfer.sections.slos as { budget: { counts: unknown }[] }).budget[0].counts).toBeInstanceOf(Uint32Array);
    const back = Accumulator.fromJSON(structuredClone(transfer));
    expect(back.trials).toBe(25);
    expect(back.toJSON()).toEqual(acc.toJSON());
    back.merge(Accumulator.fromJSON(structuredClone(accumulate(25, 30).toTransfer())));
    expect(JSON.stringify(back)).toBe(JSON.stringify(accumulate(0, 30)));
  });

  it('says what is wrong with malformed state, and where', () => {
    const good = accumulate(0, 3).toJSON();
    const broken = (patch: (j: Record<string, unknown>) => void): unknown => {
      const j = JSON.parse(JSON.stringify(good)) as Record<string, unknown>;
      patch(j);
      return j;
    };
    expect(() => Accumulator.fromJSON(null)).toThrow('accumulator: expected an object');
    expect(() => Accumulator.fromJSON(broken((j) => (j.format = 'x')))).toThrow(/accumulator.format: expected 'budgetcast\/accumulator@1'/);
    expect(() => Accumulator.fromJSON(broken((j) => (j.trials = -1)))).toThrow('accumulator.trials: expected a non-negative integer');
    expect(() => Accumulator.fromJSON(broken((j) => ((j.shape as Record<string, unknown>).horizonDays = 1.5)))).toThrow('accumulator.shape.horizonDays');
    expect(() => Accumulator.fromJSON(broken((j) => ((j.sections as Record<string, unknown>).extra = {})))).toThrow("unknown section 'extra'");
    expect(() => Accumulator.fromJSON(broken((j) => delete (j.sections as Record<string, unknown>).services))).toThrow('accumulator.sections.services: missing');
    expect(() =>
      Accumulator.fromJSON(broken((j) => ((j.sections as { slos: { budget: unknown[][] } }).slos.budget[1] = []))),
    ).toThrow('accumulator.sections.slos.budget[1]: expected 5 entries, got 0');
    expect(() =>
      Accumulator.fromJSON(broken((j) => ((j.sections as { services: { requestSum: unknown[] } }).services.requestSum[0] = 1.5))),
    ).toThrow('accumulator.sections.services.requestSum[0]: expected a decimal integer string');
  });

  it('refuses to merge an accumulator of another shape or other sections', () => {
    expect(() => new Accumulator(shape).merge(new Accumulator({ ...shape, horizonDays: 6 }))).toThrow(/shapes differ/);
    expect(() => new Accumulator(shape).merge(new Accumulator(shape, [SLO_SECTION]))).toThrow(/sections differ/);
  });

  it('refuses an outcome of another shape', () => {
    expect(() => new Accumulator(shape).add(createTrialOutcome(1, 2, 5))).toThrow(/1 SLOs, expected 2/);
    expect(() => new Accumulator(shape).add(createTrialOutcome(2, 2, 4))).toThrow(/4 budget days, expected 5/);
    expect(() => new Accumulator(shape).add(createTrialOutcome(2, 3, 5))).toThrow(/3 services, expected 2/);
  });

  it('takes a later layer’s own section through add, merge, JSON and the result', () => {
    class Deep implements Section<Deep> {
      trials = 0;
      add(o: TrialOutcome): void {
        if (o.slos[0].attainment < 99) this.trials++;
      }
      merge(other: Deep): void {
        this.trials += other.trials;
      }
      toJSON(): number {
        return this.trials;
      }
    }
    const DEEP: SectionKind<Deep> = {
      name: 'deep',
      create: () => new Deep(),
      fromJSON: (json) => Object.assign(new Deep(), { trials: json as number }),
      report: (section, doc, trials) => (doc.slos[0].policyDays = { deep: section.trials / trials }),
    };
    const kinds: AnySectionKind[] = [...CORE_SECTIONS, DEEP];
    const a = new Accumulator(shape, kinds);
    const b = new Accumulator(shape, kinds);
    const o = createTrialOutcome(2, 2, 5);
    a.add(o);
    o.slos[0].attainment = 98;
    b.add(o);
    a.merge(Accumulator.fromJSON(JSON.parse(JSON.stringify(b)), kinds));
    expect(a.section(DEEP).trials).toBe(1);
    const doc = { slos: [{ policyDays: {} }] } as unknown as Parameters<Accumulator['report']>[0];
    a.report(doc);
    expect(doc.slos[0].policyDays).toEqual({ deep: 0.5 });
    expect(() => new Accumulator(shape).section(DEEP)).toThrow("no section 'deep'");
  });
});

describe('accumulators written before the ML section existed', () => {
  it('still read and merge when the scenario has no ML platform', () => {
    const acc = new Accumulator(shape);
    acc.add(randomOutcome(1, shape.sloCount, shape.serviceCount, shape.horizonDays));
    const json = JSON.parse(JSON.stringify(acc)) as { sections: Record<string, unknown> };
    delete json.sections.ml;
    const old = Accumulator.fromJSON(json);
    old.merge(Accumulator.fromJSON(JSON.parse(JSON.stringify(acc))));
    expect(old.trials).toBe(2);
  });
});

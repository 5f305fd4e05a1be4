import { describe, expect, it } from 'vitest';
import { demandCurve, demandShape } from '../../../simulation/model/traffic';
import { buildTimeline } from '../../../simulation/model/timeline';
import { scenario, service, slo } from '../../helpers/make-scenario';

const tl = buildTimeline(scenario([service('api')], [slo('a', 'api', { window: { kind: 'calendar', unit: 'month' } })]));

describe('demand shape (DESIGN 3.1)', () => {
  it('peaks at 1 + amplitude at the peak hour and bottoms at 1 - amplitude twelve hours later', () => {
    const tr = { rps: 1, diurnal: { amplitude: 0.35, peakHour: 15 } };
    expect(demandShape(tr, tl, 15 * 60)).toBeCloseTo(1.35, 12);
    expect(demandShape(tr, tl, 3 * 60)).toBeCloseTo(0.65, 12);
    expect(demandShape(tr, tl, 9 * 60)).toBeCloseTo(1, 12);
  });

  it('applies the weekend factor on Saturday and Sunday only (2027-01-01 is a Friday)', () => {
    const tr = { rps: 1, weekly: { weekendFactor: 0.6 } };
    expect(demandShape(tr, tl, 12 * 60)).toBe(1);
    expect(demandShape(tr, tl, 1440 + 12 * 60)).toBe(0.6);
    expect(demandShape(tr, tl, 2 * 1440 + 12 * 60)).toBe(0.6);
    expect(demandShape(tr, tl, 3 * 1440)).toBe(1);
  });

  it('grows by monthlyPercent every 30 days, compounding', () => {
    const tr = { rps: 1, growth: { monthlyPercent: 4 } };
    expect(demandShape(tr, tl, 30 * 1440)).toBeCloseTo(1.04, 12);
    expect(demandShape(tr, tl, 90 * 1440)).toBeCloseTo(1.04 ** 3, 12);
    expect(demandShape(tr, tl, 15 * 1440)).toBeCloseTo(Math.sqrt(1.04), 12);
  });

  it('tabulates the same curve step by step as the shape gives minute by minute', () => {
    const tr = { rps: 250, diurnal: { amplitude: 0.4, peakHour: 13.5 }, weekly: { weekendFactor: 0.7 }, growth: { monthlyPercent: 5 } };
    const curve = demandCurve(tr, tl);
    for (const k of [0, 1, 59, 600, 1439, 1440, 5000, 20000, tl.steps - 1]) expect(curve[k]).toBeCloseTo(250 * demandShape(tr, tl, tl.t0 + k * tl.stepMinutes), 9);
  });
});

/** Hand-made scenarios and trial outcomes for the aggregate tests. */
import { createTrialOutcome, type TrialOutcome } from '../../../simulation/aggregate/outcome';
import type { Scenario, Service, Slo } from '../../../simulation/scenario/types';

function service(id: string): Service {
  return { id, traffic: { rps: 100 }, baselineErrorFraction: 0, failures: [], scripted: [], maintenance: [], dependsOn: [] };
}

const availability: Slo = {
  id: 'api-availability',
  service: 'api',
  sli: 'availability',
  target: 99.9,
  window: { kind: 'rolling', days: 30 },
  excludeMaintenance: false,
  budgeting: { kind: 'occurrences' },
};

const latency: Slo = {
  id: 'api-latency',
  service: 'api',
  sli: 'latency',
  thresholdMs: 100,
  target: 95,
  window: { kind: 'calendar', unit: 'month' },
  excludeMaintenance: false,
  budgeting: { kind: 'timeslices', sliceMinutes: 1, sliceTarget: 95 },
};

/** A scenario with two SLOs on `api`, two services (api, db) and the given horizon. */
export function scenarioFixture(horizonDays = 3, trials = 10): Scenario {
  return {
    apiVersion: 'budgetcast/v1',
    kind: 'Scenario',
    metadata: { name: 'fixture', title: 'Fixture' },
    simulation: { start: '2027-01-01T00:00:00Z', horizonDays, stepMinutes: 1, trials, seed: 7 },
    services: [service('api'), service('db')],
    slos: [availability, latency],
    policy: { budget: [], alerts: [], detectByAlerts: false },
    sla: [],
    notes: [],
  };
}

/** mulberry32: a tiny seeded generator, so test data is the same on every run. */
export function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Trial i's outcome: random but fixed by i, with exact 100 % SLIs, deep overspends and exhaustion now and then. */
export function randomOutcome(i: number, sloCount: number, serviceCount: number, horizonDays: number): TrialOutcome {
  const u = generator(1000 + i);
  const o = createTrialOutcome(sloCount, serviceCount, horizonDays);
  for (const slo of o.slos) {
    const burn = u() < 0.1 ? 0 : u() ** 3 * (u() < 0.05 ? 500 : 2);
    for (let d = 0; d < horizonDays; d++) slo.budgetRemaining[d] = 1 - (burn * (d + 1)) / horizonDays;
    slo.attainment = burn === 0 ? 100 : 100 - burn * 0.05;
    slo.worstWindow = burn === 0 ? 100 : 100 - burn * 0.2;
    slo.breached = burn > 1;
    const first = slo.budgetRemaining.findIndex((b) => b <= 0);
    slo.exhaustionDay = first;
  }
  for (const s of o.services) {
    s.requests = 8e9 + u() * 4e9;
    s.peakUtilization = 0.3 + u() * 1.2;
    s.overloaded = s.peakUtilization > 1;
    s.shedFraction = s.overloaded ? u() * 1e-3 : 0;
  }
  return o;
}

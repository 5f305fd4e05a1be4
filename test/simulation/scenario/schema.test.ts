import { describe, expect, it } from 'vitest';
import { parseScenarioObject, parseScenarioText } from '../../../simulation/scenario';
import type { Doc } from './fixtures';
import { exampleDocument, exampleText, expectIssues, expectOk, minimalDocument } from './fixtures';

/** The issues of the minimal document after `change`, as `path: message` lines. */
function issuesAfter(change: (doc: Doc) => void): string[] {
  const doc = minimalDocument();
  change(doc);
  return expectIssues(parseScenarioObject(doc)).map((i) => `${i.path}: ${i.message}`);
}

function validAfter(change: (doc: Doc) => void) {
  const doc = minimalDocument();
  change(doc);
  return expectOk(parseScenarioObject(doc));
}

describe('the example scenarios', () => {
  it('validates minimal.yaml and full.yaml', () => {
    expectOk(parseScenarioText(exampleText('minimal.yaml'), 'minimal.yaml'));
    expectOk(parseScenarioText(exampleText('full.yaml'), 'full.yaml'));
  });

  it('reads full.yaml\'s empty ML section (`ml: {}`) as no ML platform', () => {
    const s = expectOk(parseScenarioText(exampleText('full.yaml'), 'full.yaml'));
    expect(exampleDocument('full.yaml').ml).toEqual({});
    expect(s.ml).toBeUndefined();
    expect(s.notes).toEqual(['NPS and support response times are not simulated']);
  });

  it('normalises full.yaml as DESIGN section 2 describes', () => {
    const s = expectOk(parseScenarioText(exampleText('full.yaml'), 'full.yaml'));
    const api = s.services[0];
    expect(api.traffic.bursts).toEqual({ perWeek: 1, multiplier: { kind: 'constant', value: 2 }, duration: { kind: 'constant', value: 5 } });
    expect(api.capacity?.autoscale).toEqual({ min: 8, max: 16, targetUtilization: 0.7, reaction: 5 });
    expect(api.latency?.serviceTime).toEqual({ kind: 'lognormal', median: 30, p90: 70 });
    expect(api.failures[1]).toEqual({
      name: 'degradation', perMonth: 2, errorFraction: { kind: 'uniform', min: 0.02, max: 0.2 }, latencyFactor: 3, capacityLoss: 0,
      detect: { kind: 'constant', value: 10 }, repair: { kind: 'lognormal', median: 40, p90: 120 },
    });
    expect(api.deploys?.impact).toEqual({ errorFraction: { kind: 'constant', value: 0.3 }, latencyFactor: 1, capacityLoss: 0 });
    expect(api.scripted[0]).toEqual({ at: 3 * 1440 + 10 * 60, duration: 10, errorFraction: { kind: 'constant', value: 1 }, latencyFactor: 1, capacityLoss: 0 });
    expect(api.maintenance[0]).toEqual({ weekday: 'sun', start: 120, duration: 120, errorFraction: 0.1 });
    expect(api.dependsOn).toEqual([{ service: 'db', impact: 1 }]);
    expect(s.slos.map((slo) => slo.window)).toEqual([{ kind: 'rolling', days: 30 }, { kind: 'rolling', days: 1 }, { kind: 'calendar', unit: 'month' }]);
    expect(s.slos.map((slo) => slo.budgeting)).toEqual([{ kind: 'occurrences' }, { kind: 'occurrences' }, { kind: 'timeslices', sliceMinutes: 1, sliceTarget: 95 }]);
  });

  it('reads its own output back unchanged', () => {
    for (const name of ['minimal.yaml', 'full.yaml']) {
      const once = expectOk(parseScenarioText(exampleText(name), name));
      expect(expectOk(parseScenarioObject(structuredClone(once)))).toEqual(once);
    }
  });
});

describe('defaults', () => {
  it('fills the simulation settings, lists and SLO options that were left out', () => {
    const s = validAfter(() => {});
    expect(s.simulation).toEqual({ start: '2027-01-01T00:00:00.000Z', horizonDays: 90, stepMinutes: 1, trials: 10000, seed: 1 });
    expect(s.services[0]).toEqual({ id: 'api', traffic: { rps: 100 }, baselineErrorFraction: 0, failures: [], scripted: [], maintenance: [], dependsOn: [] });
    expect(s.slos[0]).toMatchObject({ excludeMaintenance: false, budgeting: { kind: 'occurrences' } });
    expect(s.notes).toEqual([]);
    expect(s.policy).toEqual({ budget: [], alerts: [], detectByAlerts: false });
    expect(s.sla).toEqual([]);
  });

  it('makes an impact a full outage with no slowdown and no capacity lost unless told otherwise', () => {
    const s = validAfter((d) => {
      d.services[0].failures = [{ name: 'outage', perMonth: 1, detect: 5, repair: 30 }];
      d.services[0].deploys = { perWeek: 10, failureProbability: 0.01, rollback: '10m' };
      d.services[0].scripted = [{ at: '-P1D', duration: '1h', latencyFactor: 2 }];
      d.services[0].dependsOn = [];
    });
    const impact = { errorFraction: { kind: 'constant', value: 1 }, latencyFactor: 1, capacityLoss: 0 };
    expect(s.services[0].failures[0]).toMatchObject(impact);
    expect(s.services[0].deploys?.impact).toEqual(impact);
    expect(s.services[0].scripted[0]).toEqual({ at: -1440, duration: 60, ...impact, latencyFactor: 2 });
  });

  it('gives a dependency an impact of 1', () => {
    const s = validAfter((d) => {
      d.services.push({ id: 'db', traffic: { rps: 1 } });
      d.services[0].dependsOn = [{ service: 'db' }];
    });
    expect(s.services[0].dependsOn).toEqual([{ service: 'db', impact: 1 }]);
  });
});

describe('normalisation', () => {
  it('reads windows of whole days, in any unit, and calendar windows', () => {
    const windowOf = (w: unknown) => validAfter((d) => { d.slos[0].window = w; }).slos[0].window;
    expect(windowOf({ rolling: '24h' })).toEqual({ kind: 'rolling', days: 1 });
    expect(windowOf({ rolling: '4w' })).toEqual({ kind: 'rolling', days: 28 });
    expect(windowOf({ rolling: 'P7D' })).toEqual({ kind: 'rolling', days: 7 });
    expect(windowOf({ calendar: 'quarter' })).toEqual({ kind: 'calendar', unit: 'quarter' });
  });

  it('reads ratio timeslices', () => {
    const s = validAfter((d) => { d.slos[0].budgeting = { ratioTimeslices: '5m' }; });
    expect(s.slos[0].budgeting).toEqual({ kind: 'ratioTimeslices', sliceMinutes: 5 });
  });

  it('accepts a Date for the start, as a YAML timestamp may be parsed, and writes it as an ISO string', () => {
    const s = validAfter((d) => { d.simulation.start = new Date(Date.UTC(2027, 3, 1, 6)); });
    expect(s.simulation.start).toBe('2027-04-01T06:00:00.000Z');
  });

  it('passes traceability keys through', () => {
    const s = validAfter((d) => {
      d.metadata.source = 'seed.txt';
      d.services[0].traffic = { rps: 100, source: 'seed §3', assumed: true, reason: 'not stated; typical' };
      d.slos[0].source = 'seed §2';
    });
    expect(s.services[0].traffic).toEqual({ rps: 100, source: 'seed §3', assumed: true, reason: 'not stated; typical' });
    expect(s.slos[0]).toMatchObject({ source: 'seed §2' });
    expect(s.metadata).toEqual({ name: 'test', source: 'seed.txt' });
  });
});

describe('errors', () => {
  it('guesses what an unknown key meant, at the path of its object', () => {
    expect(issuesAfter((d) => { d.services[0].traffic = { rsp: 100 }; })).toEqual([
      'services[0].traffic.rps: is required',
      "services[0].traffic: unknown key 'rsp'; did you mean 'rps'?",
    ]);
    expect(issuesAfter((d) => { d.slo = d.slos; })).toEqual(["(document): unknown key 'slo'; did you mean 'slos'?"]);
  });

  it('reports a value outside its range with the range and the value', () => {
    expect(issuesAfter((d) => { d.services[0].baselineErrorFraction = 1.5; })).toEqual(['services[0].baselineErrorFraction: must be a number between 0 and 1, got 1.5']);
    expect(issuesAfter((d) => { d.slos[0].target = 100; })).toEqual(['slos[0].target: must be a number greater than 0 and less than 100, got 100']);
  });

  it('reports a value of the wrong type in plain words', () => {
    expect(issuesAfter((d) => { d.services[0].traffic.rps = '100'; })).toEqual(["services[0].traffic.rps: must be a number, got '100'"]);
    expect(issuesAfter((d) => { d.services = {}; })).toEqual(['services: must be a list, got an object']);
    expect(issuesAfter((d) => { d.slos[0].excludeMaintenance = 'yes'; })).toEqual(["slos[0].excludeMaintenance: must be true or false, got 'yes'"]);
    expect(issuesAfter((d) => { delete d.metadata; })).toEqual(['metadata: is required']);
  });

  it('reports a wrong apiVersion and kind', () => {
    expect(issuesAfter((d) => { d.apiVersion = 'budgetcast/v2'; d.kind = 'scenario'; })).toEqual([
      "apiVersion: must be 'budgetcast/v1', got 'budgetcast/v2'",
      "kind: must be 'Scenario', got 'scenario'",
    ]);
  });

  it('requires thresholdMs exactly when the SLI is latency', () => {
    const latency = (d: Doc) => { d.services[0].latency = { serviceTime: 20 }; };
    expect(issuesAfter((d) => { latency(d); d.slos[0].sli = 'latency'; })).toEqual(['slos[0].thresholdMs: is required for a latency SLI']);
    expect(issuesAfter((d) => { d.slos[0].thresholdMs = 100; })).toEqual(["slos[0].thresholdMs: applies only to a latency SLI (this SLO's sli is availability)"]);
  });

  it('explains a rolling window that is not a whole number of days', () => {
    expect(issuesAfter((d) => { d.slos[0].window = { rolling: 30 }; })).toEqual(['slos[0].window.rolling: must be a whole number of days, such as 30d or 24h, got 30 (a bare number is minutes)']);
    expect(issuesAfter((d) => { d.slos[0].window = { rolling: '36h' }; })).toEqual(["slos[0].window.rolling: must be a whole number of days, such as 30d or 24h, got '36h'"]);
    expect(issuesAfter((d) => { d.slos[0].window = { rolling: '367d' }; })).toEqual(["slos[0].window.rolling: must be between 1d and 366d, got '367d'"]);
    expect(issuesAfter((d) => { d.slos[0].window = { calendar: 'mnth' }; })).toEqual(["slos[0].window.calendar: must be one of 'week', 'month', 'quarter', got 'mnth'; did you mean 'month'?"]);
    expect(issuesAfter((d) => { d.slos[0].window = { rolling: '30d', calendar: 'month' }; })).toEqual(['slos[0].window: must be {rolling: 30d} or {calendar: week|month|quarter}, not both']);
  });

  it('explains a slice length that does not divide a day', () => {
    expect(issuesAfter((d) => { d.slos[0].budgeting = { timeslices: '7m', sliceTarget: 95 }; })).toEqual([
      "slos[0].budgeting.timeslices: must be whole minutes that divide a day (such as 1m, 5m, 10m, 1h or 1d), got '7m'",
    ]);
    expect(issuesAfter((d) => { d.slos[0].budgeting = { timeslices: '1m' }; })).toEqual(['slos[0].budgeting.sliceTarget: is required']);
  });

  it('explains a maintenance window with a bad weekday or start', () => {
    expect(issuesAfter((d) => { d.services[0].maintenance = [{ weekday: 'sunday', start: '2am', duration: '2h', errorFraction: 0 }]; })).toEqual([
      "services[0].maintenance[0].weekday: must be one of 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', got 'sunday'; did you mean 'sun'?",
      "services[0].maintenance[0].start: must be a time of day HH:MM (UTC) such as \"02:00\", got '2am'",
    ]);
  });

  it('allows a negative offset for a scripted event and nowhere else', () => {
    expect(issuesAfter((d) => { d.services[0].scripted = [{ at: '-P1D', duration: '-10m' }]; })).toEqual(["services[0].scripted[0].duration: must not be negative, got '-10m'"]);
  });

  it('reports every problem at once', () => {
    const issues = issuesAfter((d) => {
      d.simulation.trials = 0;
      d.services[0].traffic.rps = -1;
      d.services[0].capacity = { instances: 2.5, rpsPerInstance: 100 };
      d.slos[0].target = 120;
      d.slos[0].window = { rolling: '0d' };
    });
    expect(issues).toEqual([
      'simulation.trials: must be a whole number between 1 and 10,000,000, got 0',
      'services[0].traffic.rps: must be a number between 0 and 1,000,000,000, got -1',
      'services[0].capacity.instances: must be a whole number between 0 and 1,000,000, got 2.5',
      'slos[0].target: must be a number greater than 0 and less than 100, got 120',
      "slos[0].window.rolling: must be a whole number of days, such as 30d or 24h, got '0d'",
    ]);
  });
});

describe('bounds', () => {
  it.each([
    ['simulation.trials', (d: Doc) => { d.simulation.trials = 10_000_001; }, 'must be a whole number between 1 and 10,000,000, got 10000001'],
    ['simulation.trials', (d: Doc) => { d.simulation.trials = 10.5; }, 'must be a whole number between 1 and 10,000,000, got 10.5'],
    ['simulation.horizonDays', (d: Doc) => { d.simulation.horizonDays = 1096; }, 'must be a whole number between 1 and 1095, got 1096'],
    ['simulation.stepMinutes', (d: Doc) => { d.simulation.stepMinutes = 7; }, 'must be one of 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60 minutes (a length that divides an hour), got 7'],
    ['simulation.seed', (d: Doc) => { d.simulation.seed = 2 ** 32; }, 'must be a whole number between 0 and 4,294,967,295, got 4294967296'],
    ['services[0].traffic.rps', (d: Doc) => { d.services[0].traffic.rps = 2e9; }, 'must be a number between 0 and 1,000,000,000, got 2000000000'],
    ['services[0].traffic.rps', (d: Doc) => { d.services[0].traffic.rps = Infinity; }, 'must be a finite number, got Infinity'],
    ['services[0].traffic.rps', (d: Doc) => { d.services[0].traffic.rps = NaN; }, 'must be a finite number, got NaN'],
    ['services[0].traffic.rps', (d: Doc) => { d.services[0].traffic.rps = 'Infinity'; }, "must be a number, got 'Infinity'"],
    ['services[0].traffic.diurnal.amplitude', (d: Doc) => { d.services[0].traffic.diurnal = { amplitude: 1, peakHour: 0 }; }, 'must be a number at least 0 and less than 1, got 1'],
    ['services[0].traffic.diurnal.peakHour', (d: Doc) => { d.services[0].traffic.diurnal = { amplitude: 0, peakHour: 24 }; }, 'must be a number at least 0 and less than 24, got 24'],
    ['services[0].traffic.weekly.weekendFactor', (d: Doc) => { d.services[0].traffic.weekly = { weekendFactor: 11 }; }, 'must be a number between 0 and 10, got 11'],
    ['services[0].traffic.growth.monthlyPercent', (d: Doc) => { d.services[0].traffic.growth = { monthlyPercent: -101 }; }, 'must be a number between -100 and 1000, got -101'],
    ['services[0].traffic.noise.cv', (d: Doc) => { d.services[0].traffic.noise = { cv: 6, correlationMinutes: 15 }; }, 'must be a number between 0 and 5, got 6'],
    ['services[0].traffic.noise.correlationMinutes', (d: Doc) => { d.services[0].traffic.noise = { cv: 0.1, correlationMinutes: '30s' }; }, "must be a duration between 1m and 30d, got '30s'"],
    ['services[0].capacity.rpsPerInstance', (d: Doc) => { d.services[0].capacity = { instances: 1, rpsPerInstance: 0 }; }, 'must be a number greater than 0 and at most 1,000,000,000, got 0'],
    ['services[0].capacity.autoscale.targetUtilization', (d: Doc) => { d.services[0].capacity = { instances: 1, rpsPerInstance: 1, autoscale: { min: 1, max: 2, targetUtilization: 1.2, reaction: 5 } }; }, 'must be a number greater than 0 and at most 1, got 1.2'],
    ['services[0].capacity.autoscale.max', (d: Doc) => { d.services[0].capacity = { instances: 1, rpsPerInstance: 1, autoscale: { min: 5, max: 4, targetUtilization: 0.7, reaction: 5 } }; }, 'must be at least autoscale min (5), got 4'],
    ['services[0].latency.serviceTime', (d: Doc) => { d.services[0].latency = { serviceTime: 0 }; }, 'must be a number greater than 0 and at most 3,600,000, got 0'],
    ['services[0].latency.workersPerInstance', (d: Doc) => { d.services[0].latency = { serviceTime: 10, workersPerInstance: 0 }; }, 'must be a whole number between 1 and 100,000, got 0'],
    ['services[0].failures[0].perMonth', (d: Doc) => { d.services[0].failures = [{ name: 'a', perMonth: 100_001, detect: 1, repair: 1 }]; }, 'must be a number between 0 and 100,000, got 100001'],
    ['services[0].failures[0].latencyFactor', (d: Doc) => { d.services[0].failures = [{ name: 'a', perMonth: 1, latencyFactor: 0.5, detect: 1, repair: 1 }]; }, 'must be a number between 1 and 1000, got 0.5'],
    ['services[0].failures[0].capacityLoss', (d: Doc) => { d.services[0].failures = [{ name: 'a', perMonth: 1, capacityLoss: -0.1, detect: 1, repair: 1 }]; }, 'must be a number between 0 and 1, got -0.1'],
    ['services[0].deploys.perWeek', (d: Doc) => { d.services[0].deploys = { perWeek: -1, failureProbability: 0, rollback: 1 }; }, 'must be a number between 0 and 100,000, got -1'],
    ['slos[0].thresholdMs', (d: Doc) => { d.services[0].latency = { serviceTime: 10 }; d.slos[0].sli = 'latency'; d.slos[0].thresholdMs = 0; }, 'must be a number greater than 0 and at most 3,600,000, got 0'],
    ['slos[0].budgeting.sliceTarget', (d: Doc) => { d.slos[0].budgeting = { timeslices: '1m', sliceTarget: 0 }; }, 'must be a number greater than 0 and at most 100, got 0'],
  ])('rejects an out-of-range %s', (path, change, message) => {
    expect(issuesAfter(change)).toEqual([`${path}: ${message}`]);
  });

  it('accepts the ends of each closed range', () => {
    validAfter((d) => {
      d.simulation = { start: '2027-01-01T00:00:00Z', trials: 10_000_000, horizonDays: 1095, seed: 2 ** 32 - 1, stepMinutes: 60 };
      d.services[0].traffic = { rps: 1e9, weekly: { weekendFactor: 10 }, growth: { monthlyPercent: -100 } };
      d.services[0].baselineErrorFraction = 1;
    });
    validAfter((d) => {
      d.simulation = { start: '2027-01-01', trials: 1, horizonDays: 1, seed: 0, stepMinutes: '1m' };
      d.slos[0].window = { rolling: '366d' };
    });
  });
});

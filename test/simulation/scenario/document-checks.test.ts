import { describe, expect, it } from 'vitest';
import { parseScenarioObject } from '../../../simulation/scenario';
import type { Doc } from './fixtures';
import { expectIssues, expectOk, minimalDocument } from './fixtures';

function issuesAfter(change: (doc: Doc) => void): string[] {
  const doc = minimalDocument();
  change(doc);
  return expectIssues(parseScenarioObject(doc)).map((i) => `${i.path}: ${i.message}`);
}

const service = (id: string, dependsOn: string[] = []) => ({ id, traffic: { rps: 1 }, dependsOn: dependsOn.map((s) => ({ service: s })) });

describe('references', () => {
  it('rejects duplicate service and SLO ids, naming the first holder', () => {
    expect(issuesAfter((d) => { d.services.push(service('api')); })).toEqual(["services[1].id: duplicate service id 'api' (services[0] has it too)"]);
    expect(issuesAfter((d) => { d.slos.push({ ...d.slos[0] }); })).toEqual(["slos[1].id: duplicate SLO id 'api-availability' (slos[0] has it too)"]);
  });

  it('rejects an SLO naming a service that does not exist, guessing the one meant', () => {
    expect(issuesAfter((d) => { d.slos[0].service = 'apj'; })).toEqual(["slos[0].service: no service 'apj' is defined; did you mean 'api'?"]);
    expect(issuesAfter((d) => { d.slos[0].service = 'checkout'; })).toEqual(["slos[0].service: no service 'checkout' is defined"]);
  });

  it('rejects a dependency on a missing service or on the service itself', () => {
    expect(issuesAfter((d) => { d.services[0].dependsOn = [{ service: 'dbb' }]; d.services.push(service('db')); })).toEqual([
      "services[0].dependsOn[0].service: no service 'dbb' is defined; did you mean 'db'?",
    ]);
    expect(issuesAfter((d) => { d.services[0].dependsOn = [{ service: 'api' }]; })).toEqual(['services[0].dependsOn[0].service: a service cannot depend on itself']);
  });

  it('rejects a latency SLI on a service with no latency model', () => {
    expect(issuesAfter((d) => { d.slos[0].sli = 'latency'; d.slos[0].thresholdMs = 100; })).toEqual([
      "slos[0].sli: is latency, but service 'api' has no latency model (add services[0].latency)",
    ]);
  });

  it('rejects two failure classes of one service with the same name, but not across services', () => {
    const failure = { name: 'outage', perMonth: 1, detect: 5, repair: 30 };
    expect(issuesAfter((d) => { d.services[0].failures = [failure, { ...failure, perMonth: 2 }]; })).toEqual([
      "services[0].failures[1].name: duplicate failure name 'outage' in this service (failures[0] has it too)",
    ]);
    const doc = minimalDocument();
    doc.services = [{ ...service('api'), failures: [failure] }, { ...service('db'), failures: [failure] }];
    expectOk(parseScenarioObject(doc));
  });

  it('rejects duplicate SLA ids and an SLA naming a service that does not exist, guessing the one meant', () => {
    const sla = { id: 'api-sla', service: 'api', monthlyAvailability: 99.9, monthlyFee: 100, credits: [] };
    expect(issuesAfter((d) => { d.sla = [sla, { ...sla }]; })).toEqual(["sla[1].id: duplicate SLA id 'api-sla' (sla[0] has it too)"]);
    expect(issuesAfter((d) => { d.sla = [{ ...sla, service: 'aip' }]; })).toEqual(["sla[0].service: no service 'aip' is defined; did you mean 'api'?"]);
    expect(issuesAfter((d) => { d.sla = [{ ...sla, service: 'checkout' }]; })).toEqual(["sla[0].service: no service 'checkout' is defined"]);
  });

  it('lets an SLA and an SLO share an id', () => {
    const doc = minimalDocument();
    doc.sla = [{ id: 'api-availability', service: 'api', monthlyAvailability: 99.9, monthlyFee: 100, credits: [] }];
    expectOk(parseScenarioObject(doc));
  });

  it('does not report missing services when the service list itself is broken', () => {
    expect(issuesAfter((d) => { d.services = {}; })).toEqual(['services: must be a list, got an object']);
    expect(issuesAfter((d) => { d.services[0] = 'api'; })).toEqual(["services[0]: must be an object (a mapping of keys to values), got 'api'"]);
    expect(issuesAfter((d) => {
      d.services[0].id = 'a pi';
      d.slos = [];
      d.sla = [{ id: 'api-sla', service: 'api', monthlyAvailability: 99.9, monthlyFee: 100, credits: [] }];
    })).toEqual(["services[0].id: must be an id of letters, digits, '.', '_', ':' or '-' that starts with a letter or digit (at most 100 characters), got 'a pi'"]);
  });
});

describe('dependency cycles', () => {
  it('reports a two-service cycle once, at the edge leaving the first service', () => {
    expect(issuesAfter((d) => { d.services = [service('api', ['db']), service('db', ['api'])]; })).toEqual([
      'services[0].dependsOn[0].service: dependency cycle api -> db -> api',
    ]);
  });

  it('reports a longer cycle, leaving out services that merely lead into it', () => {
    expect(issuesAfter((d) => {
      d.services = [service('web', ['api']), service('api', ['db']), service('db', ['cache']), service('cache', ['api'])];
    })).toEqual(['services[1].dependsOn[0].service: dependency cycle api -> db -> cache -> api']);
  });

  it('reports separate cycles separately', () => {
    expect(issuesAfter((d) => {
      d.services = [service('a', ['b']), service('b', ['a']), service('c', ['d']), service('d', ['c'])];
      d.slos = [];
    })).toEqual([
      'services[0].dependsOn[0].service: dependency cycle a -> b -> a',
      'services[2].dependsOn[0].service: dependency cycle c -> d -> c',
    ]);
  });

  it('shortens the report of a very long cycle', () => {
    const ring = Array.from({ length: 20 }, (_, i) => service(`s${i}`, [`s${(i + 1) % 20}`]));
    expect(issuesAfter((d) => { d.services = ring; d.slos = []; })).toEqual([
      'services[0].dependsOn[0].service: dependency cycle s0 -> s1 -> s2 -> s3 -> s4 -> s5 -> s6 -> s7 -> s8 -> s9 -> ... -> s19 -> s0 (20 services)',
    ]);
  });

  it('accepts a dependency graph without cycles', () => {
    const doc = minimalDocument();
    doc.services = [service('api', ['db', 'cache']), service('cache', ['db']), service('db')];
    expectOk(parseScenarioObject(doc));
  });
});

describe('limits across fields', () => {
  it('requires noise to be held at least one step', () => {
    expect(issuesAfter((d) => { d.simulation.stepMinutes = 5; d.services[0].traffic.noise = { cv: 0.1, correlationMinutes: 2 }; })).toEqual([
      'services[0].traffic.noise.correlationMinutes: must be at least simulation.stepMinutes (5m), got 2m',
    ]);
  });

  it('requires timeslices to be a whole number of steps', () => {
    expect(issuesAfter((d) => { d.simulation.stepMinutes = 10; d.slos[0].budgeting = { ratioTimeslices: '5m' }; })).toEqual([
      'slos[0].budgeting: slice length 5m must be a multiple of simulation.stepMinutes (10m)',
    ]);
  });

  it('caps the events one Poisson process may expect in a trial, counting the warm-up', () => {
    // 40,000 a month over 90 days plus a 30-day warm-up: 40,000 x 120 / 30 = 160,000 > 100,000.
    expect(issuesAfter((d) => { d.services[0].failures = [{ name: 'flap', perMonth: 40_000, detect: 1, repair: 1 }]; })).toEqual([
      'services[0].failures[0].perMonth: expects about 160,000 events per trial over 120 simulated days (simulation.horizonDays 90 plus 30 days of warm-up); at most 100,000 are allowed',
    ]);
    // 5,000 a week over 90 + 30 days: 5,000 x 120 / 7 = 85,714, allowed.
    const doc = minimalDocument();
    doc.services[0].deploys = { perWeek: 5000, failureProbability: 0.01, rollback: 5 };
    expectOk(parseScenarioObject(doc));
  });

  it('caps the events of all processes together', () => {
    const failures = Array.from({ length: 12 }, (_, i) => ({ name: `f${i}`, perMonth: 20_000, detect: 1, repair: 1 }));
    // 12 x 20,000 x 120 / 30 = 960,000, plus bursts 5,000 x 120 / 7 = 85,714: 1,045,714 > 1,000,000.
    expect(issuesAfter((d) => {
      d.services[0].failures = failures;
      d.services[0].traffic.bursts = { perWeek: 5000, multiplier: 2, duration: '1m' };
    })).toEqual([
      'services: expect about 1,045,714 events per trial in all over 120 simulated days (simulation.horizonDays 90 plus 30 days of warm-up); at most 1,000,000 are allowed',
    ]);
  });
});

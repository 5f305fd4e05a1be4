import type { FailureClass, Scenario, Service, Slo } from '../../simulation/scenario/types';

/** A normalised service with no randomness: constant traffic, no capacity limit, no failures. */
export function service(id: string, over: Partial<Service> = {}): Service {
  return {
    id,
    traffic: { rps: 100 },
    baselineErrorFraction: 0,
    failures: [],
    scripted: [],
    maintenance: [],
    dependsOn: [],
    ...over,
  };
}

/** A normalised availability SLO on a 30-day rolling window unless told otherwise. */
export function slo(id: string, serviceId: string, over: Partial<Slo> = {}): Slo {
  return {
    id,
    service: serviceId,
    sli: 'availability',
    target: 99.9,
    window: { kind: 'rolling', days: 30 },
    excludeMaintenance: false,
    budgeting: { kind: 'occurrences' },
    ...over,
  };
}

/** A failure class that takes every request down for a constant time. */
export function outage(name: string, perMonth: number, minutes: number, over: Partial<FailureClass> = {}): FailureClass {
  return {
    name,
    perMonth,
    errorFraction: { kind: 'constant', value: 1 },
    latencyFactor: 1,
    capacityLoss: 0,
    detect: { kind: 'constant', value: 0 },
    repair: { kind: 'constant', value: minutes },
    ...over,
  };
}

/** A normalised scenario starting 2027-01-01 (a Friday) UTC. */
export function scenario(services: Service[], slos: Slo[], sim: Partial<Scenario['simulation']> = {}): Scenario {
  return {
    apiVersion: 'budgetcast/v1',
    kind: 'Scenario',
    metadata: { name: 'test' },
    simulation: { start: '2027-01-01T00:00:00Z', horizonDays: 30, stepMinutes: 1, trials: 100, seed: 1, ...sim },
    services,
    slos,
    policy: { budget: [], alerts: [], detectByAlerts: false },
    sla: [],
    notes: [],
  };
}

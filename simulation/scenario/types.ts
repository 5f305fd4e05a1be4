/**
 * The validated, normalised scenario: what the zod schema in `schema.ts` outputs.
 * Durations are minutes, percentages percent, fractions in [0, 1]; every optional
 * block the engine needs has its default filled in by the schema.
 */

/** A distribution as written in a scenario, normalised: constant, lognormal by median and p90, exponential by mean, uniform. */
import type { MlSpec } from './ml-schema';
export type Dist =
  | { kind: 'constant'; value: number }
  | { kind: 'lognormal'; median: number; p90: number }
  | { kind: 'exponential'; mean: number }
  | { kind: 'uniform'; min: number; max: number };

export interface Metadata {
  name: string;
  title?: string;
  source?: string;
  description?: string;
}

export interface SimulationSettings {
  /** ISO-8601 UTC instant the horizon starts at. */
  start: string;
  horizonDays: number;
  stepMinutes: number;
  trials: number;
  seed: number;
}

export interface Traffic {
  rps: number;
  diurnal?: { amplitude: number; peakHour: number };
  weekly?: { weekendFactor: number };
  growth?: { monthlyPercent: number };
  noise?: { cv: number; correlationMinutes: number };
  /** Poisson bursts; multiplier and duration (minutes) are distributions. */
  bursts?: { perWeek: number; multiplier: Dist; duration: Dist };
}

export interface Capacity {
  instances: number;
  rpsPerInstance: number;
  autoscale?: { min: number; max: number; targetUtilization: number; reaction: number };
}

export interface Latency {
  /** Service time in milliseconds at no load. */
  serviceTime: Dist;
  /** M/M/c servers per instance; when absent, ceil(rpsPerInstance x mean service time in seconds). */
  workersPerInstance?: number;
}

/** What an incident, failed deploy or scripted event does while it lasts. */
export interface Impact {
  /** Fraction of requests that fail (sampled once per event). */
  errorFraction: Dist;
  /** Multiplies service time while the event lasts. */
  latencyFactor: number;
  /** Fraction of capacity (instances) removed while the event lasts. */
  capacityLoss: number;
}

export interface FailureClass extends Impact {
  name: string;
  perMonth: number;
  /** Minutes from incident start to detection. */
  detect: Dist;
  /** Minutes from detection to repair. */
  repair: Dist;
}

export interface Deploys {
  perWeek: number;
  failureProbability: number;
  impact: Impact;
  /** Minutes from a failed deploy to its rollback. */
  rollback: Dist;
}

export interface ScriptedEvent extends Impact {
  /** Minutes after `start` (may be negative: inside the warm-up). */
  at: number;
  duration: number;
  name?: string;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface MaintenanceWindow {
  weekday: Weekday;
  /** Minutes after 00:00 UTC. */
  start: number;
  duration: number;
  errorFraction: number;
}

export interface Dependency {
  service: string;
  impact: number;
}

export interface Service {
  id: string;
  traffic: Traffic;
  capacity?: Capacity;
  baselineErrorFraction: number;
  latency?: Latency;
  failures: FailureClass[];
  deploys?: Deploys;
  scripted: ScriptedEvent[];
  maintenance: MaintenanceWindow[];
  dependsOn: Dependency[];
}

export type Window =
  | { kind: 'rolling'; days: number }
  | { kind: 'calendar'; unit: 'week' | 'month' | 'quarter' };

export type Budgeting =
  | { kind: 'occurrences' }
  | { kind: 'timeslices'; sliceMinutes: number; sliceTarget: number }
  | { kind: 'ratioTimeslices'; sliceMinutes: number };

/** Request SLIs count requests; state SLIs count the minutes a service's queueing state stays within a limit. */
export type Sli = 'availability' | 'latency' | StateSli;
export type StateSli = 'utilization' | 'queueLength' | 'concurrency';
/** The SLIs judged on time (minutes within the limit) rather than on requests. */
export const STATE_SLIS: readonly StateSli[] = ['utilization', 'queueLength', 'concurrency'];
/** Whether an SLI counts minutes within a limit rather than requests. */
export function isStateSli(sli: Sli): sli is StateSli {
  return (STATE_SLIS as readonly Sli[]).includes(sli);
}

export interface Slo {
  id: string;
  service: string;
  sli: Sli;
  /** Required for latency SLIs. */
  thresholdMs?: number;
  /** Required for the state SLIs: utilization in percent of workers busy, queueLength and concurrency in requests. */
  limit?: number;
  /** Concurrency only: the limit holds per instance rather than for the whole service. */
  perInstance?: boolean;
  /** Percent, e.g. 99.9. */
  target: number;
  window: Window;
  excludeMaintenance: boolean;
  budgeting: Budgeting;
  description?: string;
}

/** A budget policy threshold: below `below` % budget remaining (worst SLO of the service) the service is in `state`. */
export interface BudgetThreshold {
  below: number;
  deployFactor: number;
  state: string;
}

/** A multiwindow, multi-burn-rate alert rule (SRE workbook): fires while both windows burn faster than `burnRate`. */
export interface BurnRateRule {
  kind: 'burnRate';
  name: string;
  /** Minutes. */
  long: number;
  /** Minutes. */
  short: number;
  burnRate: number;
  severity: string;
  /** The SLOs (ids) the rule watches; every SLO when absent. */
  slos?: string[];
}

/** Fires once a window's consumed budget reaches `consumed` percent. */
export interface BudgetConsumedRule {
  kind: 'budgetConsumed';
  name: string;
  consumed: number;
  severity: string;
  /** The SLOs (ids) the rule watches; every SLO when absent. */
  slos?: string[];
}
/** Whether an alert rule watches the SLO with this id. */
export function ruleWatches(rule: { slos?: string[] }, sloId: string): boolean {
  return rule.slos === undefined || rule.slos.includes(sloId);
}

export type AlertRule = BurnRateRule | BudgetConsumedRule;

export interface Policy {
  /** Sorted by `below`, highest first. */
  budget: BudgetThreshold[];
  alerts: AlertRule[];
  /** An incident is detected at the earlier of its sampled detect time and the first page of its service's SLOs. */
  detectByAlerts: boolean;
}

export interface SlaCreditTier {
  /** Monthly availability percent below which the tier applies. */
  below: number;
  /** Percent of the monthly fee credited. */
  percent: number;
}

export interface Sla {
  id: string;
  service: string;
  /** Committed monthly availability, percent. */
  monthlyAvailability: number;
  monthlyFee: number;
  credits: SlaCreditTier[];
  excludeMaintenance: boolean;
}

export interface Scenario {
  apiVersion: 'budgetcast/v1';
  kind: 'Scenario';
  metadata: Metadata;
  simulation: SimulationSettings;
  services: Service[];
  slos: Slo[];
  policy: Policy;
  sla: Sla[];
  /** The ML platform (DESIGN 3.7): GPU pool, serving, training, batch inference, feature store. */
  ml?: MlSpec;
  notes: string[];
}

/** One validation problem: a dotted/indexed path into the document and a plain reason. */
export interface ScenarioIssue {
  path: string;
  message: string;
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

/**
 * What one Monte Carlo trial hands to the accumulator. The engine fills one of
 * these per trial (reusing the arrays); the accumulator folds it into mergeable,
 * trial-count-independent summaries.
 */
import type { MlOutcome } from '../model/ml/outcome';

export interface SloOutcome {
  /** Budget remaining (fraction, 1 = untouched, negative when overspent) at the end of each horizon day. */
  budgetRemaining: Float64Array;
  /** Whether any evaluation in the horizon had SLI < target. */
  breached: boolean;
  /** SLI over the whole horizon, percent. */
  attainment: number;
  /** Lowest evaluated window SLI in the horizon, percent. */
  worstWindow: number;
  /** First horizon day whose budget remaining is <= 0, or -1 when never. */
  exhaustionDay: number;
  /** The back-test of each of the scenario's alert rules on this SLO. */
  alerts: AlertOutcome[];
}

/** One alert rule on one SLO in one trial (DESIGN 3.5): what it would have done. */
export interface AlertOutcome {
  /** Firings that started in the horizon. */
  firings: number;
  /** Incidents (failures, failed deploys, scripted events) of the SLO's service that started in the horizon. */
  incidents: number;
  /** Of those, how many a firing caught (under way during the incident or within the short window after it). */
  caught: number;
  /** Firings that started with no event of the service (or its dependencies) under way. */
  falseFirings: number;
  /** Minutes from incident start to firing, for each caught incident: delays[0..caught). */
  delays: Float64Array;
}

export interface ServiceOutcome {
  /** Requests offered over the horizon. */
  requests: number;
  /** Highest demand / capacity seen in the horizon (can exceed 1). */
  peakUtilization: number;
  /** Whether demand exceeded capacity at any moment of the horizon. */
  overloaded: boolean;
  /** Fraction of the horizon's requests shed for lack of capacity. */
  shedFraction: number;
  /** Horizon days spent in each budget-policy state (index 0 = normal, then the scenario's thresholds in order). */
  policyDays: Float64Array;
  /** Failed deploys that started in the horizon. */
  failedDeploys: number;
}

export interface SlaOutcome {
  /** Credits owed over the horizon, in the fee's currency. */
  credit: number;
  /** Availability (percent) of each calendar month of the horizon. */
  monthlyAvailability: Float64Array;
}

export interface TrialOutcome {
  slos: SloOutcome[];
  services: ServiceOutcome[];
  sla: SlaOutcome[];
  /** The ML platform's trial (scenarios with an `ml:` section). */
  ml?: MlOutcome;
}

/** Sizes of the optional parts of an outcome: policy states (normal included) and calendar months per SLA. */
export interface OutcomeExtras {
  policyStates: number;
  slaMonths: number[];
  /** Alert rules per SLO. */
  alertRules?: number;
}

/** Allocates an outcome whose arrays the engine overwrites for every trial. */
export function createTrialOutcome(sloCount: number, serviceCount: number, horizonDays: number, extras: OutcomeExtras = { policyStates: 1, slaMonths: [] }): TrialOutcome {
  return {
    slos: Array.from({ length: sloCount }, () => ({
      budgetRemaining: new Float64Array(horizonDays),
      breached: false,
      attainment: 100,
      worstWindow: 100,
      exhaustionDay: -1,
      alerts: Array.from({ length: extras.alertRules ?? 0 }, () => ({ firings: 0, incidents: 0, caught: 0, falseFirings: 0, delays: new Float64Array(16) })),
    })),
    services: Array.from({ length: serviceCount }, () => ({
      requests: 0,
      peakUtilization: 0,
      overloaded: false,
      shedFraction: 0,
      policyDays: new Float64Array(extras.policyStates),
      failedDeploys: 0,
    })),
    sla: extras.slaMonths.map((months) => ({ credit: 0, monthlyAvailability: new Float64Array(months) })),
  };
}

/** Budget-policy summaries per service (DESIGN 3.6): days per state, how often each state is reached, failed deploys. */
import { ExactSums } from './exact-sum';
import { expectCounts, expectObject } from './json-check';
import type { TrialOutcome } from './outcome';
import type { ResultDocument } from './result-types';
import type { AccumulatorShape, Section, SectionKind } from './section';
import { round10 } from './summarise';

/** Days and deploys are whole numbers: summed exactly at scale 1. */
const COUNT_SCALE = 1;

export class PolicySection implements Section<PolicySection> {
  readonly states: string[];
  /** Per service and state: days spent in it, summed over trials. */
  readonly days: ExactSums;
  /** Per service and state: trials with at least one day in it. */
  readonly reached: Float64Array;
  readonly failedDeploys: ExactSums;

  constructor(readonly shape: AccumulatorShape) {
    this.states = shape.policyStates ?? ['normal'];
    const cells = shape.serviceCount * this.states.length;
    this.days = new ExactSums(cells, COUNT_SCALE);
    this.reached = new Float64Array(cells);
    this.failedDeploys = new ExactSums(shape.serviceCount, COUNT_SCALE);
  }

  /** Folds in one trial. */
  add(outcome: TrialOutcome): void {
    const k = this.states.length;
    const services = outcome.services;
    for (let i = 0; i < services.length; i++) {
      const d = services[i].policyDays;
      for (let j = 0; j < k && j < d.length; j++) {
        if (d[j] > 0) {
          this.days.add(i * k + j, d[j]);
          this.reached[i * k + j]++;
        }
      }
      this.failedDeploys.add(i, services[i].failedDeploys);
    }
  }

  /** Adds another policy section of the same shape. */
  merge(other: PolicySection): void {
    this.days.merge(other.days);
    this.failedDeploys.merge(other.failedDeploys);
    for (let i = 0; i < this.reached.length; i++) this.reached[i] += other.reached[i];
  }

  toJSON(): PolicySectionJSON {
    return { days: this.days.toJSON(), reached: Array.from(this.reached), failedDeploys: this.failedDeploys.toJSON() };
  }

  static fromJSON(json: unknown, shape: AccumulatorShape, path: string): PolicySection {
    const o = expectObject(json, path);
    const s = new PolicySection(shape);
    const cells = shape.serviceCount * s.states.length;
    s.days.merge(ExactSums.fromJSON(o.days, cells, COUNT_SCALE, `${path}.days`));
    s.reached.set(expectCounts(o.reached, `${path}.reached`, cells));
    s.failedDeploys.merge(ExactSums.fromJSON(o.failedDeploys, shape.serviceCount, COUNT_SCALE, `${path}.failedDeploys`));
    return s;
  }

  /** Mean days per state of service i, by state name. */
  meanDays(i: number, trials: number): Record<string, number> {
    const out: Record<string, number> = {};
    this.states.forEach((name, j) => (out[name] = round10(this.days.mean(i * this.states.length + j, trials))));
    return out;
  }

  /** Writes `policyDays` on every SLO (its service's) and `policy` on every service. */
  report(doc: ResultDocument, trials: number): void {
    const services = doc.services ?? [];
    const index = new Map(services.map((s, i) => [s.id, i]));
    for (const slo of doc.slos) {
      const i = index.get(slo.service);
      if (i !== undefined) slo.policyDays = this.meanDays(i, trials);
    }
    services.forEach((svc, i) => {
      const probability: Record<string, number> = {};
      this.states.forEach((name, j) => (probability[name] = round10(trials > 0 ? this.reached[i * this.states.length + j] / trials : NaN)));
      svc.policy = { days: this.meanDays(i, trials), probability, failedDeploysMean: round10(this.failedDeploys.mean(i, trials)) };
    });
  }
}

export interface PolicySectionJSON {
  days: string[];
  reached: number[];
  failedDeploys: string[];
}

/** The budget-policy section, named 'policy' in the accumulator. */
export const POLICY_SECTION: SectionKind<PolicySection> = {
  name: 'policy',
  create: (shape) => new PolicySection(shape),
  fromJSON: (json, shape, path) => PolicySection.fromJSON(json, shape, path),
  report: (section, doc, trials) => section.report(doc, trials),
};

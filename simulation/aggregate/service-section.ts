/** The core per-service summaries: requests, peak utilisation, overload and shedding. */
import { ExactSums } from './exact-sum';
import { Histogram } from './histogram';
import { expectArray, expectCounts, expectObject } from './json-check';
import type { TrialOutcome } from './outcome';
import type { AccumulatorShape, Section, SectionKind } from './section';

/** Requests are summed to the request, exactly up to 2^52 (4.5e15) per trial. */
export const REQUESTS_SCALE = 1;
/** Utilisation is summed to 2^-32, exactly up to 2^20. */
export const UTILIZATION_SCALE = 2 ** 32;
/** Shed fractions in [0, 1] are summed to 2^-52. */
export const SHED_SCALE = 2 ** 52;

export class ServiceSection implements Section<ServiceSection> {
  readonly shape: AccumulatorShape;
  readonly requestSums: ExactSums;
  readonly peakUtilizationSums: ExactSums;
  readonly shedFractionSums: ExactSums;
  /** Trials in which each service was overloaded. */
  readonly overloads: Float64Array;
  readonly peakUtilization: Histogram[];

  constructor(shape: AccumulatorShape) {
    const n = shape.serviceCount;
    this.shape = shape;
    this.requestSums = new ExactSums(n, REQUESTS_SCALE);
    this.peakUtilizationSums = new ExactSums(n, UTILIZATION_SCALE);
    this.shedFractionSums = new ExactSums(n, SHED_SCALE);
    this.overloads = new Float64Array(n);
    this.peakUtilization = Array.from({ length: n }, () => new Histogram('relative'));
  }

  /** Folds in one trial. */
  add(outcome: TrialOutcome): void {
    const services = outcome.services;
    if (services.length !== this.shape.serviceCount) {
      throw new Error(`service summaries: outcome has ${services.length} services, expected ${this.shape.serviceCount}`);
    }
    for (let i = 0; i < services.length; i++) {
      const o = services[i];
      this.requestSums.add(i, o.requests);
      this.peakUtilizationSums.add(i, o.peakUtilization);
      this.peakUtilization[i].add(o.peakUtilization);
      this.shedFractionSums.add(i, o.shedFraction);
      if (o.overloaded) this.overloads[i]++;
    }
  }

  /** Adds another service section of the same shape. */
  merge(other: ServiceSection): void {
    this.requestSums.merge(other.requestSums);
    this.peakUtilizationSums.merge(other.peakUtilizationSums);
    this.shedFractionSums.merge(other.shedFractionSums);
    for (let i = 0; i < this.shape.serviceCount; i++) {
      this.overloads[i] += other.overloads[i];
      this.peakUtilization[i].merge(other.peakUtilization[i]);
    }
  }

  /** Counts, exact sums as decimal strings and histograms as segments, column by column. */
  toJSON(): ServiceSectionJSON {
    return {
      overloads: Array.from(this.overloads),
      requestSum: this.requestSums.toJSON(),
      peakUtilizationSum: this.peakUtilizationSums.toJSON(),
      shedFractionSum: this.shedFractionSums.toJSON(),
      peakUtilization: this.peakUtilization.map((h) => h.toJSON()),
    };
  }

  /** Rebuilds the section from `toJSON()` output; throws an Error naming the path of what is malformed. */
  static fromJSON(json: unknown, shape: AccumulatorShape, path: string): ServiceSection {
    const o = expectObject(json, path);
    const n = shape.serviceCount;
    const s = new ServiceSection(shape);
    s.overloads.set(expectCounts(o.overloads, `${path}.overloads`, n));
    s.requestSums.merge(ExactSums.fromJSON(o.requestSum, n, REQUESTS_SCALE, `${path}.requestSum`));
    s.peakUtilizationSums.merge(ExactSums.fromJSON(o.peakUtilizationSum, n, UTILIZATION_SCALE, `${path}.peakUtilizationSum`));
    s.shedFractionSums.merge(ExactSums.fromJSON(o.shedFractionSum, n, SHED_SCALE, `${path}.shedFractionSum`));
    const peak = expectArray(o.peakUtilization, `${path}.peakUtilization`, n);
    for (let i = 0; i < n; i++) s.peakUtilization[i] = Histogram.fromJSON('relative', peak[i], `${path}.peakUtilization[${i}]`);
    return s;
  }
}

export interface ServiceSectionJSON {
  overloads: number[];
  requestSum: string[];
  peakUtilizationSum: string[];
  shedFractionSum: string[];
  peakUtilization: number[][];
}

/** The core service section, named 'services' in the accumulator. */
export const SERVICE_SECTION: SectionKind<ServiceSection> = {
  name: 'services',
  create: (shape) => new ServiceSection(shape),
  fromJSON: (json, shape, path) => ServiceSection.fromJSON(json, shape, path),
};

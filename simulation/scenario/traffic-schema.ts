/** The schema of a service's demand (`traffic`) and supply (`capacity`, `latency`). */
import { distribution } from './distribution';
import { duration, int, num, obj, trace, whenValid } from './fields';

const DAY = 1440;

/** Demand multipliers and rates a service's traffic block may carry. */
export const TrafficSchema = obj({
  rps: num({ min: 0, max: 1e9 }),
  diurnal: obj({ amplitude: num({ min: 0, max: 1, maxExclusive: true }), peakHour: num({ min: 0, max: 24, maxExclusive: true }), ...trace() }).optional(),
  weekly: obj({ weekendFactor: num({ min: 0, max: 10 }), ...trace() }).optional(),
  growth: obj({ monthlyPercent: num({ min: -100, max: 1000 }), ...trace() }).optional(),
  noise: obj({ cv: num({ min: 0, max: 5 }), correlationMinutes: duration({ min: 1, max: 30 * DAY }), ...trace() }).optional(),
  bursts: obj({
    perWeek: num({ min: 0, max: 100000 }),
    multiplier: distribution({ min: 0, max: 1000, minExclusive: true }),
    duration: distribution({ min: 0, max: 30 * DAY, time: true }),
    ...trace(),
  }).optional(),
  ...trace(),
});

/** Instances, their throughput, and autoscaling. */
export const CapacitySchema = obj({
  instances: int(0, 1e6),
  rpsPerInstance: num({ min: 0, max: 1e9, minExclusive: true }),
  autoscale: obj({
    min: int(0, 1e6),
    max: int(0, 1e6),
    targetUtilization: num({ min: 0, max: 1, minExclusive: true }),
    reaction: duration({ min: 0, max: 7 * DAY }),
    ...trace(),
  }).superRefine((a, ctx) => {
    if (a.max < a.min) ctx.addIssue({ code: 'custom', path: ['max'], message: `must be at least autoscale min (${a.min}), got ${a.max}` });
  }, whenValid('min', 'max')).optional(),
  ...trace(),
});

/** Service time at no load (milliseconds) and M/M/c servers per instance. */
export const LatencySchema = obj({
  serviceTime: distribution({ min: 0, max: 3_600_000, minExclusive: true }),
  workersPerInstance: int(1, 100000).optional(),
  ...trace(),
});

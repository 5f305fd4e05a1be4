/** The schema of what goes wrong in a service: incidents, deploys, scripted events, maintenance, dependencies. */
import { parseTimeOfDay } from './clock';
import { distribution } from './distribution';
import { duration, fraction, idString, num, obj, oneOf, readWith, text, trace } from './fields';

const DAY = 1440;
const YEAR = 366 * DAY;

/** Minutes-valued distribution for detect, repair and rollback times. */
const minutes = () => distribution({ min: 0, max: YEAR, time: true });

/** The fields every impact carries, with their defaults (a full outage, no slowdown, no capacity lost). */
export const impactShape = () => ({
  errorFraction: distribution({ min: 0, max: 1 }).default(() => ({ kind: 'constant' as const, value: 1 })),
  latencyFactor: num({ min: 1, max: 1000 }).default(1),
  capacityLoss: fraction().default(0),
});

/** A class of incidents arriving as a Poisson process. */
export const FailureSchema = obj({
  name: text(200),
  perMonth: num({ min: 0, max: 100000 }),
  ...impactShape(),
  detect: minutes(),
  repair: minutes(),
  ...trace(),
});

/** Deploys, the share that fail, what a failed one does and how long until rollback. */
export const DeploysSchema = obj({
  perWeek: num({ min: 0, max: 100000 }),
  failureProbability: fraction(),
  impact: obj(impactShape()).default(() => ({ errorFraction: { kind: 'constant' as const, value: 1 }, latencyFactor: 1, capacityLoss: 0 })),
  rollback: minutes(),
  ...trace(),
});

/** An event that happens in every trial, `at` minutes after start (negative: in the warm-up). */
export const ScriptedSchema = obj({
  name: text(200).optional(),
  at: duration({ min: -YEAR, max: 1095 * DAY }, { allowNegative: true }),
  duration: duration({ min: 0, max: YEAR }),
  ...impactShape(),
  ...trace(),
});

/** A weekly maintenance window. */
export const MaintenanceSchema = obj({
  weekday: oneOf(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
  start: readWith(parseTimeOfDay),
  duration: duration({ min: 0, max: 7 * DAY, minExclusive: true }),
  errorFraction: fraction(),
  ...trace(),
});

/** A dependency and how much of its bad fraction reaches the dependent. */
export const DependencySchema = obj({
  service: idString(),
  impact: fraction().default(1),
  ...trace(),
});

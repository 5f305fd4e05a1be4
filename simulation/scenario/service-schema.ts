/** The schema of one service: its traffic, capacity, latency and everything that can fail it. */
import { DependencySchema, DeploysSchema, FailureSchema, MaintenanceSchema, ScriptedSchema } from './events-schema';
import { fraction, idString, list, obj, trace } from './fields';
import { CapacitySchema, LatencySchema, TrafficSchema } from './traffic-schema';

/** Most entries a service's lists may hold. */
export const SERVICE_LIMITS = { failures: 200, scripted: 10000, maintenance: 100, dependsOn: 200 } as const;

/** One service; lists default to empty and the baseline error fraction to 0. */
export const ServiceSchema = obj({
  id: idString(),
  traffic: TrafficSchema,
  capacity: CapacitySchema.optional(),
  baselineErrorFraction: fraction().default(0),
  latency: LatencySchema.optional(),
  failures: list(FailureSchema, SERVICE_LIMITS.failures).default(() => []),
  deploys: DeploysSchema.optional(),
  scripted: list(ScriptedSchema, SERVICE_LIMITS.scripted).default(() => []),
  maintenance: list(MaintenanceSchema, SERVICE_LIMITS.maintenance).default(() => []),
  dependsOn: list(DependencySchema, SERVICE_LIMITS.dependsOn).default(() => []),
  ...trace(),
});

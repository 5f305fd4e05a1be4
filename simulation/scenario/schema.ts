/** The one zod schema of a `budgetcast/v1` scenario document: validates, fills defaults and normalises. */
import type { z } from 'zod';
import type { Scenario } from './types';
import { parseUtcInstant } from './clock';
import { documentChecks } from './document-checks';
import { parseDuration } from './duration';
import { exactly, idString, int, isPlainObject, list, obj, readWith, text, trace } from './fields';
import { describeValue } from './messages';
import { describesMl, MlSchema } from './ml-schema';
import { PolicySchema } from './policy-schema';
import { ServiceSchema } from './service-schema';
import { SlaSchema } from './sla-schema';
import { SloSchema } from './slo-schema';

/** Step lengths (minutes) that divide a day and an hour evenly. */
export const STEP_MINUTES = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60] as const;

/** Most entries the document's lists may hold. */
export const DOCUMENT_LIMITS = { services: 200, slos: 1000, sla: 1000, notes: 1000 } as const;

function stepMinutes(input: unknown): { ok: true; value: number } | { ok: false; message: string } {
  const read = parseDuration(input);
  if (read.ok && (STEP_MINUTES as readonly number[]).includes(read.minutes)) return { ok: true, value: read.minutes };
  return { ok: false, message: `must be one of ${STEP_MINUTES.join(', ')} minutes (a length that divides an hour), got ${describeValue(input)}` };
}

const SimulationSchema = obj({
  start: readWith(parseUtcInstant),
  horizonDays: int(1, 1095).default(90),
  stepMinutes: readWith(stepMinutes).default(1),
  trials: int(1, 10_000_000).default(10000),
  seed: int(0, 2 ** 32 - 1).default(1),
});

const MetadataSchema = obj({
  name: idString(),
  title: text(200).optional(),
  description: text(10000).optional(),
  ...trace(),
  /** The seed document the scenario comes from, such as 002_a9fe010badafe601.txt. */
  source: text(2000).optional(),
});

/** The whole scenario document. */
export const ScenarioSchema = obj({
  apiVersion: exactly('budgetcast/v1'),
  kind: exactly('Scenario'),
  metadata: MetadataSchema,
  simulation: SimulationSchema,
  services: list(ServiceSchema, DOCUMENT_LIMITS.services, 1),
  slos: list(SloSchema, DOCUMENT_LIMITS.slos).default(() => []),
  policy: PolicySchema.default(() => ({ budget: [], alerts: [], detectByAlerts: false })),
  sla: list(SlaSchema, DOCUMENT_LIMITS.sla).default(() => []),
  ml: MlSchema.optional().transform((ml) => (ml && describesMl(ml) ? ml : undefined)),
  notes: list(text(2000), DOCUMENT_LIMITS.notes).default(() => []),
}).superRefine((doc, ctx) => documentChecks(doc, ctx), { when: (payload) => isPlainObject(payload.value) });

/** The normalised document the schema outputs (a `Scenario`, plus traceability keys). */
export type ScenarioOutput = z.output<typeof ScenarioSchema>;

const _check: (x: ScenarioOutput) => Scenario = (x) => x;
void _check;

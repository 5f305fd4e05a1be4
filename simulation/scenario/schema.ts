/** The one zod schema of a `budgetcast/v1` scenario document: validates, fills defaults and normalises. */
import { z } from 'zod';
import type { Scenario } from './types';
import { parseUtcInstant } from './clock';
import { documentChecks } from './document-checks';
import { parseDuration } from './duration';
import { exactly, idString, int, isPlainObject, list, obj, readWith, text, trace } from './fields';
import { describeValue } from './messages';
import { PolicySchema } from './policy-schema';
import { ServiceSchema } from './service-schema';
import { SlaSchema } from './sla-schema';
import { SloSchema } from './slo-schema';

/** Step lengths (minutes) that divide a day and an hour evenly. */
export const STEP_MINUTES = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60] as const;

/** Most entries the document's lists may hold. */
export const DOCUMENT_LIMITS = { services: 200, slos: 1000, sla: 1000, notes: 1000, sectionDepth: 64, sectionNodes: 100_000 } as const;

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

/** Where a value in a later layer's section stops being plain JSON, or undefined when it is JSON all through. */
function jsonProblem(value: unknown): { path: (string | number)[]; message: string } | undefined {
  let nodes = 0;
  const ancestors = new Set<unknown>();
  const walk = (v: unknown, path: (string | number)[]): { path: (string | number)[]; message: string } | undefined => {
    nodes += 1;
    if (nodes > DOCUMENT_LIMITS.sectionNodes) return { path, message: `is too large (more than ${DOCUMENT_LIMITS.sectionNodes} values)` };
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return undefined;
    if (typeof v === 'number') return Number.isFinite(v) ? undefined : { path, message: `must be a finite number, got ${describeValue(v)}` };
    if (!Array.isArray(v) && !isPlainObject(v)) return { path, message: `must be plain data (text, numbers, true/false, lists, mappings), got ${describeValue(v)}` };
    if (path.length >= DOCUMENT_LIMITS.sectionDepth) return { path, message: `is nested too deeply (more than ${DOCUMENT_LIMITS.sectionDepth} levels)` };
    if (ancestors.has(v)) return { path, message: 'refers to itself (a recursive YAML alias)' };
    ancestors.add(v);
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    for (const [key, child] of entries) {
      const problem = walk(child, [...path, key]);
      if (problem) return problem;
    }
    ancestors.delete(v);
    return undefined;
  };
  return walk(value, []);
}

/** A section owned by a later layer (ml): any plain JSON value, kept as written. */
const section = () => z.unknown().superRefine((value, ctx) => {
  const problem = jsonProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
}).optional();

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
  ml: section(),
  notes: list(text(2000), DOCUMENT_LIMITS.notes).default(() => []),
}).superRefine((doc, ctx) => documentChecks(doc, ctx), { when: (payload) => isPlainObject(payload.value) });

/** The normalised document the schema outputs (a `Scenario`, plus traceability keys). */
export type ScenarioOutput = z.output<typeof ScenarioSchema>;

const _check: (x: ScenarioOutput) => Scenario = (x) => x;
void _check;

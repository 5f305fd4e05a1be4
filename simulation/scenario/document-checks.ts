/** Checks that need the whole document: references between services, SLOs and SLAs, cycles, and limits across fields. */
import { formatDuration } from './duration';
import type { CheckContext } from './fields';
import { isPlainObject } from './fields';
import { formatNumber, suggestion } from './messages';
import type { MlSpec } from './ml-schema';
import { mlVolumeIssues } from './ml-limits';
import type { Sli } from './types';
import { isStateSli } from './types';

type Path = (string | number)[];

/** Most Poisson events one process may expect in one trial, and all processes together. */
export const EVENT_LIMITS = { perProcess: 100_000, perTrial: 1_000_000 } as const;

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asObject = (v: unknown): Record<string, unknown> => (isPlainObject(v) ? v : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function startsWith(a: readonly PropertyKey[], b: readonly PropertyKey[]): boolean {
  return b.length <= a.length && b.every((k, i) => k === a[i]);
}

/** Runs every document-level check, adding an issue for each problem found. */
export function documentChecks(doc: Record<string, unknown>, ctx: CheckContext): void {
  const failed = ctx.issues.filter((i) => i.code !== 'unrecognized_keys').map((i) => i.path ?? []);
  /** The number at `path` if schema validation accepted it (and everything above it). */
  const valid = (path: Path): number | undefined => {
    if (failed.some((p) => startsWith(path, p) || startsWith(p, path))) return undefined;
    let v: unknown = doc;
    for (const key of path) v = typeof key === 'number' ? (Array.isArray(v) ? v[key] : undefined) : asObject(v)[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  };
  const add = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });
  const idsKnown = !failed.some((p) => p[0] === 'services' && (p.length <= 2 || (p.length === 3 && p[2] === 'id')));
  checkReferences(doc, idsKnown, add);
  checkLimits(doc, valid, add);
  const horizon = valid(['simulation', 'horizonDays']);
  if (isPlainObject(doc.ml) && horizon !== undefined && !failed.some((p) => p[0] === 'ml')) {
    for (const issue of mlVolumeIssues(doc.ml as unknown as MlSpec, horizon)) add(issue.path, issue.message);
  }
}

type Add = (path: Path, message: string) => void;

/** Where each value of `key` first appears among `items`; `repeated` hears every later entry holding a value already seen. */
function firstIndices(items: Record<string, unknown>[], key: string, repeated: (index: number, value: string, first: number) => void): Map<string, number> {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const value = str(item[key]);
    if (value === undefined) return;
    const seen = first.get(value);
    if (seen === undefined) first.set(value, i);
    else repeated(i, value, seen);
  });
  return first;
}

/** Checks ids and the references between them; a missing service is only reported when every service's id could be read. */
function checkReferences(doc: Record<string, unknown>, idsKnown: boolean, add: Add): void {
  const services = asList(doc.services).map(asObject);
  const firstIndex = firstIndices(services, 'id', (i, id, seen) => add(['services', i, 'id'], `duplicate service id '${id}' (services[${seen}] has it too)`));
  const ids = [...firstIndex.keys()];
  services.forEach((service, i) => {
    firstIndices(asList(service.failures).map(asObject), 'name', (j, name, seen) => {
      add(['services', i, 'failures', j, 'name'], `duplicate failure name '${name}' in this service (failures[${seen}] has it too)`);
    });
    asList(service.dependsOn).map(asObject).forEach((dep, j) => {
      const target = str(dep.service);
      if (target === undefined) return;
      if (target === str(service.id)) add(['services', i, 'dependsOn', j, 'service'], 'a service cannot depend on itself');
      else if (idsKnown && !firstIndex.has(target)) add(['services', i, 'dependsOn', j, 'service'], `no service '${target}' is defined${suggestion(target, ids)}`);
    });
  });
  checkCycles(services, firstIndex, add);
  const slos = asList(doc.slos).map(asObject);
  const sloIds = firstIndices(slos, 'id', (k, id, seen) => add(['slos', k, 'id'], `duplicate SLO id '${id}' (slos[${seen}] has it too)`));
  slos.forEach((slo, k) => {
    const target = str(slo.service);
    if (target === undefined) return;
    const index = firstIndex.get(target);
    if (index === undefined) {
      if (idsKnown) add(['slos', k, 'service'], `no service '${target}' is defined${suggestion(target, ids)}`);
    } else if (slo.sli === 'latency' && services[index].latency === undefined) {
      add(['slos', k, 'sli'], `is latency, but service '${target}' has no latency model (add services[${index}].latency)`);
    } else if (typeof slo.sli === 'string' && isStateSli(slo.sli as Sli)) {
      const missing = [services[index].latency === undefined ? 'a latency model (services[' + index + '].latency)' : '', services[index].capacity === undefined ? 'a capacity (services[' + index + '].capacity)' : ''].filter(Boolean);
      if (missing.length > 0) add(['slos', k, 'sli'], `is ${slo.sli}, which needs the queue of service '${target}': add ${missing.join(' and ')}`);
    }
  });
  const sloIdList = [...sloIds.keys()];
  const slosKnown = !slos.some((slo) => str(slo.id) === undefined);
  asList(asObject(doc.policy).alerts).map(asObject).forEach((rule, r) => {
    asList(rule.slos).forEach((id, j) => {
      if (typeof id === 'string' && slosKnown && !sloIds.has(id)) add(['policy', 'alerts', r, 'slos', j], `no SLO '${id}' is defined${suggestion(id, sloIdList)}`);
    });
  });
  const slas = asList(doc.sla).map(asObject);
  firstIndices(slas, 'id', (k, id, seen) => add(['sla', k, 'id'], `duplicate SLA id '${id}' (sla[${seen}] has it too)`));
  slas.forEach((sla, k) => {
    const target = str(sla.service);
    if (target !== undefined && idsKnown && !firstIndex.has(target)) add(['sla', k, 'service'], `no service '${target}' is defined${suggestion(target, ids)}`);
  });
}

/** Reports each dependency cycle once, at the edge leaving its first service in document order. */
function checkCycles(services: Record<string, unknown>[], firstIndex: Map<string, number>, add: Add): void {
  const edges = services.map((service, i) => {
    const own = str(service.id);
    if (own === undefined || firstIndex.get(own) !== i) return [];
    return asList(service.dependsOn).map(asObject).flatMap((dep, j) => {
      const to = firstIndex.get(str(dep.service) ?? '');
      return to === undefined || to === i ? [] : [{ to, j }];
    });
  });
  const state = services.map(() => 0);
  const stack: number[] = [];
  const reported = new Set<string>();
  const visit = (node: number): void => {
    state[node] = 1;
    stack.push(node);
    for (const { to } of edges[node]) {
      if (state[to] === 0) visit(to);
      else if (state[to] === 1) {
        const cycle = stack.slice(stack.indexOf(to));
        const first = cycle.indexOf(Math.min(...cycle));
        const ordered = [...cycle.slice(first), ...cycle.slice(0, first)];
        const key = ordered.join(',');
        if (reported.has(key)) continue;
        reported.add(key);
        const ids = [...ordered, ordered[0]].map((n) => str(services[n].id) ?? '?');
        const names = ids.length <= 12 ? ids.join(' -> ') : `${ids.slice(0, 10).join(' -> ')} -> ... -> ${ids.slice(-2).join(' -> ')} (${ordered.length} services)`;
        const edge = edges[ordered[0]].find((e) => e.to === ordered[1 % ordered.length]);
        add(['services', ordered[0], 'dependsOn', edge?.j ?? 0, 'service'], `dependency cycle ${names}`);
      }
    }
    stack.pop();
    state[node] = 2;
  };
  services.forEach((_, i) => {
    if (state[i] === 0) visit(i);
  });
}

function checkLimits(doc: Record<string, unknown>, valid: (path: Path) => number | undefined, add: Add): void {
  const step = valid(['simulation', 'stepMinutes']);
  const horizon = valid(['simulation', 'horizonDays']);
  const slos = asList(doc.slos).map(asObject);
  let warmup = 0;
  slos.forEach((slo, k) => {
    const window = asObject(slo.window);
    if (window.kind === 'rolling') warmup = Math.max(warmup, valid(['slos', k, 'window', 'days']) ?? 0);
    const slice = valid(['slos', k, 'budgeting', 'sliceMinutes']);
    if (step !== undefined && slice !== undefined && slice % step !== 0) {
      add(['slos', k, 'budgeting'], `slice length ${formatDuration(slice)} must be a multiple of simulation.stepMinutes (${formatDuration(step)})`);
    }
  });
  const span = horizon === undefined ? undefined : horizon + warmup;
  const spanText = `${span} simulated days (simulation.horizonDays ${horizon}${warmup > 0 ? ` plus ${warmup} days of warm-up` : ''})`;
  let total = 0;
  const rate = (path: Path, daysPerUnit: number) => {
    const r = valid(path);
    if (r === undefined || span === undefined) return;
    const expected = (r * span) / daysPerUnit;
    total += expected;
    if (expected > EVENT_LIMITS.perProcess) {
      add(path, `expects about ${formatNumber(Math.round(expected))} events per trial over ${spanText}; at most ${formatNumber(EVENT_LIMITS.perProcess)} are allowed`);
    }
  };
  asList(doc.services).map(asObject).forEach((service, i) => {
    const noise = ['services', i, 'traffic', 'noise', 'correlationMinutes'];
    const correlation = valid(noise);
    if (step !== undefined && correlation !== undefined && correlation < step) {
      add(noise, `must be at least simulation.stepMinutes (${formatDuration(step)}), got ${formatDuration(correlation)}`);
    }
    asList(service.failures).forEach((_, j) => rate(['services', i, 'failures', j, 'perMonth'], 30));
    rate(['services', i, 'deploys', 'perWeek'], 7);
    rate(['services', i, 'traffic', 'bursts', 'perWeek'], 7);
  });
  if (total > EVENT_LIMITS.perTrial) {
    add(['services'], `expect about ${formatNumber(Math.round(total))} events per trial in all over ${spanText}; at most ${formatNumber(EVENT_LIMITS.perTrial)} are allowed`);
  }
}

/** The built-in scenarios (scenarios/*.yaml, one per seed system), bundled as text with a one-line summary each. */
import { parseScenarioText } from '../../simulation/scenario/parse';

const files = import.meta.glob('../../scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface Builtin {
  file: string;
  title: string;
  summary: string;
  text: string;
}

/** One line on a scenario: its services, SLOs and horizon. */
function summarise(file: string, text: string): { title: string; summary: string } {
  const read = parseScenarioText(text, file);
  if (!read.ok) return { title: file, summary: `does not validate: ${read.issues[0]?.message ?? 'unknown problem'}` };
  const s = read.scenario;
  const ml = s.ml ? ', ML platform' : '';
  return {
    title: s.metadata.title ?? s.metadata.name,
    summary: `${s.services.length} services, ${s.slos.length} SLOs${s.sla.length > 0 ? `, ${s.sla.length} SLAs` : ''}${ml}; ${s.simulation.horizonDays} days from ${s.simulation.start.slice(0, 10)}`,
  };
}

export const BUILTINS: Builtin[] = Object.entries(files)
  .map(([path, text]) => {
    const file = path.split('/').pop() as string;
    return { file, text, ...summarise(file, text) };
  })
  .sort((a, b) => a.file.localeCompare(b.file));

/** A new scenario's starting text: one service and one SLO, valid as it is. */
export const NEW_SCENARIO = `apiVersion: budgetcast/v1
kind: Scenario
metadata: {name: new-scenario, title: New scenario}
simulation: {start: 2027-01-01T00:00:00Z, horizonDays: 90, stepMinutes: 1, trials: 10000, seed: 1}
services:
  - id: api
    traffic: {rps: 500, diurnal: {amplitude: 0.3, peakHour: 15}}
    capacity: {instances: 4, rpsPerInstance: 250}
    latency: {serviceTime: {median: 40, p90: 90}}
    failures:
      - {name: outage, perMonth: 0.5, errorFraction: 1, detect: {median: 5, p90: 15}, repair: {median: 30, p90: 90}}
slos:
  - {id: api-availability, service: api, sli: availability, target: 99.9, window: {rolling: 30d}}
  - {id: api-latency, service: api, sli: latency, thresholdMs: 200, target: 99, window: {rolling: 30d}}
`;

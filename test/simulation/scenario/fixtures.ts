/** Scenario documents for the scenario tests: a minimal valid one to vary, and the example files. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { ParseResult, Scenario, ScenarioIssue } from '../../../simulation/scenario';
import { parseScenarioObject } from '../../../simulation/scenario';

/** A document as plain data, loosely typed so tests can reach in and break any part of it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- documents under test are deliberately untyped
export type Doc = Record<string, any>;

/** A fresh minimal valid document (one service, one SLO) as plain data. */
export function minimalDocument(): Doc {
  return {
    apiVersion: 'budgetcast/v1',
    kind: 'Scenario',
    metadata: { name: 'test' },
    simulation: { start: '2027-01-01T00:00:00Z' },
    services: [{ id: 'api', traffic: { rps: 100 } }],
    slos: [{ id: 'api-availability', service: 'api', sli: 'availability', target: 99.9, window: { rolling: '30d' } }],
  };
}

/** The text of a file under scenarios/examples/. */
export function exampleText(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../scenarios/examples/${name}`, import.meta.url)), 'utf8');
}

/** An example file parsed as YAML into plain data (not validated). */
export function exampleDocument(name: string): Doc {
  return parse(exampleText(name)) as Doc;
}

/** The scenario of a result that must be valid (fails the test with the issues otherwise). */
export function expectOk(result: ParseResult): Scenario {
  if (!result.ok) throw new Error(`expected a valid scenario, got:\n${result.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  return result.scenario;
}

/** The issues of a result that must be invalid. */
export function expectIssues(result: ParseResult): ScenarioIssue[] {
  if (result.ok) throw new Error('expected issues, got a valid scenario');
  return result.issues;
}

/** The issues of the minimal document after `change`, as `path: message` lines. */
export function issuesAfter(change: (doc: Doc) => void): string[] {
  const doc = minimalDocument();
  change(doc);
  return expectIssues(parseScenarioObject(doc)).map((i) => `${i.path}: ${i.message}`);
}

/** The scenario the minimal document becomes after `change` (which must leave it valid). */
export function validAfter(change: (doc: Doc) => void): Scenario {
  const doc = minimalDocument();
  change(doc);
  return expectOk(parseScenarioObject(doc));
}

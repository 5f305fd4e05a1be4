import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DOCUMENT_PATH, formatIssue, formatPath, parseScenarioObject, parseScenarioText } from '../../../simulation/scenario';
import type { Doc } from './fixtures';
import { exampleText, expectIssues, expectOk, minimalDocument } from './fixtures';

describe('reading text', () => {
  it('reads the same scenario from YAML and from JSON', () => {
    const doc = minimalDocument();
    const fromYaml = expectOk(parseScenarioText(stringify(doc), 'a.yaml'));
    const fromJson = expectOk(parseScenarioText(JSON.stringify(doc, null, 2), 'a.json'));
    const fromJsonText = expectOk(parseScenarioText(JSON.stringify(doc), 'untitled'));
    expect(fromJson).toEqual(fromYaml);
    expect(fromJsonText).toEqual(fromYaml);
  });

  it('ignores a byte-order mark', () => {
    expectOk(parseScenarioText(`\uFEFF${exampleText('minimal.yaml')}`, 'minimal.yaml'));
  });

  it('reports YAML syntax errors with line and column, at the document', () => {
    const issues = expectIssues(parseScenarioText('apiVersion: budgetcast/v1\nservices: [1, 2\nkind: Scenario\n', 'bad.yaml'));
    expect(issues).toEqual([{ path: DOCUMENT_PATH, message: 'YAML syntax error at 3:1: Flow sequence in block collection must be sufficiently indented and end with a ]' }]);
  });

  it('reports every YAML error, duplicate keys included', () => {
    const issues = expectIssues(parseScenarioText('kind: Scenario\nkind: Scenario\nx: !!nope 1\n', 'dup.yaml'));
    expect(issues.map((i) => i.message)).toEqual([
      'YAML syntax error at 2:1: Map keys must be unique',
      'YAML syntax error at 3:4: Unresolved tag: tag:yaml.org,2002:nope',
    ]);
  });

  it('reports JSON syntax errors with line and column', () => {
    expect(expectIssues(parseScenarioText('{\n  "kind": "Scenario",\n}', 'a.json'))).toEqual([
      { path: DOCUMENT_PATH, message: 'JSON syntax error at 3:1: Expected double-quoted property name' },
    ]);
    expect(expectIssues(parseScenarioText('{\n  "kind": x\n}', 'a.json'))).toEqual([
      { path: DOCUMENT_PATH, message: "JSON syntax error at 2:11: Unexpected token 'x'" },
    ]);
  });

  it('rejects YAML aliases that expand without bound', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const issues = expectIssues(parseScenarioText(lines.join('\n'), 'bomb.yaml'));
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe(DOCUMENT_PATH);
    expect(issues[0].message).toMatch(/^could not be read: /);
  });

  it('reads a recursive alias without hanging, and names the key that holds it', () => {
    const text = `${exampleText('minimal.yaml')}\nml: &p {loop: [*p]}\n`;
    const issues = expectIssues(parseScenarioText(text, 'loop.yaml'));
    expect(issues.map((i) => i.path)).toEqual(['ml']);
    expect(issues[0].message).toMatch(/^unknown key 'loop'/);
  });

  it('rejects non-finite numbers written in YAML or JSON', () => {
    const yaml = exampleText('minimal.yaml').replace('rps: 100', 'rps: .inf');
    expect(expectIssues(parseScenarioText(yaml, 'inf.yaml'))).toEqual([{ path: 'services[0].traffic.rps', message: 'must be a finite number, got Infinity' }]);
    const json = JSON.stringify(minimalDocument()).replace('"rps":100', '"rps":1e400');
    expect(expectIssues(parseScenarioText(json, 'inf.json'))).toEqual([{ path: 'services[0].traffic.rps', message: 'must be a finite number, got Infinity' }]);
  });

  it('says so when the document is empty, not a mapping, or too large', () => {
    expect(expectIssues(parseScenarioText('  \n', 'e.yaml'))).toEqual([{ path: DOCUMENT_PATH, message: 'is empty' }]);
    expect(expectIssues(parseScenarioText('- a\n- b\n', 'l.yaml'))).toEqual([{ path: DOCUMENT_PATH, message: 'must be an object (a mapping of keys to values), got a list' }]);
    expect(expectIssues(parseScenarioText(' '.repeat(10_000_001), 'big.yaml'))[0].message).toMatch(/^is too large/);
  });
});

describe('paths and lines', () => {
  it('writes paths with dots and indices', () => {
    expect(formatPath(['services', 0, 'traffic', 'rps'])).toBe('services[0].traffic.rps');
    expect(formatPath(['slos', 2, 'window'])).toBe('slos[2].window');
    expect(formatPath(['policy', 'odd key'])).toBe('policy["odd key"]');
    expect(formatPath([])).toBe(DOCUMENT_PATH);
  });

  it('formats an issue as <file>: <path>: <message>', () => {
    expect(formatIssue('a.yaml', { path: 'services[0].traffic.rps', message: 'is required' })).toBe('a.yaml: services[0].traffic.rps: is required');
    expect(formatIssue('a.yaml', { path: '', message: 'is empty' })).toBe('a.yaml: (document): is empty');
  });

  it('gives every issue of a bad file a path and a one-line message', () => {
    const text = exampleText('full.yaml').replace('rps: 1000', 'rsp: 1000').replace('target: 95', 'target: 195').replace('weekday: sun', 'weekday: sunday');
    const lines = expectIssues(parseScenarioText(text, 'full.yaml')).map((i) => formatIssue('full.yaml', i));
    expect(lines).toEqual([
      'full.yaml: services[0].traffic.rps: is required',
      "full.yaml: services[0].traffic: unknown key 'rsp'; did you mean 'rps'?",
      "full.yaml: services[0].maintenance[0].weekday: must be one of 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', got 'sunday'; did you mean 'sun'?",
      'full.yaml: slos[1].target: must be a number greater than 0 and less than 100, got 195',
    ]);
    for (const line of lines) expect(line).not.toContain('\n');
  });
});

describe('parseScenarioObject', () => {
  it('does not change the value it is given', () => {
    const doc = minimalDocument();
    const before = structuredClone(doc);
    parseScenarioObject(doc);
    expect(doc).toEqual(before);
  });

  it('returns issues, not exceptions, for values no parser would produce', () => {
    const cyclic: Record<string, unknown> = { ...minimalDocument() };
    cyclic.services = [cyclic];
    const weird = [undefined, null, Symbol('x'), 10n, () => 1, new Map(), Object.create(null), cyclic, new Proxy({}, { ownKeys: () => { throw new Error('boom'); } })];
    for (const value of weird) {
      const result = parseScenarioObject(value);
      expect(result.ok).toBe(false);
      expect(expectIssues(result).length).toBeGreaterThan(0);
    }
  });
});

type Path = (string | number)[];

/** Every leaf of a plain-data document with its path. */
function leaves(value: unknown, path: Path = []): [Path, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [[path, value]];
}

function replaced(doc: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(doc) as Doc;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key];
  at[path[path.length - 1]] = value;
  return copy;
}

/** A result is well formed: a scenario, or at least one issue with a path and a one-line message. */
function wellFormed(result: ReturnType<typeof parseScenarioObject>): boolean {
  if (result.ok) return typeof result.scenario === 'object' && result.scenario !== null;
  return result.issues.length > 0 && result.issues.every((i) => typeof i.path === 'string' && i.path !== '' && typeof i.message === 'string' && i.message !== '' && !i.message.includes('\n'));
}

const full = parse(exampleText('full.yaml')) as unknown;
const allLeaves = leaves(full);
const numericLeaves = allLeaves.filter(([, v]) => typeof v === 'number').map(([p]) => p);
const anyValue = fc.anything({ withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withNullPrototype: true, withObjectString: true, withSet: true, withSparseArray: true, withTypedArray: true });

describe('parsing never throws', () => {
  it('returns a result for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => wellFormed(parseScenarioObject(v))), { numRuns: 300, seed: 11 });
  });

  it('returns a result for any JavaScript value', () => {
    fc.assert(fc.property(anyValue, (v) => wellFormed(parseScenarioObject(v))), { numRuns: 300, seed: 12 });
  });

  it('returns a result for any text, read as YAML or as JSON', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.jsonValue().map((v) => JSON.stringify(v)), fc.jsonValue().map((v) => stringify(v)));
    fc.assert(fc.property(text, fc.constantFrom('a.yaml', 'a.json', 'a'), (t, name) => wellFormed(parseScenarioText(t, name))), { numRuns: 300, seed: 13 });
  });

  it('returns a result for the full example with its text cut and spliced', () => {
    const source = exampleText('full.yaml');
    const splice = fc.tuple(fc.nat({ max: source.length }), fc.nat({ max: 40 }), fc.string({ maxLength: 8 }));
    fc.assert(fc.property(splice, ([at, cut, insert]) => wellFormed(parseScenarioText(source.slice(0, at) + insert + source.slice(at + cut), 'full.yaml'))), { numRuns: 150, seed: 14 });
  });

  it('returns a result for the full example with any one value replaced by anything', () => {
    const leaf = fc.constantFrom(...allLeaves.map(([p]) => p));
    fc.assert(fc.property(leaf, anyValue, (path, value) => wellFormed(parseScenarioObject(replaced(full, path, value)))), { numRuns: 400, seed: 15 });
  });
});

/**
 * Whether an issue is about the field at `field`: at it, above or below it, beside it (an ordering constraint),
 * naming it, or a later entry of the same list repeating it (a duplicate that names the field's entry).
 */
function namesField(issuePath: string, message: string, field: string): boolean {
  const parent = (p: string) => p.replace(/(\.[^.[\]]+|\[\d+\]|\["[^"]*"\])$/, '');
  const under = (a: string, b: string) => a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
  const entry = /[A-Za-z_$][\w$]*\[\d+\](?=\.[^.[\]]+$)/.exec(field)?.[0];
  const key = (p: string) => p.slice(parent(p).length);
  const repeats = entry !== undefined && message.includes(`(${entry} has it too)`)
    && key(issuePath) === key(field) && parent(parent(issuePath)) === parent(parent(field));
  return issuePath === field || under(issuePath, field) || (issuePath !== DOCUMENT_PATH && under(field, issuePath))
    || parent(issuePath) === parent(field) || message.includes(field) || repeats;
}

describe('a numeric field replaced by a random value', () => {
  it('gives a valid scenario or issues that name that field', () => {
    const value = fc.oneof(
      fc.double(), fc.integer(), fc.double({ min: -2, max: 2 }), fc.integer({ min: -5, max: 200_000 }),
      fc.constantFrom(0, 1, -1, 0.5, 60, 1e9, 1e10, NaN, Infinity, -Infinity, null, undefined, '', '5m', 'abc', true, [], {}),
      fc.jsonValue(),
    );
    fc.assert(fc.property(fc.constantFrom(...numericLeaves), value, (path, v) => {
      const result = parseScenarioObject(replaced(full, path, v));
      if (result.ok) return true;
      const field = formatPath(path);
      return result.issues.every((i) => namesField(i.path, i.message, field));
    }), { numRuns: 600, seed: 16 });
  });

  it('counts a duplicate that a changed value makes, reported at the later entry, as naming that value', () => {
    const out = replaced(full, ['policy', 'budget', 0, 'below'], 25);
    const issues = expectIssues(parseScenarioObject(out));
    expect(issues).toEqual([{ path: 'policy.budget[1].below', message: 'duplicate threshold below 25 (budget[0] has it too)' }]);
    expect(namesField(issues[0].path, issues[0].message, 'policy.budget[0].below')).toBe(true);
    expect(namesField(issues[0].path, issues[0].message, 'policy.budget[0].deployFactor')).toBe(false);
  });

  it('reports a field pushed out of range at that field', () => {
    const out = replaced(full, ['services', 0, 'traffic', 'diurnal', 'amplitude'], 1.5);
    expect(expectIssues(parseScenarioObject(out))).toEqual([{ path: 'services[0].traffic.diurnal.amplitude', message: 'must be a number at least 0 and less than 1, got 1.5' }]);
  });
});

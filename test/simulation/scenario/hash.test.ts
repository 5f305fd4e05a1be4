import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, parseScenarioObject, parseScenarioText, scenarioHash } from '../../../simulation/scenario';
import { exampleText, expectOk, minimalDocument } from './fixtures';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }, null], c: 'x' })).toBe('{"a":[{"d":2},null],"b":1,"c":"x"}');
  });

  it('writes the same text whatever order the keys were written in', () => {
    expect(canonicalJson({ x: 1, y: { p: true, q: false } })).toBe(canonicalJson({ y: { q: false, p: true }, x: 1 }));
  });

  it('writes numbers, strings and non-finite values as JSON does', () => {
    expect(canonicalJson([0.1, -0, 1e21, 'a"b', Infinity, undefined])).toBe('[0.1,0,1e+21,"a\\"b",null,null]');
  });
});

describe('scenarioHash', () => {
  it('is the first 16 hex digits of the SHA-256 of the canonical JSON', () => {
    const s = expectOk(parseScenarioText(exampleText('full.yaml'), 'full.yaml'));
    const expected = createHash('sha256').update(canonicalJson(s), 'utf8').digest('hex').slice(0, 16);
    expect(scenarioHash(s)).toBe(expected);
    expect(scenarioHash(s)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gives the same hash to scenarios that differ only in how they were written', () => {
    const written = minimalDocument();
    const spelledOut = minimalDocument();
    spelledOut.simulation = { seed: 1, trials: 10000, stepMinutes: '1m', horizonDays: 90, start: '2027-01-01T00:00:00.000Z' };
    spelledOut.slos[0].window = { rolling: '720h' };
    spelledOut.slos[0].budgeting = { kind: 'occurrences' };
    spelledOut.services[0].dependsOn = [];
    expect(scenarioHash(expectOk(parseScenarioObject(spelledOut)))).toBe(scenarioHash(expectOk(parseScenarioObject(written))));
  });

  it('changes when any value changes', () => {
    const base = scenarioHash(expectOk(parseScenarioObject(minimalDocument())));
    const changed = minimalDocument();
    changed.slos[0].target = 99.95;
    expect(scenarioHash(expectOk(parseScenarioObject(changed)))).not.toBe(base);
  });
});

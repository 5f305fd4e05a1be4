import { describe, expect, it } from 'vitest';
import { SLA_LIMITS, parseScenarioObject, parseScenarioText } from '../../../simulation/scenario';
import type { Doc } from './fixtures';
import { exampleText, expectOk, issuesAfter, validAfter } from './fixtures';

const TIERS = [{ below: 99, percent: 25 }, { below: 98, percent: 50 }, { below: 95, percent: 100 }];
const sla = (over: Doc = {}): Doc => ({ id: 'api-sla', service: 'api', monthlyAvailability: 99.9, monthlyFee: 20000, credits: TIERS, ...over });
const withSla = (...slas: unknown[]) => (d: Doc) => { d.sla = slas; };

describe('the DESIGN section 2 SLA (full.yaml)', () => {
  it('reads the SLA with its tiers highest first and maintenance counted', () => {
    const s = expectOk(parseScenarioText(exampleText('full.yaml'), 'full.yaml'));
    expect(s.sla).toEqual([{
      id: 'api-sla', service: 'api', monthlyAvailability: 99.9, monthlyFee: 20000, excludeMaintenance: false,
      credits: [{ below: 99, percent: 25 }, { below: 98, percent: 50 }, { below: 95, percent: 100 }],
    }]);
  });
});

describe('defaults and normalisation', () => {
  it('gives a document without SLAs an empty list', () => {
    expect(validAfter(() => {}).sla).toEqual([]);
  });

  it('counts maintenance unless told to exclude it', () => {
    expect(validAfter(withSla(sla())).sla[0].excludeMaintenance).toBe(false);
    expect(validAfter(withSla(sla({ excludeMaintenance: true }))).sla[0].excludeMaintenance).toBe(true);
  });

  it('sorts credit tiers by below, highest first', () => {
    const s = validAfter(withSla(sla({ credits: [{ below: 95, percent: 100 }, { below: 99.9, percent: 10 }, { below: 99, percent: 25 }] })));
    expect(s.sla[0].credits).toEqual([{ below: 99.9, percent: 10 }, { below: 99, percent: 25 }, { below: 95, percent: 100 }]);
  });

  it('allows an SLA with no credit tiers and several SLAs on one service', () => {
    const s = validAfter(withSla(sla({ credits: [] }), sla({ id: 'api-sla-gold', monthlyAvailability: 99.99, monthlyFee: 0 })));
    expect(s.sla.map((x) => [x.id, x.credits.length])).toEqual([['api-sla', 0], ['api-sla-gold', 3]]);
  });

  it('passes traceability keys through on SLAs and tiers', () => {
    const trace = { source: 'contract §7', assumed: false, reason: 'as signed' };
    const s = validAfter(withSla(sla({ ...trace, credits: [{ below: 99, percent: 10, ...trace }] })));
    expect(s.sla[0]).toMatchObject(trace);
    expect(s.sla[0].credits[0]).toEqual({ below: 99, percent: 10, ...trace });
  });

  it('reads its own output back unchanged', () => {
    const once = validAfter(withSla(sla({ credits: [...TIERS].reverse() })));
    expect(expectOk(parseScenarioObject(structuredClone(once))).sla).toEqual(once.sla);
  });
});

describe('errors', () => {
  it.each([
    ['monthlyAvailability', sla({ monthlyAvailability: 100 }), 'must be a number greater than 0 and less than 100, got 100'],
    ['monthlyAvailability', sla({ monthlyAvailability: 0 }), 'must be a number greater than 0 and less than 100, got 0'],
    ['monthlyAvailability', sla({ monthlyAvailability: '99.9%' }), "must be a number, got '99.9%'"],
    ['monthlyFee', sla({ monthlyFee: -1 }), 'must be a number between 0 and 1,000,000,000,000, got -1'],
    ['monthlyFee', sla({ monthlyFee: 2e12 }), 'must be a number between 0 and 1,000,000,000,000, got 2000000000000'],
    ['monthlyFee', sla({ monthlyFee: Infinity }), 'must be a finite number, got Infinity'],
    ['credits[0].below', sla({ credits: [{ below: 0, percent: 10 }] }), 'must be a number greater than 0 and at most 100, got 0'],
    ['credits[0].below', sla({ credits: [{ below: 101, percent: 10 }] }), 'must be a number greater than 0 and at most 100, got 101'],
    ['credits[0].percent', sla({ credits: [{ below: 99, percent: 101 }] }), 'must be a number between 0 and 100, got 101'],
    ['credits[0].percent', sla({ credits: [{ below: 99, percent: -5 }] }), 'must be a number between 0 and 100, got -5'],
    ['credits[0].percent', sla({ credits: [{ below: 99 }] }), 'is required'],
    ['credits', sla({ credits: undefined }), 'is required'],
    ['excludeMaintenance', sla({ excludeMaintenance: 'no' }), "must be true or false, got 'no'"],
    ['id', sla({ id: 'api sla' }), "must be an id of letters, digits, '.', '_', ':' or '-' that starts with a letter or digit (at most 100 characters), got 'api sla'"],
  ])('rejects an SLA with a bad %s', (key, value, message) => {
    expect(issuesAfter(withSla(value))).toEqual([`sla[0].${key}: ${message}`]);
  });

  it('accepts the ends of each range', () => {
    const s = validAfter(withSla(sla({ monthlyAvailability: 1e-9, monthlyFee: 1e12, credits: [{ below: 100, percent: 100 }, { below: 1e-9, percent: 0 }] })));
    expect(s.sla[0].credits.map((t) => t.below)).toEqual([100, 1e-9]);
  });

  it('rejects two tiers with the same below, naming the first', () => {
    expect(issuesAfter(withSla(sla({ credits: [{ below: 99, percent: 25 }, { below: 98, percent: 50 }, { below: 99, percent: 100 }] })))).toEqual([
      'sla[0].credits[2].below: duplicate credit tier below 99 (credits[0] has it too)',
    ]);
  });

  it('guesses misspelt keys', () => {
    expect(issuesAfter(withSla(sla({ monthlyFee: undefined, montlyFee: 100, credits: [{ bellow: 99, percent: 10 }] })))).toEqual([
      'sla[0].monthlyFee: is required',
      'sla[0].credits[0].below: is required',
      "sla[0].credits[0]: unknown key 'bellow'; did you mean 'below'?",
      "sla[0]: unknown key 'montlyFee'; did you mean 'monthlyFee'?",
    ]);
    expect(issuesAfter((d) => { d.slas = []; })).toEqual(["(document): unknown key 'slas'; did you mean 'sla'?"]);
  });

  it('rejects a section that is not a list', () => {
    expect(issuesAfter((d) => { d.sla = sla(); })).toEqual(['sla: must be a list, got an object']);
  });

  it(`holds at most ${SLA_LIMITS.credits} tiers`, () => {
    const many = Array.from({ length: SLA_LIMITS.credits + 1 }, (_, i) => ({ below: (i + 1) / 2, percent: 1 }));
    expect(issuesAfter(withSla(sla({ credits: many })))).toEqual(['sla[0].credits: must have at most 100 entries, got 101']);
  });

  it('reports every problem at once', () => {
    expect(issuesAfter(withSla(
      sla({ monthlyAvailability: 100, credits: [{ below: 99, percent: 200 }, { below: 99, percent: 50 }] }),
      sla({ service: 'apx', monthlyFee: -1 }),
    ))).toEqual([
      'sla[0].monthlyAvailability: must be a number greater than 0 and less than 100, got 100',
      'sla[0].credits[0].percent: must be a number between 0 and 100, got 200',
      'sla[0].credits[1].below: duplicate credit tier below 99 (credits[0] has it too)',
      'sla[1].monthlyFee: must be a number between 0 and 1,000,000,000,000, got -1',
      "sla[1].id: duplicate SLA id 'api-sla' (sla[0] has it too)",
      "sla[1].service: no service 'apx' is defined; did you mean 'api'?",
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseScenarioObject } from '../../../simulation/scenario';
import { objectNumbers, parseQuote, quoteAppears, quotedNumbers, traceProblems } from '../../../simulation/scenario/provenance';
import type { Doc } from './fixtures';
import { exampleDocument, expectOk, minimalDocument } from './fixtures';

/** The traceability problems of a document as `path: message` lines. */
function problemsOf(doc: Doc, seeds?: (seed: string) => string | undefined): string[] {
  return traceProblems(doc, expectOk(parseScenarioObject(doc)), seeds).map((p) => `${p.path}: ${p.message}`);
}

/** The minimal document with its service, traffic and SLO sourced or assumed, after `change`. */
function traced(change: (doc: Doc) => void = () => {}): Doc {
  const doc = minimalDocument();
  doc.services[0].source = '002 §Throughput: 100 requests per second';
  doc.services[0].traffic.assumed = true;
  doc.services[0].traffic.reason = 'the document gives no traffic shape';
  doc.slos[0].source = '002 §Availability: 99.9% over 30 days';
  change(doc);
  return doc;
}

const SEED_002 = [
  '# Service levels',
  '## Availability',
  '**Target**: 99.9% over 30 days,',
  'measured    monthly.',
  '| API Endpoints | < 800ms | < 2s |',
  'Throughput: 100 requests per second, bursts of 2,000 rps for 5 min',
].join('\n');

const seeds = (seed: string): string | undefined => (seed === '002' ? SEED_002 : undefined);

describe('parseQuote', () => {
  it('splits the seed, the section and the quote at the first ": " after the §', () => {
    expect(parseQuote('001 §3.3 Capacity SLOs: Database Connections | < 80% of pool')).toEqual({
      seed: '001', section: '3.3 Capacity SLOs', quote: 'Database Connections | < 80% of pool', fragments: ['Database Connections | < 80% of pool'],
    });
    expect(parseQuote('002 §SLA: **Target**: 99.9%')).toEqual({ seed: '002', section: 'SLA', quote: '**Target**: 99.9%', fragments: ['**Target**: 99.9%'] });
  });

  it('splits the quote into fragments at " ... " but not at a "..." inside a word, and drops a "..." at either end', () => {
    expect(parseQuote('002 §Latency: p50 < 50ms ... p95 < 100ms')).toMatchObject({ fragments: ['p50 < 50ms', 'p95 < 100ms'] });
    expect(parseQuote('002 §Latency: wait... then 5 ... ... 6')).toMatchObject({ fragments: ['wait... then 5', '6'] });
    expect(parseQuote('002 §Latency: ... p95 < 100ms ...')).toMatchObject({ fragments: ['p95 < 100ms'] });
  });

  it('collapses whitespace in the section and the quote', () => {
    expect(parseQuote('002 §Error  budget:  99.9%\n  over 30 days')).toEqual({ seed: '002', section: 'Error budget', quote: '99.9% over 30 days', fragments: ['99.9% over 30 days'] });
  });

  it('explains a quotation it cannot read', () => {
    expect(parseQuote('02 §SLA: 99.9%')).toEqual({ error: `must start with a three-digit seed number and ' §' (as in "002 §Latency SLO: p95 < 100ms"), got '02 §SLA: 99.9%'` });
    expect(parseQuote('002 SLA: 99.9%')).toEqual({ error: `must start with a three-digit seed number and ' §' (as in "002 §Latency SLO: p95 < 100ms"), got '002 SLA: 99.9%'` });
    expect(parseQuote('002 §SLA 99.9%')).toEqual({ error: `has no ': ' after its section to start the quote (as in "002 §Latency SLO: p95 < 100ms"), got '002 §SLA 99.9%'` });
    expect(parseQuote('002 §: 99.9%')).toEqual({ error: `has an empty section after '§' (as in "002 §Latency SLO: p95 < 100ms")` });
    expect(parseQuote('002 §SLA:  ')).toEqual({ error: 'has an empty quote after its section' });
    expect(parseQuote('002 §SLA: ... ...')).toEqual({ error: "has nothing but '...' after its section" });
  });
});

describe('quotedNumbers', () => {
  it('reads a percentage as itself, a fraction, a hundredfold and its complement', () => {
    expect(quotedNumbers('99.9% of requests')).toEqual([{ text: '99.9', readings: [99.9, 99.9 / 100, 99.9 * 100, 100 - 99.9, (100 - 99.9) / 100] }]);
    // "< 0.1 % errors" is a 99.9 % target.
    expect(quotedNumbers('< 0.1 % of requests')[0].readings).toContain(99.9);
  });

  it('reads a time of day as minutes after midnight, and nothing else', () => {
    expect(quotedNumbers('Sundays 02:00 - 04:00 UTC')).toEqual([{ text: '02:00', readings: [120] }, { text: '04:00', readings: [240] }]);
  });

  it('reads thousands separators', () => {
    expect(quotedNumbers('1,000 users and 1,000,000 requests')).toEqual([
      { text: '1,000', readings: [1000, 10, 100000] },
      { text: '1,000,000', readings: [1e6, 1e4, 1e8] },
    ]);
  });

  it('adds minutes when a time unit follows, with or without a space or hyphen', () => {
    // Seconds also read as milliseconds (a thresholdMs of 2000).
    expect(quotedNumbers('2s')).toEqual([{ text: '2s', readings: [2, 0.02, 200, 2 / 60, 2 / 60 / 1440, 2000] }]);
    expect(quotedNumbers('800ms')).toEqual([{ text: '800ms', readings: [800, 8, 80000, 800 / 60000, 800 / 60000 / 1440] }]);
    expect(quotedNumbers('30 minutes')).toEqual([{ text: '30 minutes', readings: [30, 0.3, 3000, 30 / 1440] }]);
    expect(quotedNumbers('4 hours')).toEqual([{ text: '4 hours', readings: [4, 0.04, 400, 240, 1 / 6] }]);
    // Hours also read as days, for a window: 24 hours is {rolling: 1d}.
    expect(quotedNumbers('24-hour window')).toEqual([{ text: '24-hour', readings: [24, 0.24, 2400, 1440, 1] }]);
    expect(quotedNumbers('a 30-day window')).toEqual([{ text: '30-day', readings: [30, 0.3, 3000, 43200] }]);
    expect(quotedNumbers('1 week')).toEqual([{ text: '1 week', readings: [1, 0.01, 100, 10080, 7] }]);
    expect(quotedNumbers('3 months')).toEqual([{ text: '3 months', readings: [3, 0.03, 300, 129600, 90] }]);
  });

  it('adds no minutes when the letters after a number are not a time unit', () => {
    expect(quotedNumbers('5 more and 10MB')).toEqual([
      { text: '5', readings: [5, 0.05, 500] },
      { text: '10', readings: [10, 0.1, 1000] },
    ]);
  });

  it('reads percentile labels p95, P99 and p99.9 as numbers', () => {
    expect(quotedNumbers('p95 < 100ms, P99 and p99.9').map((n) => [n.text, n.readings[0]])).toEqual([['p95', 95], ['100ms', 100], ['P99', 99], ['p99.9', 99.9]]);
  });

  it('reads ranges and slashes as two numbers, and a minus sign only before a lone number', () => {
    expect(quotedNumbers('50-80 ms, 24/7 and -5% growth').map((n) => [n.text, n.readings[0]])).toEqual([['50', 50], ['80 ms', 80], ['24', 24], ['7', 7], ['-5', -5]]);
  });

  it('skips digits that are part of a name (EC2, S3, severity P1) but reads 24x7x365', () => {
    expect(quotedNumbers('EC2, S3, k8s and P1 - Critical')).toEqual([]);
    expect(quotedNumbers('24x7x365').map((n) => n.readings[0])).toEqual([24, 7, 365]);
  });
});

describe('objectNumbers', () => {
  it('collects every finite number once, nested objects and lists included, leaving out source, assumed and reason', () => {
    const slo = {
      target: 99.9,
      window: { kind: 'rolling', days: 30 },
      excludeMaintenance: false,
      budgeting: { kind: 'timeslices', sliceMinutes: 1, sliceTarget: 95 },
      source: ['002 §SLO: 12345'],
      reason: 777,
      assumed: true,
      extra: [1, 2, Number.NaN, Number.POSITIVE_INFINITY],
    };
    expect(objectNumbers(slo)).toEqual([99.9, 30, 1, 95, 2]);
  });

  it('sees durations as minutes after normalisation', () => {
    const doc = minimalDocument();
    doc.services[0].failures = [{ name: 'outage', perMonth: 0.5, detect: '5m', repair: '2h' }];
    const scenario = expectOk(parseScenarioObject(doc));
    expect(objectNumbers(scenario.services[0].failures[0])).toEqual([0.5, 1, 0, 5, 120]);
  });
});

describe('quoteAppears', () => {
  it('finds one fragment across lines with whitespace collapsed', () => {
    expect(quoteAppears(SEED_002, ['99.9% over 30 days, measured monthly.'])).toBe(true);
    expect(quoteAppears(SEED_002, ['API  Endpoints |\n< 800ms'])).toBe(true);
  });

  it('is case-sensitive', () => {
    expect(quoteAppears(SEED_002, ['api endpoints'])).toBe(false);
  });

  it('finds several fragments only in order on one line, without overlapping', () => {
    expect(quoteAppears(SEED_002, ['API Endpoints', '< 2s'])).toBe(true);
    expect(quoteAppears(SEED_002, ['< 2s', 'API Endpoints'])).toBe(false);
    expect(quoteAppears(SEED_002, ['99.9% over 30 days,', 'monthly'])).toBe(false);
    expect(quoteAppears(SEED_002, ['800ms', '800ms'])).toBe(false);
  });

  it('finds nothing for a quote that is not in the document', () => {
    expect(quoteAppears(SEED_002, ['99.95% over 30 days'])).toBe(false);
  });
});

describe('traceProblems', () => {
  it('passes a document whose objects are all sourced or assumed, quotes checked against the seed', () => {
    expect(problemsOf(traced(), seeds)).toEqual([]);
  });

  it('asks every service, traffic and SLO of the minimal document for a source or an assumption', () => {
    const needs = 'needs a source (a quotation such as "002 §Latency SLO: p95 < 100ms"), or assumed: true with a reason';
    expect(problemsOf(minimalDocument())).toEqual([`services[0]: ${needs}`, `services[0].traffic: ${needs}`, `slos[0]: ${needs}`]);
  });

  it('asks every object kind the rules list for one in the full example, naming sorted lists by their place in the file', () => {
    const doc = exampleDocument('full.yaml');
    doc.policy.budget.reverse();
    doc.sla[0].credits.reverse();
    const paths = traceProblems(doc, expectOk(parseScenarioObject(doc))).map((p) => p.path);
    const s0 = ['', '.traffic', '.capacity', '.latency', '.failures[0]', '.failures[1]', '.deploys', '.maintenance[0]', '.dependsOn[0]'].map((p) => `services[0]${p}`);
    const s1 = ['', '.traffic', '.capacity', '.failures[0]'].map((p) => `services[1]${p}`);
    expect(paths).toEqual([
      ...s0, ...s1, 'slos[0]', 'slos[1]', 'slos[2]', 'policy.budget[0]', 'policy.budget[1]', 'policy.alerts[0]', 'policy.alerts[1]', 'policy.alerts[2]',
      'sla[0]', 'sla[0].credits[0]', 'sla[0].credits[1]', 'sla[0].credits[2]',
    ]);
  });

  it('asks the ML platform\'s pool, models, their traffic, training classes, batch inference and feature store for one too', () => {
    const doc = exampleDocument('ml-platform.yaml');
    const paths = traceProblems(doc, expectOk(parseScenarioObject(doc))).map((p) => p.path).filter((p) => p.startsWith('ml'));
    const classes = (doc.ml.training.classes as unknown[]).map((_, i) => `ml.training.classes[${i}]`);
    const models = (doc.ml.serving as unknown[]).flatMap((_, i) => [`ml.serving[${i}]`, `ml.serving[${i}].traffic`]);
    expect(paths).toEqual(['ml.gpuPool', ...models, ...classes, 'ml.batchInference', 'ml.featureStore']);
  });

  it('keeps assumed on every object kind through normalisation and wants a reason with it', () => {
    const doc = exampleDocument('full.yaml');
    const db = doc.services[1];
    for (const o of [db, db.traffic, db.capacity, ...db.failures]) Object.assign(o, { assumed: true, reason: 'a stand-in dependency' });
    doc.policy.alerts.push({ consumed: 50, severity: 'ticket' });
    const api = doc.services[0];
    const objects = [
      doc.metadata, api, api.traffic, api.traffic.diurnal, api.traffic.weekly, api.traffic.growth, api.traffic.noise, api.traffic.bursts,
      api.capacity, api.capacity.autoscale, api.latency, ...api.failures, api.deploys, ...api.scripted, ...api.maintenance, ...api.dependsOn,
      ...doc.slos, doc.policy, ...doc.policy.budget, ...doc.policy.alerts, ...doc.sla, ...doc.sla[0].credits,
    ];
    for (const o of objects) o.assumed = true;
    const s0 = ['', '.traffic', '.traffic.diurnal', '.traffic.weekly', '.traffic.growth', '.traffic.noise', '.traffic.bursts', '.capacity', '.capacity.autoscale',
      '.latency', '.failures[0]', '.failures[1]', '.deploys', '.scripted[0]', '.maintenance[0]', '.dependsOn[0]'].map((p) => `services[0]${p}`);
    const message = 'has assumed: true but no reason; say in one line why the numbers are assumed';
    expect(objects).toHaveLength(31);
    expect(problemsOf(doc)).toEqual([
      'metadata', ...s0, 'slos[0]', 'slos[1]', 'slos[2]', 'policy', 'policy.budget[0]', 'policy.budget[1]',
      'policy.alerts[0]', 'policy.alerts[1]', 'policy.alerts[2]', 'policy.alerts[3]', 'sla[0]', 'sla[0].credits[0]', 'sla[0].credits[1]', 'sla[0].credits[2]',
    ].map((path) => `${path}: ${message}`));
  });

  it('allows a reason next to a source, but not a reason alone', () => {
    expect(problemsOf(traced((d) => (d.slos[0].reason = 'the window is assumed')), seeds)).toEqual([]);
    expect(problemsOf(traced((d) => {
      delete d.slos[0].source;
      d.slos[0].reason = 'nothing says so';
      d.slos[0].assumed = false;
    }), seeds)).toEqual(['slos[0]: has a reason but neither assumed: true nor a source']);
  });

  it('names a quoted number the object does not use, and the numbers it does use', () => {
    const doc = traced((d) => (d.slos[0].source = '002 §Availability: 99.95% over 30 days'));
    expect(problemsOf(doc)).toEqual([
      "slos[0].source: quoted number '99.95' matches no number of this object (99.9, 30); trim the quote with ' ... ' or fix the number",
    ]);
  });

  it('says when the object has no numbers at all', () => {
    const doc = traced((d) => (d.policy = { source: '002 §Policy: 2 states' }));
    expect(problemsOf(doc)).toEqual(["policy.source: quoted number '2' matches no number of this object (it has none); trim the quote with ' ... ' or fix the number"]);
  });

  it('matches percentages to fractions, durations to minutes and milliseconds to thresholds', () => {
    const doc = traced((d) => {
      d.services[0].failures = [{ name: 'outage', perMonth: 1, errorFraction: 0.5, detect: '5m', repair: '2h', source: '002 §Incidents: 50% errors, detected in 5 min, fixed in 2 hours, 1 a month' }];
      d.services[0].latency = { serviceTime: 30, assumed: true, reason: 'not in the document' };
      d.slos.push({ id: 'p95', service: 'api', sli: 'latency', thresholdMs: 800, target: 95, window: { rolling: '1d' }, source: '002 §Latency: p95 < 800ms per 1 day' });
    });
    expect(problemsOf(doc)).toEqual([]);
  });

  it('checks each quotation of a list at its own index', () => {
    const doc = traced((d) => (d.slos[0].source = ['002 §Availability: 99.9%', '002 §Window: 31 days']));
    expect(problemsOf(doc)).toEqual(["slos[0].source[1]: quoted number '31 days' matches no number of this object (99.9, 30); trim the quote with ' ... ' or fix the number"]);
  });

  it('reports a quote that is not in its seed, and skips seeds the lookup does not know', () => {
    const doc = traced((d) => {
      d.slos[0].source = '002 §Availability: 99.9% over 30 days, measured weekly';
      d.services[0].source = ['002 §Throughput: 100 requests ... per minute', '001 §Elsewhere: 100 rps'];
    });
    expect(problemsOf(doc, seeds)).toEqual([
      'services[0].source[0]: is not in seed 002: the fragments "100 requests", "per minute" do not appear in this order on one line',
      'slos[0].source: is not in seed 002 (whitespace collapsed, case-sensitive): "99.9% over 30 days, measured weekly"',
    ]);
  });

  it('reports a quotation it cannot read at its path', () => {
    const doc = traced((d) => (d.slos[0].source = ['002 §Availability: 99.9%', 'from the SLA document']));
    expect(problemsOf(doc)).toEqual([`slos[0].source[1]: must start with a three-digit seed number and ' §' (as in "002 §Latency SLO: p95 < 100ms"), got 'from the SLA document'`]);
  });

  it('reads metadata.source as the seed file name, not a quotation', () => {
    expect(problemsOf(traced((d) => (d.metadata.source = '002_a9fe010badafe601.txt')), seeds)).toEqual([]);
  });
});

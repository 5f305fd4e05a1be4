import { describe, expect, it } from 'vitest';
import { POLICY_LIMITS, defaultRuleName, parseScenarioObject, parseScenarioText } from '../../../simulation/scenario';
import type { Doc } from './fixtures';
import { exampleText, expectOk, issuesAfter, validAfter } from './fixtures';

const HOUR = 60;
const DAY = 1440;

const page = (long: unknown, short: unknown, burnRate: unknown) => ({ long, short, burnRate, severity: 'page' });
const withPolicy = (policy: unknown) => (d: Doc) => { d.policy = policy; };
const withAlerts = (...alerts: unknown[]) => withPolicy({ alerts });
const withBudget = (...budget: unknown[]) => withPolicy({ budget });

describe('the DESIGN section 2 policy (full.yaml)', () => {
  it('reads the multiwindow burn-rate rules in minutes, names them by their numbers and keeps detectByAlerts', () => {
    const s = expectOk(parseScenarioText(exampleText('full.yaml'), 'full.yaml'));
    expect(s.policy).toEqual({
      budget: [{ below: 50, deployFactor: 0.5, state: 'caution' }, { below: 25, deployFactor: 0, state: 'freeze' }],
      alerts: [
        { kind: 'burnRate', name: '14.4x 1h/5m', long: 1 * HOUR, short: 5, burnRate: 14.4, severity: 'page' },
        { kind: 'burnRate', name: '6x 6h/30m', long: 6 * HOUR, short: 30, burnRate: 6, severity: 'page' },
        { kind: 'burnRate', name: '1x 3d/6h', long: 3 * DAY, short: 6 * HOUR, burnRate: 1, severity: 'ticket' },
      ],
      detectByAlerts: true,
    });
  });
});

describe('defaults', () => {
  it('gives a document without a policy no thresholds, no alerts and no detection by alerts', () => {
    expect(validAfter(() => {}).policy).toEqual({ budget: [], alerts: [], detectByAlerts: false });
    expect(validAfter(withPolicy({})).policy).toEqual({ budget: [], alerts: [], detectByAlerts: false });
  });

  it('names a burn-rate rule `<rate>x <long>/<short>` and a budget-consumed rule `<percent>% consumed`', () => {
    const s = validAfter(withAlerts(page('1d12h', 90, 2), { consumed: 50, severity: 'ticket' }, { consumed: 100, severity: 'ticket' }));
    expect(s.policy.alerts.map((rule) => rule.name)).toEqual(['2x 1d12h/1h30m', '50% consumed', '100% consumed']);
    expect(defaultRuleName({ kind: 'burnRate', long: 30 * DAY, short: 1, burnRate: 1e6, severity: 'page' })).toBe('1,000,000x 30d/1m');
  });

  it('keeps a name that is written', () => {
    const s = validAfter(withAlerts({ ...page('1h', '5m', 14.4), name: 'fast burn' }));
    expect(s.policy.alerts).toEqual([{ kind: 'burnRate', name: 'fast burn', long: 60, short: 5, burnRate: 14.4, severity: 'page' }]);
  });
});

describe('normalisation', () => {
  it('sorts budget thresholds by below, highest first', () => {
    const s = validAfter(withBudget(
      { below: 10, deployFactor: 0, state: 'freeze' },
      { below: 75, deployFactor: 0.8, state: 'watch' },
      { below: 40, deployFactor: 0.5, state: 'caution' },
    ));
    expect(s.policy.budget.map((t) => [t.below, t.state])).toEqual([[75, 'watch'], [40, 'caution'], [10, 'freeze']]);
  });

  it('reads lookbacks written as minutes, short units or ISO-8601 alike', () => {
    const rule = (long: unknown, short: unknown) => validAfter(withAlerts(page(long, short, 6))).policy.alerts[0];
    expect(rule(360, 30)).toMatchObject({ long: 360, short: 30 });
    expect(rule('6h', '30m')).toMatchObject({ long: 360, short: 30 });
    expect(rule('PT6H', 'PT30M')).toMatchObject({ long: 360, short: 30 });
    expect(rule('1w', '1d')).toMatchObject({ long: 7 * DAY, short: DAY });
  });

  it('tells a budget-consumed rule from a burn-rate rule by its keys', () => {
    const s = validAfter(withAlerts({ consumed: 75, severity: 'ticket' }, page('1h', '5m', 14.4)));
    expect(s.policy.alerts).toEqual([
      { kind: 'budgetConsumed', name: '75% consumed', consumed: 75, severity: 'ticket' },
      { kind: 'burnRate', name: '14.4x 1h/5m', long: 60, short: 5, burnRate: 14.4, severity: 'page' },
    ]);
  });

  it('reads its own output back unchanged', () => {
    const once = validAfter(withPolicy({
      budget: [{ below: 25, deployFactor: 0, state: 'freeze' }, { below: 50, deployFactor: 0.5, state: 'caution' }],
      alerts: [page('1h', '5m', 14.4), { consumed: 50, severity: 'ticket', name: 'half gone' }],
      detectByAlerts: true,
    }));
    expect(expectOk(parseScenarioObject(structuredClone(once))).policy).toEqual(once.policy);
  });

  it('passes traceability keys through on the policy, thresholds and rules', () => {
    const trace = { source: 'seed §4', assumed: true, reason: 'workbook defaults' };
    const s = validAfter(withPolicy({
      budget: [{ below: 50, deployFactor: 0.5, state: 'caution', ...trace }],
      alerts: [{ ...page('1h', '5m', 14.4), ...trace }, { consumed: 50, severity: 'ticket', ...trace }],
      ...trace,
    }));
    expect(s.policy).toMatchObject(trace);
    expect(s.policy.budget[0]).toMatchObject(trace);
    expect(s.policy.alerts[0]).toMatchObject(trace);
    expect(s.policy.alerts[1]).toMatchObject(trace);
  });
});

describe('budget thresholds', () => {
  it.each([
    ['below', { below: -1, deployFactor: 0.5, state: 'caution' }, 'must be a number between 0 and 100, got -1'],
    ['below', { below: 100.5, deployFactor: 0.5, state: 'caution' }, 'must be a number between 0 and 100, got 100.5'],
    ['below', { below: '50%', deployFactor: 0.5, state: 'caution' }, "must be a number, got '50%'"],
    ['deployFactor', { below: 50, deployFactor: 1.5, state: 'caution' }, 'must be a number between 0 and 1, got 1.5'],
    ['deployFactor', { below: 50, deployFactor: -0.1, state: 'caution' }, 'must be a number between 0 and 1, got -0.1'],
    ['state', { below: 50, deployFactor: 0.5, state: 'normal' }, "must not be 'normal', the state above every threshold; give this state another name"],
    ['state', { below: 50, deployFactor: 0.5, state: 'code red' }, "must be an id of letters, digits, '.', '_', ':' or '-' that starts with a letter or digit (at most 100 characters), got 'code red'"],
    ['state', { below: 50, deployFactor: 0.5 }, 'is required'],
  ])('rejects a threshold with a bad %s', (key, threshold, message) => {
    expect(issuesAfter(withBudget(threshold))).toEqual([`policy.budget[0].${key}: ${message}`]);
  });

  it('accepts the ends of each range', () => {
    const s = validAfter(withBudget({ below: 100, deployFactor: 1, state: 'watch' }, { below: 1e-9, deployFactor: 0, state: 'freeze' }));
    expect(s.policy.budget.map((t) => t.below)).toEqual([100, 1e-9]);
  });

  it('rejects two thresholds with the same state or the same below, naming the first', () => {
    expect(issuesAfter(withBudget(
      { below: 50, deployFactor: 0.5, state: 'caution' },
      { below: 25, deployFactor: 0, state: 'caution' },
    ))).toEqual(["policy.budget[1].state: duplicate state 'caution' (budget[0] has it too)"]);
    expect(issuesAfter(withBudget(
      { below: 50, deployFactor: 0.5, state: 'caution' },
      { below: 25, deployFactor: 0, state: 'freeze' },
      { below: 50, deployFactor: 0.2, state: 'slow' },
    ))).toEqual(['policy.budget[2].below: duplicate threshold below 50 (budget[0] has it too)']);
  });

  it('still finds duplicates when another threshold is broken', () => {
    expect(issuesAfter(withBudget(
      { below: 50, deployFactor: 0.5, state: 'caution' },
      { below: 200, deployFactor: 0, state: 'freeze' },
      { below: 10, deployFactor: 0, state: 'caution' },
    ))).toEqual([
      'policy.budget[1].below: must be a number between 0 and 100, got 200',
      "policy.budget[2].state: duplicate state 'caution' (budget[0] has it too)",
    ]);
  });

  it('guesses a misspelt key', () => {
    expect(issuesAfter(withBudget({ below: 50, deployFacter: 0.5, state: 'caution' }))).toEqual([
      'policy.budget[0].deployFactor: is required',
      "policy.budget[0]: unknown key 'deployFacter'; did you mean 'deployFactor'?",
    ]);
  });

  it(`holds at most ${POLICY_LIMITS.budget} thresholds`, () => {
    const many = Array.from({ length: POLICY_LIMITS.budget + 1 }, (_, i) => ({ below: i + 1, deployFactor: 0, state: `s${i}` }));
    expect(issuesAfter(withBudget(...many))).toEqual(['policy.budget: must have at most 100 entries, got 101']);
  });
});

describe('alert rules', () => {
  it('explains a rule that has the keys of neither kind, or of both', () => {
    expect(issuesAfter(withAlerts({ severity: 'page' }))).toEqual(['policy.alerts[0]: an alert rule needs either long/short/burnRate or consumed']);
    expect(issuesAfter(withAlerts({ ...page('1h', '5m', 14.4), consumed: 50 }))).toEqual([
      'policy.alerts[0]: an alert rule needs either long/short/burnRate or consumed, not both',
    ]);
    expect(issuesAfter(withAlerts('page'))).toEqual([
      "policy.alerts[0]: must be an object (a mapping of keys to values), got 'page'; an alert rule needs either long/short/burnRate or consumed",
    ]);
  });

  it('guesses a misspelt key, whichever kind it was meant for', () => {
    expect(issuesAfter(withAlerts({ consumd: 50, severity: 'ticket' }))).toEqual([
      "policy.alerts[0]: unknown key 'consumd'; did you mean 'consumed'? (an alert rule needs either long/short/burnRate or consumed)",
    ]);
    expect(issuesAfter(withAlerts({ lng: '1h', short: '5m', burnRate: 14.4, severity: 'page' }))).toEqual([
      'policy.alerts[0].long: is required',
      "policy.alerts[0]: unknown key 'lng'; did you mean 'long'?",
    ]);
    expect(issuesAfter(withAlerts({ long: '1h', short: '5m', burnrate: 14.4, sevrity: 'page' }))).toEqual([
      'policy.alerts[0].burnRate: is required',
      'policy.alerts[0].severity: is required',
      "policy.alerts[0]: unknown keys 'burnrate' (did you mean 'burnRate'?), 'sevrity' (did you mean 'severity'?)",
    ]);
  });

  it('accepts the normalised kind and rejects any other', () => {
    const s = validAfter(withAlerts({ kind: 'budgetConsumed', consumed: 50, severity: 'ticket' }));
    expect(s.policy.alerts[0]).toEqual({ kind: 'budgetConsumed', name: '50% consumed', consumed: 50, severity: 'ticket' });
    expect(issuesAfter(withAlerts({ kind: 'burn', consumed: 50, severity: 'ticket' }))).toEqual([
      "policy.alerts[0]: has kind 'burn'; it must be 'burnRate' or 'budgetConsumed'",
    ]);
    expect(issuesAfter(withAlerts({ kind: 'burnRate', consumed: 50, severity: 'ticket' }))).toEqual([
      'policy.alerts[0].long: is required',
      'policy.alerts[0].short: is required',
      'policy.alerts[0].burnRate: is required',
      "policy.alerts[0]: unknown key 'consumed'",
    ]);
  });

  it('rejects a short window that is not shorter than the long one', () => {
    expect(issuesAfter(withAlerts(page('1h', '1h', 14.4)))).toEqual(['policy.alerts[0].short: must be shorter than long (1h), got 1h']);
    expect(issuesAfter(withAlerts(page('5m', '1h', 14.4)))).toEqual(['policy.alerts[0].short: must be shorter than long (5m), got 1h']);
    expect(validAfter(withAlerts(page(60, 'PT59M', 14.4))).policy.alerts[0]).toMatchObject({ long: 60, short: 59 });
  });

  it.each([
    ['long', page('367d', '1h', 1), "must be a duration greater than 0 and at most 366d, got '367d'"],
    ['long', page(0, '1h', 1), 'must be a duration greater than 0 and at most 366d, got 0'],
    ['short', page('1h', 0, 1), 'must be a duration greater than 0 and at most 366d, got 0'],
    ['short', page('1h', '5x', 1), "has an unknown unit 'x' (use s, m, h, d or w), got '5x'"],
    ['short', page('1h', '-5m', 1), "must not be negative, got '-5m'"],
    ['burnRate', page('1h', '5m', 0), 'must be a number greater than 0 and at most 1,000,000, got 0'],
    ['burnRate', page('1h', '5m', 1_000_001), 'must be a number greater than 0 and at most 1,000,000, got 1000001'],
    ['burnRate', page('1h', '5m', '14.4x'), "must be a number, got '14.4x'"],
    ['consumed', { consumed: 0, severity: 'ticket' }, 'must be a number greater than 0 and at most 1000, got 0'],
    ['consumed', { consumed: 1000.5, severity: 'ticket' }, 'must be a number greater than 0 and at most 1000, got 1000.5'],
    ['severity', { consumed: 50 }, 'is required'],
    ['severity', { consumed: 50, severity: 'wake me up' }, "must be an id of letters, digits, '.', '_', ':' or '-' that starts with a letter or digit (at most 100 characters), got 'wake me up'"],
    ['name', { consumed: 50, severity: 'ticket', name: '' }, 'must not be empty'],
  ])('rejects a rule with a bad %s', (key, rule, message) => {
    expect(issuesAfter(withAlerts(rule))).toEqual([`policy.alerts[0].${key}: ${message}`]);
  });

  it('accepts the ends of each range', () => {
    const s = validAfter(withAlerts(page('366d', '365d', 1e6), { consumed: 1000, severity: 'ticket' }, page(1, '30s', 1e-6)));
    expect(s.policy.alerts.map((rule) => rule.name)).toEqual(['1,000,000x 366d/365d', '1000% consumed', '0.000001x 1m/30s']);
  });

  it('rejects two rules with the same written name, at the second one’s name', () => {
    expect(issuesAfter(withAlerts({ ...page('1h', '5m', 14.4), name: 'fast' }, { ...page('6h', '30m', 6), name: 'fast' }))).toEqual([
      "policy.alerts[1].name: duplicate alert rule name 'fast' (alerts[0] has it too)",
    ]);
  });

  it('rejects two rules whose default names agree, asking for a name', () => {
    expect(issuesAfter(withAlerts(page('1h', '5m', 14.4), { ...page(60, 5, 14.4), severity: 'ticket' }))).toEqual([
      "policy.alerts[1]: duplicate alert rule name '14.4x 1h/5m' (alerts[0] has it too); give this rule a name",
    ]);
    expect(issuesAfter(withAlerts({ consumed: 50, severity: 'ticket' }, { consumed: 99, severity: 'page', name: '50% consumed' }))).toEqual([
      "policy.alerts[1].name: duplicate alert rule name '50% consumed' (alerts[0] has it too)",
    ]);
  });

  it('tells apart rules that differ only in a name', () => {
    const s = validAfter(withAlerts(page('1h', '5m', 14.4), { ...page('1h', '5m', 14.4), severity: 'ticket', name: 'fast burn ticket' }));
    expect(s.policy.alerts.map((rule) => rule.name)).toEqual(['14.4x 1h/5m', 'fast burn ticket']);
  });

  it(`holds at most ${POLICY_LIMITS.alerts} rules`, () => {
    const many = Array.from({ length: POLICY_LIMITS.alerts + 1 }, (_, i) => ({ consumed: i + 1, severity: 'ticket' }));
    expect(issuesAfter(withAlerts(...many))).toEqual(['policy.alerts: must have at most 100 entries, got 101']);
  });
});

describe('the policy block', () => {
  it('guesses a misspelt key and rejects values of the wrong type', () => {
    expect(issuesAfter(withPolicy({ alert: [], detectByAlert: true }))).toEqual([
      "policy: unknown keys 'alert' (did you mean 'alerts'?), 'detectByAlert' (did you mean 'detectByAlerts'?)",
    ]);
    expect(issuesAfter(withPolicy({ detectByAlerts: 'yes' }))).toEqual(["policy.detectByAlerts: must be true or false, got 'yes'"]);
    expect(issuesAfter(withPolicy({ alerts: { long: '1h' } }))).toEqual(['policy.alerts: must be a list, got an object']);
    expect(issuesAfter(withPolicy(null))).toEqual(['policy: must be an object (a mapping of keys to values), got null']);
  });

  it('reports every problem at once', () => {
    expect(issuesAfter(withPolicy({
      budget: [{ below: 50, deployFactor: 2, state: 'caution' }, { below: 50, deployFactor: 0, state: 'normal' }],
      alerts: [page('5m', '1h', 0), { consumed: 50 }, {}],
      detectByAlerts: 1,
    }))).toEqual([
      'policy.budget[0].deployFactor: must be a number between 0 and 1, got 2',
      "policy.budget[1].state: must not be 'normal', the state above every threshold; give this state another name",
      'policy.budget[1].below: duplicate threshold below 50 (budget[0] has it too)',
      'policy.alerts[0].burnRate: must be a number greater than 0 and at most 1,000,000, got 0',
      'policy.alerts[0].short: must be shorter than long (5m), got 1h',
      'policy.alerts[1].severity: is required',
      'policy.alerts[2]: an alert rule needs either long/short/burnRate or consumed',
      'policy.detectByAlerts: must be true or false, got 1',
    ]);
  });
});

// npm run scenarios:table [-- --trials N] [-- --check] [-- --files a.yaml,b.yaml] [-- --readme FILE]
// Runs each built-in scenario through the built command (dist/cli.mjs) with the seed its file sets, and writes
// one Markdown row per SLO (breach probability over the horizon with its 95 % interval) into README.md between
// <!-- scenarios:table:start --> and <!-- scenarios:table:end -->. The text holds no date, so the same inputs
// give the same table. --check writes nothing and exits 1 when README's table differs from the one it would write.
// Exit codes: 0 done (or up to date), 1 out of date or a run failed, 2 bad usage or README without the markers.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist/cli.mjs');
const START = '<!-- scenarios:table:start -->';
const END = '<!-- scenarios:table:end -->';
const BUILT_IN = ['liquid-edge-lln-kit.yaml', 'lms-backend.yaml', 'mahavishnu.yaml', 'agentmesh-cloud.yaml', 'mlops-platform.yaml'].map((f) => join(root, 'scenarios', f));

function fail(code, message) {
  console.error(`scenarios-table: ${message}`);
  process.exit(code);
}

let values;
try {
  ({ values } = parseArgs({ options: { trials: { type: 'string' }, check: { type: 'boolean' }, files: { type: 'string' }, readme: { type: 'string' } } }));
} catch (error) {
  fail(2, error.message.split('\n')[0]);
}
const trials = values.trials === undefined ? 10000 : Number(values.trials);
if (!Number.isInteger(trials) || trials < 1 || trials > 10_000_000) fail(2, `--trials must be a whole number from 1 to 10,000,000, got '${values.trials}'`);
const files = values.files === undefined ? BUILT_IN : values.files.split(',').filter((f) => f !== '').map((f) => resolve(f));
if (files.length === 0) fail(2, '--files names no file');
const readmePath = resolve(values.readme ?? join(root, 'README.md'));

const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : fail(2, `${readmePath} does not exist`);
const start = readme.indexOf(START);
const end = readme.indexOf(END);
if (start < 0 || end < start) fail(2, `${basename(readmePath)} has no ${START} ... ${END} markers to write the table between`);
for (const file of files) if (!existsSync(file)) fail(2, `${file} does not exist`);
if (!existsSync(cli)) fail(2, 'dist/cli.mjs is missing: run `npm run build:cli` first');

/** The result document of `budgetcast run FILE --trials N` with the file's own seed. */
function run(file, work) {
  const out = join(work, `${basename(file)}.json`);
  try {
    execFileSync(process.execPath, [cli, 'run', file, '--trials', String(trials), '--quiet', '--out', out], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  } catch (error) {
    fail(1, `budgetcast run ${basename(file)} failed: ${(error.stderr || error.message).trim().split('\n')[0]}`);
  }
  return JSON.parse(readFileSync(out, 'utf8'));
}

const percent = (p) => (100 * p).toFixed(1);
const number = (n) => String(n);

/** The SLI as a reader wants it: its kind with its threshold or limit, and the slices it is judged on. */
function sliText(slo, written) {
  let text = slo.sli;
  if (slo.sli === 'latency') text += ` < ${number(slo.thresholdMs)} ms`;
  else if (slo.sli === 'utilization') text += ` ≤ ${number(slo.limit ?? written.limit)} %`;
  else if (slo.sli === 'queueLength' || slo.sli === 'concurrency') text += ` ≤ ${number(slo.limit ?? written.limit)}${(slo.perInstance ?? written.perInstance) ? ' per instance' : ''}`;
  const budgeting = written.budgeting ?? {};
  const slice = (d) => (typeof d === 'number' ? `${d}m` : String(d));
  if (slo.budgeting === 'timeslices') text += `, ${slice(budgeting.timeslices ?? budgeting.sliceMinutes)} slices at ${number(budgeting.sliceTarget)} %`;
  if (slo.budgeting === 'ratioTimeslices') text += `, mean of ${slice(budgeting.ratioTimeslices ?? budgeting.sliceMinutes)} slices`;
  return text;
}

const windowText = (w) => (w.kind === 'rolling' ? `rolling ${w.days} d` : `calendar ${w.unit}`);

/** The Wilson 95 % interval of k successes in n trials. */
function wilson(k, n) {
  if (n === 0) return [0, 1];
  const z = 1.959963984540054;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}

/** The ML platform's targets (DESIGN 3.7) as rows: the probability that the quarter misses each. */
function mlRows(name, ml) {
  const rows = [];
  const row = (what, sli, target, window, meets, n) => {
    const miss = 1 - meets;
    const [lo, hi] = wilson(Math.round(miss * n), n);
    rows.push(`| ${name} | ${what} | ${sli} | ${target} | ${window} | ${percent(miss)} % (${percent(lo)}–${percent(hi)}) |`);
  };
  const n = ml.trials;
  const t = ml.training;
  if (t) {
    row('ml: training GPU utilisation', 'GPU-minutes held by training', `≥ ${number(t.utilizationTarget)} %`, 'horizon', t.utilization.probabilityMeetsTarget, n);
    for (const c of t.classes) {
      row(`ml: ${c.name} success rate`, 'jobs that succeed', `${number(c.successTarget)} %`, 'horizon', c.successRate.probabilityMeetsTarget, n);
      if (c.deadline) row(`ml: ${c.name} deadline`, `jobs done within ${number(c.deadlineMinutes / 60)} h`, `${number(c.deadlineTarget)} %`, 'horizon', c.deadline.probabilityMeetsTarget, n);
    }
  }
  for (const m of ml.serving) row(`ml: ${m.model} latency`, `requests < ${number(m.latencyThresholdMs)} ms`, `${number(m.latencyTarget)} %`, 'horizon', m.probabilityMeetsTarget, n);
  const b = ml.batchInference;
  if (b) row('ml: batch inference wait', `jobs queued ≤ ${number(b.queueWaitTargetSeconds)} s`, `${number(b.waitTarget)} %`, `${number(b.windowMinutes / 1440)} d window`, b.probabilityMeetsTarget, n);
  const f = ml.featureStore;
  if (f) row('ml: feature store latency', 'reads within their target', `${number(f.target)} %`, 'horizon', f.probabilityMeetsTarget, n);
  return rows;
}

/** `1 (a, b), 2 (c)` when the files differ, or the one value they share. */
function shared(pairs, unit) {
  const values = [...new Set(pairs.map(([, v]) => v))];
  if (values.length === 1) return `${values[0]}${unit}`;
  return values.map((v) => `${v}${unit} (${pairs.filter(([, w]) => w === v).map(([name]) => name).join(', ')})`).join(', ');
}

const work = mkdtempSync(join(tmpdir(), 'scenarios-table-'));
let table;
try {
  const rows = ['| scenario | SLO | SLI | target | window | breach probability (95 % interval) |', '|---|---|---|---|---|---|'];
  const seeds = [];
  const horizons = [];
  for (const file of files) {
    const name = basename(file);
    const result = run(file, work);
    const written = parse(readFileSync(file, 'utf8'))?.slos ?? [];
    seeds.push([name, result.seed]);
    horizons.push([name, result.horizonDays]);
    for (const slo of result.slos) {
      const raw = written.find((s) => s.id === slo.id) ?? {};
      const { estimate, ci95 } = slo.breachProbability;
      rows.push(`| ${name} | ${slo.id} | ${sliText(slo, raw)} | ${number(slo.target)} % | ${windowText(slo.window)} | ${percent(estimate)} % (${percent(ci95[0])}–${percent(ci95[1])}) |`);
    }
    if (result.ml) rows.push(...mlRows(name, result.ml));
  }
  const line = `Produced by \`npm run scenarios:table\`: ${trials.toLocaleString('en-US')} trials per scenario, seed ${shared(seeds, '')}, horizon ${shared(horizons, ' days')}; `
    + 'the breach probability is over the whole horizon, with its Wilson 95 % interval; for an ML target (rows `ml:`) it is the probability that the quarter misses it.';
  table = `${line}\n\n${rows.join('\n')}`;
} finally {
  rmSync(work, { recursive: true, force: true });
}

const current = readme.slice(start + START.length, end).trim();
if (values.check) {
  if (current !== table) fail(1, `${basename(readmePath)}: the scenarios table is out of date; run \`npm run scenarios:table\``);
  console.log(`scenarios-table: ${basename(readmePath)} is up to date`);
} else {
  // Read the README again: it may have been edited while the scenarios ran.
  const now = readFileSync(readmePath, 'utf8');
  const from = now.indexOf(START);
  const to = now.indexOf(END);
  if (from < 0 || to < from) fail(2, `${basename(readmePath)} lost its ${START} ... ${END} markers while the scenarios ran`);
  writeFileSync(readmePath, `${now.slice(0, from + START.length)}\n\n${table}\n\n${now.slice(to)}`);
  console.log(`scenarios-table: wrote ${files.length} scenarios, ${table.split('\n').length - 4} rows into ${basename(readmePath)}`);
}

// npm run bench:ab -- REV [--case 10k,policy,noise,ml|FILE.yaml] [--rounds N] [--trials N]: compares the engine of
// the working tree with the engine at git revision REV, in one process, on the bench scenarios (or on any
// scenario file given as a case, such as scenarios/lms-backend.yaml).
//
// On a shared machine the wall time of a command drifts by tens of percent from minute to minute, so two
// commands timed one after the other cannot show a change of a few percent. Here both engines are bundled,
// loaded into one Node process and given the same compiled scenario's trials in alternating rounds of
// `--trials` trials each (CPU time of the thread, after a warm-up), so both see the same machine at almost
// the same moment. Prints one line per case:
//   ab <case> rev=<REV> revMs=<median per trial> headMs=<median per trial> ratio=<median of head/rev> q1=<> q3=<> rounds=<N>
// ratio < 1 means the working tree is faster; q1 and q3 are the quartiles of the per-round ratios.
// Compile time is not included (see npm run bench for whole commands).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BENCH_SCENARIOS } from './bench-scenarios.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { case: { type: 'string', multiple: true }, rounds: { type: 'string', default: '24' }, trials: { type: 'string', default: '200' } },
});
let work = null;
const fail = (message) => {
  console.error(`bench:ab: ${message}`);
  if (work) rmSync(work, { recursive: true, force: true });
  process.exit(2);
};
if (positionals.length !== 1) fail('usage: npm run bench:ab -- REV [--case 10k,policy,noise,ml|FILE.yaml] [--rounds N] [--trials N]');
const rev = positionals[0];
const rounds = Number(values.rounds);
const trials = Number(values.trials);
if (!Number.isInteger(rounds) || rounds < 3) fail(`--rounds must be an integer of at least 3, got ${values.rounds}`);
if (!Number.isInteger(trials) || trials < 1) fail(`--trials must be a positive integer, got ${values.trials}`);
const cases = (values.case ?? ['10k']).flatMap((c) => c.split(','));
const isFile = (c) => /\.(ya?ml|json)$/i.test(c);
for (const c of cases) if (!(c in BENCH_SCENARIOS) && !isFile(c)) fail(`unknown case ${c} (cases: ${Object.keys(BENCH_SCENARIOS).join(', ')}, or a scenario file)`);
for (const c of cases) if (isFile(c) && !existsSync(c)) fail(`no scenario file ${c}`);

work = mkdtempSync(join(tmpdir(), 'budgetcast-ab-'));
try {
  // The revision's sources, without a worktree: git archive into a scratch directory.
  const revDir = join(work, 'rev');
  try {
    execFileSync('sh', ['-c', `mkdir -p "${revDir}" && git -C "${root}" archive "$0" simulation | tar -x -C "${revDir}"`, rev], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    fail(`cannot read revision ${rev}: ${String(error.stderr ?? error).trim().split('\n')[0]}`);
  }
  const engines = { rev: await bundle(revDir, join(work, 'rev.cjs')), head: await bundle(root, join(work, 'head.cjs')) };
  for (const c of cases) {
    const file = isFile(c) ? resolve(c) : join(root, BENCH_SCENARIOS[c]);
    const name = isFile(c) ? basename(c, extname(c)) : c;
    const run = { rev: engines.rev.setup(file), head: engines.head.setup(file) };
    // Warm-up: both engines compiled by V8 before anything is timed.
    run.rev(0, 2 * trials);
    run.head(0, 2 * trials);
    const ms = { rev: [], head: [] };
    const ratio = [];
    let from = 2 * trials;
    for (let r = 0; r < rounds; r++) {
      // Alternate which engine goes first, so neither always follows the other.
      const order = r % 2 === 0 ? ['rev', 'head'] : ['head', 'rev'];
      for (const which of order) ms[which].push(run[which](from, trials));
      ratio.push(ms.head[r] / ms.rev[r]);
      from += trials;
    }
    console.log(
      `ab ${name} rev=${rev} revMs=${quantile(ms.rev, 0.5).toFixed(4)} headMs=${quantile(ms.head, 0.5).toFixed(4)} ` +
        `ratio=${quantile(ratio, 0.5).toFixed(3)} q1=${quantile(ratio, 0.25).toFixed(3)} q3=${quantile(ratio, 0.75).toFixed(3)} rounds=${rounds}`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Bundles one source tree's engine behind setup(file) -> (from, n) -> CPU ms per trial, and loads it. */
async function bundle(tree, outfile) {
  const entry = `
    import { readFileSync } from 'node:fs';
    import { compileScenario, createAccumulator, runTrials } from './simulation/run/engine';
    import { parseScenarioText } from './simulation/scenario';
    export function setup(file) {
      const parsed = parseScenarioText(readFileSync(file, 'utf8'), file);
      if (!parsed.ok) throw new Error(file + ': not a valid scenario for this engine');
      const compiled = compileScenario(parsed.scenario);
      const acc = createAccumulator(compiled);
      return (from, n) => {
        const t = process.cpuUsage().user;
        runTrials(compiled, from, from + n, acc);
        return (process.cpuUsage().user - t) / 1000 / n;
      };
    }`;
  await build({
    stdin: { contents: entry, resolveDir: tree, loader: 'ts' },
    nodePaths: [join(root, 'node_modules')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}

/** The q-quantile of a list (linear interpolation between order statistics). */
function quantile(values, q) {
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const i = Math.floor(pos);
  return i + 1 < s.length ? s[i] + (pos - i) * (s[i + 1] - s[i]) : s[i];
}

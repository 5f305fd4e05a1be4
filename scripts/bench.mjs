// npm run bench [-- --quick] [-- --case 10k|1m|policy|noise|ml] [-- --workers W] [-- --scenario FILE] [-- --builtins]:
// times the built CLI on the bench scenarios (scenarios/bench/, or the one --scenario names). --quick skips the
// million-trial case. --builtins times instead 10,000 trials of each built-in scenario (scenarios/*.yaml), which
// DESIGN section 6 holds to the same second as the 10k case.
// Prints one line per case: bench <case> trials=<n> ms=<wall> trialsPerSecond=<x> rssMB=<m>
// ms is the wall time of the whole command (node start to exit), the median of the repeats;
// rssMB is the peak resident memory of the command's process tree (worker threads included).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCH_SCENARIOS } from './bench-scenarios.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist/cli.mjs');
const workDir = join(root, '.bench');
const TIME = '/usr/bin/time';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    case: { type: 'string', multiple: true },
    workers: { type: 'string' },
    scenario: { type: 'string' },
    builtins: { type: 'boolean' },
  },
});
const scenarioFile = (alias) => join(root, BENCH_SCENARIOS[alias]);
const custom = values.scenario ? resolve(values.scenario) : null;
const label = custom ? basename(custom, extname(custom)) : null;

// The core engine (issue 2), the same with budget policy, SLA and 3 alert rules on every SLO (issue 3),
// the same services with traffic noise, which costs per noise block (README, "How the engine stays fast"),
// and the ML platform example (issue 5).
const builtins = () =>
  readdirSync(join(root, 'scenarios'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ name: `${basename(f, '.yaml')}-10k`, alias: basename(f, '.yaml'), trials: 10_000, repeats: 3, file: join(root, 'scenarios', f) }));
const CASES = values.builtins
  ? builtins()
  : custom
  ? [
      { name: `${label}-10k`, alias: '10k', trials: 10_000, repeats: 3, file: custom },
      { name: `${label}-1m`, alias: '1m', trials: 1_000_000, repeats: 1, file: custom },
    ]
  : [
      { name: '5-services-10k', alias: '10k', trials: 10_000, repeats: 3, file: scenarioFile('10k') },
      { name: '5-services-1m', alias: '1m', trials: 1_000_000, repeats: 1, file: scenarioFile('10k') },
      { name: '5-services-policy-10k', alias: 'policy', trials: 10_000, repeats: 3, file: scenarioFile('policy') },
      { name: '5-services-noise-2k', alias: 'noise', trials: 2_000, repeats: 1, file: scenarioFile('noise') },
      { name: 'ml-platform-10k', alias: 'ml', trials: 10_000, repeats: 3, file: scenarioFile('ml') },
    ];
let selected = CASES.filter((c) => !(values.quick && c.trials > 10_000));
if (values.case) {
  const unknown = values.case.filter((name) => !CASES.some((c) => c.name === name || c.alias === name));
  if (unknown.length > 0) {
    console.error(`bench: unknown case ${unknown.join(', ')} (cases: ${CASES.map((c) => `${c.alias} (${c.name})`).join(', ')})`);
    process.exit(2);
  }
  selected = selected.filter((c) => values.case.includes(c.name) || values.case.includes(c.alias));
}

const build = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(1);
mkdirSync(workDir, { recursive: true });

/** Resident memory (kB) of a process and all its descendants, from /proc; 0 once gone. */
function treeRssKb(pid) {
  let total = 0;
  try {
    total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      for (const child of children ? children.split(/\s+/) : []) total += treeRssKb(Number(child));
    }
  } catch {
    // The process ended between two reads.
  }
  return total;
}

/** Runs the CLI once; returns its wall time (ms) and peak RSS of its process tree (MB). */
function runOnce(trials, scenario) {
  const useTime = existsSync(TIME);
  const timeFile = join(workDir, `time-${process.pid}.txt`);
  const args = [cli, 'run', scenario, '--trials', String(trials), '--quiet', '--out', join(workDir, `result-${trials}.json`)];
  if (values.workers) args.push('--workers', values.workers);
  const [command, commandArgs] = useTime ? [TIME, ['-f', '%M', '-o', timeFile, process.execPath, ...args]] : [process.execPath, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    let polledKb = 0;
    const poll = useTime ? undefined : setInterval(() => (polledKb = Math.max(polledKb, treeRssKb(child.pid))), 10);
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - started;
      if (poll) clearInterval(poll);
      if (code !== 0) {
        reject(new Error(`the CLI exited with ${code}: ${stderr.trim()}`));
        return;
      }
      let kb = polledKb;
      if (useTime) {
        // GNU time's %M is the child's ru_maxrss: the node process, worker threads included (they share its memory).
        kb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
        rmSync(timeFile, { force: true });
      }
      resolve({ ms, rssMB: kb / 1024 });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const benchCase of selected) {
  const runs = [];
  for (let i = 0; i < benchCase.repeats; i++) {
    try {
      runs.push(await runOnce(benchCase.trials, benchCase.file));
    } catch (error) {
      console.error(`bench ${benchCase.name}: ${error.message}`);
      process.exit(1);
    }
  }
  const ms = median(runs.map((r) => r.ms));
  const rssMB = Math.max(...runs.map((r) => r.rssMB));
  const rate = benchCase.trials / (ms / 1000);
  console.log(`bench ${benchCase.name} trials=${benchCase.trials} ms=${Math.round(ms)} trialsPerSecond=${Math.round(rate)} rssMB=${Math.round(rssMB)}`);
}

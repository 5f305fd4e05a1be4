// The benchmark scenarios, by the alias of their case in npm run bench (the 1m case runs the 10k one's scenario),
// as paths from the repository root: shared by scripts/bench.mjs and scripts/bench-ab.mjs.
export const BENCH_SCENARIOS = {
  '10k': 'scenarios/bench/bench-5-services.yaml',
  policy: 'scenarios/bench/bench-5-services-policy.yaml',
  noise: 'scenarios/bench/bench-5-services-noise.yaml',
  ml: 'scenarios/examples/ml-platform.yaml',
};

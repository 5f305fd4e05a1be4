/**
 * What the command's bundles carry (scripts/build-cli.mjs): every worker thread
 * loads node-worker.mjs, and every command loads cli.mjs, before any work starts.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ROOT } from './run-cli';

/** The npm packages (with their files) that esbuild puts into the bundle of `entry`. */
async function bundledInputs(entry: string): Promise<string[]> {
  const result = await build({ absWorkingDir: ROOT, entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, metafile: true, logLevel: 'silent' });
  const [output] = Object.values(result.metafile.outputs);
  return Object.keys(output.inputs);
}

describe('command bundles', () => {
  it('the worker thread bundle leaves the scenario parser (zod, yaml) out: workers take a compiled scenario', async () => {
    const inputs = await bundledInputs('simulation/cli/node-worker.ts');
    expect(inputs.some((f) => f.includes('simulation/model/trial.ts'))).toBe(true);
    expect(inputs.filter((f) => /node_modules\/(zod|yaml)\//.test(f))).toEqual([]);
  });

  it("the command's bundle takes zod's schema builders only, not its every locale", async () => {
    const inputs = await bundledInputs('simulation/cli/main.ts');
    expect(inputs.some((f) => f.includes('node_modules/zod/v4/core/schemas.js'))).toBe(true);
    expect(inputs.filter((f) => /node_modules\/zod\/v4\/locales\/(?!en\.js)/.test(f))).toEqual([]);
  });
});

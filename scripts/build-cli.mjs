// Bundles the `budgetcast` command: simulation/cli/main.ts -> dist/cli.mjs and its worker thread -> dist/node-worker.mjs.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();

await build({
  absWorkingDir: root,
  entryPoints: {
    cli: 'simulation/cli/main.ts',
    'node-worker': 'simulation/cli/node-worker.ts',
  },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  // Bundled CommonJS dependencies may call require(); give them one in ESM.
  banner: { js: "import { createRequire as __bcCreateRequire } from 'node:module'; const require = __bcCreateRequire(import.meta.url);" },
});

console.log(`build-cli: dist/cli.mjs, dist/node-worker.mjs (${Date.now() - started} ms)`);

// Builds the desktop app: the renderer with Vite -> dist/renderer, the Electron main process and preload with esbuild -> dist/electron.
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();

await vite({ root: `${root}renderer`, configFile: `${root}vite.config.ts`, logLevel: 'warn' });
await esbuild({
  absWorkingDir: root,
  entryPoints: { main: 'electron/main.ts', preload: 'electron/preload.ts' },
  outdir: 'dist/electron',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  sourcemap: 'linked',
  logLevel: 'warning',
});

console.log(`build-app: dist/renderer, dist/electron (${Date.now() - started} ms)`);

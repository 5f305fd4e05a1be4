// npm start: builds the app and opens it in Electron; where the Electron binary cannot be obtained,
// says so in one line and serves the same app on a localhost URL instead.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { serveDirectory } from './serve-static.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = spawnSync(process.execPath, [join(root, 'scripts/build-app.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(1);

// require('electron') from Node gives the binary's path, fetching it on first use; it throws when that fails.
const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: root, encoding: 'utf8', timeout: 180_000 });
const electronPath = probe.status === 0 ? probe.stdout.trim() : null;

if (electronPath) {
  const child = spawn(electronPath, [join(root, 'dist/electron/main.cjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const port = Number(process.env.PORT ?? 5173);
  const { url } = await serveDirectory(join(root, 'dist/renderer'), port).catch(() => serveDirectory(join(root, 'dist/renderer'), 0));
  console.log(`budgetcast: the Electron binary could not be obtained here, so the app is served at ${url} instead (Ctrl+C stops it)`);
}

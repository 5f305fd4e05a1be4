// npm run security: @doyensec/electronegativity (DESIGN 8) over the Electron sources; fails on any finding
// of medium severity or above. Its command line does not work with the commander it gets installed with, so
// this calls its runner directly, with the Electron version pinned (it cannot look releases up offline).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity/dist/runner.js');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const quiet = console.log;
console.log = () => undefined;
let result;
try {
  result = await run({
    input: join(root, 'electron'), output: undefined, isSarif: false, customScan: [], excludeFromScan: [], severitySet: undefined, confidenceSet: undefined,
    isRelative: true, isVerbose: false, electronUpgrade: undefined, electronVersionOverride: electronVersion, parserPlugins: [],
  }, false);
} finally {
  console.log = quiet;
}
const findings = result.issues ?? [];
const serious = findings.filter((f) => ['HIGH', 'MEDIUM', 'CRITICAL'].includes(String(f.severity?.name ?? f.severity).toUpperCase()));
for (const f of findings) {
  const where = f.file === 'N/A' ? '' : ` ${f.file}:${f.location?.line ?? 0}`;
  console.log(`electronegativity: ${String(f.severity?.name ?? f.severity).toLowerCase()} ${f.id}${where}: ${f.description}`);
}
console.log(`electronegativity: ${findings.length} findings, ${serious.length} of medium severity or above (Electron ${electronVersion})`);
process.exit(serious.length > 0 ? 1 : 0);

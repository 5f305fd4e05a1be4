#!/usr/bin/env node
// The `budgetcast` command: runs the bundle that `npm install` (prepare) or `npm run build:cli` builds into dist/.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(bundle)) {
  console.error('budgetcast: the command is not built yet (dist/cli.mjs is missing): run `npm install` or `npm run build:cli` in the budgetcast folder');
  process.exit(1);
}
await import(bundle.href);

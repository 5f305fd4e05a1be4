/**
 * The real Electron app, started from the built main process. The Electron
 * binary is fetched on first use and cannot be on the offline build machines:
 * there this test reports itself skipped, saying so.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: root, encoding: 'utf8', timeout: 60_000 });
const electronPath = probe.status === 0 ? probe.stdout.trim() : null;

describe.skipIf(electronPath === null)('the Electron app', () => {
  it('opens one sandboxed window on the home screen with window.budgetcast and nothing of Node', async () => {
    execFileSync(process.execPath, [join(root, 'scripts/build-app.mjs')], { stdio: 'ignore' });
    const app = await electron.launch({ executablePath: electronPath as string, args: [join(root, 'dist/electron/main.cjs'), '--no-sandbox'] });
    try {
      const win = await app.firstWindow();
      await win.waitForSelector('.home');
      expect(await win.title()).toContain('Budgetcast');
      expect(await win.evaluate(() => typeof (window as unknown as { budgetcast?: { host: string } }).budgetcast?.host)).toBe('string');
      expect(await win.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require)).toBe('undefined');
    } finally {
      await app.close();
    }
  });
});

describe.skipIf(electronPath !== null)('the Electron app (skipped)', () => {
  it('skips: the Electron binary could not be obtained on this machine (it is downloaded on first use)', () => {
    expect(electronPath).toBeNull();
  });
});

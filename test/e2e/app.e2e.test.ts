/**
 * End to end: the web build served on localhost, driven by playwright-core in
 * Debian's Chromium. Skips itself, saying so, where /usr/bin/chromium is absent
 * (.ci/run installs it). Screenshots of the home, editor and results screens go
 * to .e2e/ for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDirectory } from '../../scripts/serve-static.mjs';

const CHROMIUM = '/usr/bin/chromium';
const root = fileURLToPath(new URL('../..', import.meta.url));
const shots = join(root, '.e2e');
const haveChromium = existsSync(CHROMIUM);

describe.skipIf(!haveChromium)('the app in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let url: string;
  let page: Page;

  beforeAll(async () => {
    execFileSync(process.execPath, [join(root, 'scripts/build-app.mjs')], { stdio: 'ignore' });
    ({ server, url } = await serveDirectory(join(root, 'dist/renderer')));
    mkdirSync(shots, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1300, height: 900 }, acceptDownloads: true });
    page.on('dialog', (d) => void d.accept());
    await page.goto(url);
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('shows the five built-in scenarios on the home screen', async () => {
    await page.waitForSelector('.home');
    for (const f of ['agentmesh-cloud', 'liquid-edge-lln-kit', 'lms-backend', 'mahavishnu', 'mlops-platform']) {
      expect(await page.locator(`[data-testid="builtin-${f}.yaml"]`).count()).toBe(1);
    }
    await page.screenshot({ path: join(shots, 'home.png') });
  });

  it('opens a scenario, shows a bad target at its field, and accepts a good one', async () => {
    await page.click('[data-testid="builtin-agentmesh-cloud.yaml"]');
    const target = page.locator('[data-testid="slo-target-api-success-rate"]');
    await target.fill('150');
    await expect.poll(() => page.locator('.field.invalid .message').first().textContent()).toContain('must be a number');
    expect(await page.locator('[data-testid="run"]').isDisabled()).toBe(true);
    await target.fill('99.5');
    await page.waitForSelector('[data-testid="valid"]');
    expect(await page.locator('[data-testid="yaml"]').inputValue()).toContain('99.5');
    await page.screenshot({ path: join(shots, 'editor.png') });
  });

  it('runs, fills in the charts as batches arrive, and finishes', async () => {
    await page.click('[data-testid="run"]');
    await page.waitForSelector('.slo-card .fan-chart', { timeout: 60_000 });
    await page.waitForSelector('[data-status="done"]', { timeout: 300_000 });
    expect(await page.locator('.slo-card').count()).toBe(5);
    expect(await page.locator('[data-testid="summary"] tbody tr').count()).toBe(5);
    await page.screenshot({ path: join(shots, 'results.png') });
  });

  it('gives the same result as the command, to the last digit, timing aside', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+e')]);
    const appResult = join(shots, 'app-result.json');
    await download.saveAs(appResult);
    await page.click('text=Editor');
    const scenarioFile = join(shots, 'app-scenario.yaml');
    writeFileSync(scenarioFile, await page.locator('[data-testid="yaml"]').inputValue());
    const cliResult = join(shots, 'cli-result.json');
    execFileSync(process.execPath, [join(root, 'dist/cli.mjs'), 'run', scenarioFile, '--quiet', '--out', cliResult]);
    const strip = (file: string) => {
      const doc = JSON.parse(readFileSync(file, 'utf8')) as { timing?: unknown };
      delete doc.timing;
      return JSON.stringify(doc);
    };
    expect(strip(appResult)).toBe(strip(cliResult));
    await page.click('text=Results');
  });

  it('cancels a long run with Esc and stays usable', async () => {
    await page.keyboard.press('Control+r');
    await page.waitForSelector('[data-status="running"]');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-status="cancelled"]', { timeout: 5_000 });
    await page.click('text=Home');
    await page.waitForSelector('.home');
  });

  it('saves through the browser bridge and reopens the saved file', async () => {
    await page.click('[data-testid="builtin-lms-backend.yaml"]');
    await page.locator('[data-testid="yaml"]').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
    const saved = join(shots, download.suggestedFilename());
    await download.saveAs(saved);
    expect(readFileSync(saved, 'utf8')).toContain('apiVersion: budgetcast/v1');
    await page.click('text=Home');
    const chooser = page.waitForEvent('filechooser');
    await page.click('text=Open…');
    await (await chooser).setFiles(saved);
    await page.waitForSelector('[data-testid="valid"]');
    expect(await page.locator('[data-testid="yaml"]').inputValue()).toBe(readFileSync(saved, 'utf8'));
  });
});

describe.skipIf(haveChromium)('the app in Chromium (skipped)', () => {
  it(`skips: ${CHROMIUM} is not installed here (.ci/run installs Debian's chromium)`, () => {
    expect(haveChromium).toBe(false);
  });
});

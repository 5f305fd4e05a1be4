/* global window, document, performance, PerformanceObserver, MutationObserver, KeyboardEvent -- page.evaluate bodies run in the browser */
// npm run bench:ui: the app's responsiveness, measured in Debian's Chromium on the web build (DESIGN 6; never a timed test).
// Prints one line per figure:
//   bench-ui first-chart scenario=mahavishnu trials=2000 cold|warm=yes ms=<Run click to first fan chart>
//     (cold: Run at once after opening; warm: Run after 2.5 s, the workers having compiled the scenario meanwhile)
//   bench-ui long-tasks scenario=<s> trials=<n> maxMs=<longest main-thread task> over50=<count> runMs=<run wall time>
//   bench-ui cancel ms=<Esc to workers gone and the UI showing it>
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { serveDirectory } from './serve-static.mjs';

const CHROMIUM = '/usr/bin/chromium';
const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { 'long-trials': { type: 'string' }, 'long-scenario': { type: 'string' } } });
const longTrials = Number(values['long-trials'] ?? 100_000);
const longScenario = values['long-scenario'] ?? 'agentmesh-cloud';

if (!existsSync(CHROMIUM)) {
  console.error(`bench-ui: ${CHROMIUM} is not installed (apt-get install -y chromium)`);
  process.exit(2);
}
const built = spawnSync(process.execPath, [join(root, 'scripts/build-app.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
if (built.status !== 0) process.exit(1);
const { server, url } = await serveDirectory(join(root, 'dist/renderer'));
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** Opens a built-in scenario with its trial count set, ready to run; long tasks are recorded from here on. */
async function open(name, trials) {
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  page.on('dialog', (d) => void d.accept());
  await page.goto(url);
  await page.click(`[data-testid="builtin-${name}.yaml"]`);
  await page.fill('[data-testid="sim-trials"]', String(trials));
  await page.waitForSelector('[data-testid="valid"]');
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  return page;
}

/**
 * Milliseconds, measured in the page, from an action (`run`: click Run; `escape`: press Esc) until `selector`
 * matches: a MutationObserver sees the DOM change in the frame it happens.
 */
function msUntil(page, action, selector) {
  return page.evaluate(([act, sel]) => new Promise((resolve) => {
    const t0 = performance.now();
    const seen = new MutationObserver(() => {
      if (document.querySelector(sel)) {
        seen.disconnect();
        resolve(performance.now() - t0);
      }
    });
    seen.observe(document.body, { attributes: true, childList: true, subtree: true });
    if (act === 'run') document.querySelector('[data-testid="run"]').click();
    else window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
  }), [action, selector]);
}

try {
  for (const warm of [false, true]) {
    const page = await open('mahavishnu', 2000);
    // warm: as a user reads the scenario before Run, the workers compile it in the background (renderer/src/actions.ts keepWarm).
    if (warm) await page.waitForTimeout(2500);
    const ms = await msUntil(page, 'run', '.slo-card .fan-chart');
    console.log(`bench-ui first-chart scenario=mahavishnu trials=2000 ${warm ? 'warm' : 'cold'}=yes ms=${Math.round(ms)}`);
    await page.close();
  }
  {
    const page = await open(longScenario, longTrials);
    const started = Date.now();
    await page.click('[data-testid="run"]');
    await page.waitForSelector('[data-status="done"]', { timeout: 3_600_000 });
    const runMs = Date.now() - started;
    const tasks = await page.evaluate(() => window.__longTasks);
    const max = tasks.length > 0 ? Math.max(...tasks) : 0;
    console.log(`bench-ui long-tasks scenario=${longScenario} trials=${longTrials} maxMs=${Math.round(max)} over50=${tasks.filter((d) => d > 50).length} runMs=${runMs}`);
    await page.close();
  }
  {
    const page = await open(longScenario, longTrials);
    await page.click('[data-testid="run"]');
    await page.waitForSelector('.slo-card', { timeout: 60_000 });
    const ms = await msUntil(page, 'escape', '[data-status="cancelled"]');
    console.log(`bench-ui cancel ms=${Math.round(ms)}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}

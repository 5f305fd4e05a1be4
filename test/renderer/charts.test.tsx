// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AttainmentChart } from '../../renderer/src/charts/attainment-chart';
import { ExhaustionChart } from '../../renderer/src/charts/exhaustion-chart';
import { FanChart } from '../../renderer/src/charts/fan-chart';
import { IntervalBar } from '../../renderer/src/charts/interval-bar';

afterEach(cleanup);

/** Compares a chart's SVG with its golden file; UPDATE_GOLDEN=1 rewrites the file (then read the diff before committing). */
function matchesGolden(name: string, svg: string): void {
  const file = resolve('test/renderer/golden', `${name}.svg`);
  const pretty = svg.replace(/></g, '>\n<');
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, `${pretty}\n`);
  if (!existsSync(file)) throw new Error(`${file} is missing: run with UPDATE_GOLDEN=1, look at it, and commit it`);
  expect(pretty).toBe(readFileSync(file, 'utf8').trimEnd());
}

const series = {
  day: [0, 1, 2, 3, 4],
  mean: [0.9, 0.8, 0.7, 0.6, 0.5],
  p5: [0.7, 0.5, 0.3, 0.1, -0.1],
  p25: [0.85, 0.7, 0.55, 0.4, 0.25],
  p50: [0.9, 0.8, 0.7, 0.6, 0.5],
  p75: [0.95, 0.9, 0.85, 0.8, 0.75],
  p95: [1, 1, 0.98, 0.96, 0.94],
};

describe('charts against golden SVG', () => {
  it('draws the budget fan: bands, median, thresholds and today', () => {
    const { container } = render(<FanChart series={series} thresholds={[{ below: 50, state: 'caution' }, { below: 25, state: 'freeze' }]} title="api budget" />);
    const svg = container.querySelector('svg') as SVGSVGElement;
    expect(svg.querySelectorAll('.band').length).toBe(2);
    expect(svg.querySelectorAll('.threshold').length).toBe(2);
    // The median passes through (day 2, 70 %): x = 52 + 2/4 x 492 = 298, y = 186 - (0.7 + 0.1) / 1.1 x 174 = 59.455 on a [-0.1, 1] scale.
    expect(svg.querySelector('.median')?.getAttribute('d')).toContain('M52,27.818L175,43.636L298,59.455');
    matchesGolden('fan-chart', svg.outerHTML);
  });

  it('draws a probability with its interval', () => {
    const { container } = render(<IntervalBar value={{ estimate: 0.25, ci95: [0.2, 0.3] }} />);
    expect(container.querySelector('svg')?.getAttribute('aria-label')).toBe('25.0 % (95 % interval 20.0 % – 30.0 %)');
    matchesGolden('interval-bar', (container.querySelector('svg') as SVGSVGElement).outerHTML);
  });

  it('draws exhaustion by day as bars, one per day with a chance', () => {
    const { container } = render(<ExhaustionChart byDay={[0, 0.25, 0, 0, 0.125]} title="api" />);
    expect(container.querySelectorAll('rect.bar').length).toBe(2);
    matchesGolden('exhaustion-chart', (container.querySelector('svg') as SVGSVGElement).outerHTML);
  });

  it('draws attainment against its target', () => {
    const { container } = render(<AttainmentChart spread={{ mean: 99.9, p5: 99.5, p50: 99.9, p95: 99.99 }} target={99.9} label="api" />);
    expect(container.querySelector('svg')?.getAttribute('aria-label')).toBe('api: median 99.900 %, p5 99.500 %, p95 99.990 %; target 99.9 %');
    matchesGolden('attainment-chart', (container.querySelector('svg') as SVGSVGElement).outerHTML);
  });
});

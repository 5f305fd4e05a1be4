/** Budget burn of one SLO as a fan chart: p5–p95 and p25–p75 bands, the median, policy thresholds and today's line. */
import { area, line, scaleLinear } from 'd3';
import { useState } from 'react';
import type { BudgetSeries } from '../../../simulation/aggregate/result-types';
import { budget } from './format';

export interface FanChartProps {
  series: BudgetSeries;
  /** Policy thresholds: budget remaining (percent) below which a state starts. */
  thresholds: { below: number; state: string }[];
  width?: number;
  height?: number;
  title: string;
}

const M = { top: 12, right: 16, bottom: 34, left: 52 };

export function FanChart({ series, thresholds, width = 560, height = 220, title }: FanChartProps) {
  const [hover, setHover] = useState<number | null>(null);
  const n = series.day.length;
  const lo = Math.min(0, ...series.p5.filter(Number.isFinite));
  const x = scaleLinear().domain([0, Math.max(1, n - 1)]).range([M.left, width - M.right]);
  const y = scaleLinear().domain([Math.max(-1, lo), 1]).nice().range([height - M.bottom, M.top]).clamp(true);
  const band = (a: number[], b: number[]) => area<number>().x((_, i) => x(i)).y0((_, i) => y(a[i])).y1((_, i) => y(b[i]))(a.map((_, i) => i)) ?? '';
  const median = line<number>().x((_, i) => x(i)).y((v) => y(v))(series.p50) ?? '';
  const xTicks = x.ticks(Math.min(9, n));
  const yTicks = y.ticks(5);
  const at = hover === null ? null : Math.max(0, Math.min(n - 1, hover));
  return (
    <svg className="chart fan-chart" role="img" aria-label={`${title}: budget remaining by day`} viewBox={`0 0 ${width} ${height}`} width={width} height={height}
      onMouseMove={(e) => {
        const box = e.currentTarget.getBoundingClientRect();
        const px = ((e.clientX - box.left) / box.width) * width;
        setHover(Math.round(x.invert(px)));
      }}
      onMouseLeave={() => setHover(null)}>
      <title>{title}</title>
      {yTicks.map((t) => (
        <g key={`y${t}`} className="tick">
          <line x1={M.left} x2={width - M.right} y1={y(t)} y2={y(t)} className="grid" />
          <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end">{`${Math.round(100 * t)}%`}</text>
        </g>
      ))}
      {xTicks.map((t) => (
        <text key={`x${t}`} className="tick" x={x(t)} y={height - M.bottom + 16} textAnchor="middle">{series.day[t] ?? t}</text>
      ))}
      <text className="axis-label" x={(M.left + width - M.right) / 2} y={height - 4} textAnchor="middle">day of the horizon</text>
      <text className="axis-label" transform={`translate(12 ${(M.top + height - M.bottom) / 2}) rotate(-90)`} textAnchor="middle">budget remaining</text>
      <line className="zero" x1={M.left} x2={width - M.right} y1={y(0)} y2={y(0)} />
      {thresholds.map((t) => (
        <g key={t.state} className="threshold">
          <line x1={M.left} x2={width - M.right} y1={y(t.below / 100)} y2={y(t.below / 100)} />
          <text x={width - M.right - 4} y={y(t.below / 100) - 4} textAnchor="end">{`${t.state} below ${t.below}%`}</text>
        </g>
      ))}
      <path className="band outer" d={band(series.p5, series.p95)} />
      <path className="band inner" d={band(series.p25, series.p75)} />
      <path className="median" d={median} fill="none" />
      <line className="today" x1={x(0)} x2={x(0)} y1={M.top} y2={height - M.bottom}><title>today: the start of the horizon</title></line>
      {at !== null && (
        <g className="hover" pointerEvents="none">
          <line x1={x(at)} x2={x(at)} y1={M.top} y2={height - M.bottom} />
          <text x={x(at) + (at > n / 2 ? -6 : 6)} y={M.top + 10} textAnchor={at > n / 2 ? 'end' : 'start'}>
            {`day ${series.day[at]}: median ${budget(series.p50[at])}, p5 ${budget(series.p5[at])}, p95 ${budget(series.p95[at])}`}
          </text>
        </g>
      )}
    </svg>
  );
}

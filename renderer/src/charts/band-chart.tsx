/** A series across days drawn as a fan: p5–p95 and p25–p75 bands and the median, with reference lines and a hover readout. */
import { area, line, scaleLinear } from 'd3';
import { useState } from 'react';

export interface Bands {
  day: number[];
  p5: number[];
  p25: number[];
  p50: number[];
  p75: number[];
  p95: number[];
}

export interface BandChartProps {
  series: Bands;
  /** The y scale's domain before nice(). */
  domain: [number, number];
  /** Readout text of a y value, and tick text unless `tickFormat` is given. */
  format: (v: number) => string;
  tickFormat?: (v: number) => string;
  yLabel: string;
  /** Horizontal reference lines (thresholds, targets). */
  lines: { value: number; label: string; className?: string }[];
  title: string;
  className?: string;
  width?: number;
  height?: number;
}

const M = { top: 12, right: 16, bottom: 34, left: 52 };

export function BandChart({ series, domain, format, tickFormat = format, yLabel, lines, title, className = '', width = 560, height = 220 }: BandChartProps) {
  const [hover, setHover] = useState<number | null>(null);
  const n = series.day.length;
  const x = scaleLinear().domain([0, Math.max(1, n - 1)]).range([M.left, width - M.right]);
  const y = scaleLinear().domain(domain).nice().range([height - M.bottom, M.top]).clamp(true);
  const band = (a: number[], b: number[]) => area<number>().x((_, i) => x(i)).y0((_, i) => y(a[i])).y1((_, i) => y(b[i]))(a.map((_, i) => i)) ?? '';
  const median = line<number>().x((_, i) => x(i)).y((v) => y(v))(series.p50) ?? '';
  const xTicks = x.ticks(Math.min(9, n));
  const at = hover === null ? null : Math.max(0, Math.min(n - 1, hover));
  return (
    <svg className={`chart ${className}`.trim()} role="img" aria-label={`${title}: ${yLabel} by day`} viewBox={`0 0 ${width} ${height}`} width={width} height={height}
      onMouseMove={(e) => {
        const box = e.currentTarget.getBoundingClientRect();
        setHover(Math.round(x.invert(((e.clientX - box.left) / box.width) * width)));
      }}
      onMouseLeave={() => setHover(null)}>
      <title>{title}</title>
      {y.ticks(5).map((t) => (
        <g key={`y${t}`} className="tick">
          <line x1={M.left} x2={width - M.right} y1={y(t)} y2={y(t)} className="grid" />
          <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end">{tickFormat(t)}</text>
        </g>
      ))}
      {xTicks.map((t) => (
        <text key={`x${t}`} className="tick" x={x(t)} y={height - M.bottom + 16} textAnchor="middle">{series.day[t] ?? t}</text>
      ))}
      <text className="axis-label" x={(M.left + width - M.right) / 2} y={height - 4} textAnchor="middle">day of the horizon</text>
      <text className="axis-label" transform={`translate(12 ${(M.top + height - M.bottom) / 2}) rotate(-90)`} textAnchor="middle">{yLabel}</text>
      {lines.map((l) => (
        <g key={l.label} className={l.className ?? 'threshold'}>
          <line x1={M.left} x2={width - M.right} y1={y(l.value)} y2={y(l.value)} />
          <text x={width - M.right - 4} y={y(l.value) - 4} textAnchor="end">{l.label}</text>
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
            {`day ${series.day[at]}: median ${format(series.p50[at])}, p5 ${format(series.p5[at])}, p95 ${format(series.p95[at])}`}
          </text>
        </g>
      )}
    </svg>
  );
}

/** When the budget runs out: the probability of a first exhaustion on each day of the horizon, as bars. */
import { max, scaleBand, scaleLinear } from 'd3';
import { percent } from './format';

export function ExhaustionChart({ byDay, title, width = 560, height = 120 }: { byDay: number[]; title: string; width?: number; height?: number }) {
  const M = { top: 8, right: 16, bottom: 30, left: 52 };
  const days = byDay.map((_, i) => i);
  const x = scaleBand<number>().domain(days).range([M.left, width - M.right]).paddingInner(0.15);
  const top = max(byDay) ?? 0;
  const y = scaleLinear().domain([0, top > 0 ? top : 0.01]).nice(3).range([height - M.bottom, M.top]);
  const ticks = days.filter((d) => d % Math.max(1, Math.ceil(days.length / 9)) === 0);
  return (
    <svg className="chart exhaustion-chart" role="img" aria-label={`${title}: probability of running out of budget on each day`} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
      <title>{title}</title>
      {y.ticks(3).map((t) => (
        <g key={t} className="tick">
          <line className="grid" x1={M.left} x2={width - M.right} y1={y(t)} y2={y(t)} />
          <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end">{percent(t)}</text>
        </g>
      ))}
      {byDay.map((p, d) => p > 0 && (
        <rect key={d} className="bar" x={x(d)} width={Math.max(1, x.bandwidth())} y={y(p)} height={y(0) - y(p)}>
          <title>{`day ${d}: ${percent(p)} of trials run out of budget that day`}</title>
        </rect>
      ))}
      {ticks.map((d) => <text key={d} className="tick" x={(x(d) ?? 0) + x.bandwidth() / 2} y={height - M.bottom + 14} textAnchor="middle">{d}</text>)}
      <text className="axis-label" x={(M.left + width - M.right) / 2} y={height - 2} textAnchor="middle">day the budget runs out</text>
    </svg>
  );
}

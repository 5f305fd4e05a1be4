/** Jobs completed per week: the mean as bars, the p5–p95 range as whiskers. */
import { max, scaleBand, scaleLinear } from 'd3';

export function WeekBars({ series, title, width = 560, height = 140 }: { series: { week: number[]; mean: number[]; p5: number[]; p95: number[] }; title: string; width?: number; height?: number }) {
  const M = { top: 8, right: 16, bottom: 30, left: 52 };
  const x = scaleBand<number>().domain(series.week).range([M.left, width - M.right]).paddingInner(0.25);
  const y = scaleLinear().domain([0, max(series.p95) || 1]).nice(4).range([height - M.bottom, M.top]);
  return (
    <svg className="chart week-bars" role="img" aria-label={`${title}: jobs completed per week`} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
      <title>{title}</title>
      {y.ticks(4).map((t) => (
        <g key={t} className="tick">
          <line className="grid" x1={M.left} x2={width - M.right} y1={y(t)} y2={y(t)} />
          <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end">{t}</text>
        </g>
      ))}
      {series.week.map((w, i) => {
        const cx = (x(w) ?? 0) + x.bandwidth() / 2;
        return (
          <g key={w}>
            <rect className="bar" x={x(w)} width={x.bandwidth()} y={y(series.mean[i])} height={y(0) - y(series.mean[i])}>
              <title>{`week ${w + 1}: ${series.mean[i].toFixed(1)} jobs on average (p5 ${series.p5[i].toFixed(0)}, p95 ${series.p95[i].toFixed(0)})`}</title>
            </rect>
            <line className="whisker" x1={cx} x2={cx} y1={y(series.p5[i])} y2={y(series.p95[i])} />
            <text className="tick" x={cx} y={height - M.bottom + 14} textAnchor="middle">{w + 1}</text>
          </g>
        );
      })}
      <text className="axis-label" x={(M.left + width - M.right) / 2} y={height - 2} textAnchor="middle">week of the horizon</text>
    </svg>
  );
}

/** An SLI over the horizon against its target: the p5–p95 range across trials, the median, and the target line. */
import { scaleLinear } from 'd3';
import type { Spread } from '../../../simulation/aggregate/result-types';
import { sliPercent } from './format';

export function AttainmentChart({ spread, target, label, width = 260, height = 34 }: { spread: Spread; target: number; label: string; width?: number; height?: number }) {
  const lo = Math.min(spread.p5, target);
  const span = Math.max(100 - lo, 1e-3);
  const x = scaleLinear().domain([Math.max(0, lo - span * 0.15), 100]).range([8, width - 8]).clamp(true);
  const text = `${label}: median ${sliPercent(spread.p50)}, p5 ${sliPercent(spread.p5)}, p95 ${sliPercent(spread.p95)}; target ${target} %`;
  return (
    <svg className="chart attainment-chart" width={width} height={height} role="img" aria-label={text}>
      <title>{text}</title>
      <line className="axis" x1={x.range()[0]} x2={x.range()[1]} y1={14} y2={14} />
      <rect className="range" x={x(spread.p5)} width={Math.max(1, x(spread.p95) - x(spread.p5))} y={9} height={10} rx={2} />
      <circle className="median" cx={x(spread.p50)} cy={14} r={3.5} />
      <line className="target" x1={x(target)} x2={x(target)} y1={3} y2={25} />
      <text x={x(target)} y={height - 1} textAnchor="middle">{`target ${target}%`}</text>
    </svg>
  );
}

/** A probability with its 95 % interval, drawn on a 0–100 % track. */
import { scaleLinear } from 'd3';
import type { Interval } from '../../../simulation/aggregate/result-types';
import { percent } from './format';

export function IntervalBar({ value, width = 160, height = 18 }: { value: Interval; width?: number; height?: number }) {
  const x = scaleLinear().domain([0, 1]).range([2, width - 2]).clamp(true);
  const [lo, hi] = value.ci95;
  const label = `${percent(value.estimate)} (95 % interval ${percent(lo)} – ${percent(hi)})`;
  return (
    <svg className="chart interval-bar" width={width} height={height} role="img" aria-label={label}>
      <title>{label}</title>
      <rect className="track" x={x(0)} y={height / 2 - 3} width={x(1) - x(0)} height={6} rx={3} />
      <rect className="ci" x={x(lo)} y={height / 2 - 5} width={Math.max(1, x(hi) - x(lo))} height={10} rx={2} />
      <line className="estimate" x1={x(value.estimate)} x2={x(value.estimate)} y1={1} y2={height - 1} />
    </svg>
  );
}

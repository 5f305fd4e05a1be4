/** Budget burn of one SLO as a fan chart: p5–p95 and p25–p75 bands, the median, policy thresholds, the zero line and today's line. */
import type { BudgetSeries } from '../../../simulation/aggregate/result-types';
import { BandChart } from './band-chart';
import { budget } from './format';

export interface FanChartProps {
  series: BudgetSeries;
  /** Policy thresholds: budget remaining (percent) below which a state starts. */
  thresholds: { below: number; state: string }[];
  width?: number;
  height?: number;
  title: string;
}

export function FanChart({ series, thresholds, width, height, title }: FanChartProps) {
  const lo = Math.min(0, ...series.p5.filter(Number.isFinite));
  return (
    <BandChart
      series={series}
      domain={[Math.max(-1, lo), 1]}
      format={budget}
      tickFormat={(v) => `${Math.round(100 * v)}%`}
      yLabel="budget remaining"
      lines={[{ value: 0, label: 'exhausted', className: 'zero-line' }, ...thresholds.map((t) => ({ value: t.below / 100, label: `${t.state} below ${t.below}%` }))]}
      title={title}
      className="fan-chart"
      width={width}
      height={height}
    />
  );
}

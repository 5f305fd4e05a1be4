import { detectionMinutes } from '../slo/alert-plan';
import type { CompiledScenario } from './compile';
import type { CompiledService } from './service';
import { goodStep, validStep } from './slo-step';

/**
 * Minutes from an incident's start to the first page of its service's SLOs
 * (DESIGN 3.5, detectByAlerts): the SRE workbook's detection time of each
 * paging burn-rate rule, for the incident's error fraction over the SLO's
 * baseline bad fraction at that moment (state SLOs, which errors do not
 * move, never page for one). Infinity when no rule would page.
 */
export function pageDetection(c: CompiledScenario, svc: CompiledService, start: number, fraction: number): number {
  const tl = c.timeline;
  const k = Math.min(tl.steps - 1, Math.max(0, Math.floor((start - tl.t0) / tl.stepMinutes)));
  let best = Infinity;
  for (const o of svc.slos) {
    const slo = c.slos[o];
    if (o >= c.sloCount || !slo.validCum || slo.stateIndex >= 0) continue;
    const valid = validStep(slo, k);
    const b0 = valid > 0 ? 1 - goodStep(slo, k) / valid : 0;
    const bad = 1 - (1 - b0) * (1 - fraction);
    for (const plan of slo.alerts) {
      const rule = plan.rule;
      if (rule.kind !== 'burnRate' || rule.severity !== 'page' || !plan.watches) continue;
      best = Math.min(best, detectionMinutes(rule, 1 - slo.spec.target / 100, bad, b0));
    }
  }
  return best;
}

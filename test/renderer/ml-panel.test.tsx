// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { MlPanel } from '../../renderer/src/screens/ml-panel';
import { parseScenarioText } from '../../simulation/scenario/parse';
import { simulate } from '../helpers/run';

afterEach(cleanup);

describe('the ML platform panel', () => {
  const read = parseScenarioText(readFileSync('scenarios/examples/ml-platform.yaml', 'utf8'), 'ml-platform.yaml');
  if (!read.ok) throw new Error(read.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  const doc = simulate(read.scenario, 40);

  it('shows training utilisation against its target, each class, serving, batch and the feature store', () => {
    const ml = doc.ml as NonNullable<typeof doc.ml>;
    render(<MlPanel ml={ml} />);
    const panel = screen.getByTestId('ml-panel');
    expect(within(panel).getByRole('img', { name: /training GPU utilisation: utilisation by day/ })).toBeTruthy();
    expect(panel.textContent).toContain(`target ${ml.training?.utilizationTarget} %`);
    for (const c of ml.training?.classes ?? []) {
      const card = screen.getByTestId(`ml-class-${c.name}`);
      expect(within(card).getByRole('img', { name: `${c.name} jobs completed per week: jobs completed per week` })).toBeTruthy();
      expect(card.textContent).toContain(`success target ${c.successTarget} %`);
    }
    for (const m of ml.serving) expect(panel.textContent).toContain(m.model);
    expect(panel.textContent).toContain('Batch inference');
    expect(panel.textContent).toContain('Feature store');
  });
});

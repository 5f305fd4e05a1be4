// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Editor } from '../../renderer/src/screens/editor';
import { useApp } from '../../renderer/src/store/store';

const TEXT = `apiVersion: budgetcast/v1
kind: Scenario
metadata: {name: t}
simulation: {start: 2027-01-01T00:00:00Z, trials: 1000}
services:
  - id: api
    traffic: {rps: 10}
    capacity: {instances: 2, rpsPerInstance: 50}
    failures:
      - {name: outage, perMonth: 0.5, detect: 5, repair: {median: 30, p90: 90}}
slos:
  - {id: a, service: api, sli: availability, target: 99.9, window: {rolling: 30d}}
`;

afterEach(cleanup);
beforeEach(() => useApp.getState().loadScenario({ name: 't.yaml', path: null, text: TEXT }));

describe('the editor', () => {
  it('shows a bad target at its field and keeps the form while the text is invalid', () => {
    render(<Editor />);
    fireEvent.change(screen.getByTestId('slo-target-a'), { target: { value: '100' } });
    expect(screen.getByRole('alert').textContent).toBe('must be a number greater than 0 and less than 100, got 100');
    expect(screen.getByTestId('slo-target-a')).toHaveProperty('value', '100');
    expect(useApp.getState().scenario.parsed).toBeNull();
    fireEvent.change(screen.getByTestId('slo-target-a'), { target: { value: '99.5' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(useApp.getState().scenario.parsed?.slos[0].target).toBe(99.5);
  });

  it('keeps the YAML view in sync with the forms, and the forms with the YAML', () => {
    render(<Editor />);
    fireEvent.change(screen.getByTestId('instances-api'), { target: { value: '3' } });
    expect((screen.getByTestId('yaml') as HTMLTextAreaElement).value).toContain('instances: 3');
    fireEvent.change(screen.getByTestId('yaml'), { target: { value: TEXT.replace('trials: 1000', 'trials: 2500') } });
    expect(screen.getByTestId('sim-trials')).toHaveProperty('value', '2500');
  });

  it('edits a failure\'s rate and each part of its repair-time distribution, and a rolling window', () => {
    render(<Editor />);
    fireEvent.change(screen.getByTestId('repair-api-outage-p90'), { target: { value: '120' } });
    fireEvent.change(screen.getByTestId('detect-api-outage'), { target: { value: '10m' } });
    fireEvent.change(screen.getByTestId('slo-window-a'), { target: { value: '7d' } });
    const s = useApp.getState().scenario.parsed;
    expect(s?.services[0].failures[0].repair).toEqual({ kind: 'lognormal', median: 30, p90: 120 });
    expect(s?.services[0].failures[0].detect).toEqual({ kind: 'constant', value: 10 });
    expect(s?.slos[0].window).toEqual({ kind: 'rolling', days: 7 });
  });
});

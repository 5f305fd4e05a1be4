import { describe, expect, it } from 'vitest';
import { startRun, warmPool } from '../../renderer/src/run/pool';
import { scenario, service, slo } from '../helpers/make-scenario';

/** A stand-in for a module worker that never answers and can be made to fail, as a crashed worker does. */
class FakeWorker {
  readonly listeners = new Map<string, ((event: unknown) => void)[]>();
  terminated = false;
  postMessage(): void {}
  addEventListener(type: string, fn: (event: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  removeEventListener(type: string, fn: (event: unknown) => void): void {
    this.listeners.set(type, (this.listeners.get(type) ?? []).filter((f) => f !== fn));
  }
  terminate(): void {
    this.terminated = true;
  }
  fail(message: string): void {
    for (const fn of this.listeners.get('error') ?? []) fn({ message, preventDefault() {} });
  }
}

const s = scenario([service('api')], [slo('a', 'api')]);

function fakes() {
  const made: FakeWorker[] = [];
  const make = () => {
    const w = new FakeWorker();
    made.push(w);
    return w as unknown as Worker;
  };
  return { made, options: { workers: 2, createWorker: make, createAggregator: make } };
}

describe('the worker pool', () => {
  it('ends a run with the failing worker named, and stops every worker', async () => {
    const { made, options } = fakes();
    const run = startRun(s, { trials: 100, ...options });
    made[1].fail('out of memory');
    await expect(run.done).rejects.toThrow('worker 1 failed: out of memory');
    expect(made.every((w) => w.terminated)).toBe(true);
  });

  it('ends a run on a warm pool whose worker failed before Run, instead of waiting for it for ever', async () => {
    const { made, options } = fakes();
    const warm = warmPool(s, options);
    made[2].fail('it stopped unexpectedly');
    await expect(warm.ready).rejects.toThrow('worker 2 failed');
    const run = startRun(s, { trials: 100, warm, ...options });
    await expect(run.done).rejects.toThrow('worker 2 failed: it stopped unexpectedly');
    expect(made.slice(0, 3).every((w) => w.terminated)).toBe(true);
  });

  it('resolves a cancelled run with null at once and terminates its workers', async () => {
    const { made, options } = fakes();
    const run = startRun(s, { trials: 100, ...options });
    run.cancel();
    await expect(run.done).resolves.toBeNull();
    expect(made.every((w) => w.terminated)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { createProgressBar, formatDuration, formatProgress } from '../../../simulation/cli/progress';

describe('formatProgress', () => {
  it('shows a quarter done at 5,000 trials a second with 15 s to go', () => {
    expect(formatProgress(25_000, 100_000, 5_000, 8)).toBe('[##------] 25,000/100,000 trials  5,000/s  ETA 15s');
  });

  it('shows no rate and no ETA before the first trial', () => {
    expect(formatProgress(0, 1000, 0, 4)).toBe('[----] 0/1,000 trials  0/s  ETA --');
  });

  it('fills the bar when everything is done', () => {
    expect(formatProgress(1000, 1000, 2000, 4)).toBe('[####] 1,000/1,000 trials  500/s  ETA 0s');
  });
});

describe('formatDuration', () => {
  it('writes seconds, minutes and hours', () => {
    expect(formatDuration(59.4)).toBe('59s');
    expect(formatDuration(185)).toBe('3m05s');
    expect(formatDuration(3720)).toBe('1h02m');
  });
});

describe('createProgressBar', () => {
  /** A fake stderr and clock. */
  function fixture() {
    const writes: string[] = [];
    let time = 0;
    return { writes, stream: { isTTY: true, write: (text: string) => writes.push(text) }, now: () => time, advance: (ms: number) => (time += ms) };
  }

  it('redraws at most once per 100 ms, and always at the end', () => {
    const f = fixture();
    const bar = createProgressBar(1000, f.stream, true, f.now);
    for (let done = 10; done < 1000; done += 10) {
      f.advance(10);
      bar.update(done);
    }
    f.advance(10);
    bar.update(1000);
    // 1,000 ms of updates every 10 ms: a draw at 10 ms then every 100 ms (10 draws), plus the final one.
    expect(f.writes.length).toBe(11);
    expect(f.writes.at(-1)).toContain('1,000/1,000 trials');
    bar.finish();
    expect(f.writes.at(-1)).toBe('\r\x1b[K');
  });

  it('draws nothing when disabled (--quiet or stderr not a terminal)', () => {
    const f = fixture();
    const bar = createProgressBar(1000, f.stream, false, f.now);
    bar.update(500);
    bar.finish();
    expect(f.writes).toEqual([]);
  });
});

/** The progress bar on stderr: trials done of total, trials per second and ETA, redrawn at most ten times a second. */

/** Shortest time between two redraws, in milliseconds. */
export const REDRAW_MS = 100;

/** A duration in seconds as `12s`, `3m05s` or `1h02m`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** One line of progress: a bar, trials done/total, trials per second and the time left at that rate. */
export function formatProgress(done: number, total: number, elapsedMs: number, width = 24): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * width);
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const eta = rate > 0 ? formatDuration((total - done) / rate) : '--';
  const count = (n: number): string => Math.round(n).toLocaleString('en-US');
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${count(done)}/${count(total)} trials  ${count(rate)}/s  ETA ${eta}`;
}

/** Where the bar draws: stderr, or anything that looks like it. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressBar {
  /** Reports the trials done so far; redraws if the last redraw is old enough. */
  update(done: number): void;
  /** Erases the bar. */
  finish(): void;
}

/** A progress bar that draws only when `enabled` (stderr is a terminal and not --quiet). */
export function createProgressBar(total: number, stream: ProgressStream, enabled: boolean, now: () => number = Date.now): ProgressBar {
  if (!enabled) return { update: () => undefined, finish: () => undefined };
  const started = now();
  let lastDraw = -Infinity;
  let drawn = false;
  return {
    update(done: number): void {
      const time = now();
      if (time - lastDraw < REDRAW_MS && done < total) return;
      lastDraw = time;
      drawn = true;
      stream.write(`\r${formatProgress(done, total, time - started)}\x1b[K`);
    },
    finish(): void {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}

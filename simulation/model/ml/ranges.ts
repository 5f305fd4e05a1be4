/** Sorted, merged lists of half-open step ranges [start, end), in preallocated typed arrays. */
import { ensureRoom } from '../arrays';

export class RangeList {
  starts: Int32Array;
  ends: Int32Array;
  count = 0;

  constructor(capacity = 16) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  clear(): void {
    this.count = 0;
  }

  /** Adds [start, end) (ignored when empty). */
  add(start: number, end: number): void {
    if (end <= start) return;
    this.starts = ensureRoom(this.starts, this.count + 1);
    this.ends = ensureRoom(this.ends, this.count + 1);
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  /** Adds every range of another list. */
  addAll(other: RangeList): void {
    for (let i = 0; i < other.count; i++) this.add(other.starts[i], other.ends[i]);
  }

  /** Sorts the ranges by start and merges those that overlap or touch; clips them to [lo, hi). */
  normalise(lo: number, hi: number): void {
    const s = this.starts;
    const e = this.ends;
    const n = this.count;
    for (let i = 1; i < n; i++) {
      const a = s[i];
      const b = e[i];
      let j = i - 1;
      while (j >= 0 && (s[j] > a || (s[j] === a && e[j] > b))) {
        s[j + 1] = s[j];
        e[j + 1] = e[j];
        j--;
      }
      s[j + 1] = a;
      e[j + 1] = b;
    }
    let out = 0;
    for (let i = 0; i < n; i++) {
      const a = s[i] < lo ? lo : s[i];
      const b = e[i] > hi ? hi : e[i];
      if (b <= a) continue;
      if (out > 0 && a <= e[out - 1]) {
        if (b > e[out - 1]) e[out - 1] = b;
      } else {
        s[out] = a;
        e[out] = b;
        out++;
      }
    }
    this.count = out;
  }
}

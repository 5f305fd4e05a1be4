import { ensureRoom } from '../arrays';

/**
 * A binary min-heap of events for the ML queues: a time and an integer payload
 * per event, in preallocated typed arrays that grow by doubling (never shrink),
 * so a trial allocates nothing once the heap has reached its working size.
 * Ties in time are broken by the smaller payload, so the order of events is a
 * function of the events alone.
 */
export class EventHeap {
  private times: Float64Array;
  private payloads: Int32Array;
  private n = 0;
  /** Where push() puts its time for pushFrom(). */
  private readonly scratch = new Float64Array(1);

  constructor(capacity = 64) {
    this.times = new Float64Array(capacity);
    this.payloads = new Int32Array(capacity);
  }

  /** Number of events held. */
  get size(): number {
    return this.n;
  }

  /** The earliest event's time (Infinity when empty). */
  get topTime(): number {
    return this.n > 0 ? this.times[0] : Infinity;
  }

  /** The earliest event's payload (undefined behaviour when empty). */
  get topPayload(): number {
    return this.payloads[0];
  }

  clear(): void {
    this.n = 0;
  }

  /** Adds an event. */
  push(time: number, payload: number): void {
    this.scratch[0] = time;
    this.pushFrom(this.scratch, 0, payload);
  }

  /**
   * Adds an event at time at[k]: push(at[k], payload), with the time read here rather than passed in, so
   * that a caller whose call stays out of line need not box it into a heap number.
   */
  pushFrom(at: Float64Array, k: number, payload: number): void {
    const time = at[k];
    if (this.n === this.times.length) this.grow();
    const times = this.times;
    const payloads = this.payloads;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && payloads[parent] <= payload)) break;
      times[i] = pt;
      payloads[i] = payloads[parent];
      i = parent;
    }
    times[i] = time;
    payloads[i] = payload;
  }

  /** Removes the earliest event (read it first with topTime / topPayload). */
  pop(): void {
    const n = --this.n;
    if (n <= 0) return;
    const times = this.times;
    const payloads = this.payloads;
    const time = times[n];
    const payload = payloads[n];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (times[right] < times[child] || (times[right] === times[child] && payloads[right] < payloads[child]))) child = right;
      const ct = times[child];
      if (ct > time || (ct === time && payloads[child] >= payload)) break;
      times[i] = ct;
      payloads[i] = payloads[child];
      i = child;
    }
    times[i] = time;
    payloads[i] = payload;
  }

  private grow(): void {
    this.times = ensureRoom(this.times, this.times.length + 1);
    this.payloads = ensureRoom(this.payloads, this.payloads.length + 1);
  }
}

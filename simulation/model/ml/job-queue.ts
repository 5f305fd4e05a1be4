/**
 * The training queue (DESIGN 3.7): one queue over every class, higher
 * `priority` first, first come first served within a priority. A new job and a
 * retry join the back of their priority's line (their queue time is now, so a
 * FIFO line is ordered by it); a killed job goes to the very front of its line,
 * so jobs killed together restart in the order they had started. One ring
 * buffer per distinct priority, highest first: every operation is O(1).
 */

class Line {
  private buf = new Int32Array(64);
  private first = 0;
  count = 0;

  get front(): number {
    return this.buf[this.first];
  }

  pushBack(job: number): void {
    if (this.count === this.buf.length) this.grow();
    this.buf[(this.first + this.count) & (this.buf.length - 1)] = job;
    this.count++;
  }

  pushFront(job: number): void {
    if (this.count === this.buf.length) this.grow();
    this.first = (this.first - 1) & (this.buf.length - 1);
    this.buf[this.first] = job;
    this.count++;
  }

  popFront(): void {
    this.first = (this.first + 1) & (this.buf.length - 1);
    this.count--;
  }

  clear(): void {
    this.first = 0;
    this.count = 0;
  }

  private grow(): void {
    const size = this.buf.length;
    const next = new Int32Array(size * 2);
    for (let i = 0; i < this.count; i++) next[i] = this.buf[(this.first + i) & (size - 1)];
    this.buf = next;
    this.first = 0;
  }
}

export class JobQueue {
  private readonly lines: Line[];
  /** Line index of each class. */
  private readonly lineOf: Int32Array;
  private n = 0;
  /**
   * The head job (-1 when empty) and its line: the first line holding any job (-1 when empty). The head is kept,
   * not read from its line on each call: the training loop asks for it at every event, and deriving it made the
   * ML benchmark's trials about 2 % slower (bench:ab 1.023, twice).
   */
  private first = -1;
  private firstLine = -1;

  /** A queue for classes with these priorities (class k has priorities[k]). */
  constructor(priorities: ArrayLike<number>) {
    const levels = [...new Set(Array.from(priorities))].sort((a, b) => b - a);
    this.lines = levels.map(() => new Line());
    this.lineOf = Int32Array.from(Array.from(priorities), (p) => levels.indexOf(p));
  }

  get size(): number {
    return this.n;
  }

  /** The job at the head of the queue (-1 when empty). */
  get head(): number {
    return this.first;
  }

  clear(): void {
    for (const line of this.lines) line.clear();
    this.n = 0;
    this.first = -1;
    this.firstLine = -1;
  }

  /** A job of class k joins the back of its priority's line (a new job or a retry). */
  pushBack(job: number, k: number): void {
    const l = this.lineOf[k];
    this.lines[l].pushBack(job);
    this.n++;
    // Behind the head unless its line was empty and comes first.
    if (this.firstLine < 0 || l < this.firstLine) {
      this.firstLine = l;
      this.first = job;
    }
  }

  /** A killed job of class k goes back to the front of its priority's line. */
  pushFront(job: number, k: number): void {
    const l = this.lineOf[k];
    this.lines[l].pushFront(job);
    this.n++;
    if (this.firstLine < 0 || l <= this.firstLine) {
      this.firstLine = l;
      this.first = job;
    }
  }

  /** Removes the head. */
  pop(): void {
    const lines = this.lines;
    let i = this.firstLine;
    lines[i].popFront();
    this.n--;
    if (this.n === 0) {
      this.first = -1;
      this.firstLine = -1;
      return;
    }
    while (lines[i].count === 0) i++;
    this.firstLine = i;
    this.first = lines[i].front;
  }
}

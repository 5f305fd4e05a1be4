/**
 * The shared GPU pool and the training queue (DESIGN 3.7), simulated event by
 * event from empty at ML_WARMUP_DAYS before start to the horizon's end.
 *
 * - Serving takes GPUs first: training may hold at most max(0, up - need) GPUs,
 *   where `need` is serving's GPU need (a step function, see NeedStream).
 * - Jobs queue in one priority queue (JobQueue): higher priority first, then
 *   FIFO. No backfilling: a head job that does not fit blocks the jobs behind it.
 * - A job's attempts are drawn when it arrives: a duration each, and success with
 *   successProbability, until one succeeds or retries + 1 have been made. A failed
 *   attempt with retries left goes to the back of the queue.
 * - GPUs fail as a Poisson process of rate failuresPerGpuDay per up GPU (thinned
 *   from the rate of the whole pool); a failure hits a uniformly random up GPU,
 *   and kills the training job holding it, if any. When training holds more than
 *   serving leaves it (a failure, serving scaling up) the most recently started
 *   jobs are killed. A killed job goes back to the front of its priority's line,
 *   restarts its attempt from the beginning, and uses no retry.
 *
 * A change of serving's need is an event only when it can kill or start a job
 * (need above up - allocated, or low enough for the queue's head to fit); the
 * others pass silently, their GPU-minutes taken from the need stream's integrals.
 */
import { DistSampler } from '../../random/dist';
import { Rng } from '../../random/prng';
import { type CompiledMl, MINUTES_PER_WEEK } from './compile';
import { MINUTES_PER_DAY } from '../timeline';
import { WeeklyArrivals } from './arrivals';
import { EventHeap } from './event-heap';
import { JobQueue } from './job-queue';
import type { NeedStream } from './need-stream';
import { type MlClassOutcome, type MlOutcome } from './outcome';
import { ensureRoom } from '../arrays';
import { ML_STREAMS } from './streams';

const QUEUED = 0;
const RUNNING = 1;
const DONE = 2;
/** Heap payload of a GPU repair (job completions carry the job's index). */
const REPAIR = -1;
/** Available GPU-minutes below this count as none (rounding of the day sums). */
const NO_GPU_MINUTES = 1e-6;

const END = 0;
const HEAP = 1;
const NEED = 2;
const FAIL = 3;
const ARRIVAL = 4;

const TWO_POW_M32 = 1 / 4294967296;

export class TrainingSim {
  /** Continuous intervals of the horizon with fewer GPUs up than both the pool and serving's need. */
  shortStarts: Float64Array = new Float64Array(16);
  shortEnds: Float64Array = new Float64Array(16);
  shortCount = 0;
  /** The up-GPU count from upTimes[i] on (upTimes[0] is the warm-up's start). */
  upTimes: Float64Array = new Float64Array(16);
  upValues = new Int32Array(16);
  upCount = 0;

  private readonly heap = new EventHeap();
  private readonly queue: JobQueue;
  private readonly arrivals: WeeklyArrivals[];
  private readonly durations: DistSampler[];
  private readonly repair: DistSampler | null;
  private readonly arrivalRngs: Rng[];
  private readonly jobRngs: Rng[];
  private readonly gpuRng = new Rng([0]);
  private readonly arrivalStreams: number[];
  private readonly jobStreams: number[];
  private readonly gpuStream = ML_STREAMS.gpuFailures();
  private readonly nextArrival: Float64Array;
  private readonly maxAttempts: number;
  private readonly classGpus: Int32Array;
  private readonly classSuccess: Float64Array;
  private readonly classDeadline: Float64Array;
  private readonly dayUp: Float64Array;
  private readonly dayShort: Float64Array;

  private capacity = 0;
  private jobs = 0;
  private jClass = new Int32Array(0);
  /** GPUs of each job (its class's), read where the queue's head is judged and where a failed GPU's job is found. */
  private jGpus = new Int32Array(0);
  private jArrival = new Float64Array(0);
  private jAttempts = new Int32Array(0);
  private jAttempt = new Int32Array(0);
  private jSuccess = new Uint8Array(0);
  private jState = new Uint8Array(0);
  private jStarted = new Uint8Array(0);
  private jRetried = new Uint8Array(0);
  private jEnd = new Float64Array(0);
  private jDur = new Float64Array(0);
  /** Running jobs in order of start: a doubly linked list through jPrev / jNext (-1 ends it). */
  private jPrev = new Int32Array(0);
  private jNext = new Int32Array(0);
  private oldest = -1;
  private newest = -1;

  private t = 0;
  private up = 0;
  private need = 0;
  private alloc = 0;
  /** Times up to which the up, allocated and shortage GPU-minutes have been added. */
  private upFrom = 0;
  private allocFrom = 0;
  private shortFrom = 0;
  private upMinutes = 0;
  private allocMinutes = 0;
  private shortMinutes = 0;
  private shortGpuMinutes = 0;
  /** The day allocation is being added to, and its end. */
  private allocDay = 0;
  private allocDayEnd = 0;
  private dayAllocated: Float64Array = new Float64Array(0);
  private classOut: MlClassOutcome[] = [];
  private out: MlOutcome | null = null;

  constructor(private readonly c: CompiledMl) {
    const start = c.timeline.startEpochMinutes;
    this.arrivals = c.classes.map((k) => new WeeklyArrivals(k.perDay, k.weekendFactor, start));
    this.durations = c.classes.map((k) => new DistSampler(k.duration));
    this.repair = c.repair ? new DistSampler(c.repair) : null;
    this.arrivalRngs = c.classes.map(() => new Rng([0]));
    this.jobRngs = c.classes.map(() => new Rng([0]));
    this.arrivalStreams = c.classes.map((k) => ML_STREAMS.classArrivals(k.name));
    this.jobStreams = c.classes.map((k) => ML_STREAMS.classJobs(k.name));
    this.nextArrival = new Float64Array(c.classes.length);
    this.maxAttempts = c.maxAttempts;
    this.classGpus = Int32Array.from(c.classes, (k) => k.gpus);
    this.queue = new JobQueue(c.classes.map((k) => k.priority));
    this.classSuccess = Float64Array.from(c.classes, (k) => k.successProbability);
    this.classDeadline = Float64Array.from(c.classes, (k) => k.deadline);
    this.dayUp = new Float64Array(c.horizonDays);
    this.dayShort = new Float64Array(c.horizonDays);
    this.grow(256);
  }

  /** Simulates trial `trial` with serving's GPU need `need`, writing the pool and class results into `out`. */
  run(trial: number, need: NeedStream, out: MlOutcome): void {
    const c = this.c;
    const tl = c.timeline;
    const H = tl.t1;
    const t0 = tl.t0;
    const stepMinutes = tl.stepMinutes;
    this.begin(trial, need, out);
    const failRate = c.gpus * c.failuresPerGpuMinute;
    const failMean = failRate > 0 ? 1 / failRate : 0;
    let nextFail = failRate > 0 ? t0 + this.gpuRng.exponential(failMean) : Infinity;
    let ni = 1;
    const needSteps = need.steps;
    const needValues = need.values;
    const needCount = need.count;
    const classes = c.classes.length;
    const queue = this.queue;

    // The unary pluses keep tn a number to the optimising compiler even where the values come in untyped
    // (a getter left out of line, code entered mid-loop), so that tn is never boxed into a heap number.
    for (;;) {
      let tn = +H;
      let kind = END;
      let which = 0;
      const th = +this.heap.topTime;
      if (th < tn) {
        tn = th;
        kind = HEAP;
      }
      if (nextFail < tn) {
        tn = +nextFail;
        kind = FAIL;
      }
      for (let k = 0; k < classes; k++) {
        if (this.nextArrival[k] < tn) {
          tn = this.nextArrival[k];
          kind = ARRIVAL;
          which = k;
        }
      }
      // Serving's need changes before tn: those that can neither kill nor start a job pass silently.
      const high = this.up - this.alloc;
      const low = queue.size > 0 ? high - this.jGpus[queue.head] + 1 : -Infinity;
      while (ni < needCount) {
        const tc = t0 + needSteps[ni] * stepMinutes;
        if (!(tc < tn)) break;
        const v = needValues[ni];
        if (v > high || v < low) {
          tn = tc;
          kind = NEED;
          break;
        }
        // As setNeed(tc, v) (closeShortage only moves shortFrom unless a shortage is under way), without
        // passing tc to a call that the optimising compiler may leave out of line and box tc for.
        if (this.up < this.need) this.closeShortage(tc);
        else this.shortFrom = tc;
        this.need = v;
        ni++;
      }
      this.t = tn;
      if (kind === END) break;
      if (kind === HEAP) {
        const p = this.heap.topPayload;
        this.heap.pop();
        if (p === REPAIR) this.setUp(this.up + 1);
        else if (!this.complete(p)) continue;
      } else if (kind === NEED) {
        this.setNeed(tn, needValues[ni++]);
        this.preemptExcess();
      } else if (kind === FAIL) {
        this.failure();
        nextFail = tn + this.gpuRng.exponential(failMean);
      } else {
        this.arrive(which);
        this.arrivals[which].advance(this.arrivalRngs[which], this.nextArrival, which, H);
      }
      this.schedule();
    }
    this.finish(need, out);
    this.out = null;
  }

  private begin(trial: number, need: NeedStream, out: MlOutcome): void {
    const c = this.c;
    const tl = c.timeline;
    this.out = out;
    for (const o of out.classes) {
      o.arrived = o.completed = o.failed = o.retried = o.retries = o.preempted = o.unfinished = 0;
      o.waitCount = o.waitSum = o.turnaroundCount = o.turnaroundSum = 0;
      o.deadlineEligible = o.deadlineMet = 0;
      o.completedPerWeek.fill(0);
    }
    out.pool.failures = 0;
    out.pool.dayAllocated.fill(0);
    this.dayAllocated = out.pool.dayAllocated;
    this.classOut = out.classes;
    this.allocDay = 0;
    this.allocDayEnd = MINUTES_PER_DAY;
    this.dayUp.fill(0);
    this.dayShort.fill(0);
    this.heap.clear();
    this.queue.clear();
    this.jobs = 0;
    this.oldest = this.newest = -1;
    this.shortCount = 0;
    this.upCount = 0;
    this.t = tl.t0;
    this.up = c.gpus;
    this.need = need.count > 0 ? need.values[0] : 0;
    this.alloc = 0;
    this.upFrom = this.allocFrom = this.shortFrom = tl.t0;
    this.upMinutes = this.allocMinutes = this.shortMinutes = this.shortGpuMinutes = 0;
    this.recordUp();
    const seed = c.seed;
    for (let k = 0; k < c.classes.length; k++) {
      this.arrivalRngs[k].reseed(seed, trial, this.arrivalStreams[k]);
      this.jobRngs[k].reseed(seed, trial, this.jobStreams[k]);
      this.nextArrival[k] = tl.t0;
      this.arrivals[k].advance(this.arrivalRngs[k], this.nextArrival, k, tl.t1);
    }
    this.gpuRng.reseed(seed, trial, this.gpuStream);
  }

  /** Adds `value` x [from, t) of the horizon to `total` (returned) and to `days`. */
  private addSpan(from: number, value: number, days: Float64Array, total: number): number {
    let a = from < 0 ? 0 : from;
    const b = this.t;
    if (b <= a || value === 0) return total;
    total += value * (b - a);
    let d = Math.floor(a / MINUTES_PER_DAY);
    while (a < b) {
      const dayEnd = (d + 1) * MINUTES_PER_DAY;
      const end = b < dayEnd ? b : dayEnd;
      days[d] += value * (end - a);
      a = end;
      d++;
    }
    return total;
  }

  private setAlloc(alloc: number): void {
    const t = this.t;
    const from = this.allocFrom;
    const held = this.alloc;
    if (held !== 0 && t > 0) {
      if (from >= 0 && t <= this.allocDayEnd) {
        const add = held * (t - from);
        this.dayAllocated[this.allocDay] += add;
        this.allocMinutes += add;
      } else {
        this.allocMinutes = this.addSpan(from, held, this.dayAllocated, this.allocMinutes);
      }
    }
    if (t > this.allocDayEnd) {
      this.allocDay = Math.floor(t / MINUTES_PER_DAY);
      this.allocDayEnd = (this.allocDay + 1) * MINUTES_PER_DAY;
    }
    this.allocFrom = t;
    this.alloc = alloc;
  }

  private setUp(up: number): void {
    this.closeShortage(this.t);
    this.upMinutes = this.addSpan(this.upFrom, this.up, this.dayUp, this.upMinutes);
    this.upFrom = this.t;
    this.up = up;
    this.recordUp();
  }

  /** Serving's need becomes v at time tc (>= this.t's last event, <= the next). */
  private setNeed(tc: number, v: number): void {
    this.closeShortage(tc);
    this.need = v;
  }

  /** Adds the shortage (need above up) since shortFrom up to time b, then restarts it from b. */
  private closeShortage(b: number): void {
    const up = this.up;
    const need = this.need;
    if (up < need && b > 0) {
      const a = this.shortFrom < 0 ? 0 : this.shortFrom;
      if (b > a) {
        const t = this.t;
        this.t = b;
        this.shortGpuMinutes = this.addSpan(a, need - up, this.dayShort, this.shortGpuMinutes);
        this.t = t;
        this.shortMinutes += b - a;
        if (up < this.c.gpus) this.noteShortage(a, b);
      }
    }
    this.shortFrom = b;
  }

  private noteShortage(a: number, b: number): void {
    const n = this.shortCount;
    if (n > 0 && this.shortEnds[n - 1] === a) {
      this.shortEnds[n - 1] = b;
      return;
    }
    if (n === this.shortStarts.length) {
      this.shortStarts = ensureRoom(this.shortStarts, n + 1, n);
      this.shortEnds = ensureRoom(this.shortEnds, n + 1, n);
    }
    this.shortStarts[n] = a;
    this.shortEnds[n] = b;
    this.shortCount = n + 1;
  }

  private recordUp(): void {
    const n = this.upCount;
    if (n === this.upTimes.length) {
      this.upTimes = ensureRoom(this.upTimes, n + 1, n);
      this.upValues = ensureRoom(this.upValues, n + 1, n);
    }
    this.upTimes[n] = this.t;
    this.upValues[n] = this.up;
    this.upCount = n + 1;
  }

  /** A job of class k arrives now: its attempts are drawn and it joins the queue. */
  private arrive(k: number): void {
    if (this.jobs === this.capacity) this.grow(this.capacity * 2);
    const j = this.jobs++;
    const t = this.t;
    const retries = this.c.classes[k].retries;
    const p = this.classSuccess[k];
    const rng = this.jobRngs[k];
    const sampler = this.durations[k];
    const base = j * this.maxAttempts;
    let attempts = 0;
    let success = 0;
    while (attempts <= retries) {
      sampler.sampleInto(rng, this.jDur, base + attempts);
      attempts++;
      if ((rng.nextInt32() >>> 0) * TWO_POW_M32 < p) {
        success = 1;
        break;
      }
    }
    this.jClass[j] = k;
    this.jGpus[j] = this.classGpus[k];
    this.jArrival[j] = t;
    this.jAttempts[j] = attempts;
    this.jAttempt[j] = 0;
    this.jSuccess[j] = success;
    this.jState[j] = QUEUED;
    this.jStarted[j] = 0;
    this.jRetried[j] = 0;
    if (t >= 0) this.classOut[k].arrived++;
    this.queue.pushBack(j, k);
  }

  /** Starts queue heads while they fit in what serving leaves. */
  private schedule(): void {
    const queue = this.queue;
    if (queue.size === 0) return;
    const cap = this.up > this.need ? this.up - this.need : 0;
    while (queue.size > 0) {
      const j = queue.head;
      const g = this.jGpus[j];
      if (this.alloc + g > cap) return;
      queue.pop();
      this.start(j, g);
    }
  }

  private start(j: number, g: number): void {
    const t = this.t;
    const end = t + this.jDur[j * this.maxAttempts + this.jAttempt[j]];
    this.jState[j] = RUNNING;
    this.jEnd[j] = end;
    this.heap.pushFrom(this.jEnd, j, j);
    this.jPrev[j] = this.newest;
    this.jNext[j] = -1;
    if (this.newest >= 0) this.jNext[this.newest] = j;
    else this.oldest = j;
    this.newest = j;
    this.setAlloc(this.alloc + g);
    if (this.jStarted[j] === 0) {
      this.jStarted[j] = 1;
      const arrival = this.jArrival[j];
      if (arrival >= 0) {
        const o = this.classOut[this.jClass[j]];
        const n = o.waitCount;
        if (n === o.waits.length) o.waits = ensureRoom(o.waits, n + 1, n);
        o.waits[n] = t - arrival;
        o.waitCount = n + 1;
        o.waitSum += t - arrival;
      }
    }
  }

  private unlink(j: number): void {
    const prev = this.jPrev[j];
    const next = this.jNext[j];
    if (prev >= 0) this.jNext[prev] = next;
    else this.oldest = next;
    if (next >= 0) this.jPrev[next] = prev;
    else this.newest = prev;
  }

  /** Ends job j's running attempt now; false when the completion is stale (the attempt was killed). */
  private complete(j: number): boolean {
    const t = this.t;
    if (this.jState[j] !== RUNNING || this.jEnd[j] !== t) return false;
    this.unlink(j);
    const k = this.jClass[j];
    this.setAlloc(this.alloc - this.classGpus[k]);
    const arrival = this.jArrival[j];
    const counted = arrival >= 0;
    const o = this.classOut[k];
    const attempt = this.jAttempt[j];
    if (attempt + 1 < this.jAttempts[j]) {
      if (counted) {
        o.retries++;
        if (this.jRetried[j] === 0) o.retried++;
      }
      this.jRetried[j] = 1;
      this.jAttempt[j] = attempt + 1;
      this.jState[j] = QUEUED;
      this.queue.pushBack(j, k);
      return true;
    }
    this.jState[j] = DONE;
    if (!counted) return true;
    if (this.jSuccess[j] === 0) {
      o.failed++;
      return true;
    }
    o.completed++;
    const turnaround = t - arrival;
    const n = o.turnaroundCount;
    if (n === o.turnarounds.length) o.turnarounds = ensureRoom(o.turnarounds, n + 1, n);
    o.turnarounds[n] = turnaround;
    o.turnaroundCount = n + 1;
    o.turnaroundSum += turnaround;
    const deadline = this.classDeadline[k];
    if (arrival + deadline <= this.c.timeline.t1 && turnaround <= deadline) o.deadlineMet++;
    o.completedPerWeek[Math.floor(t / MINUTES_PER_WEEK)]++;
    return true;
  }

  /** Kills running job j and puts it back at the front of its priority level. */
  private kill(j: number): void {
    this.unlink(j);
    const k = this.jClass[j];
    this.setAlloc(this.alloc - this.classGpus[k]);
    this.jState[j] = QUEUED;
    this.queue.pushFront(j, k);
    if (this.jArrival[j] >= 0 && this.t >= 0) this.classOut[k].preempted++;
  }

  /** Kills the most recently started jobs while training holds more than serving leaves it. */
  private preemptExcess(): void {
    const cap = this.up > this.need ? this.up - this.need : 0;
    while (this.alloc > cap) this.kill(this.newest);
  }

  /** A candidate failure of a uniformly random GPU of the pool: a real one when that GPU is up. */
  private failure(): void {
    const u = this.gpuRng.next() * this.c.gpus;
    if (!(u < this.up)) return;
    if (this.t >= 0) (this.out as MlOutcome).pool.failures++;
    const repair = this.repair ? this.repair.sample(this.gpuRng) : 0;
    this.heap.push(this.t + (repair > 0 ? repair : 0), REPAIR);
    if (u < this.alloc) {
      // Training's GPUs come first among the up ones, in order of start: find the job holding GPU u.
      let below = 0;
      for (let j = this.oldest; j >= 0; j = this.jNext[j]) {
        below += this.jGpus[j];
        if (u < below) {
          this.kill(j);
          break;
        }
      }
    }
    this.setUp(this.up - 1);
    this.preemptExcess();
  }

  /** Closes the horizon's sums and counts the jobs still queued or running, and those old enough to be judged on their deadline. */
  private finish(need: NeedStream, out: MlOutcome): void {
    const H = this.c.timeline.t1;
    this.t = H;
    this.setAlloc(this.alloc);
    this.setUp(this.up);
    this.upCount--;
    const p = out.pool;
    p.gpuMinutes = this.c.gpus * H;
    p.upMinutes = this.upMinutes;
    p.servingMinutes = need.total - this.shortGpuMinutes;
    p.trainingAvailableMinutes = this.upMinutes - need.total + this.shortGpuMinutes;
    p.trainingAllocatedMinutes = this.allocMinutes;
    p.shortageMinutes = this.shortMinutes;
    for (let d = 0; d < p.dayAvailable.length; d++) {
      const avail = this.dayUp[d] - need.perDay[d] + this.dayShort[d];
      p.dayAvailable[d] = avail > NO_GPU_MINUTES ? avail : 0;
    }
    if (p.trainingAvailableMinutes < NO_GPU_MINUTES) p.trainingAvailableMinutes = 0;
    for (let j = 0; j < this.jobs; j++) {
      const arrival = this.jArrival[j];
      if (arrival < 0) continue;
      const k = this.jClass[j];
      const o = out.classes[k];
      if (this.jState[j] !== DONE) o.unfinished++;
      if (arrival + this.classDeadline[k] <= H) o.deadlineEligible++;
    }
  }

  private grow(capacity: number): void {
    const keep = this.jobs;
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(capacity);
      b.set(a.subarray(0, keep));
      return b;
    };
    const u8 = (a: Uint8Array) => {
      const b = new Uint8Array(capacity);
      b.set(a.subarray(0, keep));
      return b;
    };
    const f64 = (a: Float64Array, per = 1) => {
      const b = new Float64Array(capacity * per);
      b.set(a.subarray(0, keep * per));
      return b;
    };
    this.jClass = i32(this.jClass);
    this.jGpus = i32(this.jGpus);
    this.jArrival = f64(this.jArrival);
    this.jAttempts = i32(this.jAttempts);
    this.jAttempt = i32(this.jAttempt);
    this.jSuccess = u8(this.jSuccess);
    this.jState = u8(this.jState);
    this.jStarted = u8(this.jStarted);
    this.jRetried = u8(this.jRetried);
    this.jEnd = f64(this.jEnd);
    this.jDur = f64(this.jDur, this.maxAttempts);
    this.jPrev = i32(this.jPrev);
    this.jNext = i32(this.jNext);
    this.capacity = capacity;
  }
}

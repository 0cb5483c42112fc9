/**
 * Bounded concurrency: at most `concurrency` tasks at once overall and at most the host's limit per
 * host, with request starts on one host spaced by the host's `interval`. A host can be paused (a
 * `Retry-After`): nothing starts on it until then. Waiting tasks hold no slot.
 */
export class Semaphore {
  private active = 0;
  private readonly waiters: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.active--;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

interface HostState {
  slots: Semaphore;
  interval: number;
  nextStart: number;
  pausedUntil: number;
}

export interface SchedulerOptions {
  concurrency: number;
  hostLimits: (host: string) => { concurrency: number; interval: number };
}

export class Scheduler {
  private readonly global: Semaphore;
  private readonly hosts = new Map<string, HostState>();
  private inFlight = 0;
  /** Highest number of tasks running at once, overall. */
  maxInFlight = 0;

  constructor(private readonly options: SchedulerOptions) {
    this.global = new Semaphore(options.concurrency);
  }

  private host(name: string): HostState {
    let state = this.hosts.get(name);
    if (!state) {
      const limits = this.options.hostLimits(name);
      state = { slots: new Semaphore(limits.concurrency), interval: limits.interval, nextStart: 0, pausedUntil: 0 };
      this.hosts.set(name, state);
    }
    return state;
  }

  /** Nothing starts on `host` before `until` (a `performance.now()` time). */
  pause(host: string, until: number): void {
    const state = this.host(host);
    state.pausedUntil = Math.max(state.pausedUntil, until);
  }

  /** Runs `task` when a slot on `host` and a global slot are free and the host's pacing allows. */
  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const state = this.host(host);
    await state.slots.acquire();
    try {
      // Pacing and pauses: reserve a start time, wait for it, and wait again if a pause came in.
      for (;;) {
        const now = performance.now();
        const start = Math.max(now, state.nextStart, state.pausedUntil);
        state.nextStart = start + state.interval;
        if (start > now) await sleep(start - now);
        if (state.pausedUntil <= performance.now()) break;
      }
      await this.global.acquire();
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      try {
        return await task();
      } finally {
        this.inFlight--;
        this.global.release();
      }
    } finally {
      state.slots.release();
    }
  }
}

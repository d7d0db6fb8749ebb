import type { Leader } from './leader.ts';

/** How soon an instance that is not the leader looks again, at the most often. */
const NOT_LEADING_WAIT_MS = 1000;

export interface PeriodicJob {
  /** Milliseconds until the next run (asked again after each run), or a fixed period. */
  every: number | (() => number);
  run(): Promise<void>;
  /**
   * Runs on every instance, not only the leader: for work that is the instance's own (counts kept
   * in its memory while Redis was away). Leave it off for anything the site must do once.
   */
  everyInstance?: boolean;
}

/**
 * The site's periodic jobs, each on a timer of its own, run only by the leader (platform/leader.ts)
 * — with one machine, that machine. Register a job with `add` before `start`; tests call `run`.
 */
export class PeriodicJobs {
  private readonly jobs = new Map<string, PeriodicJob>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<boolean>>();
  private started = false;

  constructor(private readonly leader: Leader, private readonly onError: (job: string, e: unknown) => void) {
    // A new leader runs its jobs at once, not after whatever wait its timers were set to.
    leader.on('change', (leading: boolean) => {
      if (!leading || !this.started) return;
      for (const [name, job] of this.jobs) if (!job.everyInstance) this.schedule(name, job, 0);
    });
  }

  add(name: string, job: PeriodicJob): void {
    if (this.jobs.has(name)) throw new Error(`periodic job ${name} is registered twice`);
    this.jobs.set(name, job);
    if (this.started) this.schedule(name, job);
  }

  get names(): string[] {
    return [...this.jobs.keys()];
  }

  /**
   * Runs the job now if this instance may (the leader, or any instance for `everyInstance`);
   * false when it did not run. A run still going is joined, never doubled.
   */
  run(name: string): Promise<boolean> {
    const job = this.jobs.get(name);
    if (!job) return Promise.reject(new Error(`no periodic job named ${name}`));
    const going = this.running.get(name);
    if (going) return going;
    if (!job.everyInstance && !this.leader.isLeader()) return Promise.resolve(false);
    const p = job.run().then(() => true).finally(() => this.running.delete(name));
    this.running.set(name, p);
    return p;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.leader.start();
    for (const [name, job] of this.jobs) this.schedule(name, job);
  }

  private schedule(name: string, job: PeriodicJob, wait = typeof job.every === 'number' ? job.every : job.every()): void {
    clearTimeout(this.timers.get(name));
    const t = setTimeout(() => {
      this.run(name)
        .then((ran) => ran, (e: unknown) => { this.onError(name, e); return true; })
        // Not the leader: look again later (the `change` event brings it forward).
        .then((ran) => { if (this.started) this.schedule(name, job, ran ? undefined : Math.max(NOT_LEADING_WAIT_MS, typeof job.every === 'number' ? job.every : job.every())); });
    }, Math.max(0, wait));
    t.unref();
    this.timers.set(name, t);
  }

  /** Stops the timers and waits for the runs in progress. */
  async stop(): Promise<void> {
    this.started = false;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled(this.running.values());
  }
}

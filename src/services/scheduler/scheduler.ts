import { invalidates } from '../../domain/invalidation.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Repositories } from '../../storage/repositories.ts';

/** Scheduled articles never wait longer than this for a timer, whatever the clock did. */
const MAX_SLEEP_MS = 60_000;

/**
 * Knows the content version (the change counter) and makes scheduled articles go live on time.
 * Every public request asks `currentVersion()`: if a scheduled article has fallen due, it is
 * published before the page is served, so no reader sees a stale home page past the due time.
 * A periodic job (`tick`, on the leader alone) does the same when no one is reading.
 */
export class Scheduler {
  private knownVersion = -1;
  private nextDue: string | null = null;

  constructor(private readonly deps: { repos: Repositories; clock: Clock }) {}

  /**
   * `currentVersion` without yielding, when it is known so: the version read without a round
   * trip, the next due time read at that version, and nothing due yet. Undefined otherwise
   * (then `currentVersion`, which publishes what fell due).
   */
  currentVersionNow(): number | undefined {
    const version = this.deps.repos.changes.readSync();
    if (version === undefined || version !== this.knownVersion) return undefined;
    if (this.nextDue !== null && this.nextDue <= this.deps.clock.now().toISOString()) return undefined;
    return version;
  }

  async currentVersion(): Promise<number> {
    let version = await this.deps.repos.changes.read();
    if (version !== this.knownVersion) {
      this.nextDue = await this.deps.repos.articles.nextScheduledAt();
      this.knownVersion = version;
    }
    if (this.nextDue !== null && this.nextDue <= this.deps.clock.now().toISOString()) {
      await this.publishDue();
      version = await this.deps.repos.changes.read();
      this.knownVersion = version;
      this.nextDue = await this.deps.repos.articles.nextScheduledAt();
    }
    return version;
  }

  /** Publishes what is due; returns the ids this process published (exactly-once across processes). */
  async publishDue(): Promise<number[]> {
    const { repos, clock } = this.deps;
    // Nothing due: no keys, so the content version stays (every request asks this).
    return repos.write(async (tx, touch) => {
      const ids = await repos.articles.publishDue(tx, clock.now().toISOString());
      for (const l of await repos.articles.listings(tx, ids)) touch(...invalidates.listedArticle(l));
      return ids;
    }, { invalidates: [] });
  }

  /**
   * The periodic job (services.jobs, run by the leader): publishes what fell due while no one
   * was reading.
   */
  async tick(): Promise<void> {
    await this.currentVersion();
  }

  /** How long the job may sleep: until the next scheduled article is due (at once before the first run). */
  nextWaitMs(): number {
    if (this.knownVersion === -1) return 0;
    const wait = this.nextDue === null ? MAX_SLEEP_MS : Date.parse(this.nextDue) - this.deps.clock.now().getTime();
    return Math.min(MAX_SLEEP_MS, Math.max(50, wait));
  }
}

import { EventEmitter } from 'node:events';
import type { ArticleSummary } from '../../domain/article.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Leader } from '../../platform/leader.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { MOST_READ_CHANNEL, type SharedViews } from './shared-views.ts';

/** How often counted views are written (one batched statement) and the lists recomputed. */
export const FLUSH_INTERVAL_MS = 60_000;
/** With Redis: what a Redis restart may lose, at most (the counts not yet in the database). */
export const SHARED_FLUSH_INTERVAL_MS = 5_000;
/** "Most read" covers the views of the last few days. */
export const WINDOW_DAYS = 2;

/**
 * "Most read": page views are counted, then written in one batched upsert per flush, never one
 * database write per page view. The lists are recomputed after each flush; `generation` moves only
 * when a list changes, so pages that show it can key their cache on it.
 *
 * One machine: counted in memory, flushed every minute. With Redis (`shared`): each view is one
 * HINCRBY there, so an instance that dies loses none; the leader writes them to the database
 * every few seconds and computes the lists every instance then shows (it announces them).
 * While Redis is unreachable each instance counts in memory again and writes its own counts.
 * Events: `lists` (generation), when the lists shown changed.
 */
export class MostRead extends EventEmitter {
  private pending = new Map<number, number>();
  private lists = new Map<string, ArticleSummary[]>();
  private flushing: Promise<void> | null = null;
  private sharedGeneration = 0;
  private lastPublished = '';
  generation = 0;

  constructor(private readonly deps: { repos: Repositories; clock: Clock; limit?: number; onError?: (e: unknown) => void; shared?: SharedViews | null; leader?: Leader }) {
    super();
    const redis = deps.shared?.redis;
    if (redis) {
      redis.on('message', (channel: string) => {
        if (channel === MOST_READ_CHANNEL) this.follow().catch((e: unknown) => deps.onError?.(e));
      });
      void redis.listen(MOST_READ_CHANNEL);
    }
  }

  get flushIntervalMs(): number {
    return this.deps.shared ? SHARED_FLUSH_INTERVAL_MS : FLUSH_INTERVAL_MS;
  }

  /** Counts one view: in Redis when it answers, else in memory. Never fails. */
  async record(articleId: number): Promise<void> {
    const shared = this.deps.shared;
    if (shared?.isUp) {
      try {
        return await shared.count(articleId);
      } catch {
        // Counted here instead, and written by this instance.
      }
    }
    this.pending.set(articleId, (this.pending.get(articleId) ?? 0) + 1);
  }

  /** Views counted in this instance's memory, not yet written. */
  get pendingViews(): number {
    let n = 0;
    for (const v of this.pending.values()) n += v;
    return n;
  }

  /** The edition's most read published stories, as last computed (empty before the first flush). */
  async list(edition: string): Promise<ArticleSummary[]> {
    const known = this.lists.get(edition);
    if (known) return known;
    const fresh = await this.compute(edition);
    this.lists.set(edition, fresh);
    return fresh;
  }

  /**
   * The periodic job (every instance): writes the counts in memory in one statement; the leader
   * also moves Redis's counts to the database and publishes the lists; the others follow them.
   */
  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = this.doFlush().finally(() => { this.flushing = null; });
    return this.flushing;
  }

  private async doFlush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.write(batch);
    } catch (e) {
      // Put the counts back: a failed write must not lose them (nor double them).
      for (const [id, n] of batch) this.pending.set(id, (this.pending.get(id) ?? 0) + n);
      throw e;
    }
    const { shared, leader } = this.deps;
    if (shared) {
      try {
        if (leader?.isLeader() ?? true) {
          const taken = await shared.take();
          await this.write(taken);
          await shared.done();
          const lists: Record<string, number[]> = {};
          for (const e of await this.deps.repos.editions.all()) lists[e.code] = await this.deps.repos.views.top(e.code, this.since(), this.limit);
          // Published again only when they changed (or Redis restarted without them): the others
          // then read them once.
          const text = JSON.stringify(lists);
          if (text !== this.lastPublished || !(await shared.lists())) {
            const published = await shared.publishLists(lists);
            this.lastPublished = text;
            await this.apply(published.generation, lists);
          }
        } else {
          await this.follow();
        }
        return;
      } catch (e) {
        // Redis is away: this instance's own view of the database, as with one machine.
        if (shared.isUp) this.deps.onError?.(e);
      }
    }
    await this.recompute();
  }

  private async write(batch: Map<number, number>): Promise<void> {
    if (!batch.size) return;
    const day = this.deps.clock.now().toISOString().slice(0, 10);
    await this.deps.repos.views.add([...batch].map(([articleId, views]) => ({ articleId, day, views })));
  }

  /** Takes the lists the leader published, if they are newer than the ones shown. */
  async follow(): Promise<void> {
    const shared = await this.deps.shared?.lists();
    if (shared && shared.generation !== this.sharedGeneration) await this.apply(shared.generation, shared.lists);
  }

  private async apply(sharedGeneration: number, ids: Record<string, number[]>): Promise<void> {
    this.sharedGeneration = sharedGeneration;
    let changed = false;
    for (const [edition, list] of Object.entries(ids)) {
      const fresh = await this.deps.repos.articles.summariesByIds(list);
      if (!sameIds(fresh, this.lists.get(edition))) changed = true;
      this.lists.set(edition, fresh);
    }
    this.changed(changed);
  }

  private async recompute(): Promise<void> {
    let changed = false;
    for (const edition of this.lists.keys()) {
      const fresh = await this.compute(edition);
      if (!sameIds(fresh, this.lists.get(edition))) changed = true;
      this.lists.set(edition, fresh);
    }
    this.changed(changed);
  }

  private changed(changed: boolean): void {
    if (!changed) return;
    this.generation++;
    this.emit('lists', this.generation);
  }

  private get limit(): number {
    return this.deps.limit ?? 5;
  }

  private since(): string {
    return new Date(this.deps.clock.now().getTime() - (WINDOW_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  }

  private async compute(edition: string): Promise<ArticleSummary[]> {
    const ids = await this.deps.repos.views.top(edition, this.since(), this.limit);
    return this.deps.repos.articles.summariesByIds(ids);
  }

  /** Writes what is still counted in memory (on close). */
  async stop(): Promise<void> {
    await this.flush();
  }
}

function sameIds(a: readonly ArticleSummary[], b: readonly ArticleSummary[] | undefined): boolean {
  return a.map((x) => x.id).join() === (b ?? []).map((x) => x.id).join();
}

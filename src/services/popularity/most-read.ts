import type { ArticleSummary } from '../../domain/article.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Repositories } from '../../storage/repositories.ts';

/** How often counted views are written (one batched statement) and the lists recomputed. */
export const FLUSH_INTERVAL_MS = 60_000;
/** "Most read" covers the views of the last few days. */
export const WINDOW_DAYS = 2;

/**
 * "Most read": page views are counted in memory and written in one batched upsert per flush,
 * never one database write per page view. Several instances each add their own counts, so the
 * sum in the database is the site's. The lists are recomputed after each flush; `generation`
 * moves only when a list changes, so pages that show it can key their cache on it.
 */
export class MostRead {
  private pending = new Map<number, number>();
  private lists = new Map<string, ArticleSummary[]>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  generation = 0;

  constructor(private readonly deps: { repos: Repositories; clock: Clock; limit?: number; onError?: (e: unknown) => void }) {}

  /** Counts one view (no I/O). */
  record(articleId: number): void {
    this.pending.set(articleId, (this.pending.get(articleId) ?? 0) + 1);
  }

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

  /** Writes the counted views in one statement, then refreshes the lists. */
  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = this.doFlush().finally(() => { this.flushing = null; });
    return this.flushing;
  }

  private async doFlush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    if (batch.size) {
      const day = this.deps.clock.now().toISOString().slice(0, 10);
      try {
        await this.deps.repos.views.add([...batch].map(([articleId, views]) => ({ articleId, day, views })));
      } catch (e) {
        // Put the counts back: a failed write must not lose them (nor double them).
        for (const [id, n] of batch) this.pending.set(id, (this.pending.get(id) ?? 0) + n);
        throw e;
      }
    }
    let changed = false;
    for (const edition of this.lists.keys()) {
      const fresh = await this.compute(edition);
      const old = this.lists.get(edition) ?? [];
      if (fresh.map((a) => a.id).join() !== old.map((a) => a.id).join()) changed = true;
      this.lists.set(edition, fresh);
    }
    if (changed) this.generation++;
  }

  private async compute(edition: string): Promise<ArticleSummary[]> {
    const since = new Date(this.deps.clock.now().getTime() - (WINDOW_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    const ids = await this.deps.repos.views.top(edition, since, this.deps.limit ?? 5);
    return this.deps.repos.articles.summariesByIds(ids);
  }

  start(): void {
    this.timer = setInterval(() => {
      this.flush().catch((e: unknown) => this.deps.onError?.(e));
    }, FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  /** Stops the timer and writes what is still counted. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }
}

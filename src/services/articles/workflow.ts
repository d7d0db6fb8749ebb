import type { ArticleOwnership, ArticleStatus } from '../../domain/article.ts';
import { Forbidden, Invalid, NotFound } from '../../domain/errors.ts';
import { invalidates } from '../../domain/invalidation.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { type Actor, type ArticleAction, canDoTo } from '../users/capabilities.ts';

/** What the article list's bulk menu offers. */
export type BulkAction = 'trash' | 'restore' | 'publish' | 'draft' | 'pending';
export const BULK_ACTIONS: readonly BulkAction[] = ['publish', 'pending', 'draft', 'trash', 'restore'];
export const MAX_BULK = 200;

export function isBulkAction(s: unknown): s is BulkAction {
  return typeof s === 'string' && (BULK_ACTIONS as readonly string[]).includes(s);
}

interface Step {
  capability: ArticleAction;
  status: ArticleStatus;
  publishedAt: string | null;
}

/** What one bulk action does to one article, or null when it does not apply (nothing to change). */
export function stepFor(action: BulkAction, a: Pick<ArticleOwnership, 'status' | 'publishedAt'>, now: string): Step | null {
  switch (action) {
    case 'trash':
      return a.status === 'trash' ? null : { capability: 'article.trash', status: 'trash', publishedAt: a.publishedAt };
    case 'restore':
      // WordPress 5.6+ restores trashed posts as drafts, so nothing goes live by accident.
      return a.status === 'trash' ? { capability: 'article.restore', status: 'draft', publishedAt: a.publishedAt } : null;
    case 'publish': {
      if (a.status === 'published' || a.status === 'scheduled' || a.status === 'trash') return null;
      // A publish date in the future is a schedule, as in ArticleService.save and WordPress.
      const at = a.publishedAt ?? now;
      return { capability: 'article.publish', status: at > now ? 'scheduled' : 'published', publishedAt: at };
    }
    case 'pending':
      return a.status === 'draft' ? { capability: 'article.submit', status: 'pending', publishedAt: a.publishedAt } : null;
    case 'draft':
      if (a.status === 'draft' || a.status === 'trash') return null;
      return {
        capability: a.status === 'pending' ? 'article.edit' : 'article.unpublish',
        status: 'draft',
        // Unpublishing keeps the date the article went out; it is the one it will return with.
        publishedAt: a.publishedAt,
      };
  }
}

export interface BulkResult {
  changed: number[];
  /** Selected articles the action does not apply to (already in that state). */
  unchanged: number[];
}

/** Status changes from the newsroom: checked per article, all in one transaction or none. */
export class ArticleWorkflow {
  constructor(private readonly deps: { repos: Repositories; clock: Clock }) {}

  async bulk(actor: Actor, action: BulkAction, ids: number[]): Promise<BulkResult> {
    const unique = [...new Set(ids)];
    if (!unique.length) throw new Invalid('articles', 'none_selected');
    if (unique.length > MAX_BULK) throw new Invalid('articles', 'too_many', { max: MAX_BULK });
    const { repos, clock } = this.deps;
    const now = clock.now().toISOString();
    return repos.write(async (tx, touch) => {
      const found = await repos.newsroomArticles.ownership(tx, unique);
      if (found.length !== unique.length) throw new NotFound('article');
      const plan: { a: ArticleOwnership; step: Step }[] = [];
      const unchanged: number[] = [];
      for (const a of found) {
        const step = stepFor(action, a, now);
        if (!step) unchanged.push(a.id);
        else if (!canDoTo(actor, step.capability, a)) throw new Forbidden(`article ${a.id}: ${step.capability} is not allowed for this account`);
        else plan.push({ a, step });
      }
      for (const { a, step } of plan) await repos.newsroomArticles.setStatus(tx, a.id, step.status, step.publishedAt, now);
      // Every change invalidates where the article is listed, as the change counter always moved
      // for a bulk action (a draft trashed shows nowhere public, but the action is rare).
      const changed = plan.map((p) => p.a.id);
      for (const l of await repos.articles.listings(tx, changed)) touch(...invalidates.listedArticle(l));
      return { changed: changed.sort((x, y) => x - y), unchanged: unchanged.sort((x, y) => x - y) };
    }, { invalidates: [] });
  }
}

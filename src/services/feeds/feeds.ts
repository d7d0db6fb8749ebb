import type { Article } from '../../domain/article.ts';
import type { Comment } from '../../domain/comment.ts';
import type { Repositories } from '../../storage/repositories.ts';
import type { SitemapEntry } from '../../storage/sitemaps.ts';
import type { RecentComment } from '../../storage/comments.ts';
import type { Clock } from '../../platform/clock.ts';

/** Settings (the `settings` table) an operator may change; WordPress's "For each post in a feed, include". */
export const FEED_CONTENT_SETTING = 'feed_content'; // 'full' (default) | 'excerpt'
export const FEED_ITEMS_SETTING = 'feed_items'; // 1..100, default 20

export interface FeedOptions {
  fullContent: boolean;
  items: number;
}

/** Comments as feeds need them: approved ones, oldest first (storage/comments.ts provides it). */
export interface CommentSource {
  approvedFor(articleId: number): Promise<Comment[]>;
}

export type FeedFilter = { categoryId: number } | { tagId: number } | { authorId: number } | Record<string, never>;

/** What feeds and sitemaps read. Rendering (URLs, XML) is the web layer's and rss.ts/atom.ts's. */
export class FeedService {
  constructor(private readonly deps: { repos: Repositories; comments: CommentSource; clock?: Clock }) {}

  async options(): Promise<FeedOptions> {
    const { settings } = this.deps.repos;
    const [content, items] = await Promise.all([settings.get(FEED_CONTENT_SETTING), settings.get(FEED_ITEMS_SETTING)]);
    const n = Number(items);
    return { fullContent: content !== 'excerpt', items: Number.isInteger(n) && n >= 1 && n <= 100 ? n : 20 };
  }

  /** The newest published posts of an edition (optionally of one archive), whole. */
  async articles(edition: string, filter: FeedFilter, limit: number): Promise<Article[]> {
    const { repos } = this.deps;
    const { items } = await repos.articles.listPublished({ edition, ...filter, limit, offset: 0, withTotal: false });
    const full = await Promise.all(items.map((a) => repos.articles.findById(a.id)));
    return full.filter((a): a is Article => a !== null && a.status === 'published');
  }

  async comments(articleId: number): Promise<Comment[]> {
    return this.deps.comments.approvedFor(articleId);
  }

  /**
   * The edition's newest approved comments (WordPress's /comments/feed/), and the feed's date: the
   * newest comment's, or — with none yet — the moment it is built, as WordPress dates an empty feed.
   */
  async recentComments(edition: string, limit: number): Promise<{ items: RecentComment[]; updated: string }> {
    const items = await this.deps.repos.comments.recentApproved(edition, limit);
    const now = this.deps.clock?.now() ?? new Date();
    return { items, updated: items[0]?.comment.createdAt ?? now.toISOString() };
  }

  months() {
    return this.deps.repos.sitemaps.months();
  }

  /** Published posts in one UTC month, `YYYY-MM`. */
  inMonth(month: string): Promise<SitemapEntry[]> {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const from = new Date(Date.UTC(y, m - 1, 1)).toISOString();
    const to = new Date(Date.UTC(y, m, 1)).toISOString();
    return this.deps.repos.sitemaps.between(from, to);
  }

  /** Google News: only articles published in the last two days. */
  recent(now: Date): Promise<SitemapEntry[]> {
    const from = new Date(now.getTime() - 2 * 86_400_000).toISOString();
    return this.deps.repos.sitemaps.between(from, now.toISOString(), 1000);
  }
}

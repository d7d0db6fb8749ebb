import type { Account } from '../../domain/account.ts';
import { ARTICLE_STATUSES, type ArticleListItem, type ArticleStatus, type NewsroomOrder } from '../../domain/article.ts';
import type { Edition } from '../../domain/edition.ts';
import type { Category } from '../../domain/taxonomy.ts';
import { type Paged, pageCount } from '../../domain/page.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { loadEditions } from '../editions/editions.ts';
import { canDo, canDoTo } from '../users/capabilities.ts';

export const NEWSROOM_PER_PAGE = 20;

/** The newsroom list's filters, already parsed (unknown values are dropped, not errors). */
export interface NewsroomFilter {
  status?: ArticleStatus;
  edition?: string;
  categoryId?: number;
  authorId?: number;
  text?: string;
  /** Newest first by default, as WordPress lists posts. */
  orderBy: NewsroomOrder;
  order: 'asc' | 'desc';
  page: number;
}

export interface FilterChoices {
  editions: readonly Edition[];
  categories: Category[];
  authors: Account[];
}

/** What needs a newsroom member's attention, shown on the dashboard (WordPress's "At a glance" and "Activity"). */
export interface NewsroomDashboard {
  /** Held comments; null for those who do not moderate. */
  heldComments: number | null;
  /** Waiting for review: everyone's for editors, their own for authors and contributors. */
  pending: Paged<ArticleListItem>;
  myDrafts: Paged<ArticleListItem>;
  /** Soonest first. */
  scheduled: Paged<ArticleListItem>;
  /** Newest first, with every view counted so far. */
  published: { item: ArticleListItem; views: number }[];
}

const DASHBOARD_ROWS = 5;

/** The newsroom's read side: every article whatever its status, with what the filters offer. */
export class NewsroomList {
  constructor(private readonly deps: { repos: Repositories }) {}

  async list(f: NewsroomFilter, perPage = NEWSROOM_PER_PAGE): Promise<Paged<ArticleListItem>> {
    const { items, total } = await this.deps.repos.newsroomArticles.list({
      ...(f.status && { status: f.status }),
      ...(f.edition && { edition: f.edition }),
      ...(f.categoryId !== undefined && { categoryId: f.categoryId }),
      ...(f.authorId !== undefined && { authorId: f.authorId }),
      ...(f.text && { text: f.text }),
      orderBy: f.orderBy,
      order: f.order,
      limit: perPage,
      offset: (f.page - 1) * perPage,
    });
    return { items, total, page: f.page, perPage, pages: pageCount(total, perPage) };
  }

  async dashboard(account: Account): Promise<NewsroomDashboard> {
    const { repos } = this.deps;
    // Editors review everyone's submissions; others follow their own.
    const reviewsOthers = canDoTo(account, 'article.publish', { authorIds: [], status: 'pending' });
    const rows = (status: ArticleStatus, o: { mine?: boolean; order?: 'asc' | 'desc' } = {}) =>
      this.list({ status, ...(o.mine && { authorId: account.id }), orderBy: 'date', order: o.order ?? 'desc', page: 1 }, DASHBOARD_ROWS);
    const [pending, myDrafts, scheduled, published, held] = await Promise.all([
      rows('pending', { mine: !reviewsOthers }),
      rows('draft', { mine: true }),
      rows('scheduled', { order: 'asc' }),
      rows('published'),
      canDo(account, 'comment.moderate') ? repos.comments.queueCounts({}) : null,
    ]);
    const views = await repos.views.totals(published.items.map((a) => a.id));
    return {
      heldComments: held ? (held.get('pending') ?? 0) : null,
      pending,
      myDrafts,
      scheduled,
      published: published.items.map((item) => ({ item, views: views.get(item.id) ?? 0 })),
    };
  }

  /** Posts per status, and "all" (everything but the trash, as in WordPress). */
  async counts(): Promise<Record<ArticleStatus | 'all', number>> {
    const m = await this.deps.repos.newsroomArticles.countsByStatus();
    const out = { all: 0 } as Record<ArticleStatus | 'all', number>;
    for (const s of ARTICLE_STATUSES) {
      out[s] = m.get(s) ?? 0;
      if (s !== 'trash') out.all += out[s];
    }
    return out;
  }

  async choices(): Promise<FilterChoices> {
    const { repos } = this.deps;
    const editions = (await loadEditions(repos)).list;
    const categories: Category[] = [];
    for (const e of editions) categories.push(...(await repos.taxonomies.categories(e.code)));
    return { editions, categories, authors: await repos.accounts.all() };
  }
}

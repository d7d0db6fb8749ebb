import type { Account } from '../../domain/account.ts';
import { ARTICLE_STATUSES, type ArticleListItem, type ArticleStatus, type NewsroomOrder } from '../../domain/article.ts';
import type { Edition } from '../../domain/edition.ts';
import type { Category } from '../../domain/taxonomy.ts';
import { type Paged, pageCount } from '../../domain/page.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { loadEditions } from '../editions/editions.ts';

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

/** The newsroom's read side: every article whatever its status, with what the filters offer. */
export class NewsroomList {
  constructor(private readonly deps: { repos: Repositories }) {}

  async list(f: NewsroomFilter): Promise<Paged<ArticleListItem>> {
    const { items, total } = await this.deps.repos.newsroomArticles.list({
      ...(f.status && { status: f.status }),
      ...(f.edition && { edition: f.edition }),
      ...(f.categoryId !== undefined && { categoryId: f.categoryId }),
      ...(f.authorId !== undefined && { authorId: f.authorId }),
      ...(f.text && { text: f.text }),
      orderBy: f.orderBy,
      order: f.order,
      limit: NEWSROOM_PER_PAGE,
      offset: (f.page - 1) * NEWSROOM_PER_PAGE,
    });
    return { items, total, page: f.page, perPage: NEWSROOM_PER_PAGE, pages: pageCount(total, NEWSROOM_PER_PAGE) };
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

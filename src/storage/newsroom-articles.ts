import { type Kysely, sql } from 'kysely';
import type { ArticleListItem, ArticleOwnership, ArticleStatus, NewsroomOrder } from '../domain/article.ts';
import type { Database } from './schema.ts';
import type { Tx } from './write-path.ts';

/** The newsroom's article list: every status, not only what readers see. */
export interface NewsroomListFilter {
  /** One status; undefined means everything except the trash (WordPress's "All"). */
  status?: ArticleStatus;
  edition?: string;
  categoryId?: number;
  authorId?: number;
  /** Words in the title (a plain substring, not a pattern). */
  text?: string;
  /** `date` is the publication date, or the last change for what was never published. */
  orderBy: NewsroomOrder;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** The name on an article's first byline (the list's author column sorts by it). */
const FIRST_AUTHOR = sql`(select u.display_name from article_authors aa join users u on u.id = aa.user_id where aa.article_id = a.id and aa.position = 0)`;

/** LIKE with the user's %, _ and \ taken literally. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class NewsroomArticleRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(f: NewsroomListFilter): Promise<{ items: ArticleListItem[]; total: number }> {
    // Auto-drafts (an autosave's, never saved for real) are no one's article yet.
    let q = this.db.selectFrom('articles as a').where('a.kind', '=', 'post').where('a.auto_draft', '=', 0);
    q = f.status ? q.where('a.status', '=', f.status) : q.where('a.status', '!=', 'trash');
    if (f.edition) q = q.where('a.edition', '=', f.edition);
    if (f.categoryId !== undefined) {
      const id = f.categoryId;
      q = q.where('a.id', 'in', (eb) => eb.selectFrom('article_categories').select('article_id').where('category_id', '=', id));
    }
    if (f.authorId !== undefined) {
      const id = f.authorId;
      q = q.where('a.id', 'in', (eb) => eb.selectFrom('article_authors').select('article_id').where('user_id', '=', id));
    }
    // lower() on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not (ASCII).
    if (f.text) q = q.where(sql<boolean>`lower(a.title) like ${likePattern(f.text)} escape '\\'`);

    const dir = f.order;
    const sorted = q.leftJoin('categories as c', 'c.id', 'a.primary_category_id').select(['a.id', 'a.edition', 'a.slug', 'a.title', 'a.status', 'a.published_at', 'a.updated_at', 'c.name as cat_name']);
    const ordered =
      f.orderBy === 'title' ? sorted.orderBy('a.title', dir)
      : f.orderBy === 'status' ? sorted.orderBy('a.status', dir).orderBy(sql`coalesce(a.published_at, a.updated_at)`, 'desc')
      : f.orderBy === 'author'
        ? // By the first byline's name; articles with none last, whichever the direction.
          sorted.orderBy(sql`${FIRST_AUTHOR} is null`).orderBy(FIRST_AUTHOR, dir)
        : sorted.orderBy(sql`coalesce(a.published_at, a.updated_at)`, dir);
    const [rows, count] = await Promise.all([
      ordered
        .orderBy('a.id', dir)
        .limit(f.limit)
        .offset(f.offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    ]);
    const authors = await this.authorsOf(this.db, rows.map((r) => r.id));
    const items = rows.map((r): ArticleListItem => ({
      id: r.id,
      edition: r.edition,
      slug: r.slug,
      title: r.title,
      status: r.status as ArticleStatus,
      publishedAt: r.published_at,
      updatedAt: r.updated_at,
      authorIds: (authors.get(r.id) ?? []).map((a) => a.id),
      authorNames: (authors.get(r.id) ?? []).map((a) => a.name),
      categoryName: r.cat_name,
    }));
    return { items, total: Number(count?.n ?? 0) };
  }

  /** How many posts have each status (the list's status links). */
  async countsByStatus(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('articles')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('kind', '=', 'post')
      .where('auto_draft', '=', 0)
      .groupBy('status')
      .execute();
    return new Map(rows.map((r) => [r.status, Number(r.n)]));
  }

  async ownership(tx: Tx, ids: number[]): Promise<ArticleOwnership[]> {
    if (!ids.length) return [];
    const rows = await tx.selectFrom('articles').select(['id', 'edition', 'status', 'published_at']).where('id', 'in', ids).where('kind', '=', 'post').execute();
    const authors = await this.authorsOf(tx, ids);
    return rows.map((r) => ({
      id: r.id,
      edition: r.edition,
      status: r.status as ArticleStatus,
      publishedAt: r.published_at,
      authorIds: (authors.get(r.id) ?? []).map((a) => a.id),
    }));
  }

  async setStatus(tx: Tx, id: number, status: ArticleStatus, publishedAt: string | null, now: string): Promise<void> {
    // The version moves too: an editor form opened before this change must not overwrite it unseen.
    await tx
      .updateTable('articles')
      .set({ status, published_at: publishedAt, updated_at: now, version: sql`version + 1`, ...(status === 'published' && { was_published: 1 }) })
      .where('id', '=', id)
      .execute();
  }

  private async authorsOf(db: Kysely<Database>, ids: number[]): Promise<Map<number, { id: number; name: string }[]>> {
    const out = new Map<number, { id: number; name: string }[]>();
    if (!ids.length) return out;
    const rows = await db
      .selectFrom('article_authors as aa')
      .innerJoin('users as u', 'u.id', 'aa.user_id')
      .select(['aa.article_id', 'u.id', 'u.display_name'])
      .where('aa.article_id', 'in', ids)
      .orderBy('aa.position')
      .execute();
    for (const r of rows) {
      const list = out.get(r.article_id) ?? [];
      list.push({ id: r.id, name: r.display_name });
      out.set(r.article_id, list);
    }
    return out;
  }
}

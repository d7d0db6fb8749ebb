import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

/** Daily view counts per article, written in batches (never one write per page view). */
export class ArticleViewsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Adds counts in one statement: one row per (article, day), summed into what is there. */
  async add(given: { articleId: number; day: string; views: number }[]): Promise<void> {
    if (!given.length) return;
    // Counts come from a public beacon: an id that names no article is dropped, not stored.
    const known = new Set((await this.db.selectFrom('articles').select('id').where('id', 'in', given.map((r) => r.articleId)).execute()).map((r) => r.id));
    const rows = given.filter((r) => known.has(r.articleId));
    if (!rows.length) return;
    await this.db
      .insertInto('article_views')
      .values(rows.map((r) => ({ article_id: r.articleId, day: r.day, views: r.views })))
      .onConflict((oc) => oc.columns(['article_id', 'day']).doUpdateSet({ views: sql`article_views.views + excluded.views` }))
      .execute();
  }

  /** Every view counted so far of each article (what the dashboard shows beside them). */
  async totals(ids: readonly number[]): Promise<Map<number, number>> {
    if (!ids.length) return new Map();
    const rows = await this.db
      .selectFrom('article_views')
      .select(['article_id', (eb) => eb.fn.sum<number>('views').as('n')])
      .where('article_id', 'in', ids)
      .groupBy('article_id')
      .execute();
    return new Map(rows.map((r) => [r.article_id, Number(r.n)]));
  }

  /** The most viewed published posts of an edition since `sinceDay` (inclusive), most first. */
  async top(edition: string, sinceDay: string, limit: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('article_views as v')
      .innerJoin('articles as a', 'a.id', 'v.article_id')
      .select(['a.id', (eb) => eb.fn.sum<number>('v.views').as('n')])
      .where('v.day', '>=', sinceDay)
      .where('a.edition', '=', edition)
      .where('a.kind', '=', 'post')
      .where('a.status', '=', 'published')
      .groupBy('a.id')
      .orderBy('n', 'desc')
      .orderBy('a.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }
}

import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

export interface SitemapEntry {
  id: number;
  edition: string;
  slug: string;
  title: string;
  publishedAt: string;
  updatedAt: string;
}

/**
 * When a post last changed for readers (domain/article.ts modifiedAt): its revision after
 * publication, else its publication; not updated_at, which any save of the row moves (an import).
 */
const modified = sql<string>`case when revised_at is not null and revised_at > published_at then revised_at else published_at end`;

/** What sitemaps list: published posts, by month (UTC) or since an instant. */
export class SitemapRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Months (YYYY-MM, UTC) that have published posts, newest first, with their last change. */
  async months(): Promise<{ month: string; lastModified: string }[]> {
    const month = sql<string>`substr(published_at, 1, 7)`;
    const rows = await this.db
      .selectFrom('articles')
      .select([month.as('month'), (eb) => eb.fn.max(modified).as('last')])
      .where('kind', '=', 'post')
      .where('status', '=', 'published')
      .where('published_at', 'is not', null)
      .groupBy(month)
      .orderBy(month, 'desc')
      .execute();
    return rows.map((r) => ({ month: String(r.month), lastModified: String(r.last) }));
  }

  /** Published posts with `from <= published_at < to`, newest first. */
  async between(from: string, to: string, limit = 50_000): Promise<SitemapEntry[]> {
    const rows = await this.db
      .selectFrom('articles')
      .select(['id', 'edition', 'slug', 'title', 'published_at', modified.as('modified')])
      .where('kind', '=', 'post')
      .where('status', '=', 'published')
      .where('published_at', '>=', from)
      .where('published_at', '<', to)
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, edition: r.edition, slug: r.slug, title: r.title, publishedAt: r.published_at ?? '', updatedAt: r.modified }));
  }
}

import type { Kysely } from 'kysely';
import type { ArticleStatus } from '../domain/article.ts';
import type { StaticPage } from '../domain/static-page.ts';
import type { Database } from './schema.ts';

const COLUMNS = ['id', 'edition', 'slug', 'title', 'excerpt', 'body_html', 'status', 'updated_at'] as const;

function toPage(r: { id: number; edition: string; slug: string; title: string; excerpt: string; body_html: string; status: string; updated_at: string }): StaticPage {
  return { id: r.id, edition: r.edition, slug: r.slug, title: r.title, excerpt: r.excerpt, bodyHtml: r.body_html, status: r.status as ArticleStatus, updatedAt: r.updated_at };
}

/** Articles of kind 'page'. */
export class StaticPageRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The published page with this slug in the edition, or null. */
  async published(edition: string, slug: string): Promise<StaticPage | null> {
    const row = await this.db
      .selectFrom('articles')
      .select(COLUMNS)
      .where('edition', '=', edition)
      .where('kind', '=', 'page')
      .where('slug', '=', slug)
      .where('status', '=', 'published')
      .executeTakeFirst();
    return row ? toPage(row) : null;
  }

  /** Every page of the edition but those in the trash, by title. */
  async list(edition: string): Promise<StaticPage[]> {
    const rows = await this.db
      .selectFrom('articles')
      .select(COLUMNS)
      .where('edition', '=', edition)
      .where('kind', '=', 'page')
      .where('status', '!=', 'trash')
      .orderBy('title')
      .orderBy('id')
      .execute();
    return rows.map(toPage);
  }
}

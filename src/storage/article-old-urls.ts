import type { Kysely } from 'kysely';
import type { ArticleStatus } from '../domain/article.ts';
import type { Database } from './schema.ts';
import type { Tx } from './write-path.ts';

/** An address a published article had before its slug, date or edition changed. */
export interface OldUrl {
  articleId: number;
  /** The instant the old URL's date was taken from (shown in the edition's time zone). */
  publishedAt: string;
}

/** A post that went live once and is no longer public (its URL answers 410). */
export interface Withdrawn {
  id: number;
  status: ArticleStatus;
  publishedAt: string | null;
}

export class OldUrlRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async record(tx: Tx, u: { edition: string; slug: string; publishedAt: string; articleId: number }, now: string): Promise<void> {
    await tx
      .insertInto('article_old_urls')
      .values({ edition: u.edition, slug: u.slug, published_at: u.publishedAt, article_id: u.articleId, created_at: now })
      .onConflict((oc) => oc.columns(['edition', 'slug', 'published_at']).doUpdateSet({ article_id: u.articleId, created_at: now }))
      .execute();
  }

  /** Old addresses with this slug in the edition, newest first. */
  async bySlug(edition: string, slug: string): Promise<OldUrl[]> {
    const rows = await this.db
      .selectFrom('article_old_urls')
      .select(['article_id', 'published_at'])
      .where('edition', '=', edition)
      .where('slug', '=', slug)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map((r) => ({ articleId: r.article_id, publishedAt: r.published_at }));
  }

  /** A post with this slug that was published once and is not public now. */
  async withdrawn(edition: string, slug: string): Promise<Withdrawn | null> {
    const row = await this.db
      .selectFrom('articles')
      .select(['id', 'status', 'published_at'])
      .where('edition', '=', edition)
      .where('kind', '=', 'post')
      .where('slug', '=', slug)
      .where('was_published', '=', 1)
      .where('status', '!=', 'published')
      .executeTakeFirst();
    return row ? { id: row.id, status: row.status as ArticleStatus, publishedAt: row.published_at } : null;
  }
}

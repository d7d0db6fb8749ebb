import type { Kysely } from 'kysely';
import type { ArticleKind, ArticleStatus } from '../domain/article.ts';
import type { ArticleLocator } from './articles.ts';
import type { Database } from './schema.ts';

/**
 * The reads behind old (WordPress) addresses: what a slug or an id names, answered with the
 * least the redirect needs. They run only when a request matched none of Khabar's own pages.
 */
export class OldAddressRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Published posts and pages of the edition with any of these slugs (one query for every candidate). */
  async publishedBySlugs(edition: string, slugs: readonly string[]): Promise<ArticleLocator[]> {
    if (!slugs.length) return [];
    const rows = await this.db
      .selectFrom('articles')
      .select(['id', 'edition', 'slug', 'status', 'published_at', 'kind'])
      .where('edition', '=', edition)
      // Both kinds named, so the (edition, kind, slug) index answers each pair.
      .where('kind', 'in', ['post', 'page'])
      .where('slug', 'in', [...slugs])
      .where('status', '=', 'published')
      .execute();
    return rows.map((r) => ({ id: r.id, edition: r.edition, slug: r.slug, status: r.status as ArticleStatus, publishedAt: r.published_at, kind: r.kind as ArticleKind }));
  }

  /** The slug of a section or tag by its id, when it belongs to the edition. */
  async termSlug(kind: 'category' | 'tag', edition: string, id: number): Promise<string | null> {
    const row =
      kind === 'category'
        ? await this.db.selectFrom('categories').select('slug').where('id', '=', id).where('edition', '=', edition).executeTakeFirst()
        : await this.db.selectFrom('tags').select('slug').where('id', '=', id).where('edition', '=', edition).executeTakeFirst();
    return row?.slug ?? null;
  }

  /** An author's slug by their id (authors are site-wide). */
  async authorSlug(id: number): Promise<string | null> {
    const row = await this.db.selectFrom('users').select('slug').where('id', '=', id).executeTakeFirst();
    return row?.slug ?? null;
  }
}

import type { Kysely } from 'kysely';
import type { Category, Tag } from '../domain/taxonomy.ts';
import type { Database } from './schema.ts';

export class TaxonomyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async categories(edition: string): Promise<Category[]> {
    return this.db
      .selectFrom('categories')
      .select(['id', 'edition', 'slug', 'name', 'description'])
      .where('edition', '=', edition)
      .orderBy('position')
      .orderBy('id')
      .execute();
  }

  async categoryBySlug(edition: string, slug: string): Promise<Category | null> {
    const row = await this.db
      .selectFrom('categories')
      .select(['id', 'edition', 'slug', 'name', 'description'])
      .where('edition', '=', edition)
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ?? null;
  }

  async tagBySlug(edition: string, slug: string): Promise<Tag | null> {
    const row = await this.db
      .selectFrom('tags')
      .select(['id', 'edition', 'slug', 'name'])
      .where('edition', '=', edition)
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ?? null;
  }

  async upsertCategory(tx: Kysely<Database>, c: Omit<Category, 'id'> & { position?: number }): Promise<number> {
    const row = await tx
      .insertInto('categories')
      .values({ edition: c.edition, slug: c.slug, name: c.name, description: c.description, position: c.position ?? 0 })
      .onConflict((oc) => oc.columns(['edition', 'slug']).doUpdateSet({ name: c.name, description: c.description }))
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** The tag with this slug in the edition, created with `name` when missing. */
  async ensureTag(tx: Kysely<Database>, edition: string, slug: string, name: string): Promise<number> {
    const row = await tx
      .insertInto('tags')
      .values({ edition, slug, name })
      .onConflict((oc) => oc.columns(['edition', 'slug']).doUpdateSet({ name }))
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async categoryIdsBySlugs(tx: Kysely<Database>, edition: string, slugs: string[]): Promise<Map<string, number>> {
    if (!slugs.length) return new Map();
    const rows = await tx.selectFrom('categories').select(['id', 'slug']).where('edition', '=', edition).where('slug', 'in', slugs).execute();
    return new Map(rows.map((r) => [r.slug, r.id]));
  }
}

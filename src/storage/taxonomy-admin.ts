import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** A section or tag as the newsroom manages it, with how many articles carry it. */
export interface ManagedTerm {
  id: number;
  edition: string;
  slug: string;
  name: string;
  /** Tags have none (''). */
  description: string;
  /** Menu order of sections; 0 for tags. */
  position: number;
  articles: number;
}

export type TermKind = 'category' | 'tag';

export interface TermFields {
  slug: string;
  name: string;
  description: string;
  position: number;
}

/** The newsroom's writes to sections and tags (the public site reads them through TaxonomyRepository). */
export class TaxonomyAdminRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(kind: TermKind, edition: string, db: Kysely<Database> = this.db): Promise<ManagedTerm[]> {
    if (kind === 'category') {
      const rows = await db
        .selectFrom('categories as c')
        .select(['c.id', 'c.edition', 'c.slug', 'c.name', 'c.description', 'c.position'])
        .select((eb) => eb.selectFrom('article_categories as ac').select((e) => e.fn.countAll<number>().as('n')).whereRef('ac.category_id', '=', 'c.id').as('articles'))
        .where('c.edition', '=', edition)
        .orderBy('c.position')
        .orderBy('c.id')
        .execute();
      return rows.map((r) => ({ ...r, articles: Number(r.articles ?? 0) }));
    }
    const rows = await db
      .selectFrom('tags as t')
      .select(['t.id', 't.edition', 't.slug', 't.name'])
      .select((eb) => eb.selectFrom('article_tags as at').select((e) => e.fn.countAll<number>().as('n')).whereRef('at.tag_id', '=', 't.id').as('articles'))
      .where('t.edition', '=', edition)
      .orderBy('t.name')
      .orderBy('t.id')
      .execute();
    return rows.map((r) => ({ ...r, description: '', position: 0, articles: Number(r.articles ?? 0) }));
  }

  async find(kind: TermKind, id: number, db: Kysely<Database> = this.db): Promise<ManagedTerm | null> {
    const row =
      kind === 'category'
        ? await db.selectFrom('categories').select(['id', 'edition']).where('id', '=', id).executeTakeFirst()
        : await db.selectFrom('tags').select(['id', 'edition']).where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    return (await this.list(kind, row.edition, db)).find((t) => t.id === id) ?? null;
  }

  /** The name of the term of this kind that already has `slug` in the edition (not `exceptId`), or null. */
  async slugOwner(tx: Kysely<Database>, kind: TermKind, edition: string, slug: string, exceptId?: number): Promise<string | null> {
    let q = tx.selectFrom(kind === 'category' ? 'categories' : 'tags').select('name').where('edition', '=', edition).where('slug', '=', slug);
    if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst())?.name ?? null;
  }

  async insert(tx: Kysely<Database>, kind: TermKind, edition: string, f: TermFields): Promise<number> {
    const row =
      kind === 'category'
        ? await tx.insertInto('categories').values({ edition, slug: f.slug, name: f.name, description: f.description, position: f.position }).returning('id').executeTakeFirstOrThrow()
        : await tx.insertInto('tags').values({ edition, slug: f.slug, name: f.name }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  async update(tx: Kysely<Database>, kind: TermKind, id: number, f: TermFields): Promise<void> {
    if (kind === 'category') {
      await tx.updateTable('categories').set({ slug: f.slug, name: f.name, description: f.description, position: f.position }).where('id', '=', id).execute();
    } else {
      await tx.updateTable('tags').set({ slug: f.slug, name: f.name }).where('id', '=', id).execute();
    }
  }

  /**
   * Deletes a section or tag; its articles stay, without it. An article whose primary section it
   * was takes its next remaining section (by menu order) as primary, or none.
   */
  async delete(tx: Kysely<Database>, kind: TermKind, id: number): Promise<void> {
    if (kind === 'tag') {
      await tx.deleteFrom('article_tags').where('tag_id', '=', id).execute();
      await tx.deleteFrom('tags').where('id', '=', id).execute();
      return;
    }
    const affected = await tx.selectFrom('articles').select('id').where('primary_category_id', '=', id).execute();
    await tx.deleteFrom('article_categories').where('category_id', '=', id).execute();
    for (const { id: articleId } of affected) {
      const next = await tx
        .selectFrom('article_categories as ac')
        .innerJoin('categories as c', 'c.id', 'ac.category_id')
        .select('c.id')
        .where('ac.article_id', '=', articleId)
        .orderBy('c.position')
        .orderBy('c.id')
        .executeTakeFirst();
      await tx.updateTable('articles').set({ primary_category_id: next?.id ?? null }).where('id', '=', articleId).execute();
    }
    await tx.deleteFrom('categories').where('id', '=', id).execute();
  }
}

import type { Kysely } from 'kysely';
import type { Category, Tag, Term, TermFields, TermKind } from '../domain/taxonomy.ts';
import type { Database } from './schema.ts';
import type { Tx } from './write-path.ts';

/** Sections (categories) and tags: the public site's reads and the newsroom's management. */
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

  async upsertCategory(tx: Tx, c: Omit<Category, 'id'> & { position?: number }): Promise<number> {
    const row = await tx
      .insertInto('categories')
      .values({ edition: c.edition, slug: c.slug, name: c.name, description: c.description, position: c.position ?? 0 })
      .onConflict((oc) => oc.columns(['edition', 'slug']).doUpdateSet({ name: c.name, description: c.description }))
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** The tag with this slug in the edition, created with `name` when missing. */
  async ensureTag(tx: Tx, edition: string, slug: string, name: string): Promise<number> {
    const row = await tx
      .insertInto('tags')
      .values({ edition, slug, name })
      .onConflict((oc) => oc.columns(['edition', 'slug']).doUpdateSet({ name }))
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async tagIdsBySlugs(tx: Tx, edition: string, slugs: string[]): Promise<Map<string, number>> {
    if (!slugs.length) return new Map();
    const rows = await tx.selectFrom('tags').select(['id', 'slug']).where('edition', '=', edition).where('slug', 'in', slugs).execute();
    return new Map(rows.map((r) => [r.slug, r.id]));
  }

  /**
   * A WordPress term written as it came (the importer keys it on its WordPress id): inserted, or
   * `id`'s row updated. A section's parent is set afterwards (`setCategoryParent`): it may come later.
   */
  async putImportedTerm(tx: Tx, kind: TermKind, id: number | null, t: { edition: string; slug: string; name: string; description: string }): Promise<number> {
    const table = kind === 'category' ? 'categories' : 'tags';
    // The slug is the edition's key: a term that already has it is the one written.
    const owner = await tx.selectFrom(table).select('id').where('edition', '=', t.edition).where('slug', '=', t.slug).executeTakeFirst();
    if (owner) id = owner.id;
    if (id !== null) {
      const done = await tx.updateTable(table).set({ slug: t.slug, name: t.name, description: t.description }).where('id', '=', id).executeTakeFirst();
      if (Number(done.numUpdatedRows) > 0) return id;
    }
    const again = { name: t.name, description: t.description };
    const row = kind === 'category'
      ? await tx.insertInto('categories').values({ ...t, position: 0 }).onConflict((oc) => oc.columns(['edition', 'slug']).doUpdateSet(again)).returning('id').executeTakeFirstOrThrow()
      : await tx.insertInto('tags').values(t).onConflict((oc) => oc.columns(['edition', 'slug']).doUpdateSet(again)).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  async setCategoryParent(tx: Tx, id: number, parentId: number | null): Promise<void> {
    await tx.updateTable('categories').set({ parent_id: parentId }).where('id', '=', id).execute();
  }

  async categoryIdsBySlugs(tx: Tx, edition: string, slugs: string[]): Promise<Map<string, number>> {
    if (!slugs.length) return new Map();
    const rows = await tx.selectFrom('categories').select(['id', 'slug']).where('edition', '=', edition).where('slug', 'in', slugs).execute();
    return new Map(rows.map((r) => [r.slug, r.id]));
  }

  /** The edition's sections (menu order) or tags (by name), each with its article count. */
  async terms(kind: TermKind, edition: string, db: Tx = this.db): Promise<Term[]> {
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

  async term(kind: TermKind, id: number, db: Tx = this.db): Promise<Term | null> {
    const row =
      kind === 'category'
        ? await db.selectFrom('categories').select(['id', 'edition']).where('id', '=', id).executeTakeFirst()
        : await db.selectFrom('tags').select(['id', 'edition']).where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    return (await this.terms(kind, row.edition, db)).find((t) => t.id === id) ?? null;
  }

  /** The name of the term of this kind that already has `slug` in the edition (not `exceptId`), or null. */
  async slugOwner(tx: Tx, kind: TermKind, edition: string, slug: string, exceptId?: number): Promise<string | null> {
    let q = tx.selectFrom(kind === 'category' ? 'categories' : 'tags').select('name').where('edition', '=', edition).where('slug', '=', slug);
    if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst())?.name ?? null;
  }

  async insertTerm(tx: Tx, kind: TermKind, edition: string, f: TermFields): Promise<number> {
    const row =
      kind === 'category'
        ? await tx.insertInto('categories').values({ edition, slug: f.slug, name: f.name, description: f.description, position: f.position }).returning('id').executeTakeFirstOrThrow()
        : await tx.insertInto('tags').values({ edition, slug: f.slug, name: f.name }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  async updateTerm(tx: Tx, kind: TermKind, id: number, f: TermFields): Promise<void> {
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
  async deleteTerm(tx: Tx, kind: TermKind, id: number): Promise<void> {
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

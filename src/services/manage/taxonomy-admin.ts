import type { Kysely } from 'kysely';
import { NotFound } from '../../domain/errors.ts';
import { isValidSlug, MAX_SLUG_LENGTH, slugify } from '../../platform/slug.ts';
import type { Repositories } from '../../storage/repositories.ts';
import type { Database } from '../../storage/schema.ts';
import type { ManagedTerm, TermKind } from '../../storage/taxonomy-admin.ts';
import { integerIn, optionalText, Problems, requiredText } from './problems.ts';

/** What the section and tag forms send, as typed. */
export interface TermInput {
  name: string;
  slug: string;
  description?: string;
  position?: string;
}

/**
 * Sections (categories) and tags of one edition. Slugs keep Arabic as Arabic (platform/slug.ts);
 * an empty slug is made from the name. A slug another term of the edition already has is refused
 * with the other term's name, never silently suffixed: renaming a section's URL is a deliberate act.
 */
export class TaxonomyAdmin {
  constructor(private readonly deps: { repos: Repositories }) {}

  async list(kind: TermKind, edition: string): Promise<ManagedTerm[]> {
    return this.deps.repos.taxonomyAdmin.list(kind, edition);
  }

  async find(kind: TermKind, id: number): Promise<ManagedTerm> {
    const t = await this.deps.repos.taxonomyAdmin.find(kind, id);
    if (!t) throw new NotFound(`${kind} ${id}`);
    return t;
  }

  async create(kind: TermKind, edition: string, input: TermInput): Promise<number> {
    const { repos } = this.deps;
    if (!(await repos.editions.all()).some((e) => e.code === edition)) throw new NotFound(`edition "${edition}"`);
    return repos.transaction(async (tx) => {
      const fields = await this.check(kind, edition, input, undefined, tx);
      const id = await repos.taxonomyAdmin.insert(tx, kind, edition, fields);
      await repos.changes.bump(tx); // section menus and archives are public
      return id;
    });
  }

  async update(kind: TermKind, id: number, input: TermInput): Promise<void> {
    const { repos } = this.deps;
    await repos.transaction(async (tx) => {
      const current = await repos.taxonomyAdmin.find(kind, id, tx);
      if (!current) throw new NotFound(`${kind} ${id}`);
      const fields = await this.check(kind, current.edition, input, id, tx);
      await repos.taxonomyAdmin.update(tx, kind, id, fields);
      await repos.changes.bump(tx);
    });
  }

  /** Deletes the term; its articles stay (without it). */
  async delete(kind: TermKind, id: number): Promise<void> {
    const { repos } = this.deps;
    await repos.transaction(async (tx) => {
      if (!(await repos.taxonomyAdmin.find(kind, id, tx))) throw new NotFound(`${kind} ${id}`);
      await repos.taxonomyAdmin.delete(tx, kind, id);
      await repos.changes.bump(tx);
    });
  }

  private async check(kind: TermKind, edition: string, input: TermInput, exceptId: number | undefined, tx: Kysely<Database>) {
    const p = new Problems();
    const name = requiredText(p, 'name', input.name, 200);
    const typed = input.slug.trim();
    // What was typed is tidied the same way a title is (spaces → «-», punctuation dropped).
    const slug = slugify(typed || name, MAX_SLUG_LENGTH);
    if (typed && !slug) p.add('slug', { code: 'slug' });
    else if (slug && !isValidSlug(slug)) p.add('slug', { code: 'slug' });
    else if (!slug && name) p.add('slug', { code: 'slug' });
    const description = kind === 'category' ? optionalText(p, 'description', input.description ?? '', 2000) : '';
    const position = kind === 'category' ? integerIn(p, 'position', input.position ?? '', 0, 9999, 0) : 0;
    if (slug && !p.has('slug')) {
      const owner = await this.deps.repos.taxonomyAdmin.slugOwner(tx, kind, edition, slug, exceptId);
      if (owner !== null) p.add('slug', { code: 'taken', by: owner });
    }
    p.done();
    return { name, slug, description, position };
  }
}

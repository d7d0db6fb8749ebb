import { NotFound, Problems } from '../../domain/errors.ts';
import { type InvalidationKey, invalidates } from '../../domain/invalidation.ts';
import type { Category, Term, TermFields, TermKind } from '../../domain/taxonomy.ts';
import { isValidSlug, MAX_SLUG_LENGTH, slugify } from '../../platform/slug.ts';
import type { PublicTermQuery } from '../../storage/published-queries.ts';
import type { Repositories } from '../../storage/repositories.ts';
import type { Tx } from '../../storage/write-path.ts';
import { integerIn, optionalText, requiredText } from '../typed-input.ts';

/** What the section and tag forms send, as typed. */
export interface TermInput {
  name: string;
  slug: string;
  description?: string;
  position?: string;
}

/**
 * A section or tag appears beyond its own archive: sections in every page's automatic menu, both
 * on the article pages and cards that carry them. So a change invalidates its archive and the
 * whole edition.
 */
function termKeys(kind: TermKind, id: number, edition: string): InvalidationKey[] {
  return [kind === 'category' ? invalidates.section(id) : invalidates.tag(id), invalidates.edition(edition)];
}

/**
 * Sections (categories) and tags of one edition. Slugs keep Arabic as Arabic (platform/slug.ts);
 * an empty slug is made from the name. A slug another term of the edition already has is refused
 * with the other term's name, never silently suffixed: renaming a section's URL is a deliberate act.
 */
export class TaxonomyService {
  constructor(private readonly deps: { repos: Repositories }) {}

  async list(kind: TermKind, edition: string): Promise<Term[]> {
    return this.deps.repos.taxonomies.terms(kind, edition);
  }

  /** The edition's sections in menu order (what a menu link may point to). */
  async categories(edition: string): Promise<Category[]> {
    return this.deps.repos.taxonomies.categories(edition);
  }

  /** Sections or tags as readers see them, with published-article counts (the WordPress REST API). */
  async published(q: PublicTermQuery): Promise<{ items: Term[]; total: number }> {
    return this.deps.repos.published.terms(q);
  }

  async find(kind: TermKind, id: number): Promise<Term> {
    const t = await this.deps.repos.taxonomies.term(kind, id);
    if (!t) throw new NotFound(`${kind} ${id}`);
    return t;
  }

  async create(kind: TermKind, edition: string, input: TermInput): Promise<number> {
    const { repos } = this.deps;
    if (!(await repos.editions.all()).some((e) => e.code === edition)) throw new NotFound(`edition "${edition}"`);
    return repos.write(
      async (tx) => {
        const fields = await this.check(tx, kind, edition, input);
        return repos.taxonomies.insertTerm(tx, kind, edition, fields);
      },
      { invalidates: (id) => termKeys(kind, id, edition) },
    );
  }

  async update(kind: TermKind, id: number, input: TermInput): Promise<void> {
    const { repos } = this.deps;
    await repos.write(
      async (tx, touch) => {
        const current = await repos.taxonomies.term(kind, id, tx);
        if (!current) throw new NotFound(`${kind} ${id}`);
        const fields = await this.check(tx, kind, current.edition, input, id);
        await repos.taxonomies.updateTerm(tx, kind, id, fields);
        touch(...termKeys(kind, id, current.edition));
      },
      { invalidates: [] },
    );
  }

  /** Deletes the term; its articles stay (without it). */
  async delete(kind: TermKind, id: number): Promise<void> {
    const { repos } = this.deps;
    await repos.write(
      async (tx, touch) => {
        const current = await repos.taxonomies.term(kind, id, tx);
        if (!current) throw new NotFound(`${kind} ${id}`);
        await repos.taxonomies.deleteTerm(tx, kind, id);
        touch(...termKeys(kind, id, current.edition));
      },
      { invalidates: [] },
    );
  }

  private async check(tx: Tx, kind: TermKind, edition: string, input: TermInput, exceptId?: number): Promise<TermFields> {
    const p = new Problems();
    const name = requiredText(p, 'name', input.name, 200);
    const typed = input.slug.trim();
    // What was typed is tidied the same way a title is (spaces → «-», punctuation dropped).
    const slug = slugify(typed || name, MAX_SLUG_LENGTH);
    if (typed && !slug) p.add('slug', 'slug');
    else if (slug && !isValidSlug(slug)) p.add('slug', 'slug');
    else if (!slug && name) p.add('slug', 'slug');
    const description = kind === 'category' ? optionalText(p, 'description', input.description ?? '', 2000) : '';
    const position = kind === 'category' ? integerIn(p, 'position', input.position ?? '', 0, 9999, 0) : 0;
    if (slug && !p.has('slug')) {
      const owner = await this.deps.repos.taxonomies.slugOwner(tx, kind, edition, slug, exceptId);
      if (owner !== null) p.add('slug', 'taken', { by: owner });
    }
    p.done();
    return { name, slug, description, position };
  }
}

import type { Edition } from '../../domain/edition.ts';
import type { MenuItem } from '../../domain/menu.ts';
import type { Category } from '../../domain/taxonomy.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { type EditionSet, loadEditions } from '../editions/editions.ts';

export type ArchiveKind = 'category' | 'tag' | 'author';

/** What lists the articles of a section, a tag or an author: the filter for ArticleService.list. */
export type ArchiveFilter = { categoryId: number } | { tagId: number } | { authorId: number };

/** A section, tag or author as its archive page and feed show it. */
export interface Archive {
  kind: ArchiveKind;
  id: number;
  name: string;
  slug: string;
  /** A section's description or an author's biography ('' for a tag). */
  intro: string;
  /** An author's photo (a library image's address); null for sections, tags and authors without one. */
  photoUrl: string | null;
  filter: ArchiveFilter;
}

/** What every public page of a content version shows around its content: editions, sections, menus. */
export interface SiteLayout {
  editions: EditionSet;
  sections: Map<string, Category[]>;
  menus: Map<string, MenuItem[]>;
}

/**
 * The archives readers browse (sections, tags, authors) and the site's layout — the reads the
 * public pages, feeds and search filters share, so each is resolved one way.
 */
export class ArchiveService {
  constructor(private readonly deps: { repos: Repositories }) {}

  /** The archive `slug` names in `edition`, or null (→ 404). Authors are site-wide. */
  async find(edition: Edition['code'], kind: ArchiveKind, slug: string): Promise<Archive | null> {
    const { repos } = this.deps;
    if (kind === 'category') {
      const c = await repos.taxonomies.categoryBySlug(edition, slug);
      return c && { kind, id: c.id, name: c.name, slug: c.slug, intro: c.description, photoUrl: null, filter: { categoryId: c.id } };
    }
    if (kind === 'tag') {
      const t = await repos.taxonomies.tagBySlug(edition, slug);
      return t && { kind, id: t.id, name: t.name, slug: t.slug, intro: '', photoUrl: null, filter: { tagId: t.id } };
    }
    // The edition's own name and bio for its readers («Laila Haddad» in English).
    const a = await repos.users.authorBySlug(slug, edition);
    return a && { kind, id: a.id, name: a.name, slug: a.slug, intro: a.bio, photoUrl: a.photoUrl, filter: { authorId: a.id } };
  }

  /** Editions with their sections and masthead menus (one query for every edition's menus). */
  async layout(): Promise<SiteLayout> {
    const { repos } = this.deps;
    const editions = await loadEditions(repos);
    const sections = new Map<string, Category[]>();
    for (const e of editions.list) sections.set(e.code, await repos.taxonomies.categories(e.code));
    const menus = new Map<string, MenuItem[]>();
    for (const m of await repos.menus.all()) menus.set(m.edition, [...(menus.get(m.edition) ?? []), m]);
    return { editions, sections, menus };
  }
}

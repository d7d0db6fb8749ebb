import type { ArticleStatus } from './article.ts';

/** A static page (about, contact): an article of kind 'page', outside the news flow, at /<edition>/<slug>/. */
export interface StaticPage {
  id: number;
  edition: string;
  slug: string;
  title: string;
  excerpt: string;
  /** Sanitised HTML (written through ArticleService's sanitiser like every article body). */
  bodyHtml: string;
  status: ArticleStatus;
  updatedAt: string;
}

/**
 * Words the public router reads as something else at /<edition>/<word>/ (search, the archive
 * prefixes, feeds, paging, a year): a page with such a slug could never be reached.
 */
export function isReservedPageSlug(slug: string): boolean {
  return ['search', 'category', 'tag', 'author', 'feed', 'page'].includes(slug) || /^\d{4}$/.test(slug);
}

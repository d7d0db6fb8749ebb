import type { ArticleInput, ArticleKind, ArticleStatus } from '../../domain/article.ts';
import { Invalid } from '../../domain/errors.ts';
import { excerptOf, htmlToText, sanitizeArticleHtml } from '../../platform/html/sanitize.ts';
import type { ArticleRecord } from '../../storage/articles.ts';
import { cardImage, libraryImageNames } from '../media/card-image.ts';
import { validateArticleInput } from './validate.ts';

/**
 * The rules every article write applies, as pure steps: `ArticleService.save` (one article) and
 * the bulk import (many, services/articles/bulk-articles.ts) both go through them, so an imported
 * article is checked and sanitised exactly as one typed in the newsroom.
 */

/** What validation and sanitising make of an input. */
export interface CheckedArticle {
  publishedAt: string | null;
  status: ArticleStatus;
  bodyHtml: string;
  bodyText: string;
}

/** A body already sanitised (by `sanitizeArticleHtml`), with its text (`htmlToText` of it). */
export interface CleanBody {
  bodyText: string;
}

/**
 * Checks an input (one Invalid with every bad field) and sanitises its body — unless `clean` has
 * it, keyed by the very HTML: the importer converts its bodies through the sanitiser (on another
 * thread) before saving them, and cleaning each again cost a tenth of the import's CPU.
 */
export function checkArticle(input: ArticleInput, editions: ReadonlySet<string>, now: string, clean?: ReadonlyMap<string, CleanBody>): CheckedArticle {
  validateArticleInput(input, editions);
  const publishedAt = input.publishedAt === null ? null : new Date(input.publishedAt).toISOString();
  // A publish date in the future is a schedule, as in WordPress.
  const status = input.status === 'published' && publishedAt !== null && publishedAt > now ? 'scheduled' : input.status;
  const known = clean?.get(input.bodyHtml);
  if (known) return { publishedAt, status, bodyHtml: input.bodyHtml, bodyText: known.bodyText };
  const bodyHtml = sanitizeArticleHtml(input.bodyHtml);
  return { publishedAt, status, bodyHtml, bodyText: htmlToText(bodyHtml) };
}

/** The article's authors, sections and tags as ids, from slugs found by the caller; Invalid names the first unknown one. */
export function articleLinks(
  input: ArticleInput,
  found: { authors: ReadonlyMap<string, number>; categories: ReadonlyMap<string, number>; tags: ReadonlyMap<string, number> },
  namedTagIds: readonly number[] = [],
): { authorIds: number[]; categoryIds: number[]; tagIds: number[] } {
  const authorSlugs = input.authorSlugs ?? [];
  const missingAuthor = authorSlugs.find((s) => !found.authors.has(s));
  if (missingAuthor) throw new Invalid('authors', 'unknown', { value: missingAuthor });
  const categorySlugs = input.categorySlugs ?? [];
  const missingCategory = categorySlugs.find((s) => !found.categories.has(s));
  if (missingCategory) throw new Invalid('categories', 'unknown', { value: missingCategory, edition: input.edition });
  const tagSlugs = input.tagSlugs ?? [];
  const missingTag = tagSlugs.find((s) => !found.tags.has(s));
  if (missingTag) throw new Invalid('tags', 'unknown', { value: missingTag, edition: input.edition });
  return {
    authorIds: authorSlugs.map((s) => found.authors.get(s)!),
    categoryIds: categorySlugs.map((s) => found.categories.get(s)!),
    tagIds: [...new Set([...tagSlugs.map((s) => found.tags.get(s)!), ...namedTagIds])],
  };
}

/** The stored record of a checked input. */
export function articleRecord(
  input: ArticleInput,
  checked: CheckedArticle,
  kind: ArticleKind,
  slug: string,
  links: { authorIds: number[]; categoryIds: number[]; tagIds: number[] },
): ArticleRecord {
  return {
    ...(input.id !== undefined && { id: input.id }),
    kind,
    edition: input.edition,
    slug,
    title: input.title.trim(),
    excerpt: input.excerpt?.trim() || excerptOf(checked.bodyText),
    bodyHtml: checked.bodyHtml,
    bodyText: checked.bodyText,
    status: checked.status,
    publishedAt: checked.publishedAt,
    commentStatus: input.commentStatus,
    translationGroup: input.translationGroup ?? null,
    featuredImageUrl: input.featuredImage?.url || null,
    featuredImageAlt: input.featuredImage?.alt.trim() ?? '',
    featuredImageCaption: input.featuredImage?.caption.trim() ?? '',
    featuredImageCredit: input.featuredImage?.credit.trim() ?? '',
    ...(input.featuredImage?.focus && { featuredImageFocus: input.featuredImage.focus }),
    // Lists show the featured image, else the body's first library image.
    cardImage: cardImage(input.featuredImage?.url ? { url: input.featuredImage.url, alt: input.featuredImage.alt.trim() } : null, checked.bodyHtml),
    mediaNames: libraryImageNames(input.featuredImage?.url, checked.bodyHtml),
    ...links,
    ...(input.parentId !== undefined && { parentId: input.parentId }),
    ...(input.sticky !== undefined && { sticky: input.sticky }),
    kicker: input.kicker?.trim() ?? '',
    breaking: input.breaking ?? false,
    seoTitle: input.seoTitle?.trim() ?? '',
    seoDescription: input.seoDescription?.trim() ?? '',
    dateline: input.dateline?.trim() ?? '',
    autoDraft: input.autoDraft ?? false,
    ...(input.createdAt !== undefined && { createdAt: new Date(input.createdAt).toISOString() }),
  };
}

/** The slug an article's title or given slug starts from. */
export function slugRoot(base: string, id: number | undefined): string {
  return base || (id !== undefined ? String(id) : 'article');
}

/** WordPress's rule: a taken slug (in the same edition and kind) gets «-2», «-3», … */
export async function uniqueSlug(root: string, taken: (slug: string) => boolean | Promise<boolean>): Promise<string> {
  let slug = root;
  for (let n = 2; await taken(slug); n++) slug = `${root}-${n}`;
  return slug;
}

import { ARTICLE_STATUSES, type ArticleInput } from '../../domain/article.ts';
import { Invalid } from '../../domain/errors.ts';
import { isValidSlug } from '../../platform/slug.ts';

export const MAX_TITLE_LENGTH = 500;
export const MAX_BODY_LENGTH = 2_000_000;

/** Checks an article before it is written; throws Invalid naming the first bad field. */
export function validateArticleInput(a: ArticleInput, editions: ReadonlySet<string>): void {
  if (a.id !== undefined && (!Number.isSafeInteger(a.id) || a.id < 1)) {
    throw new Invalid('id', 'must be a positive whole number');
  }
  if (!editions.has(a.edition)) {
    throw new Invalid('edition', `unknown edition "${a.edition}" (known: ${[...editions].join(', ')})`);
  }
  if (typeof a.title !== 'string' || !a.title.trim()) throw new Invalid('title', 'must not be empty');
  if (a.title.length > MAX_TITLE_LENGTH) throw new Invalid('title', `must be at most ${MAX_TITLE_LENGTH} characters`);
  if (a.slug !== undefined && !isValidSlug(a.slug)) throw new Invalid('slug', 'may hold only letters, digits and single hyphens');
  if (a.bodyHtml.length > MAX_BODY_LENGTH) throw new Invalid('body', `must be at most ${MAX_BODY_LENGTH} characters`);
  if (!ARTICLE_STATUSES.includes(a.status)) throw new Invalid('status', `must be one of ${ARTICLE_STATUSES.join(', ')}`);
  if (a.publishedAt !== null && !isIsoInstant(a.publishedAt)) {
    throw new Invalid('published', 'must be an ISO 8601 date and time with a zone, e.g. 2022-02-25T18:50:00+03:00');
  }
  if ((a.status === 'published' || a.status === 'scheduled') && a.publishedAt === null) {
    throw new Invalid('published', 'is required for a published or scheduled article');
  }
}

/** A full ISO 8601 date-time with an explicit zone (Z or ±hh:mm) that names a real instant. */
export function isIsoInstant(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) return false;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return false;
  // Date.parse rolls 2022-02-30 over to March; a real date round-trips its day.
  const [y, m, d] = s.slice(0, 10).split('-').map(Number);
  const probe = new Date(Date.UTC(y!, m! - 1, d!));
  return probe.getUTCMonth() === m! - 1 && probe.getUTCDate() === d;
}

import { ARTICLE_STATUSES, type ArticleInput } from '../../domain/article.ts';
import { Problems } from '../../domain/errors.ts';
import { isValidSlug } from '../../platform/slug.ts';

export const MAX_TITLE_LENGTH = 500;
export const MAX_BODY_LENGTH = 2_000_000;
/** The newsroom's short fields (their columns: migrations/0026-article-fields.ts). */
export const FIELD_LIMITS = { kicker: 100, seoTitle: 200, seoDescription: 400, dateline: 100 } as const;
/** Each short field's name in a problem (the form's field). */
export const FIELD_NAMES = { kicker: 'kicker', seoTitle: 'seo_title', seoDescription: 'seo_description', dateline: 'dateline' } as const;

/** Checks an article before it is written; throws one Invalid with every bad field. */
export function validateArticleInput(a: ArticleInput, editions: ReadonlySet<string>): void {
  const problems = new Problems();
  if (a.id !== undefined && (!Number.isSafeInteger(a.id) || a.id < 1)) problems.add('id', 'invalid');
  if (!editions.has(a.edition)) problems.add('edition', 'unknown_edition', { value: a.edition, known: [...editions].join(', ') });
  if (typeof a.title !== 'string' || !a.title.trim()) problems.add('title', 'required');
  else if (a.title.length > MAX_TITLE_LENGTH) problems.add('title', 'too_long', { max: MAX_TITLE_LENGTH });
  if (a.slug !== undefined && !isValidSlug(a.slug)) problems.add('slug', 'slug');
  if (a.bodyHtml.length > MAX_BODY_LENGTH) problems.add('body', 'too_long', { max: MAX_BODY_LENGTH });
  for (const k of Object.keys(FIELD_LIMITS) as (keyof typeof FIELD_LIMITS)[]) {
    if ((a[k]?.trim().length ?? 0) > FIELD_LIMITS[k]) problems.add(FIELD_NAMES[k], 'too_long', { max: FIELD_LIMITS[k] });
  }
  if (!ARTICLE_STATUSES.includes(a.status)) problems.add('status', 'choice', { options: ARTICLE_STATUSES.join(', ') });
  if (a.publishedAt !== null && !isIsoInstant(a.publishedAt)) problems.add('published', 'date_time');
  else if ((a.status === 'published' || a.status === 'scheduled') && a.publishedAt === null) problems.add('published', 'published_required');
  problems.done();
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

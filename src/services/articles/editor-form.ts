import type { Account } from '../../domain/account.ts';
import { type Article, type ArticleKind, type ArticleRef, CENTRE, type CommentStatus, type FeaturedImage, type FocalPoint } from '../../domain/article.ts';
import type { Edition } from '../../domain/edition.ts';
import { Invalid, Problems } from '../../domain/errors.ts';
import { isReservedPageSlug } from '../../domain/static-page.ts';
import type { Category } from '../../domain/taxonomy.ts';
import { instantFromZoned, zonedParts } from '../../platform/dates/format.ts';
import { excerptOf, sanitizeArticleHtml } from '../../platform/html/sanitize.ts';
import { slugify } from '../../platform/slug.ts';
import { type Actor, canDoTo } from '../users/capabilities.ts';
import { FIELD_LIMITS, FIELD_NAMES, MAX_BODY_LENGTH, MAX_TITLE_LENGTH } from './validate.ts';

/** The editor form as typed (strings and ids; nothing checked yet). */
export interface EditorForm {
  /** What a new article becomes (a stored one keeps its kind, whatever the form says). */
  kind: ArticleKind;
  title: string;
  bodyHtml: string;
  excerpt: string;
  slug: string;
  edition: string;
  categoryIds: number[];
  /** Comma-separated tag names (Arabic «،» separates too). */
  tags: string;
  authorIds: number[];
  featuredImageUrl: string;
  featuredImageAlt: string;
  featuredImageCaption: string;
  featuredImageCredit: string;
  /** The featured image's focal point as typed: whole per cent, 0–100 ('' → the centre). */
  featuredImageFocusX: string;
  featuredImageFocusY: string;
  commentStatus: CommentStatus;
  /** The same story in other editions (at most one per edition). */
  translationIds: number[];
  /** Wall-clock `YYYY-MM-DDTHH:mm` in the edition's time zone, or '' (now / unchanged). */
  publishAt: string;
  /** The newsroom's fields (a page has only the SEO ones). */
  kicker: string;
  dateline: string;
  seoTitle: string;
  seoDescription: string;
  /** The front page's flags: only those who choose the home lead change them (the service keeps the stored ones otherwise). */
  breaking: boolean;
  pinned: boolean;
}

export const MAX_EXCERPT_LENGTH = 1000;
export const MAX_TAGS = 30;
export const MAX_TAG_LENGTH = 100;
const MAX_URL_LENGTH = 2000;
const MAX_CAPTION_LENGTH = 1000;

/** An empty form for a new article of `kind` in `edition`, by `actor`. */
export function blankForm(actor: Actor, edition: string, kind: ArticleKind): EditorForm {
  return {
    kind,
    title: '', bodyHtml: '', excerpt: '', slug: '', edition, categoryIds: [], tags: '', authorIds: [actor.id],
    featuredImageUrl: '', featuredImageAlt: '', featuredImageCaption: '', featuredImageCredit: '', featuredImageFocusX: '50', featuredImageFocusY: '50', commentStatus: 'open', translationIds: [], publishAt: '',
    kicker: '', dateline: '', seoTitle: '', seoDescription: '', breaking: false, pinned: false,
  };
}

/** The wall-clock value of an instant in a zone, as a datetime-local field shows it. */
export function localDateTime(instant: string, timeZone: string): string {
  const z = zonedParts(instant, timeZone);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${z.year}-${p(z.month)}-${p(z.day)}T${p(z.hour)}:${p(z.minute)}`;
}

/** `YYYY-MM-DDTHH:mm` (seconds allowed) in the zone → a UTC instant; null when not a real date-time. */
export function parseLocalDateTime(s: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(s.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59 || year < 1900) return null;
  return instantFromZoned({ year, month, day, hour, minute }, timeZone).toISOString();
}

/** Tag names from the field: «،» and «,» separate, blanks dropped, duplicates once. */
export function tagNames(s: string): string[] {
  const seen = new Set<string>();
  return s
    .split(/[,،]/)
    .map((t) => t.replace(/\s+/g, ' ').trim())
    .filter((t) => t && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
}

/** A featured image address: http(s), or a path on this site (the media library's files). */
function isImageUrl(s: string): boolean {
  return /^https?:\/\/[^\s<>"]+$/i.test(s) || /^\/(?!\/)[^\s<>"\\]*$/.test(s);
}

/** What the form is checked against: the edition's sections, the accounts, the picked translations. */
export interface FormFacts {
  edition: Edition;
  categories: Category[];
  accounts: Account[];
  /** The articles the form's translation ids name (those that exist, posts only). */
  picks: ArticleRef[];
}

/** A form that passed every check: what the save writes. */
export interface PreparedArticle {
  edition: Edition;
  title: string;
  slug: string;
  /** Sanitised already: revisions (a refused save, an autosave) keep only safe HTML too. */
  bodyHtml: string;
  categorySlugs: string[];
  tags: string[];
  authorSlugs: string[];
  featuredImage: FeaturedImage | null;
  publishAt: string | null;
  picks: ArticleRef[];
  /** The newsroom's short fields, trimmed. */
  fields: { kicker: string; dateline: string; seoTitle: string; seoDescription: string };
}

/**
 * Only those who may edit others' articles credit other people (WordPress: edit_others_posts);
 * an author or contributor may keep the co-authors an editor gave the article, add nobody.
 */
export function checkCoAuthors(actor: Actor, current: readonly number[], wanted: readonly number[]): void {
  if (canDoTo(actor, 'article.edit', { status: 'draft', authorIds: [] })) return;
  if (wanted.some((id) => id !== actor.id && !current.includes(id))) throw new Invalid('authors', 'coauthor_not_allowed');
}

/** Checks every field of the form; throws one Invalid with each bad field's first problem. */
export function checkForm(actor: Actor, form: EditorForm, facts: FormFacts): PreparedArticle {
  const { edition } = facts;
  const problems = new Problems();
  const title = form.title.replace(/\s+/g, ' ').trim();
  if (!title) problems.add('title', 'required');
  else if (title.length > MAX_TITLE_LENGTH) problems.add('title', 'too_long', { max: MAX_TITLE_LENGTH });
  let slug = slugify(title);
  if (form.slug.trim()) {
    slug = slugify(form.slug);
    if (!slug) problems.add('slug', 'slug');
  } else if (title && !slug) problems.add('title', 'invalid');
  // A page's address must not be one the site serves itself (/<edition>/search/, …).
  if (slug && form.kind === 'page' && isReservedPageSlug(slug)) problems.add(form.slug.trim() ? 'slug' : 'title', form.slug.trim() ? 'slug' : 'invalid');
  if (form.bodyHtml.length > MAX_BODY_LENGTH) problems.add('body', 'too_long', { max: MAX_BODY_LENGTH });
  if (form.excerpt.length > MAX_EXCERPT_LENGTH) problems.add('excerpt', 'too_long', { max: MAX_EXCERPT_LENGTH });
  const fields = { kicker: oneLine(form.kicker), dateline: oneLine(form.dateline), seoTitle: oneLine(form.seoTitle), seoDescription: oneLine(form.seoDescription) };
  for (const k of Object.keys(fields) as (keyof typeof fields)[]) {
    if (fields[k].length > FIELD_LIMITS[k]) problems.add(FIELD_NAMES[k], 'too_long', { max: FIELD_LIMITS[k] });
  }

  const byId = new Map(facts.categories.map((c) => [c.id, c]));
  if (form.categoryIds.some((id) => !byId.has(id))) problems.add('categories', 'other_edition');

  const tags = tagNames(form.tags);
  if (tags.length > MAX_TAGS) problems.add('tags', 'too_many', { max: MAX_TAGS });
  else if (tags.some((t) => t.length > MAX_TAG_LENGTH || !slugify(t))) problems.add('tags', 'invalid');

  const url = form.featuredImageUrl.trim();
  if (url && (url.length > MAX_URL_LENGTH || !isImageUrl(url))) problems.add('featured_image_url', 'image_url');
  if (url && !form.featuredImageAlt.trim()) problems.add('featured_image_alt', 'alt_required');
  if ([form.featuredImageAlt, form.featuredImageCaption, form.featuredImageCredit].some((s) => s.length > MAX_CAPTION_LENGTH)) {
    problems.add('featured_image_caption', 'too_long', { max: MAX_CAPTION_LENGTH });
  }
  const focus = focalPoint(form.featuredImageFocusX, form.featuredImageFocusY);
  if (!focus) problems.add('featured_image_focus', 'number', { min: 0, max: 100 });

  let publishAt: string | null = null;
  if (form.publishAt.trim()) {
    publishAt = parseLocalDateTime(form.publishAt, edition.timezone);
    if (!publishAt) problems.add('publish_at', 'date_time');
  }

  const accountById = new Map(facts.accounts.map((a) => [a.id, a]));
  if (form.authorIds.some((id) => !accountById.has(id))) problems.add('authors', 'unknown');
  let authorIds = [...new Set(form.authorIds)].filter((id) => accountById.has(id));
  // Authors and contributors stay on their own articles (they would lock themselves out);
  // only editors and administrators hand an article to someone else, as in WordPress.
  const managesOthers = actor.role === 'administrator' || actor.role === 'editor';
  if (!managesOthers && !authorIds.includes(actor.id)) authorIds = [actor.id, ...authorIds];
  if (!authorIds.length) authorIds = [actor.id];

  const { picks } = facts;
  if (picks.length !== new Set(form.translationIds).size) problems.add('translations', 'unknown');
  else if (picks.some((p) => p.edition === edition.code)) problems.add('translations', 'other_edition');
  else if (new Set(picks.map((p) => p.edition)).size !== picks.length) problems.add('translations', 'one_per_edition');
  problems.done();

  return {
    edition,
    title,
    slug,
    bodyHtml: sanitizeArticleHtml(form.bodyHtml),
    categorySlugs: form.categoryIds.map((id) => byId.get(id)!.slug),
    tags,
    // The actor is always among the accounts (a signed-in account).
    authorSlugs: authorIds.map((id) => accountById.get(id)?.slug ?? '').filter(Boolean),
    featuredImage: url ? { url, alt: form.featuredImageAlt, caption: form.featuredImageCaption, credit: form.featuredImageCredit, focus: focus ?? CENTRE } : null,
    publishAt,
    picks,
    fields,
  };
}

/** Two typed per cents (blank → 50) as a focal point; null when either is not a whole number 0–100. */
export function focalPoint(x: string, y: string): FocalPoint | null {
  const axis = (v: string) => {
    const t = v.trim();
    if (!t) return 50;
    return /^\d{1,3}$/.test(t) && Number(t) <= 100 ? Number(t) : null;
  };
  const fx = axis(x);
  const fy = axis(y);
  return fx === null || fy === null ? null : { x: fx, y: fy };
}

/** A one-line field as stored: runs of white space (a pasted line break) become one space. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The form as an article fills it (the edit page, and a restore that keeps everything but the text). */
export function formOf(a: Article, translations: readonly ArticleRef[], timeZone = 'UTC', kind: ArticleKind = 'post'): EditorForm {
  return {
    kind,
    title: a.title,
    bodyHtml: a.bodyHtml,
    // An excerpt that was made from the body shows empty, so it is made again from the new body.
    excerpt: a.excerpt === excerptOf(a.bodyText) ? '' : a.excerpt,
    slug: a.slug,
    edition: a.edition,
    categoryIds: a.categories.map((c) => c.id),
    tags: a.tags.map((t) => t.name).join('، '),
    authorIds: a.authors.map((x) => x.id),
    featuredImageUrl: a.featuredImageUrl ?? '',
    featuredImageAlt: a.featuredImageAlt,
    featuredImageCaption: a.featuredImageCaption,
    featuredImageCredit: a.featuredImageCredit,
    featuredImageFocusX: String(a.featuredImageFocus?.x ?? CENTRE.x),
    featuredImageFocusY: String(a.featuredImageFocus?.y ?? CENTRE.y),
    commentStatus: a.commentStatus,
    translationIds: translations.map((t) => t.id),
    publishAt: a.publishedAt ? localDateTime(a.publishedAt, timeZone) : '',
    kicker: a.kicker,
    dateline: a.dateline,
    seoTitle: a.seoTitle,
    seoDescription: a.seoDescription,
    breaking: a.breaking,
    pinned: a.sticky,
  };
}

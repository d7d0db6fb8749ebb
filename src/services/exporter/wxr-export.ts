import type { ArticleStatus } from '../../domain/article.ts';
import type { CommentModeration } from '../../domain/comment.ts';
import type { Edition } from '../../domain/edition.ts';
import type { MediaItem } from '../../domain/media.ts';
import { Invalid } from '../../domain/errors.ts';
import { zonedParts } from '../../platform/dates/format.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { type ExportedArticle, type ExportedAuthor, type ExportedComment, type ExportedTerm, FIELD_META as META } from '../../domain/site-export.ts';
import type { Urls } from '../editions/urls.ts';
import { INVALID_XML, xmlText } from '../feeds/xml.ts';
import { mediaItemUrl } from '../media/media.ts';
import { parseMediaUrl } from '../media/media-urls.ts';

/** What an export wrote, for the command's last line. */
export interface ExportCounts {
  /** The edition written (one per file, as a WordPress site). */
  edition: string;
  posts: number;
  pages: number;
  attachments: number;
  comments: number;
  categories: number;
  tags: number;
  authors: number;
}

export interface WxrExportOptions {
  /** The edition's code; absent: the default edition. */
  edition?: string | undefined;
  /** Writes one piece of the file; awaited, so a slow disk holds the reading back. */
  write: (chunk: string) => Promise<void> | void;
  /** When the file was made (the channel's pubDate). */
  now: Date;
  /** Rows read per query: the export's memory is a page of articles and their comments. */
  pageSize?: number;
}

const STATUS: Record<ArticleStatus, string> = { draft: 'draft', pending: 'pending', scheduled: 'future', published: 'publish', trash: 'trash' };
const APPROVED: Record<CommentModeration, string> = { approved: '1', pending: '0', spam: 'spam', trash: 'trash' };
const NO_DATE = '0000-00-00 00:00:00';

/** Text in CDATA, as WordPress writes it: a `]]>` inside is split across two sections. */
export function cdata(s: string): string {
  return `<![CDATA[${s.replace(INVALID_XML, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

const tag = (name: string, value: string | number) => `<${name}>${typeof value === 'number' ? value : cdata(value)}</${name}>`;

/** A slug as WordPress stores it: percent-encoded UTF-8 with lower-case hex (WordPress's own exports). */
export function wordpressSlug(slug: string): string {
  return encodeURIComponent(slug).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
}

/** `YYYY-MM-DD HH:MM:SS` in UTC, or on the edition's clock. */
function wpDate(iso: string, timeZone?: string): string {
  const t = Date.parse(iso);
  let shifted = t;
  if (timeZone) {
    const p = zonedParts(new Date(t), timeZone);
    shifted = t + (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(t / 60_000) * 60_000);
  }
  return new Date(shifted).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * WordPress's logins are ASCII (its importer strips anything else, then gives the post to
 * whoever runs the import): a byline's slug when it is one, else `author-<id>`.
 */
function loginsOf(authors: ExportedAuthor[], exportId: (a: ExportedAuthor) => number): Map<number, string> {
  const logins = new Map<number, string>();
  const taken = new Set<string>();
  for (const a of authors) {
    let login = /^[a-z0-9_.@-]{1,60}$/i.test(a.slug) ? a.slug : `author-${exportId(a)}`;
    while (taken.has(login.toLowerCase())) login = `${login}-${a.id}`;
    taken.add(login.toLowerCase());
    logins.set(a.id, login);
  }
  return logins;
}

/**
 * One edition as a WordPress export (WXR 1.2), written while it is read: the channel with its
 * authors and terms, then the media library as attachments, then every post and page with its
 * terms, featured image and comments, a page of rows at a time.
 *
 * Ids: whatever came from WordPress keeps its WordPress id (migration 0010). A post or page
 * that did not keeps Khabar's id, unless a WordPress id of the edition is that number; then it,
 * library images (whose ids share WordPress's post numbering) and the rest (terms, comments,
 * authors) are numbered above every id of their kind, so no two things of the file share one.
 * With R = the largest WordPress post id + the largest Khabar article id of the edition:
 * library image n → R + n; an article's own featured image → R + M + id (M: the largest
 * library id); a post whose id WordPress took → R + M + A + id (A: the largest article id).
 */
export async function exportWxr(repos: Repositories, urls: Urls, o: WxrExportOptions): Promise<ExportCounts> {
  const editions = await repos.editions.all();
  const edition = o.edition === undefined ? (editions.find((e) => e.isDefault) ?? editions[0]) : editions.find((e) => e.code === o.edition);
  if (!edition) throw new Invalid('edition', 'unknown_edition', { value: o.edition ?? '', known: editions.map((e) => e.code).join(', ') });
  const store = repos.siteExport;
  const size = o.pageSize ?? 200;
  const floors = await store.idFloors(edition.code);
  const maxMedia = await store.maxMediaId();
  const counts: ExportCounts = { edition: edition.code, posts: 0, pages: 0, attachments: 0, comments: 0, categories: 0, tags: 0, authors: 0 };
  const w = o.write;
  const base = urls.absolute(urls.editionRoot(edition)).replace(/\/$/, '');

  const authors = await store.authors(edition.code);
  const userIds = await store.wordpressIds(edition.code, ['user'], authors.map((a) => a.id));
  const authorId = (a: ExportedAuthor) => userIds.get(a.id) ?? floors.wpUser + a.id;
  const logins = loginsOf(authors, authorId);

  await w(header(edition, base, o.now));
  for (const a of authors) {
    // No e-mail: WordPress's importer does not need one, and a newsroom's addresses are not the file's to give.
    await w(`\t<wp:author>${tag('wp:author_id', authorId(a))}${tag('wp:author_login', logins.get(a.id)!)}${tag('wp:author_display_name', a.name)}${tag('wp:author_first_name', '')}${tag('wp:author_last_name', '')}</wp:author>\n`);
    counts.authors++;
  }

  // Sections are few (all of them fit in memory, unlike articles); WordPress's importer finds a
  // parent by its slug, so parents are written before their children.
  const sections: ExportedTerm[] = [];
  await eachPage((after) => store.categories(edition.code, after, size), async (page) => void sections.push(...page));
  const sectionIds = await store.wordpressIds(edition.code, ['category'], sections.map((t) => t.id));
  const slugOf = new Map(sections.map((t) => [t.id, t.slug]));
  for (const t of parentsFirst(sections)) {
    const parent = t.parentId === null ? '' : wordpressSlug(slugOf.get(t.parentId) ?? '');
    await w(`\t<wp:category>${tag('wp:term_id', sectionIds.get(t.id) ?? floors.wpTerm + t.id)}${tag('wp:category_nicename', wordpressSlug(t.slug))}${tag('wp:category_parent', parent)}${tag('wp:cat_name', t.name)}${tag('wp:category_description', t.description)}</wp:category>\n`);
    counts.categories++;
  }
  await eachPage(
    (after) => store.tags(edition.code, after, size),
    async (page) => {
      const ids = await store.wordpressIds(edition.code, ['tag'], page.map((t) => t.id));
      for (const t of page) {
        await w(`\t<wp:tag>${tag('wp:term_id', ids.get(t.id) ?? floors.wpTerm + floors.category + t.id)}${tag('wp:tag_slug', wordpressSlug(t.slug))}${tag('wp:tag_name', t.name)}${tag('wp:tag_description', t.description)}</wp:tag>\n`);
        counts.tags++;
      }
    },
  );
  await w('\t<generator>https://github.com/khabar (khabar export)</generator>\n');

  const mediaIdsOf = async (ids: number[]) => {
    const wp = await store.wordpressIds(edition.code, ['attachment'], ids);
    return (id: number) => wp.get(id) ?? floors.wpPost + floors.article + id;
  };
  await eachPage(
    (after) => store.media(after, size),
    async (page) => {
      const idOf = await mediaIdsOf(page.map((m) => m.id));
      for (const m of page) {
        await w(attachmentItem(m, idOf(m.id), edition, urls, logins));
        counts.attachments++;
      }
    },
  );

  await eachPage(
    (after) => store.articles(edition.code, after, size),
    async (page) => {
      const linked = [...new Set([...page.map((a) => a.id), ...page.flatMap((a) => (a.parentId === null ? [] : [a.parentId]))])];
      const articleIds = await store.wordpressIds(edition.code, ['post', 'page'], linked);
      const taken = await store.takenPostIds(edition.code, linked.filter((id) => !articleIds.has(id)));
      // An article's id in the file (a parent page's too, which may be on another page of rows).
      const fileId = (id: number) => articleIds.get(id) ?? (taken.has(id) ? floors.wpPost + floors.article + maxMedia + floors.article + id : id);
      const comments = await store.comments(page.map((a) => a.id));
      const commentIds = await store.wordpressIds(edition.code, ['comment'], comments.map((c) => c.id));
      const featured = await featuredImages(page, urls, store.mediaIdsByName.bind(store));
      const mediaIdOf = await mediaIdsOf([...featured.values()]);
      const byArticle = new Map<number, ExportedComment[]>();
      for (const c of comments) (byArticle.get(c.articleId) ?? byArticle.set(c.articleId, []).get(c.articleId)!).push(c);
      const commentId = (id: number) => commentIds.get(id) ?? floors.wpComment + id;
      for (const a of page) {
        const id = fileId(a.id);
        let thumbnail: number | null = null;
        let extra = '';
        if (a.featuredImageUrl) {
          const libraryId = featured.get(a.id);
          if (libraryId !== undefined) thumbnail = mediaIdOf(libraryId);
          else {
            // An image outside the library (an address kept from an import): an attachment of its own.
            thumbnail = floors.wpPost + floors.article + maxMedia + a.id;
            extra = featuredAttachmentItem(a, thumbnail, id, edition, urls);
            counts.attachments++;
          }
        }
        const thread = byArticle.get(a.id) ?? [];
        // The attachment first: a reader of the file in one pass knows the image when the post names it.
        await w(extra + articleItem(a, id, a.parentId === null ? 0 : fileId(a.parentId), edition, urls, base, logins, thumbnail, thread, commentId));
        counts[a.kind === 'page' ? 'pages' : 'posts']++;
        counts.comments += thread.length;
      }
    },
  );
  await w('</channel>\n</rss>\n');
  return counts;
}

/** Reads pages by id until one comes back short. */
async function eachPage<T extends { id: number }>(read: (afterId: number) => Promise<T[]>, each: (page: T[]) => Promise<void>): Promise<void> {
  for (let after = 0; ; ) {
    const page = await read(after);
    if (!page.length) return;
    await each(page);
    after = page.at(-1)!.id;
  }
}

/** Article id → library id of the featured images that are library files. */
async function featuredImages(page: ExportedArticle[], urls: Urls, idsByName: (names: string[]) => Promise<Map<string, number>>): Promise<Map<number, number>> {
  const names = new Map<number, string>();
  for (const a of page) {
    const parsed = a.featuredImageUrl ? parseMediaUrl(a.featuredImageUrl, urls.siteUrl) : null;
    if (parsed) names.set(a.id, parsed.name);
  }
  const ids = await idsByName([...new Set(names.values())]);
  const out = new Map<number, number>();
  for (const [article, name] of names) {
    const id = ids.get(name);
    if (id !== undefined) out.set(article, id);
  }
  return out;
}

function header(e: Edition, base: string, now: Date): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" ?>\n' +
    '<!-- A WordPress eXtended RSS (WXR) file made by khabar export: import it with WordPress\'s Tools → Import → WordPress. -->\n' +
    '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" ' +
    'xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n' +
    '<channel>\n' +
    `\t<title>${xmlText(e.siteName)}</title>\n` +
    `\t<link>${xmlText(base)}</link>\n` +
    `\t<description>${xmlText(e.tagline)}</description>\n` +
    `\t<pubDate>${now.toUTCString().replace('GMT', '+0000')}</pubDate>\n` +
    `\t<language>${xmlText(e.locale)}</language>\n` +
    '\t<wp:wxr_version>1.2</wp:wxr_version>\n' +
    `\t<wp:base_site_url>${xmlText(base)}</wp:base_site_url>\n` +
    `\t<wp:base_blog_url>${xmlText(base)}</wp:base_blog_url>\n`
  );
}

function articleItem(
  a: ExportedArticle,
  id: number,
  /** The parent page's id in the file (0: none). */
  parent: number,
  e: Edition,
  urls: Urls,
  base: string,
  logins: Map<number, string>,
  thumbnail: number | null,
  thread: ExportedComment[],
  commentId: (id: number) => number,
): string {
  const link = a.status !== 'published' ? `${base}/?p=${id}` : urls.absolute(a.kind === 'page' ? urls.staticPage(e, a.slug) : urls.article(e, { slug: a.slug, publishedAt: a.publishedAt ?? a.createdAt }));
  const date = a.publishedAt ?? a.createdAt;
  const creator = a.authorIds.map((u) => logins.get(u)).find((l) => l !== undefined) ?? '';
  let s =
    '\t<item>\n' +
    `\t\t<title>${xmlText(a.title)}</title>\n` +
    `\t\t<link>${xmlText(link)}</link>\n` +
    `\t\t<pubDate>${a.publishedAt ? new Date(a.publishedAt).toUTCString().replace('GMT', '+0000') : ''}</pubDate>\n` +
    `\t\t<dc:creator>${cdata(creator)}</dc:creator>\n` +
    `\t\t<guid isPermaLink="false">${xmlText(`${base}/?p=${id}`)}</guid>\n` +
    '\t\t<description></description>\n' +
    `\t\t<content:encoded>${cdata(absoluteLinks(a.bodyHtml, urls))}</content:encoded>\n` +
    `\t\t<excerpt:encoded>${cdata(a.excerpt)}</excerpt:encoded>\n` +
    `\t\t${tag('wp:post_id', id)}\n` +
    `\t\t${tag('wp:post_date', wpDate(date, e.timezone))}\n` +
    // A draft never published has no date of its own in WordPress.
    `\t\t${tag('wp:post_date_gmt', a.publishedAt ? wpDate(a.publishedAt) : NO_DATE)}\n` +
    `\t\t${tag('wp:post_modified', wpDate(a.updatedAt, e.timezone))}\n` +
    `\t\t${tag('wp:post_modified_gmt', wpDate(a.updatedAt))}\n` +
    `\t\t${tag('wp:comment_status', a.commentStatus)}\n` +
    `\t\t${tag('wp:ping_status', 'closed')}\n` +
    `\t\t${tag('wp:post_name', wordpressSlug(a.slug))}\n` +
    `\t\t${tag('wp:status', STATUS[a.status])}\n` +
    `\t\t${tag('wp:post_parent', parent)}\n` +
    `\t\t${tag('wp:menu_order', 0)}\n` +
    `\t\t${tag('wp:post_type', a.kind)}\n` +
    `\t\t${tag('wp:post_password', '')}\n` +
    `\t\t${tag('wp:is_sticky', a.sticky ? 1 : 0)}\n`;
  for (const c of a.categories) s += `\t\t<category domain="category" nicename="${xmlText(wordpressSlug(c.slug))}">${cdata(c.name)}</category>\n`;
  for (const t of a.tags) s += `\t\t<category domain="post_tag" nicename="${xmlText(wordpressSlug(t.slug))}">${cdata(t.name)}</category>\n`;
  if (thumbnail !== null) s += `\t\t${meta('_thumbnail_id', String(thumbnail))}\n`;
  // The featured image's focal point ("x,y" per cent), off the centre only: WordPress keeps the
  // hidden field, khabar import reads it back.
  const focus = a.featuredImageFocus;
  if (a.featuredImageUrl && focus && (focus.x !== 50 || focus.y !== 50)) s += `\t\t${meta('_khabar_focal_point', `${focus.x},${focus.y}`)}\n`;
  // WordPress has one author per post; Khabar's other bylines ride along in a hidden field (`_`)
  // that WordPress keeps and khabar import can read back.
  const bylines = a.authorIds.map((u) => logins.get(u)).filter((l) => l !== undefined);
  if (bylines.length > 1) s += `\t\t${meta('_khabar_bylines', bylines.join(','))}\n`;
  // The SEO title and description as Yoast SEO keeps them (the plugin most WordPress newsrooms
  // run); the kicker, dateline and breaking flag in Khabar's own hidden fields.
  for (const [key, value] of articleFieldMeta(a)) s += `\t\t${meta(key, value)}\n`;
  for (const c of thread) s += comment(c, commentId, e);
  return `${s}\t</item>\n`;
}

const LINKING_TAG = /<(?:img|a)\s[^<>]*>/g;

/**
 * Images and links of a body with the site's address in front of a site-relative one (`/media/…`):
 * the file is read by another site, where a relative address would point at itself. Bodies are
 * the sanitiser's output, so attribute values are always double-quoted.
 */
export function absoluteLinks(html: string, urls: Urls): string {
  if (!html.includes('="/')) return html;
  return html.replace(LINKING_TAG, (t) => t.replace(/ (src|href)="\/(?!\/)/g, (_m, attr: string) => ` ${attr}="${urls.siteUrl}/`));
}

function comment(c: ExportedComment, idOf: (id: number) => number, e: Edition): string {
  return (
    '\t\t<wp:comment>\n' +
    `\t\t\t${tag('wp:comment_id', idOf(c.id))}\n` +
    `\t\t\t${tag('wp:comment_author', c.authorName)}\n` +
    `\t\t\t${tag('wp:comment_author_email', c.authorEmail)}\n` +
    `\t\t\t${tag('wp:comment_author_url', c.authorUrl)}\n` +
    `\t\t\t${tag('wp:comment_author_IP', c.ip)}\n` +
    `\t\t\t${tag('wp:comment_date', wpDate(c.createdAt, e.timezone))}\n` +
    `\t\t\t${tag('wp:comment_date_gmt', wpDate(c.createdAt))}\n` +
    `\t\t\t${tag('wp:comment_content', c.body)}\n` +
    `\t\t\t${tag('wp:comment_approved', APPROVED[c.status])}\n` +
    `\t\t\t${tag('wp:comment_type', 'comment')}\n` +
    `\t\t\t${tag('wp:comment_parent', c.parentId === null ? 0 : idOf(c.parentId))}\n` +
    `\t\t\t${tag('wp:comment_user_id', 0)}\n` +
    '\t\t</wp:comment>\n'
  );
}

/** The postmeta an article's newsroom fields become (only those it has). */
export function articleFieldMeta(a: Pick<ExportedArticle, 'seoTitle' | 'seoDescription' | 'kicker' | 'dateline' | 'breaking'>): [string, string][] {
  const out: [string, string][] = [];
  if (a.seoTitle) out.push([META.seoTitle, a.seoTitle]);
  if (a.seoDescription) out.push([META.seoDescription, a.seoDescription]);
  if (a.kicker) out.push([META.kicker, a.kicker]);
  if (a.dateline) out.push([META.dateline, a.dateline]);
  if (a.breaking) out.push([META.breaking, '1']);
  return out;
}

const meta = (key: string, value: string) => `<wp:postmeta>${tag('wp:meta_key', key)}${tag('wp:meta_value', value)}</wp:postmeta>`;

/** A library image as a WordPress attachment: its public address, alt text, caption; the credit as its description. */
function attachmentItem(m: MediaItem, id: number, e: Edition, urls: Urls, logins: Map<number, string>): string {
  const url = urls.absolute(mediaItemUrl(m));
  return attachment({ id, parent: 0, url, title: m.alt || m.name, alt: m.alt, caption: m.caption, description: m.credit, slug: m.name, date: m.createdAt, modified: m.updatedAt, creator: (m.uploadedBy && logins.get(m.uploadedBy.id)) || '' }, e);
}

/** A featured image outside the library, as an attachment of its article. */
function featuredAttachmentItem(a: ExportedArticle, id: number, parent: number, e: Edition, urls: Urls): string {
  const url = /^https?:\/\//i.test(a.featuredImageUrl!) ? a.featuredImageUrl! : urls.absolute(a.featuredImageUrl!);
  const file = decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? `image-${a.id}`);
  return attachment({ id, parent, url, title: a.featuredImageAlt || file, alt: a.featuredImageAlt, caption: a.featuredImageCaption, description: '', slug: `${file.replace(/\.[a-z0-9]+$/i, '')}-${id}`, date: a.createdAt, modified: a.updatedAt, creator: '' }, e);
}

function attachment(
  x: { id: number; parent: number; url: string; title: string; alt: string; caption: string; description: string; slug: string; date: string; modified: string; creator: string },
  e: Edition,
): string {
  return (
    '\t<item>\n' +
    `\t\t<title>${xmlText(x.title)}</title>\n` +
    `\t\t<link>${xmlText(x.url)}</link>\n` +
    `\t\t<pubDate>${new Date(x.date).toUTCString().replace('GMT', '+0000')}</pubDate>\n` +
    `\t\t<dc:creator>${cdata(x.creator)}</dc:creator>\n` +
    `\t\t<guid isPermaLink="false">${xmlText(x.url)}</guid>\n` +
    '\t\t<description></description>\n' +
    `\t\t<content:encoded>${cdata(x.description)}</content:encoded>\n` +
    `\t\t<excerpt:encoded>${cdata(x.caption)}</excerpt:encoded>\n` +
    `\t\t${tag('wp:post_id', x.id)}\n` +
    `\t\t${tag('wp:post_date', wpDate(x.date, e.timezone))}\n` +
    `\t\t${tag('wp:post_date_gmt', wpDate(x.date))}\n` +
    `\t\t${tag('wp:post_modified', wpDate(x.modified, e.timezone))}\n` +
    `\t\t${tag('wp:post_modified_gmt', wpDate(x.modified))}\n` +
    `\t\t${tag('wp:comment_status', 'closed')}\n` +
    `\t\t${tag('wp:ping_status', 'closed')}\n` +
    `\t\t${tag('wp:post_name', wordpressSlug(x.slug))}\n` +
    `\t\t${tag('wp:status', 'inherit')}\n` +
    `\t\t${tag('wp:post_parent', x.parent)}\n` +
    `\t\t${tag('wp:menu_order', 0)}\n` +
    `\t\t${tag('wp:post_type', 'attachment')}\n` +
    `\t\t${tag('wp:post_password', '')}\n` +
    `\t\t${tag('wp:is_sticky', 0)}\n` +
    `\t\t${tag('wp:attachment_url', x.url)}\n` +
    (x.alt ? `\t\t${meta('_wp_attachment_image_alt', x.alt)}\n` : '') +
    '\t</item>\n'
  );
}


/** Sections with every parent before its children (a parent outside the list, or a loop, does not hold one back). */
function parentsFirst(terms: readonly ExportedTerm[]): ExportedTerm[] {
  const byId = new Map(terms.map((t) => [t.id, t]));
  const out: ExportedTerm[] = [];
  const placed = new Set<number>();
  const place = (t: ExportedTerm, seen: Set<number>) => {
    if (placed.has(t.id) || seen.has(t.id)) return;
    seen.add(t.id);
    const parent = t.parentId === null ? undefined : byId.get(t.parentId);
    if (parent) place(parent, seen);
    placed.add(t.id);
    out.push(t);
  };
  for (const t of terms) place(t, new Set());
  return out;
}

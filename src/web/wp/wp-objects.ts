import type { Article } from '../../domain/article.ts';
import type { Comment } from '../../domain/comment.ts';
import type { Edition } from '../../domain/edition.ts';
import type { MediaItem } from '../../domain/media.ts';
import type { Term, TermKind } from '../../domain/taxonomy.ts';
import type { Author } from '../../domain/user.ts';
import { zonedParts } from '../../platform/dates/format.ts';
import type { Identicon } from '../../services/comments/avatar.ts';
import type { Urls } from '../../services/editions/urls.ts';
import { CONTENT_TYPES, mediaUrl } from '../../services/media/media-urls.ts';
import { mediaItemUrl } from '../../services/media/media.ts';
import type { WordpressIds, WordpressKind } from '../../services/wordpress/wordpress-ids.ts';

/**
 * Domain objects as WordPress's REST API shows them (the `view` context of its schemas: the
 * fields, their names and types). Ids are public ids (WordpressIds); nothing private is read.
 */

export type WpObject = Record<string, unknown>;

/** Public ids of the Khabar ids one response shows, loaded together before presenting. */
export class PublicIds {
  constructor(private readonly maps: Map<WordpressKind, Map<number, number>>) {}

  static async load(service: WordpressIds, edition: string, wanted: Partial<Record<WordpressKind, number[]>>): Promise<PublicIds> {
    const entries = await Promise.all(
      Object.entries(wanted).map(async ([kind, ids]) => [kind as WordpressKind, await service.publicIds(edition, kind as WordpressKind, ids ?? [])] as const),
    );
    return new PublicIds(new Map(entries));
  }

  of(kind: WordpressKind, id: number): number {
    return this.maps.get(kind)?.get(id) ?? id;
  }
}

export interface WpContext {
  edition: Edition;
  urls: Urls;
  /** The edition's API root, absolute, ending in `/`. */
  root: string;
  ids: PublicIds;
  /** Library id of each featured image, by the image's name. */
  mediaByName: Map<string, number>;
  avatar(c: Comment): Identicon;
}

/** WordPress's two date fields: the edition's wall-clock time and UTC, both without a zone. */
export function wpDate(instant: string, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  const s = new Date(instant).getUTCSeconds();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(p.year).padStart(4, '0')}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}:${two(s)}`;
}

export function wpDateGmt(instant: string): string {
  return new Date(instant).toISOString().slice(0, 19);
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Plain text as WordPress renders it: paragraphs, line breaks inside them. */
function paragraphs(text: string): string {
  const parts = text.trim().split(/\n\s*\n/).filter(Boolean);
  return parts.length ? `${parts.map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br />\n')}</p>`).join('\n')}\n` : '';
}

const link = (href: string, more: WpObject = {}) => [{ ...more, href }];

/** The name of a library image an address points to (`/media/<name>/<file>`), or null. */
export function mediaNameOf(url: string | null, origin: string): string | null {
  if (!url) return null;
  const path = url.startsWith(`${origin}/`) ? url.slice(origin.length) : url;
  const m = /^\/media\/([0-9a-f]{20}-\d+x\d+)\//.exec(path);
  return m ? m[1]! : null;
}

/** A post or a page. */
export function wpArticle(a: Article, kind: 'post' | 'page', ctx: WpContext): WpObject {
  const { edition: e, urls, root, ids } = ctx;
  const id = ids.of(kind, a.id);
  const permalink = urls.absolute(kind === 'post' ? urls.article(e, a) : urls.staticPage(e, a.slug));
  // The public "updated" line, never the time a draft of it was last saved.
  const modified = a.revisedAt ?? a.publishedAt;
  const author = a.authors[0] ? ids.of('user', a.authors[0].id) : 0;
  const imageName = mediaNameOf(a.featuredImageUrl, urls.siteUrl);
  const imageId = imageName ? ctx.mediaByName.get(imageName) : undefined;
  const featured = imageId === undefined ? 0 : ids.of('attachment', imageId);
  const collection = kind === 'post' ? 'posts' : 'pages';
  const links: WpObject = {
    self: link(`${root}wp/v2/${collection}/${id}`),
    collection: link(`${root}wp/v2/${collection}`),
    about: link(`${root}wp/v2/types/${kind}`),
    ...(author && { author: link(`${root}wp/v2/users/${author}`, { embeddable: true }) }),
    replies: link(`${root}wp/v2/comments?post=${id}`, { embeddable: true }),
    ...(featured && { 'wp:featuredmedia': link(`${root}wp/v2/media/${featured}`, { embeddable: true }) }),
    'wp:attachment': link(`${root}wp/v2/media?parent=${id}`),
    ...(kind === 'post' && {
      'wp:term': [
        { taxonomy: 'category', embeddable: true, href: `${root}wp/v2/categories?post=${id}` },
        { taxonomy: 'post_tag', embeddable: true, href: `${root}wp/v2/tags?post=${id}` },
      ],
    }),
    curies: [{ name: 'wp', href: 'https://api.w.org/{rel}', templated: true }],
  };
  return {
    id,
    date: wpDate(a.publishedAt, e.timezone),
    date_gmt: wpDateGmt(a.publishedAt),
    guid: { rendered: urls.absolute(`/?p=${a.id}`) },
    modified: wpDate(modified, e.timezone),
    modified_gmt: wpDateGmt(modified),
    slug: a.slug,
    status: 'publish',
    type: kind,
    link: permalink,
    title: { rendered: escapeHtml(a.title) },
    content: { rendered: a.bodyHtml, protected: false },
    excerpt: { rendered: paragraphs(a.excerpt), protected: false },
    author,
    featured_media: featured,
    ...(kind === 'page' && { parent: 0, menu_order: 0 }),
    comment_status: a.commentStatus,
    ping_status: 'closed',
    ...(kind === 'post' && { sticky: false }),
    template: '',
    ...(kind === 'post' && { format: 'standard' }),
    meta: [],
    ...(kind === 'post' && {
      categories: a.categories.map((c) => ids.of('category', c.id)),
      tags: a.tags.map((t) => ids.of('tag', t.id)),
    }),
    _links: links,
  };
}

export function wpTerm(t: Term, kind: TermKind, ctx: WpContext): WpObject {
  const { edition: e, urls, root } = ctx;
  const id = ctx.ids.of(kind, t.id);
  const collection = kind === 'category' ? 'categories' : 'tags';
  const taxonomy = kind === 'category' ? 'category' : 'post_tag';
  return {
    id,
    count: t.articles,
    description: t.description,
    link: urls.absolute(kind === 'category' ? urls.category(e, t.slug) : urls.tag(e, t.slug)),
    name: t.name,
    slug: t.slug,
    taxonomy,
    ...(kind === 'category' && { parent: 0 }),
    meta: [],
    _links: {
      self: link(`${root}wp/v2/${collection}/${id}`),
      collection: link(`${root}wp/v2/${collection}`),
      about: link(`${root}wp/v2/taxonomies/${taxonomy}`),
      'wp:post_type': link(`${root}wp/v2/posts?${collection}=${id}`),
      curies: [{ name: 'wp', href: 'https://api.w.org/{rel}', templated: true }],
    },
  };
}

/** A byline: name, biography, archive — never an e-mail, a sign-in name or a role. */
export function wpUser(u: Author, ctx: WpContext): WpObject {
  const id = ctx.ids.of('user', u.id);
  return {
    id,
    name: u.name,
    url: '',
    description: u.bio,
    link: ctx.urls.absolute(ctx.urls.author(ctx.edition, u.slug)),
    slug: u.slug,
    // WordPress gives a Gravatar per size; a library photo is one square-cropped picture for all.
    ...(u.photoUrl && { avatar_urls: Object.fromEntries(['24', '48', '96'].map((size) => [size, ctx.urls.absolute(ctx.urls.media(u.photoUrl!))])) }),
    meta: [],
    _links: { self: link(`${ctx.root}wp/v2/users/${id}`), collection: link(`${ctx.root}wp/v2/users`) },
  };
}

/** The identicon the comment shows on the site, as an SVG address per size. */
function avatarUrls(icon: Identicon): Record<string, string> {
  const cells = icon.cells.map((on, i) => (on ? `<rect x="${i % 5}" y="${Math.floor(i / 5)}" width="1" height="1"/>` : '')).join('');
  const svg = (size: number) =>
    `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="-0.5 -0.5 6 6"><rect x="-0.5" y="-0.5" width="6" height="6" fill="hsl(${icon.hue},40%,94%)"/><g fill="hsl(${icon.hue},55%,45%)">${cells}</g></svg>`)}`;
  return { 24: svg(24), 48: svg(48), 96: svg(96) };
}

/** An approved comment: the name and website the commenter gave, never their e-mail or address. */
export function wpComment(c: Comment, post: { id: number; permalink: string }, ctx: WpContext): WpObject {
  const id = ctx.ids.of('comment', c.id);
  const postId = ctx.ids.of('post', post.id);
  return {
    id,
    post: postId,
    parent: c.parentId === null ? 0 : ctx.ids.of('comment', c.parentId),
    author: 0,
    author_name: c.authorName,
    author_url: c.authorUrl,
    date: wpDate(c.createdAt, ctx.edition.timezone),
    date_gmt: wpDateGmt(c.createdAt),
    content: { rendered: paragraphs(c.body) },
    link: `${post.permalink}#comment-${c.id}`,
    status: c.status === 'approved' ? 'approved' : 'hold',
    type: 'comment',
    author_avatar_urls: avatarUrls(ctx.avatar(c)),
    meta: [],
    _links: {
      self: link(`${ctx.root}wp/v2/comments/${id}`),
      collection: link(`${ctx.root}wp/v2/comments`),
      up: link(`${ctx.root}wp/v2/posts/${postId}`, { embeddable: true, post_type: 'post' }),
      ...(c.parentId !== null && { 'in-reply-to': link(`${ctx.root}wp/v2/comments/${ctx.ids.of('comment', c.parentId)}`, { embeddable: true }) }),
    },
  };
}

/** A library image that a published article leads with (the article is its WordPress parent). */
export function wpMedia(m: MediaItem, articleId: number, articleLink: string, ctx: WpContext): WpObject {
  const id = ctx.ids.of('attachment', m.id);
  const source = ctx.urls.absolute(mediaItemUrl(m));
  const fallback = m.variants.filter((v) => v.format === 'png' || v.format === 'jpg');
  const mime = CONTENT_TYPES[fallback[0]?.format ?? 'jpg'];
  const sizes: Record<string, WpObject> = {};
  for (const v of fallback.sort((a, b) => a.width - b.width)) {
    sizes[v.width === m.width ? 'full' : `w${v.width}`] = {
      file: `${v.width}.${v.format}`, width: v.width, height: v.height, filesize: v.bytes, mime_type: CONTENT_TYPES[v.format],
      source_url: ctx.urls.absolute(mediaUrl(m.name, v.width, v.format)),
    };
  }
  return {
    id,
    date: wpDate(m.createdAt, ctx.edition.timezone),
    date_gmt: wpDateGmt(m.createdAt),
    guid: { rendered: source },
    modified: wpDate(m.updatedAt, ctx.edition.timezone),
    modified_gmt: wpDateGmt(m.updatedAt),
    slug: m.name,
    status: 'inherit',
    type: 'attachment',
    link: articleLink,
    title: { rendered: escapeHtml(m.alt || m.name) },
    author: 0,
    comment_status: 'closed',
    ping_status: 'closed',
    template: '',
    meta: [],
    alt_text: m.alt,
    caption: { rendered: paragraphs(m.caption) },
    description: { rendered: m.credit ? paragraphs(m.credit) : '' },
    media_type: 'image',
    mime_type: mime,
    media_details: { width: m.width, height: m.height, file: m.name, sizes },
    post: ctx.ids.of('post', articleId),
    source_url: source,
    _links: {
      self: link(`${ctx.root}wp/v2/media/${id}`),
      collection: link(`${ctx.root}wp/v2/media`),
      about: link(`${ctx.root}wp/v2/types/attachment`),
    },
  };
}

/** A search result (WordPress's `wp/v2/search`): a post, pointing at its full object. */
export function wpSearchResult(a: { id: number; title: string; link: string }, ctx: WpContext): WpObject {
  const id = ctx.ids.of('post', a.id);
  return {
    id,
    title: a.title,
    url: a.link,
    type: 'post',
    subtype: 'post',
    _links: { self: link(`${ctx.root}wp/v2/posts/${id}`, { embeddable: true }), about: link(`${ctx.root}wp/v2/types/post`), collection: link(`${ctx.root}wp/v2/search`) },
  };
}

/** The kinds of object the API shows, as its schemas name them. */
export type WpObjectKind = 'post' | 'page' | 'attachment' | 'term' | 'user' | 'comment' | 'search-result';

/**
 * The fields whose schema `context` lists `embed`, per kind (WordPress core's schemas): what an
 * object shows inside another's `_embedded`, and at `context=embed`. Its `_links` stay.
 */
const EMBED_FIELDS: Record<WpObjectKind, ReadonlySet<string>> = {
  post: new Set(['id', 'date', 'slug', 'type', 'link', 'title', 'excerpt', 'author', 'featured_media']),
  page: new Set(['id', 'date', 'slug', 'type', 'link', 'title', 'excerpt', 'author', 'featured_media']),
  attachment: new Set(['id', 'date', 'slug', 'type', 'link', 'title', 'author', 'caption', 'alt_text', 'media_type', 'mime_type', 'media_details', 'source_url']),
  term: new Set(['id', 'link', 'name', 'slug', 'taxonomy']),
  user: new Set(['id', 'name', 'url', 'description', 'link', 'slug', 'avatar_urls']),
  comment: new Set(['id', 'author', 'author_name', 'author_url', 'content', 'date', 'link', 'parent', 'type', 'author_avatar_urls']),
  'search-result': new Set(['id', 'title', 'url', 'type', 'subtype']),
};

export type WpContextName = 'view' | 'embed';

/** The object as a context shows it: `view` whole, `embed` trimmed to WordPress's embed fields. */
export function inContext(o: WpObject, kind: WpObjectKind, context: WpContextName): WpObject {
  if (context === 'view') return o;
  const fields = EMBED_FIELDS[kind];
  return Object.fromEntries(Object.entries(o).filter(([k]) => fields.has(k) || k === '_links' || k === '_embedded'));
}

/**
 * `_fields`: only the fields asked for (`title.rendered` keeps a part of one), as WordPress
 * filters a response.
 */
export function pickFields(o: WpObject, fields: string[] | undefined): WpObject {
  if (!fields) return o;
  const out: WpObject = {};
  for (const f of fields) {
    const [head, ...rest] = f.split('.');
    if (!head || !(head in o)) continue;
    if (!rest.length) {
      out[head] = o[head];
      continue;
    }
    const inner = o[head];
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      const picked = pickFields(inner as WpObject, [rest.join('.')]);
      out[head] = { ...((out[head] as WpObject | undefined) ?? {}), ...picked };
    }
  }
  return out;
}

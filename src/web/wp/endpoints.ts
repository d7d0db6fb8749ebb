import type { Article } from '../../domain/article.ts';
import type { Edition } from '../../domain/edition.ts';
import { NotFound } from '../../domain/errors.ts';
import { invalidates, type InvalidationKey } from '../../domain/invalidation.ts';
import type { TermKind } from '../../domain/taxonomy.ts';
import { zonedParts } from '../../platform/dates/format.ts';
import type { Services } from '../../services/services.ts';
import type { WordpressKind } from '../../services/wordpress/wordpress-ids.ts';
import type { WpQuery } from './params.ts';
import { WpRefusal, type WpResource } from './wp-errors.ts';
import type { Comment } from '../../domain/comment.ts';
import {
  inContext, mediaNameOf, pickFields, PublicIds, wpArticle, wpComment, type WpContext, wpMedia, type WpObject, type WpObjectKind, wpSearchResult, wpTerm, wpUser,
} from './wp-objects.ts';

/**
 * What an endpoint answers: the body, and for a collection its total and page count (the X-WP-*
 * headers); `keys`, what it shows as the write path names it (routes.ts adds the edition's key).
 *
 * A list's membership, order, counts and totals change only through a published article
 * appearing, changing or going, and every such write touches the edition's `feed:` key
 * (`invalidates.listedArticle`): lists carry it, plus the keys of the articles they show (an
 * approved comment touches only its article's key, and `_embed` shows comments). One object
 * carries the keys of what it shows and embeds: its article, sections, tags and authors.
 */
export interface WpAnswer {
  status: number;
  body: unknown;
  total?: number;
  pages?: number;
  keys?: InvalidationKey[];
}

/** The keys of articles as one answer shows them (and, `withTerms`, their sections, tags and authors). */
function articleKeys(items: readonly Article[], withTerms = false): InvalidationKey[] {
  return items.flatMap((a) => [
    invalidates.article(a.id),
    ...(withTerms ? [...a.categories.map((c) => invalidates.section(c.id)), ...a.tags.map((t) => invalidates.tag(t.id)), ...a.authors.map((u) => invalidates.author(u.id))] : []),
  ]);
}

/** What every endpoint is handed: the services, the edition, its absolute API root. */
export interface WpRequestContext {
  services: Services;
  edition: Edition;
  root: string;
}

const MAX_PAGE = 100_000;

type SortOrder = 'asc' | 'desc';

/** The parameters every collection takes. */
function window(q: WpQuery) {
  const page = q.integer('page', 1, MAX_PAGE, 1);
  const perPage = q.integer('per_page', 1, 100, 10);
  const context = q.text('context');
  // The `edit` context shows what only the newsroom may see: WordPress answers 401 to the public.
  if (context === 'edit') throw new WpRefusal('rest_forbidden_context', 401, { field: 'context', code: 'not_allowed' });
  const shownIn = q.oneOf('context', ['view', 'embed'] as const, 'view');
  const fields = q.list('_fields');
  return { page, perPage, offset: (page - 1) * perPage, fields, embed: q.has('_embed'), context: shownIn };
}

type Window = ReturnType<typeof window>;

/** One object as the request asks for it: in its context (`view`, `embed`), then only its `_fields`. */
function shaped(o: WpObject, kind: WpObjectKind, w: Window): WpObject {
  return pickFields(inContext(o, kind, w.context), w.fields);
}

/** An object inside another's `_embedded`: always in the `embed` context, as WordPress embeds. */
const embeddedObject = (o: WpObject, kind: WpObjectKind) => inContext(o, kind, 'embed');

function pagesOf(total: number, perPage: number, page: number): number {
  const pages = Math.ceil(total / perPage);
  // WordPress refuses a page past the last (but answers an empty first page with []).
  if (page > 1 && page > pages) throw new WpRefusal('rest_post_invalid_page_number', 400, { field: 'page', code: 'page_beyond' });
  return pages;
}

async function resolve(r: WpRequestContext, kind: WordpressKind, ids: number[] | undefined): Promise<number[] | undefined> {
  return ids && r.services.wordpressIds.resolveAll(r.edition.code, kind, ids);
}

/** The context presenters need, with the public ids of everything the response will show. */
async function presenting(r: WpRequestContext, wanted: Partial<Record<WordpressKind, number[]>>, articles: Article[] = []): Promise<WpContext> {
  const { urls } = r.services;
  const names = articles.map((a) => mediaNameOf(a.featuredImageUrl, urls.siteUrl)).filter((n): n is string => n !== null);
  const mediaByName = names.length ? await r.services.media.idsByNames(names) : new Map<string, number>();
  const all: Partial<Record<WordpressKind, number[]>> = { ...wanted };
  const add = (kind: WordpressKind, ids: number[]) => { all[kind] = [...(all[kind] ?? []), ...ids]; };
  for (const a of articles) {
    add('user', a.authors.map((u) => u.id));
    add('category', a.categories.map((c) => c.id));
    add('tag', a.tags.map((t) => t.id));
  }
  add('attachment', [...mediaByName.values()]);
  const ids = await PublicIds.load(r.services.wordpressIds, r.edition.code, all);
  return { edition: r.edition, urls, root: r.root, ids, mediaByName, avatar: (c) => r.services.comments.avatarOf(c) };
}

// ---- posts and pages ----

const ARTICLE_ORDERS = ['date', 'id', 'include', 'title', 'slug', 'modified', 'relevance'] as const;

export async function listArticles(r: WpRequestContext, kind: 'post' | 'page', q: WpQuery): Promise<WpAnswer> {
  const w = window(q);
  const search = q.text('search')?.trim().slice(0, 200);
  const slugs = q.list('slug');
  const include = q.ids('include');
  const exclude = q.ids('exclude');
  const categories = kind === 'post' ? q.ids('categories') : undefined;
  const tags = kind === 'post' ? q.ids('tags') : undefined;
  const notCategories = kind === 'post' ? q.ids('categories_exclude') : undefined;
  const notTags = kind === 'post' ? q.ids('tags_exclude') : undefined;
  const authors = q.ids('author');
  const parents = kind === 'page' ? q.ids('parent') : undefined;
  const after = q.instant('after', r.edition.timezone);
  const before = q.instant('before', r.edition.timezone);
  const orderBy = q.oneOf('orderby', ARTICLE_ORDERS, 'date');
  const order = q.oneOf<SortOrder>('order', ['asc', 'desc'], 'desc');
  q.onlyPublic('status', ['publish']);
  q.done();
  const [inc, exc, cats, tagIds, authorIds, notCategoryIds, notTagIds] = await Promise.all([
    resolve(r, kind, include), resolve(r, kind, exclude), resolve(r, 'category', categories), resolve(r, 'tag', tags), resolve(r, 'user', authors),
    resolve(r, 'category', notCategories), resolve(r, 'tag', notTags),
  ]);
  const { items, total } = await r.services.articles.published({
    edition: r.edition.code, kind,
    // Pages have no parents here: asking for the children of one finds none.
    ...(parents && !parents.includes(0) ? { include: [] } : inc && { include: inc }),
    ...(exc && { exclude: exc }),
    ...(slugs && { slugs }),
    ...(search && { text: search }),
    ...(cats && { categoryIds: cats }),
    ...(tagIds && { tagIds }),
    ...(authorIds && { authorIds }),
    ...(notCategoryIds && { notCategoryIds }),
    ...(notTagIds && { notTagIds }),
    ...(after && { after }),
    ...(before && { before }),
    orderBy: orderBy === 'relevance' ? 'date' : orderBy,
    order,
    limit: w.perPage,
    offset: w.offset,
  });
  const pages = pagesOf(total, w.perPage, w.page);
  return { status: 200, body: await presentArticles(r, kind, items, w), total, pages, keys: [invalidates.feed(r.edition.code), ...articleKeys(items)] };
}

export async function oneArticle(r: WpRequestContext, kind: 'post' | 'page', publicId: number, q: WpQuery): Promise<WpAnswer> {
  const w = window(q);
  q.done();
  const id = await r.services.wordpressIds.resolve(r.edition.code, kind, publicId);
  const a = await r.services.articles.publishedOne(r.edition.code, kind, id);
  if (!a) throw new NotFound(`${kind} ${publicId}`);
  const [body] = await presentArticles(r, kind, [a], w);
  return { status: 200, body, keys: articleKeys([a], true) };
}

async function presentArticles(r: WpRequestContext, kind: 'post' | 'page', items: Article[], w: Window): Promise<WpObject[]> {
  const ctx = await presenting(r, { [kind]: items.map((a) => a.id) }, items);
  const objects = items.map((a) => wpArticle(a, kind, ctx));
  if (w.embed && items.length) await embedInto(r, ctx, kind, items, objects);
  return objects.map((o) => shaped(o, kind, w));
}

/** `_embed`: each post's author, sections and tags, lead image and approved comments, inline. */
async function embedInto(r: WpRequestContext, ctx: WpContext, kind: 'post' | 'page', items: Article[], objects: WpObject[]): Promise<void> {
  const { services: s, edition } = r;
  const ids = items.map((a) => a.id);
  const termIds = (k: TermKind) => [...new Set(items.flatMap((a) => (k === 'category' ? a.categories : a.tags).map((t) => t.id)))];
  const mediaIds = [...new Set(ctx.mediaByName.values())];
  const everything = { order: 'asc' as const, offset: 0, limit: 10_000 };
  const [cats, tags, comments, media] = await Promise.all([
    kind === 'post' ? s.taxonomies.published({ edition: edition.code, kind: 'category', include: termIds('category'), usedOnly: false, orderBy: 'name', ...everything }) : null,
    kind === 'post' ? s.taxonomies.published({ edition: edition.code, kind: 'tag', include: termIds('tag'), usedOnly: false, orderBy: 'name', ...everything }) : null,
    s.comments.approved({ edition: edition.code, articleIds: ids, orderBy: 'date', ...everything }),
    mediaIds.length ? s.media.published({ edition: edition.code, include: mediaIds, orderBy: 'date', ...everything }) : null,
  ]);
  const commentIds = comments.items.map((c) => c.id);
  const withComments = await presenting(r, { comment: [...commentIds, ...comments.items.flatMap((c) => (c.parentId ? [c.parentId] : []))], post: ids, attachment: mediaIds });
  const cctx = { ...ctx, ids: withComments.ids };
  items.forEach((a, i) => {
    const o = objects[i]!;
    const embedded: WpObject = {};
    if (a.authors[0]) embedded.author = [embeddedObject(wpUser(a.authors[0], ctx), 'user')];
    const replies = comments.items.filter((c) => c.articleId === a.id);
    const permalink = String(o.link);
    if (replies.length) embedded.replies = [replies.map((c) => embeddedObject(wpComment(c, { id: a.id, permalink }, cctx), 'comment'))];
    const name = mediaNameOf(a.featuredImageUrl, s.urls.siteUrl);
    const image = name && media?.items.find((m) => m.item.name === name);
    if (image) embedded['wp:featuredmedia'] = [embeddedObject(wpMedia(image.item, image.articleId, permalink, cctx), 'attachment')];
    if (cats && tags) {
      embedded['wp:term'] = [
        a.categories.flatMap((c) => cats.items.filter((t) => t.id === c.id).map((t) => embeddedObject(wpTerm(t, 'category', ctx), 'term'))),
        a.tags.flatMap((tg) => tags.items.filter((t) => t.id === tg.id).map((t) => embeddedObject(wpTerm(t, 'tag', ctx), 'term'))),
      ];
    }
    o._embedded = embedded;
  });
}

// ---- categories and tags ----

const TERM_ORDERS = ['id', 'include', 'name', 'slug', 'count', 'include_slugs', 'term_group', 'description'] as const;

export async function listTerms(r: WpRequestContext, kind: TermKind, q: WpQuery, onlyId?: number): Promise<WpAnswer> {
  const w = window(q);
  const include = onlyId !== undefined ? [onlyId] : q.ids('include');
  const exclude = q.ids('exclude');
  const slugs = q.list('slug');
  const search = q.text('search')?.trim().slice(0, 200);
  const post = q.ids('post');
  const parents = kind === 'category' ? q.ids('parent') : undefined;
  const hideEmpty = q.oneOf('hide_empty', ['true', 'false', '1', '0'], 'false');
  const orderBy = q.oneOf('orderby', TERM_ORDERS, 'name');
  const order = q.oneOf<SortOrder>('order', ['asc', 'desc'], 'asc');
  q.done();
  const [inc, exc, posts] = await Promise.all([resolve(r, kind, include), resolve(r, kind, exclude), resolve(r, 'post', post)]);
  const { items, total } = await r.services.taxonomies.published({
    edition: r.edition.code, kind,
    // Sections have no parents here: the children of one are none.
    ...(parents && !parents.includes(0) ? { include: [] } : inc && { include: inc }),
    ...(exc && { exclude: exc }),
    ...(slugs && { slugs }),
    ...(search && { text: search }),
    ...(posts && { articleId: posts[0] ?? -1 }),
    // A tag nobody has published under yet may name a story still in the works: never shown.
    usedOnly: kind === 'tag' || hideEmpty === 'true' || hideEmpty === '1',
    orderBy: orderBy === 'id' || orderBy === 'include' || orderBy === 'slug' || orderBy === 'count' ? orderBy : 'name',
    order,
    limit: w.perPage,
    offset: w.offset,
  });
  const ctx = await presenting(r, { [kind]: items.map((t) => t.id) });
  const body = items.map((t) => shaped(wpTerm(t, kind, ctx), 'term', w));
  if (onlyId !== undefined) {
    if (!body[0]) throw new NotFound(`${kind} ${onlyId}`);
    // Its count moves with each article published in it, which touches the term's own key.
    return { status: 200, body: body[0], keys: [kind === 'category' ? invalidates.section(items[0]!.id) : invalidates.tag(items[0]!.id)] };
  }
  return { status: 200, body, total, pages: pagesOf(total, w.perPage, w.page), keys: [invalidates.feed(r.edition.code)] };
}

// ---- users ----

export async function listUsers(r: WpRequestContext, q: WpQuery, onlyId?: number): Promise<WpAnswer> {
  const w = window(q);
  const include = onlyId !== undefined ? [onlyId] : q.ids('include');
  const exclude = q.ids('exclude');
  const slugs = q.list('slug');
  const search = q.text('search')?.trim().slice(0, 200);
  // Ordering or filtering by what is private (e-mail, roles, capabilities) is refused, as WordPress does for the public.
  const orderBy = q.oneOf('orderby', ['id', 'include', 'name', 'slug'] as const, 'name');
  const order = q.oneOf<SortOrder>('order', ['asc', 'desc'], 'asc');
  for (const name of ['roles', 'capabilities', 'who']) q.onlyPublic(name, []);
  q.done();
  const [inc, exc] = await Promise.all([resolve(r, 'user', include), resolve(r, 'user', exclude)]);
  const { items, total } = await r.services.users.bylines({
    edition: r.edition.code,
    ...(inc && { include: inc }),
    ...(exc && { exclude: exc }),
    ...(slugs && { slugs }),
    ...(search && { text: search }),
    orderBy, order, limit: w.perPage, offset: w.offset,
  });
  const ctx = await presenting(r, { user: items.map((u) => u.id) });
  const body = items.map((u) => shaped(wpUser(u, ctx), 'user', w));
  if (onlyId !== undefined) {
    if (!body[0]) throw new NotFound(`user ${onlyId}`);
    return { status: 200, body: body[0], keys: [invalidates.author(items[0]!.id)] };
  }
  return { status: 200, body, total, pages: pagesOf(total, w.perPage, w.page), keys: [invalidates.feed(r.edition.code)] };
}

// ---- comments ----

const COMMENT_ORDERS = ['date', 'date_gmt', 'id', 'include', 'post', 'parent', 'type'] as const;

export async function listComments(r: WpRequestContext, q: WpQuery, onlyId?: number): Promise<WpAnswer> {
  const w = window(q);
  const include = onlyId !== undefined ? [onlyId] : q.ids('include');
  const exclude = q.ids('exclude');
  const post = q.ids('post');
  const parent = q.ids('parent');
  const search = q.text('search')?.trim().slice(0, 200);
  const after = q.instant('after', r.edition.timezone);
  const before = q.instant('before', r.edition.timezone);
  const orderBy = q.oneOf('orderby', COMMENT_ORDERS, 'date_gmt');
  const order = q.oneOf<SortOrder>('order', ['asc', 'desc'], 'desc');
  // Held, spam and binned comments, and commenters' e-mails, are the moderators' alone.
  q.onlyPublic('status', ['approve', 'approved']);
  q.onlyPublic('author_email', []);
  q.onlyPublic('type', ['comment']);
  const byUsers = q.ids('author');
  q.done();
  const [inc, exc, posts, parents] = await Promise.all([
    resolve(r, 'comment', include), resolve(r, 'comment', exclude), resolve(r, 'post', post),
    parent && r.services.wordpressIds.resolveAll(r.edition.code, 'comment', parent.filter((p) => p !== 0)).then((ids) => (parent.includes(0) ? [0, ...ids] : ids)),
  ]);
  const { items, total } = await r.services.comments.approved({
    edition: r.edition.code,
    // Comments here are all by readers, never by a signed-in user: asking for a user's finds none.
    ...(byUsers?.length ? { include: [] } : inc && { include: inc }),
    ...(exc && { exclude: exc }),
    ...(posts && { articleIds: posts }),
    ...(parents && { parentIds: parents }),
    ...(search && { text: search }),
    ...(after && { after }),
    ...(before && { before }),
    orderBy: orderBy === 'date_gmt' || orderBy === 'type' ? 'date' : orderBy,
    order,
    limit: w.perPage,
    offset: w.offset,
  });
  const articleIds = [...new Set(items.map((c) => c.articleId))];
  const articles = await r.services.articles.publishedMany(r.edition.code, articleIds);
  const ctx = await presenting(r, { comment: [...items.map((c) => c.id), ...items.flatMap((c) => (c.parentId ? [c.parentId] : []))], post: articleIds }, articles);
  const permalinks = new Map(articles.map((a) => [a.id, r.services.urls.absolute(r.services.urls.article(r.edition, a))]));
  const present = (c: Comment) => wpComment(c, { id: c.articleId, permalink: permalinks.get(c.articleId) ?? '' }, ctx);
  const objects = items.map(present);
  if (w.embed && items.length) {
    // WordPress embeds a comment's post (`up`) and the comment it answers (`in-reply-to`); its
    // `author` only for a signed-in commenter, and every comment here is a reader's (author 0).
    const parentIds = [...new Set(items.flatMap((c) => (c.parentId ? [c.parentId] : [])))];
    const parents = parentIds.length
      ? (await r.services.comments.approved({ edition: r.edition.code, include: parentIds, orderBy: 'id', order: 'asc', offset: 0, limit: parentIds.length })).items
      : [];
    const posts = new Map(articles.map((a) => [a.id, embeddedObject(wpArticle(a, 'post', ctx), 'post')]));
    items.forEach((c, i) => {
      const post = posts.get(c.articleId);
      const parent = parents.find((p) => p.id === c.parentId);
      objects[i]!._embedded = { ...(post && { up: [post] }), ...(parent && { 'in-reply-to': [embeddedObject(present(parent), 'comment')] }) };
    });
  }
  const body = objects.map((o) => shaped(o, 'comment', w));
  // A comment shown or hidden touches its article's key and the edition's comment lists' key
  // (`invalidates.comment`); an article published or withdrawn, its own key and the feed key.
  // Threads (`post=`) and one comment need only their articles' keys.
  const acrossArticles = !posts && onlyId === undefined;
  const keys = [
    ...(acrossArticles ? [invalidates.commentLists(r.edition.code), invalidates.feed(r.edition.code)] : []),
    ...[...new Set([...articleIds, ...(posts ?? [])])].map(invalidates.article),
  ];
  if (onlyId !== undefined) {
    if (!body[0]) throw new NotFound(`comment ${onlyId}`);
    return { status: 200, body: body[0], keys };
  }
  return { status: 200, body, total, pages: pagesOf(total, w.perPage, w.page), keys };
}

// ---- media ----

export async function listMedia(r: WpRequestContext, q: WpQuery, onlyId?: number): Promise<WpAnswer> {
  const w = window(q);
  const include = onlyId !== undefined ? [onlyId] : q.ids('include');
  const exclude = q.ids('exclude');
  const parent = q.ids('parent');
  const search = q.text('search')?.trim().slice(0, 200);
  const mediaType = q.oneOf('media_type', ['image', 'video', 'text', 'application', 'audio'], 'image');
  const orderBy = q.oneOf('orderby', ['date', 'id', 'include'] as const, 'date');
  const order = q.oneOf<SortOrder>('order', ['asc', 'desc'], 'desc');
  q.onlyPublic('status', ['inherit']);
  q.done();
  const [inc, exc, parents] = await Promise.all([resolve(r, 'attachment', include), resolve(r, 'attachment', exclude), resolve(r, 'post', parent)]);
  const { items, total } = await r.services.media.published({
    edition: r.edition.code,
    // The library holds images only.
    ...(mediaType !== 'image' ? { include: [] } : inc && { include: inc }),
    ...(exc && { exclude: exc }),
    ...(parents && { articleIds: parents }),
    ...(search && { text: search }),
    orderBy, order, limit: w.perPage, offset: w.offset,
  });
  const articleIds = [...new Set(items.map((m) => m.articleId))];
  const articles = await r.services.articles.publishedMany(r.edition.code, articleIds);
  const links = new Map(articles.map((a) => [a.id, r.services.urls.absolute(r.services.urls.article(r.edition, a))]));
  const ctx = await presenting(r, { attachment: items.map((m) => m.item.id), post: articleIds });
  const body = items.map((m) => shaped(wpMedia(m.item, m.articleId, links.get(m.articleId) ?? '', ctx), 'attachment', w));
  // An image's text edited touches the keys of the published articles that show it (services/media).
  const keys = [invalidates.feed(r.edition.code), ...articleIds.map(invalidates.article)];
  if (onlyId !== undefined) {
    if (!body[0]) throw new NotFound(`media ${onlyId}`);
    return { status: 200, body: body[0], keys };
  }
  return { status: 200, body, total, pages: pagesOf(total, w.perPage, w.page), keys };
}

// ---- search ----

export async function search(r: WpRequestContext, q: WpQuery): Promise<WpAnswer> {
  const w = window(q);
  const text = q.text('search') ?? '';
  const type = q.oneOf('type', ['post', 'term', 'post-format'], 'post');
  const subtype = q.list('subtype');
  q.done();
  // Posts only (sections and tags are listed by their own endpoints).
  if (type !== 'post' || (subtype && !subtype.some((s) => s === 'any' || s === 'post'))) return { status: 200, body: [], total: 0, pages: 0 };
  // No words: the newest posts. Otherwise the site's own search: it understands Arabic (clitics,
  // spellings, plurals), where WordPress's LIKE does not.
  const { hits, total } = !text.trim()
    ? await r.services.articles.published({ edition: r.edition.code, kind: 'post', orderBy: 'date', order: 'desc', limit: w.perPage, offset: w.offset }).then((f) => ({ hits: f.items, total: f.total }))
    : await r.services.search.search({ edition: r.edition.code, locale: r.edition.locale, query: text, page: w.page, perPage: w.perPage }).then((f) => ({ hits: f.hits.map((h) => h.article), total: f.total }));
  const ids = hits.map((a) => a.id);
  // `_embed`: each result's post (its `self`), as WordPress embeds it.
  const posts = w.embed && ids.length ? await r.services.articles.publishedMany(r.edition.code, ids) : [];
  const ctx = await presenting(r, { post: ids }, posts);
  const body = hits.map((a) => {
    const o = wpSearchResult({ id: a.id, title: a.title, link: r.services.urls.absolute(r.services.urls.article(r.edition, a)) }, ctx);
    const post = posts.find((p) => p.id === a.id);
    if (w.embed) o._embedded = { self: post ? [embeddedObject(wpArticle(post, 'post', ctx), 'post')] : [] };
    return shaped(o, 'search-result', w);
  });
  const pages = total ? pagesOf(total, w.perPage, w.page) : 0;
  return { status: 200, body, total, pages, keys: [invalidates.feed(r.edition.code)] };
}

// ---- post types and taxonomies (what `_links.about` points to) ----

const TYPES = {
  post: { name: 'Posts', hierarchical: false, rest_base: 'posts', taxonomies: ['category', 'post_tag'] },
  page: { name: 'Pages', hierarchical: true, rest_base: 'pages', taxonomies: [] },
  attachment: { name: 'Media', hierarchical: false, rest_base: 'media', taxonomies: [] },
} as const;
const TAXONOMIES = {
  category: { name: 'Categories', hierarchical: true, rest_base: 'categories' },
  post_tag: { name: 'Tags', hierarchical: false, rest_base: 'tags' },
} as const;

export function types(r: WpRequestContext, slug?: string): WpAnswer {
  const one = (s: keyof typeof TYPES) => ({
    description: '', ...TYPES[s], slug: s,
    _links: { collection: [{ href: `${r.root}wp/v2/types` }], 'wp:items': [{ href: `${r.root}wp/v2/${TYPES[s].rest_base}` }] },
  });
  if (slug === undefined) return { status: 200, body: Object.fromEntries(Object.keys(TYPES).map((s) => [s, one(s as keyof typeof TYPES)])) };
  if (!(slug in TYPES)) throw new WpRefusal('rest_type_invalid', 404, { field: 'type', code: 'no_such_id' });
  return { status: 200, body: one(slug as keyof typeof TYPES) };
}

export function taxonomies(r: WpRequestContext, slug?: string): WpAnswer {
  const one = (s: keyof typeof TAXONOMIES) => ({
    description: '', ...TAXONOMIES[s], slug: s, types: ['post'],
    _links: { collection: [{ href: `${r.root}wp/v2/taxonomies` }], 'wp:items': [{ href: `${r.root}wp/v2/${TAXONOMIES[s].rest_base}` }] },
  });
  if (slug === undefined) return { status: 200, body: Object.fromEntries(Object.keys(TAXONOMIES).map((s) => [s, one(s as keyof typeof TAXONOMIES)])) };
  if (!(slug in TAXONOMIES)) throw new WpRefusal('rest_taxonomy_invalid', 404, { field: 'taxonomy', code: 'no_such_id' });
  return { status: 200, body: one(slug as keyof typeof TAXONOMIES) };
}

// ---- the index ----

type RouteSpec = [path: string, methods: string[], args: string[]];

const COLLECTION = ['context', 'page', 'per_page', 'search', 'exclude', 'include', 'order', 'orderby'];
const ITEM = ['id', 'context'];
const ROUTES: RouteSpec[] = [
  ['/wp/v2/posts', ['GET'], [...COLLECTION, 'after', 'before', 'author', 'slug', 'status', 'categories', 'categories_exclude', 'tags', 'tags_exclude']],
  ['/wp/v2/posts/(?P<id>[\\d]+)', ['GET'], ITEM],
  ['/wp/v2/pages', ['GET'], [...COLLECTION, 'after', 'before', 'author', 'parent', 'slug', 'status']],
  ['/wp/v2/pages/(?P<id>[\\d]+)', ['GET'], ITEM],
  ['/wp/v2/media', ['GET'], [...COLLECTION, 'parent', 'media_type']],
  ['/wp/v2/media/(?P<id>[\\d]+)', ['GET'], ITEM],
  ['/wp/v2/categories', ['GET'], [...COLLECTION, 'hide_empty', 'parent', 'post', 'slug']],
  ['/wp/v2/categories/(?P<id>[\\d]+)', ['GET'], ITEM],
  ['/wp/v2/tags', ['GET'], [...COLLECTION, 'hide_empty', 'post', 'slug']],
  ['/wp/v2/tags/(?P<id>[\\d]+)', ['GET'], ITEM],
  ['/wp/v2/users', ['GET'], [...COLLECTION, 'slug']],
  ['/wp/v2/users/(?P<id>[\\d]+)', ['GET'], ITEM],
  ['/wp/v2/comments', ['GET', 'POST'], [...COLLECTION, 'after', 'before', 'parent', 'post', 'author_name', 'author_email', 'author_url', 'content']],
  ['/wp/v2/comments/(?P<id>[\\d]+)', ['GET'], ITEM],
  ['/wp/v2/search', ['GET'], ['context', 'page', 'per_page', 'search', 'type', 'subtype']],
  ['/wp/v2/types', ['GET'], ['context']],
  ['/wp/v2/types/(?P<type>[\\w-]+)', ['GET'], ['type', 'context']],
  ['/wp/v2/taxonomies', ['GET'], ['context', 'type']],
  ['/wp/v2/taxonomies/(?P<taxonomy>[\\w-]+)', ['GET'], ['taxonomy', 'context']],
];

function routesObject(r: WpRequestContext, only?: string): Record<string, WpObject> {
  const out: Record<string, WpObject> = {};
  const api = (path: string) => `${r.root}${path.slice(1)}`;
  if (!only) out['/'] = { namespace: '', methods: ['GET'], endpoints: [{ methods: ['GET'], args: { context: { required: false } } }], _links: { self: [{ href: r.root }] } };
  out['/wp/v2'] = { namespace: 'wp/v2', methods: ['GET'], endpoints: [{ methods: ['GET'], args: { namespace: { required: false }, context: { required: false } } }], _links: { self: [{ href: api('/wp/v2') }] } };
  for (const [path, methods, args] of ROUTES) {
    out[path] = {
      namespace: 'wp/v2',
      methods,
      endpoints: methods.map((m) => ({ methods: [m], args: Object.fromEntries(args.map((a) => [a, { required: a === 'id' }])) })),
      ...(!path.includes('(') && { _links: { self: [{ href: api(path) }] } }),
    };
  }
  return out;
}

/** The offset of the edition's zone from UTC now, in hours (WordPress's `gmt_offset`). */
function gmtOffset(e: Edition, now: Date): number {
  const p = zonedParts(now, e.timezone);
  const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return Math.round((local - Math.floor(now.getTime() / 60_000) * 60_000) / 900_000) / 4;
}

export function index(r: WpRequestContext, namespace: boolean): WpAnswer {
  if (namespace) return { status: 200, body: { namespace: 'wp/v2', routes: routesObject(r, 'wp/v2'), _links: { up: [{ href: r.root }] } } };
  const { edition: e, services } = r;
  return {
    status: 200,
    body: {
      name: e.siteName,
      description: e.tagline,
      url: services.urls.absolute(services.urls.editionRoot(e)).replace(/\/$/, ''),
      home: services.urls.absolute(services.urls.editionRoot(e)).replace(/\/$/, ''),
      gmt_offset: gmtOffset(e, services.clock.now()),
      timezone_string: e.timezone,
      namespaces: ['wp/v2'],
      authentication: {},
      routes: routesObject(r),
      _links: { help: [{ href: 'https://developer.wordpress.org/rest-api/' }] },
    },
  };
}

export type { WpResource };

import { type Kysely, type Selectable, sql } from 'kysely';
import type { Article, ArticleKind, ArticleStatus, CommentStatus } from '../domain/article.ts';
import type { Comment, CommentModeration } from '../domain/comment.ts';
import type { ImageFormat, MediaItem, MediaVariant } from '../domain/media.ts';
import type { Term, TermKind } from '../domain/taxonomy.ts';
import type { Author } from '../domain/user.ts';
import { editionAuthorFields } from './articles.ts';
import type { ArticlesTable, Database, MediaTable } from './schema.ts';

/**
 * The published content of an edition as lists with the filters WordPress's REST API takes
 * (include/exclude, slugs, text, dates, ordering): what readers may see, never a draft, a held
 * comment or a newsroom member without a published article.
 */

export type SortOrder = 'asc' | 'desc';

/** What every list takes: ids to keep or leave out, a page window and an order. */
export interface ListWindow<O extends string> {
  include?: number[];
  exclude?: number[];
  slugs?: string[];
  /** A plain substring (not a pattern), looked for case-insensitively. */
  text?: string;
  orderBy: O;
  order: SortOrder;
  limit: number;
  offset: number;
}

export interface PublishedArticleQuery extends ListWindow<'date' | 'id' | 'title' | 'slug' | 'modified' | 'include'> {
  edition: string;
  kind: ArticleKind;
  categoryIds?: number[];
  tagIds?: number[];
  authorIds?: number[];
  /** None of these sections / tags. */
  notCategoryIds?: number[];
  notTagIds?: number[];
  /** Published after / before these instants (exclusive, as WordPress). */
  after?: string;
  before?: string;
}

export interface PublicTermQuery extends ListWindow<'id' | 'name' | 'slug' | 'count' | 'include'> {
  edition: string;
  kind: TermKind;
  /** Only terms of this published article. */
  articleId?: number;
  /** Only terms with a published article. */
  usedOnly: boolean;
}

export interface PublicAuthorQuery extends ListWindow<'id' | 'name' | 'slug' | 'include'> {
  edition: string;
}

export interface ApprovedCommentQuery extends Omit<ListWindow<'date' | 'id' | 'post' | 'parent' | 'include'>, 'slugs'> {
  edition: string;
  articleIds?: number[];
  parentIds?: number[];
  after?: string;
  before?: string;
}

export interface PublishedMediaQuery extends Omit<ListWindow<'date' | 'id' | 'include'>, 'slugs'> {
  edition: string;
  /** Only the images of these published articles. */
  articleIds?: number[];
}

/** A library image as one published article of the edition shows it (WordPress's attachment and its parent). */
export interface PublishedMedia {
  item: MediaItem;
  articleId: number;
}

/** A published section or tag with its count of published articles. */
export type PublicTerm = Term;

/** LIKE with the reader's %, _ and \ taken literally; lower() on both sides (PostgreSQL's LIKE is case-sensitive). */
const like = (column: string, text: string) => sql<boolean>`lower(${sql.ref(column)}) like ${`%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`;

/** Orders ids as `include` gave them (WordPress's orderby=include, which no `order` reverses). */
function byInclude<T extends { id: number }>(rows: T[], include: number[] | undefined, _order?: SortOrder): T[] {
  const at = new Map((include ?? []).map((id, i) => [id, i]));
  return [...rows].sort((a, b) => (at.get(a.id) ?? Infinity) - (at.get(b.id) ?? Infinity));
}

export class PublishedQueryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Published posts or pages of an edition: the ids of one page, in order, and the total. */
  async articleIds(q: PublishedArticleQuery): Promise<{ ids: number[]; total: number }> {
    let w = this.db
      .selectFrom('articles as a')
      .where('a.edition', '=', q.edition)
      .where('a.kind', '=', q.kind)
      .where('a.status', '=', 'published');
    if (q.include) w = w.where('a.id', 'in', q.include.length ? q.include : [-1]);
    if (q.exclude?.length) w = w.where('a.id', 'not in', q.exclude);
    if (q.slugs) w = w.where('a.slug', 'in', q.slugs.length ? q.slugs : ['']);
    if (q.text) {
      const t = q.text;
      w = w.where((eb) => eb.or([like('a.title', t), like('a.excerpt', t), like('a.body_text', t)]));
    }
    if (q.categoryIds) {
      const ids = q.categoryIds.length ? q.categoryIds : [-1];
      w = w.where('a.id', 'in', (eb) => eb.selectFrom('article_categories').select('article_id').where('category_id', 'in', ids));
    }
    if (q.tagIds) {
      const ids = q.tagIds.length ? q.tagIds : [-1];
      w = w.where('a.id', 'in', (eb) => eb.selectFrom('article_tags').select('article_id').where('tag_id', 'in', ids));
    }
    if (q.authorIds) {
      const ids = q.authorIds.length ? q.authorIds : [-1];
      w = w.where('a.id', 'in', (eb) => eb.selectFrom('article_authors').select('article_id').where('user_id', 'in', ids));
    }
    if (q.notCategoryIds?.length) {
      const ids = q.notCategoryIds;
      w = w.where('a.id', 'not in', (eb) => eb.selectFrom('article_categories').select('article_id').where('category_id', 'in', ids));
    }
    if (q.notTagIds?.length) {
      const ids = q.notTagIds;
      w = w.where('a.id', 'not in', (eb) => eb.selectFrom('article_tags').select('article_id').where('tag_id', 'in', ids));
    }
    if (q.after) w = w.where('a.published_at', '>', q.after);
    if (q.before) w = w.where('a.published_at', '<', q.before);
    const count = w.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    if (q.orderBy === 'include') {
      const rows = byInclude(await w.select('a.id').execute(), q.include, q.order);
      return { ids: rows.slice(q.offset, q.offset + q.limit).map((r) => r.id), total: Number((await count)?.n ?? 0) };
    }
    const column = ({ date: 'a.published_at', id: 'a.id', title: 'a.title', slug: 'a.slug', modified: 'a.updated_at' } as const)[q.orderBy];
    const rows = await w.select('a.id').orderBy(column, q.order).orderBy('a.id', q.order).limit(q.limit).offset(q.offset).execute();
    return { ids: rows.map((r) => r.id), total: Number((await count)?.n ?? 0) };
  }

  /** Whole published articles (posts or pages) of an edition, in the order of `ids`; four queries for any number. */
  async articles(edition: string, ids: readonly number[]): Promise<Article[]> {
    if (!ids.length) return [];
    const list = [...ids];
    const [rows, authors, categories, tags] = await Promise.all([
      this.db.selectFrom('articles').selectAll().where('id', 'in', list).where('edition', '=', edition).where('status', '=', 'published').execute(),
      this.db
        .selectFrom('article_authors as aa')
        .innerJoin('users as u', 'u.id', 'aa.user_id')
        .select(['aa.article_id', 'u.id', 'u.slug'])
        .select((eb) => editionAuthorFields(eb, edition))
        .where('aa.article_id', 'in', list)
        .orderBy('aa.position')
        .execute(),
      this.db
        .selectFrom('article_categories as ac')
        .innerJoin('categories as c', 'c.id', 'ac.category_id')
        .select(['ac.article_id', 'c.id', 'c.edition', 'c.slug', 'c.name', 'c.description'])
        .where('ac.article_id', 'in', list)
        .orderBy('c.position')
        .orderBy('c.id')
        .execute(),
      this.db
        .selectFrom('article_tags as at')
        .innerJoin('tags as t', 't.id', 'at.tag_id')
        .select(['at.article_id', 't.id', 't.edition', 't.slug', 't.name'])
        .where('at.article_id', 'in', list)
        .orderBy('t.name')
        .execute(),
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return list.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      const cats = categories.filter((c) => c.article_id === id).map(({ article_id: _, ...c }) => c);
      return [toArticle(r, {
        authors: authors.filter((a) => a.article_id === id).map((a): Author => ({ id: a.id, slug: a.slug, name: a.display_name, bio: a.bio, photoUrl: a.photo_url })),
        categories: cats,
        primary: cats.find((c) => c.id === r.primary_category_id) ?? cats[0] ?? null,
        tags: tags.filter((t) => t.article_id === id).map(({ article_id: _, ...t }) => t),
      })];
    });
  }

  /** Sections or tags of an edition, each with its count of published posts. */
  async terms(q: PublicTermQuery): Promise<{ items: PublicTerm[]; total: number }> {
    const links = q.kind === 'category' ? 'article_categories' : 'article_tags';
    const ref = q.kind === 'category' ? 'category_id' : 'tag_id';
    const published = (termId: string) =>
      sql<number>`(select count(*) from ${sql.table(links)} l join articles a on a.id = l.article_id where l.${sql.ref(ref)} = ${sql.ref(termId)} and a.status = 'published')`;
    // Typed as sections: tags have the same columns but the description, which is read below by kind.
    const from = q.kind === 'category' ? this.db.selectFrom('categories as t') : (this.db.selectFrom('tags as t') as unknown as ReturnType<typeof this.sections>);
    let w = from.where('t.edition', '=', q.edition);
    if (q.include) w = w.where('t.id', 'in', q.include.length ? q.include : [-1]);
    if (q.exclude?.length) w = w.where('t.id', 'not in', q.exclude);
    if (q.slugs) w = w.where('t.slug', 'in', q.slugs.length ? q.slugs : ['']);
    if (q.text) w = w.where(like('t.name', q.text));
    if (q.usedOnly) w = w.where(sql<boolean>`${published('t.id')} > 0`);
    if (q.articleId !== undefined) {
      const articleId = q.articleId;
      w = w.where(sql<boolean>`exists (select 1 from ${sql.table(links)} l join articles a on a.id = l.article_id where l.${sql.ref(ref)} = t.id and l.article_id = ${articleId} and a.status = 'published')`);
    }
    const count = w.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const description = q.kind === 'category' ? sql<string>`t.description` : sql<string>`''`;
    let rows = w.select(['t.id', 't.edition', 't.slug', 't.name', description.as('description'), published('t.id').as('articles')]);
    if (q.orderBy !== 'include') {
      const column = ({ id: 't.id', name: 't.name', slug: 't.slug', count: 'articles' } as const)[q.orderBy];
      rows = rows.orderBy(column === 'articles' ? sql`articles` : sql.ref(column), q.order).orderBy('t.id', q.order);
    }
    let found = (await rows.execute()).map((r) => ({ ...r, position: 0, articles: Number(r.articles ?? 0) }));
    if (q.orderBy === 'include') found = byInclude(found, q.include, q.order);
    return { items: found.slice(q.offset, q.offset + q.limit), total: Number((await count)?.n ?? 0) };
  }

  private sections() {
    return this.db.selectFrom('categories as t');
  }

  /** The people with a published article in the edition: byline fields only. */
  async authors(q: PublicAuthorQuery): Promise<{ items: Author[]; total: number }> {
    // The edition's own name and bio, else the account's (an English edition says "Laila Haddad").
    const name = sql<string>`coalesce(nullif(ue.display_name, ''), u.display_name)`;
    const bio = sql<string>`coalesce(nullif(ue.bio, ''), u.bio)`;
    let w = this.db
      .selectFrom('users as u')
      .leftJoin('user_editions as ue', (j) => j.onRef('ue.user_id', '=', 'u.id').on('ue.edition', '=', q.edition))
      .where((eb) =>
        eb.exists(
          eb.selectFrom('article_authors as aa').innerJoin('articles as a', 'a.id', 'aa.article_id').select('aa.article_id')
            .whereRef('aa.user_id', '=', 'u.id').where('a.edition', '=', q.edition).where('a.status', '=', 'published'),
        ),
      );
    if (q.include) w = w.where('u.id', 'in', q.include.length ? q.include : [-1]);
    if (q.exclude?.length) w = w.where('u.id', 'not in', q.exclude);
    if (q.slugs) w = w.where('u.slug', 'in', q.slugs.length ? q.slugs : ['']);
    if (q.text) w = w.where(sql<boolean>`(${like('u.display_name', q.text)} or ${like('ue.display_name', q.text)})`);
    const count = w.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    let rows = w.select(['u.id', 'u.slug', name.as('display_name'), bio.as('bio'), 'u.photo_url']);
    if (q.orderBy !== 'include') {
      rows = rows.orderBy(q.orderBy === 'name' ? name : q.orderBy === 'id' ? 'u.id' : 'u.slug', q.order).orderBy('u.id', q.order);
    }
    let found = (await rows.execute()).map((r): Author => ({ id: r.id, slug: r.slug, name: r.display_name, bio: r.bio, photoUrl: r.photo_url }));
    if (q.orderBy === 'include') found = byInclude(found, q.include, q.order);
    return { items: found.slice(q.offset, q.offset + q.limit), total: Number((await count)?.n ?? 0) };
  }

  /** Approved comments on published articles of the edition (the e-mail, IP and user agent are not read). */
  async comments(q: ApprovedCommentQuery): Promise<{ items: Comment[]; total: number }> {
    let w = this.db
      .selectFrom('comments as cm')
      .innerJoin('articles as a', 'a.id', 'cm.article_id')
      .where('cm.status', '=', 'approved')
      .where('a.status', '=', 'published')
      .where('a.edition', '=', q.edition);
    if (q.include) w = w.where('cm.id', 'in', q.include.length ? q.include : [-1]);
    if (q.exclude?.length) w = w.where('cm.id', 'not in', q.exclude);
    if (q.articleIds) w = w.where('cm.article_id', 'in', q.articleIds.length ? q.articleIds : [-1]);
    if (q.parentIds) {
      const ids = q.parentIds;
      w = ids.includes(0)
        ? w.where((eb) => eb.or([eb('cm.parent_id', 'is', null), eb('cm.parent_id', 'in', [...ids, -1])]))
        : w.where('cm.parent_id', 'in', ids.length ? ids : [-1]);
    }
    if (q.text) {
      const t = q.text;
      w = w.where((eb) => eb.or([like('cm.body', t), like('cm.author_name', t)]));
    }
    if (q.after) w = w.where('cm.created_at', '>', q.after);
    if (q.before) w = w.where('cm.created_at', '<', q.before);
    const count = w.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    let rows = w.select(['cm.id', 'cm.article_id', 'cm.parent_id', 'cm.author_name', 'cm.author_url', 'cm.body', 'cm.status', 'cm.created_at', 'cm.email_hash']);
    if (q.orderBy !== 'include') {
      const column = ({ date: 'cm.created_at', id: 'cm.id', post: 'cm.article_id', parent: 'cm.parent_id' } as const)[q.orderBy];
      rows = rows.orderBy(column, q.order).orderBy('cm.id', q.order);
    }
    const toComment = (r: Awaited<ReturnType<typeof rows.execute>>[number]): Comment => ({
      id: r.id, articleId: r.article_id, parentId: r.parent_id, authorName: r.author_name, authorUrl: r.author_url,
      body: r.body, status: r.status as CommentModeration, createdAt: r.created_at, emailHash: r.email_hash,
    });
    if (q.orderBy === 'include') {
      const all = byInclude((await rows.execute()).map(toComment), q.include, q.order);
      return { items: all.slice(q.offset, q.offset + q.limit), total: Number((await count)?.n ?? 0) };
    }
    const found = await rows.limit(q.limit).offset(q.offset).execute();
    return { items: found.map(toComment), total: Number((await count)?.n ?? 0) };
  }

  /**
   * Library images that published articles of the edition show (featured or in the body, as
   * `article_media` records), each with the first such article: WordPress's attachment and its
   * parent. An image only drafts show is not listed.
   */
  async media(q: PublishedMediaQuery): Promise<{ items: PublishedMedia[]; total: number }> {
    const parent = (extra: (a: string) => ReturnType<typeof sql>) =>
      sql<number | null>`(select min(a.id) from article_media am join articles a on a.id = am.article_id where am.media_name = m.name and a.edition = ${q.edition} and a.status = 'published' ${extra('a')})`;
    const only = q.articleIds ? sql`and a.id in (${sql.join(q.articleIds.length ? q.articleIds : [-1])})` : sql``;
    const parentOf = parent(() => only);
    let w = this.db.selectFrom('media as m').where(sql<boolean>`${parentOf} is not null`);
    if (q.include) w = w.where('m.id', 'in', q.include.length ? q.include : [-1]);
    if (q.exclude?.length) w = w.where('m.id', 'not in', q.exclude);
    if (q.text) {
      const t = q.text;
      w = w.where((eb) => eb.or([like('m.alt', t), like('m.caption', t)]));
    }
    const count = w.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    let rows = w.leftJoin('users as u', 'u.id', 'm.uploaded_by').selectAll('m').select(['u.display_name as uploader_name', parentOf.as('article_id')]);
    if (q.orderBy !== 'include') rows = rows.orderBy(q.orderBy === 'id' ? 'm.id' : 'm.created_at', q.order).orderBy('m.id', q.order);
    let found = (await rows.execute()).map((r) => ({ id: r.id, item: toMediaItem(r), articleId: Number(r.article_id) }));
    if (q.orderBy === 'include') found = byInclude(found, q.include, q.order);
    return { items: found.slice(q.offset, q.offset + q.limit).map(({ item, articleId }) => ({ item, articleId })), total: Number((await count)?.n ?? 0) };
  }

  /** The library ids of images by their names (a featured image's address names its image). */
  async mediaIdsByNames(names: readonly string[]): Promise<Map<string, number>> {
    if (!names.length) return new Map();
    const rows = await this.db.selectFrom('media').select(['id', 'name']).where('name', 'in', [...names]).execute();
    return new Map(rows.map((r) => [r.name, r.id]));
  }
}

function toArticle(
  r: Selectable<ArticlesTable>,
  rel: { authors: Author[]; categories: Article['categories']; primary: Article['primaryCategory']; tags: Article['tags'] },
): Article {
  return {
    id: r.id, edition: r.edition, slug: r.slug, title: r.title, excerpt: r.excerpt, publishedAt: r.published_at ?? '',
    status: r.status as ArticleStatus, featuredImageUrl: r.featured_image_url, featuredImageAlt: r.featured_image_alt,
    primaryCategory: rel.primary, commentCount: 0, bodyHtml: r.body_html, bodyText: r.body_text,
    commentStatus: r.comment_status as CommentStatus, translationGroup: r.translation_group, createdAt: r.created_at,
    updatedAt: r.updated_at, revisedAt: r.revised_at, featuredImageCaption: r.featured_image_caption,
    featuredImageCredit: r.featured_image_credit, kicker: r.kicker, breaking: Number(r.breaking) === 1, seoTitle: r.seo_title,
    seoDescription: r.seo_description, dateline: r.dateline, sticky: Number(r.sticky) === 1, authors: rel.authors, categories: rel.categories, tags: rel.tags,
  };
}

function toMediaItem(r: Selectable<MediaTable> & { uploader_name: string | null }): MediaItem {
  return {
    id: r.id, name: r.name, format: r.format as ImageFormat, originalWidth: r.original_width, originalHeight: r.original_height,
    originalBytes: r.original_bytes, width: r.width, height: r.height, variants: JSON.parse(r.variants) as MediaVariant[],
    alt: r.alt, caption: r.caption, credit: r.credit,
    uploadedBy: r.uploaded_by !== null && r.uploader_name !== null ? { id: r.uploaded_by, name: r.uploader_name } : null,
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

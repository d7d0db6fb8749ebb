import { type ExpressionBuilder, type Kysely, type RawBuilder, type Selectable, sql } from 'kysely';
import type { Article, ArticleInput, ArticleKind, FocalPoint, ArticleStatus, ArticleSummary, CommentStatus } from '../domain/article.ts';
import type { Author } from '../domain/user.ts';
import type { Category, Tag } from '../domain/taxonomy.ts';
import type { CommentTarget } from '../domain/comment.ts';
import type { DialectOps } from './dialects/dialect.ts';
import { prepared } from './prepared.ts';
import type { ArticlesTable, Database, UsersTable } from './schema.ts';

export interface ListFilter {
  edition: string;
  categoryId?: number;
  tagId?: number;
  authorId?: number;
  /** Published at or after this instant (inclusive). */
  from?: string;
  /** Published before this instant (exclusive). */
  to?: string;
  excludeIds?: number[];
  limit: number;
  offset: number;
  /** Lists that show no page count (home sections, feeds) skip the COUNT(*). */
  withTotal?: boolean;
}

/**
 * The columns a stored article is written with (the service computes them). The newsroom's
 * fields and the auto-draft mark are written as the writer gave them (absent: none, a real save).
 */
export interface ArticleRecord extends Pick<ArticleInput, 'kicker' | 'breaking' | 'seoTitle' | 'seoDescription' | 'dateline' | 'autoDraft'> {
  id?: number;
  /** Only for a new row ('post' if absent): an update keeps the stored kind. */
  kind?: ArticleKind;
  edition: string;
  slug: string;
  title: string;
  excerpt: string;
  bodyHtml: string;
  bodyText: string;
  status: ArticleStatus;
  publishedAt: string | null;
  commentStatus: CommentStatus;
  translationGroup: string | null;
  featuredImageUrl: string | null;
  featuredImageAlt: string;
  featuredImageCaption?: string;
  featuredImageCredit?: string;
  /** Absent → the centre. */
  featuredImageFocus?: FocalPoint;
  /** The picture lists show (services/media/card-image.ts); absent: none. */
  cardImage?: { url: string; alt: string } | null;
  /** The library images the article shows (featured and in its body); absent: left as they are. */
  mediaNames?: string[];
  authorIds: number[];
  categoryIds: number[];
  tagIds: number[];
  /** Written only when given (an import): a page's parent page, the home lead flag. */
  parentId?: number | null;
  sticky?: boolean;
  /** A new row's creation time when it is not `now` (an import keeps the source's). */
  createdAt?: string;
}

export interface ArticleLocator {
  id: number;
  edition: string;
  slug: string;
  status: ArticleStatus;
  publishedAt: string | null;
  /** A static page is addressed by its slug alone, a post by its date and slug. */
  kind?: ArticleKind;
}

type SummaryRow = Pick<
  Selectable<ArticlesTable>,
  'id' | 'edition' | 'slug' | 'title' | 'excerpt' | 'published_at' | 'status' | 'featured_image_url' | 'featured_image_alt' | 'kicker' | 'breaking'
> & Partial<Pick<Selectable<ArticlesTable>, 'featured_image_focus_x' | 'featured_image_focus_y'>> & { cat_id: number | null; cat_slug: string | null; cat_name: string | null; cat_description: string | null; comment_count?: number | string | null };

const commentTargetQuery = prepared<[number], Pick<Selectable<ArticlesTable>, 'id' | 'edition' | 'slug' | 'title' | 'status' | 'published_at' | 'comment_status'>>(
  (db, id) => db.selectFrom('articles').select(['id', 'edition', 'slug', 'title', 'status', 'published_at', 'comment_status']).where('id', '=', id),
  1,
);

/** The approved-comment count of each listed article (cards show it); an index answers it. */
const approvedComments = (eb: ExpressionBuilder<Database & { a: ArticlesTable }, 'a'>) =>
  eb
    .selectFrom('comments as cm')
    .select((e) => e.fn.countAll<number>().as('n'))
    .whereRef('cm.article_id', '=', 'a.id')
    .where('cm.status', '=', 'approved')
    .as('comment_count');

/** The list fields of an article row, as every read maps them. */
function summaryFields(r: Omit<SummaryRow, 'cat_id' | 'cat_slug' | 'cat_name' | 'cat_description'>): Omit<ArticleSummary, 'primaryCategory' | 'commentCount'> {
  return {
    id: r.id,
    edition: r.edition,
    slug: r.slug,
    title: r.title,
    excerpt: r.excerpt,
    publishedAt: r.published_at ?? '',
    status: r.status as ArticleStatus,
    featuredImageUrl: r.featured_image_url,
    featuredImageAlt: r.featured_image_alt,
    ...(r.featured_image_focus_x != null && r.featured_image_focus_y != null && { featuredImageFocus: { x: Number(r.featured_image_focus_x), y: Number(r.featured_image_focus_y) } }),
    kicker: r.kicker,
    breaking: Number(r.breaking) === 1,
  };
}

/**
 * A list's picture is the card image; its focal point is the featured image's when the card shows
 * the featured image, else (a body image) the centre.
 */
const cardFocus = (axis: 'x' | 'y') =>
  axis === 'x'
    ? sql<number>`case when a.card_image_url = a.featured_image_url then a.featured_image_focus_x else 50 end`.as('featured_image_focus_x')
    : sql<number>`case when a.card_image_url = a.featured_image_url then a.featured_image_focus_y else 50 end`.as('featured_image_focus_y');

function toSummary(r: SummaryRow): ArticleSummary {
  return {
    ...summaryFields(r),
    commentCount: Number(r.comment_count ?? 0),
    primaryCategory:
      r.cat_id === null
        ? null
        : { id: r.cat_id, edition: r.edition, slug: r.cat_slug ?? '', name: r.cat_name ?? '', description: r.cat_description ?? '' },
  };
}

/** An article and the lists that show it. */
export interface ArticleListings {
  id: number;
  edition: string;
  categoryIds: number[];
  tagIds: number[];
  authorIds: number[];
}

/**
 * How many posts on each side of an article, in each of its tags' and sections' lists, may be
 * related to it: the stories added around it, not the whole archive. Scoring every post that
 * shares a section grew with the archive (12–25 ms of a first render at 100,000 articles,
 * 5,000 posts a tag); these windows keep it to a few hundred index entries at any size.
 */
export const RELATED_NEAR = 100;

/**
 * The ids of `limit` posts related to an article (ArticleRepository.related), best first: among
 * the `near` posts added just before and just after it in each of its tags and sections (by id,
 * through the lists' own indexes), those sharing the most with it — 2 a tag, 1 a section,
 * counted over all of theirs — then the newest, then the highest id. The candidates come first
 * (CROSS JOIN: SQLite keeps the order), each looked up by its id. Exported for the plan's test.
 */
export function relatedQuery(d: DialectOps, of: { id: number; edition: string; tagIds: number[]; catIds: number[] }, limit: number, near = RELATED_NEAR): RawBuilder<{ id: number }> {
  const lists = [
    ...of.tagIds.map((id) => ({ table: 'article_tags', column: 'tag_id', id })),
    ...of.catIds.map((id) => ({ table: 'article_categories', column: 'category_id', id })),
  ];
  const sides = lists.flatMap(({ table, column, id }, i) => {
    const from = sql`SELECT article_id FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ${id}`;
    return [
      sql`SELECT * FROM (${from} AND article_id < ${of.id} ORDER BY article_id DESC LIMIT ${near}) AS ${sql.raw(`b${i}`)}`,
      sql`SELECT * FROM (${from} AND article_id > ${of.id} ORDER BY article_id LIMIT ${near}) AS ${sql.raw(`f${i}`)}`,
    ];
  });
  // Tags weigh double: a shared tag says more than a shared section.
  const shared = (table: string, column: string, ids: number[], weight: number) =>
    ids.length ? sql`${sql.lit(weight)} * (SELECT count(*) FROM ${sql.table(table)} x WHERE x.article_id = n.article_id AND ${sql.ref(`x.${column}`)} IN (${sql.join(ids)}))` : sql`0`;
  return sql<{ id: number }>`WITH n AS (${sql.join(sides, sql` UNION `)}),
    s AS (SELECT article_id, ${shared('article_tags', 'tag_id', of.tagIds, 2)} + ${shared('article_categories', 'category_id', of.catIds, 1)} AS score FROM n)
    SELECT a.id FROM s CROSS JOIN ${d.articleStateJoin}
    WHERE a.id = s.article_id AND a.edition = ${of.edition} AND a.kind = 'post' AND a.status = 'published'
    ORDER BY s.score DESC, a.published_at DESC, a.id DESC
    LIMIT ${limit}`;
}

export class ArticleRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectOps,
  ) {}

  private summaries(db: Kysely<Database> = this.db) {
    return db
      .selectFrom('articles as a')
      .leftJoin('categories as c', 'c.id', 'a.primary_category_id')
      .select([
        'a.id', 'a.edition', 'a.slug', 'a.title', 'a.excerpt', 'a.published_at', 'a.status',
        'a.card_image_url as featured_image_url', 'a.card_image_alt as featured_image_alt', cardFocus('x'), cardFocus('y'), 'a.kicker', 'a.breaking',
        'c.id as cat_id', 'c.slug as cat_slug', 'c.name as cat_name', 'c.description as cat_description',
        approvedComments,
      ]);
  }

  /** Published posts of an edition, newest first (ties by id), with the total for paging. */
  async listPublished(f: ListFilter): Promise<{ items: ArticleSummary[]; total: number }> {
    let q = this.db
      .selectFrom('articles as a')
      .where('a.edition', '=', f.edition)
      .where('a.kind', '=', 'post')
      .where('a.status', '=', 'published');
    if (f.categoryId !== undefined) {
      const id = f.categoryId;
      q = q.where('a.id', 'in', (eb) => eb.selectFrom('article_categories').select('article_id').where('category_id', '=', id));
    }
    if (f.tagId !== undefined) {
      const id = f.tagId;
      q = q.where('a.id', 'in', (eb) => eb.selectFrom('article_tags').select('article_id').where('tag_id', '=', id));
    }
    if (f.authorId !== undefined) {
      const id = f.authorId;
      q = q.where('a.id', 'in', (eb) => eb.selectFrom('article_authors').select('article_id').where('user_id', '=', id));
    }
    if (f.from !== undefined) q = q.where('a.published_at', '>=', f.from);
    if (f.to !== undefined) q = q.where('a.published_at', '<', f.to);
    if (f.excludeIds?.length) q = q.where('a.id', 'not in', f.excludeIds);

    const [rows, count] = await Promise.all([
      q
        .leftJoin('categories as c', 'c.id', 'a.primary_category_id')
        .select([
          'a.id', 'a.edition', 'a.slug', 'a.title', 'a.excerpt', 'a.published_at', 'a.status',
          'a.card_image_url as featured_image_url', 'a.card_image_alt as featured_image_alt', cardFocus('x'), cardFocus('y'), 'a.kicker', 'a.breaking',
          'c.id as cat_id', 'c.slug as cat_slug', 'c.name as cat_name', 'c.description as cat_description',
          approvedComments,
        ])
        .orderBy('a.published_at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(f.limit)
        .offset(f.offset)
        .execute(),
      f.withTotal === false ? undefined : q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    ]);
    return { items: rows.map(toSummary), total: Number(count?.n ?? 0) };
  }

  /** An edition's published posts that carry a front-page flag, newest first. */
  private flagged(edition: string, flag: 'a.sticky' | 'a.breaking') {
    return this.summaries()
      .where('a.edition', '=', edition)
      .where('a.kind', '=', 'post')
      .where('a.status', '=', 'published')
      // A literal, as the partial indexes say it (migration 0032): a bound 1 would not match them.
      .where(flag, '=', sql.lit(1))
      .orderBy('a.published_at', 'desc')
      .orderBy('a.id', 'desc');
  }

  /** The newest sticky published post of an edition, if any (the home page's lead). */
  async stickyLead(edition: string): Promise<ArticleSummary | null> {
    const row = await this.flagged(edition, 'a.sticky').executeTakeFirst();
    return row ? toSummary(row) : null;
  }

  /** The edition's breaking stories, newest first (the home page's strip). */
  async breaking(edition: string, limit: number): Promise<ArticleSummary[]> {
    const rows = await this.flagged(edition, 'a.breaking')
      .limit(limit)
      .execute();
    return rows.map(toSummary);
  }

  async findBySlug(edition: string, slug: string): Promise<Article | null> {
    const row = await this.db
      .selectFrom('articles')
      .selectAll()
      .where('edition', '=', edition)
      .where('kind', '=', 'post')
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ? this.hydrate(row) : null;
  }

  async findById(id: number): Promise<Article | null> {
    const row = await this.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.hydrate(row) : null;
  }

  /** The fields a comment POST needs: one prepared query on the comment form's hot path. */
  async commentTarget(id: number): Promise<CommentTarget | null> {
    const row = (await commentTargetQuery(this.db, id)).rows[0];
    return row
      ? {
          id: row.id, edition: row.edition, slug: row.slug, title: row.title, status: row.status as ArticleStatus,
          publishedAt: row.published_at, commentStatus: row.comment_status as CommentStatus,
        }
      : null;
  }

  async locate(id: number): Promise<ArticleLocator | null> {
    const row = await this.db
      .selectFrom('articles')
      .select(['id', 'edition', 'slug', 'status', 'published_at', 'kind'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row
      ? { id: row.id, edition: row.edition, slug: row.slug, status: row.status as ArticleStatus, publishedAt: row.published_at, kind: row.kind as ArticleKind }
      : null;
  }

  /** The stored kind and status of an article, or null when there is no such row. */
  async storedState(db: Kysely<Database>, id: number): Promise<{ kind: ArticleKind; status: ArticleStatus; edition: string; slug: string; publishedAt: string | null } | null> {
    const row = await db.selectFrom('articles').select(['kind', 'status', 'edition', 'slug', 'published_at']).where('id', '=', id).executeTakeFirst();
    return row ? { kind: row.kind === 'page' ? 'page' : 'post', status: row.status as ArticleStatus, edition: row.edition, slug: row.slug, publishedAt: row.published_at } : null;
  }

  /**
   * Where each article is listed (its edition, sections, tags and authors): what a change to it
   * invalidates for readers.
   */
  async listings(db: Kysely<Database>, ids: readonly number[]): Promise<ArticleListings[]> {
    if (!ids.length) return [];
    const [rows, cats, tags, authors] = await Promise.all([
      db.selectFrom('articles').select(['id', 'edition']).where('id', 'in', ids).execute(),
      db.selectFrom('article_categories').select(['article_id', 'category_id as ref']).where('article_id', 'in', ids).execute(),
      db.selectFrom('article_tags').select(['article_id', 'tag_id as ref']).where('article_id', 'in', ids).execute(),
      db.selectFrom('article_authors').select(['article_id', 'user_id as ref']).where('article_id', 'in', ids).execute(),
    ]);
    const of = (links: { article_id: number; ref: number }[], id: number) => links.filter((l) => l.article_id === id).map((l) => l.ref);
    return rows.map((r) => ({ id: r.id, edition: r.edition, categoryIds: of(cats, r.id), tagIds: of(tags, r.id), authorIds: of(authors, r.id) }));
  }

  /** Slugs are unique per edition and kind: a page and a post may share one (their URLs differ). */
  async slugTaken(edition: string, slug: string, exceptId: number | undefined, db: Kysely<Database> = this.db, kind: ArticleKind = 'post'): Promise<boolean> {
    let q = db.selectFrom('articles').select('id').where('edition', '=', edition).where('kind', '=', kind).where('slug', '=', slug);
    if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  /**
   * Other published posts added around this one that share the most tags and categories with it
   * (a shared tag counts 2, a shared section 1), the newest first among equals (relatedQuery).
   */
  async related(article: Article, limit: number, near = RELATED_NEAR): Promise<ArticleSummary[]> {
    const tagIds = article.tags.map((t) => t.id);
    const catIds = article.categories.map((c) => c.id);
    if (!tagIds.length && !catIds.length) return [];
    const { rows } = await relatedQuery(this.dialect, { id: article.id, edition: article.edition, tagIds, catIds }, limit, near).execute(this.db);
    return this.summariesByIds(rows.map((r) => Number(r.id)));
  }

  async summariesByIds(ids: number[]): Promise<ArticleSummary[]> {
    if (!ids.length) return [];
    const rows = await this.summaries().where('a.id', 'in', ids).execute();
    const byId = new Map(rows.map((r) => [r.id, toSummary(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * Summaries with the opening `chars` characters of each article's plain text (search results'
   * snippets), in the order of `ids`: one read of each row, not two.
   */
  async summariesWithText(ids: number[], chars: number): Promise<{ summary: ArticleSummary; text: string }[]> {
    if (!ids.length) return [];
    const rows = await this.summaries()
      .select((eb) => eb.fn<string>('substr', ['a.body_text', eb.val(1), eb.val(chars)]).as('lead_text'))
      .where('a.id', 'in', ids)
      .execute();
    const byId = new Map(rows.map((r) => [r.id, { summary: toSummary(r), text: r.lead_text }]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Translations of a story: the same group in other editions, published. */
  async translations(article: Article): Promise<ArticleSummary[]> {
    if (!article.translationGroup) return [];
    const rows = await this.summaries()
      .where('a.translation_group', '=', article.translationGroup)
      .where('a.id', '!=', article.id)
      .where('a.status', '=', 'published')
      .execute();
    return rows.map(toSummary);
  }

  /** Inserts or replaces an article and its relations. Call inside a transaction. */
  async save(tx: Kysely<Database>, r: ArticleRecord, now: string): Promise<number> {
    const values = articleValues(r, now);
    let id: number;
    if (r.id !== undefined) {
      const row = await tx
        .insertInto('articles')
        .values({ ...values, kind: r.kind ?? 'post', id: r.id, created_at: r.createdAt ?? now })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
    } else {
      const row = await tx.insertInto('articles').values({ ...values, kind: r.kind ?? 'post', created_at: r.createdAt ?? now }).returning('id').executeTakeFirstOrThrow();
      id = row.id;
    }
    await tx.deleteFrom('article_authors').where('article_id', '=', id).execute();
    await tx.deleteFrom('article_categories').where('article_id', '=', id).execute();
    await tx.deleteFrom('article_tags').where('article_id', '=', id).execute();
    const links = articleLinkRows(id, r);
    if (links.authors.length) await tx.insertInto('article_authors').values(links.authors).execute();
    if (links.categories.length) await tx.insertInto('article_categories').values(links.categories).execute();
    if (links.tags.length) await tx.insertInto('article_tags').values(links.tags).execute();
    if (r.mediaNames) {
      await tx.deleteFrom('article_media').where('article_id', '=', id).execute();
      if (links.media.length) await tx.insertInto('article_media').values(links.media).execute();
    }
    return id;
  }

  /** The articles that show a library image (featured or in the body), in any state. */
  async showingMedia(tx: Kysely<Database>, name: string): Promise<number[]> {
    const rows = await tx.selectFrom('article_media').select('article_id').where('media_name', '=', name).execute();
    return rows.map((r) => r.article_id);
  }

  /** A page's parent page (the WordPress import sets it once both exist). */
  async setParent(tx: Kysely<Database>, id: number, parentId: number | null): Promise<void> {
    await tx.updateTable('articles').set({ parent_id: parentId }).where('id', '=', id).execute();
  }

  async setSticky(tx: Kysely<Database>, id: number, sticky: boolean): Promise<void> {
    await tx.updateTable('articles').set({ sticky: sticky ? 1 : 0 }).where('id', '=', id).execute();
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** The earliest instant at which a scheduled article falls due, if any. */
  async nextScheduledAt(): Promise<string | null> {
    const row = await this.db
      .selectFrom('articles')
      .select((eb) => eb.fn.min('published_at').as('t'))
      .where('status', '=', 'scheduled')
      .executeTakeFirst();
    return (row?.t as string | null | undefined) ?? null;
  }

  /**
   * Publishes every scheduled article that is due. One UPDATE: with several instances each
   * article is flipped by exactly one of them.
   */
  async publishDue(tx: Kysely<Database>, now: string): Promise<number[]> {
    const rows = await tx
      .updateTable('articles')
      .set({ status: 'published', updated_at: now, was_published: 1 })
      .where('status', '=', 'scheduled')
      .where('published_at', '<=', now)
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  private async hydrate(row: Selectable<ArticlesTable>): Promise<Article> {
    const [authors, categories, tags] = await Promise.all([
      this.db
        .selectFrom('article_authors as aa')
        .innerJoin('users as u', 'u.id', 'aa.user_id')
        .select(['u.id', 'u.slug'])
        .select((eb) => editionAuthorFields(eb, row.edition))
        .where('aa.article_id', '=', row.id)
        .orderBy('aa.position')
        .execute(),
      this.db
        .selectFrom('article_categories as ac')
        .innerJoin('categories as c', 'c.id', 'ac.category_id')
        .select(['c.id', 'c.edition', 'c.slug', 'c.name', 'c.description'])
        .where('ac.article_id', '=', row.id)
        .orderBy('c.position')
        .orderBy('c.id')
        .execute(),
      this.db
        .selectFrom('article_tags as at')
        .innerJoin('tags as t', 't.id', 'at.tag_id')
        .select(['t.id', 't.edition', 't.slug', 't.name'])
        .where('at.article_id', '=', row.id)
        .orderBy('t.name')
        .execute(),
    ]);
    const primary = categories.find((c) => c.id === row.primary_category_id) ?? categories[0] ?? null;
    return {
      ...summaryFields(row),
      primaryCategory: primary,
      commentCount: 0, // the article page counts its thread itself
      bodyHtml: row.body_html,
      bodyText: row.body_text,
      commentStatus: row.comment_status as CommentStatus,
      translationGroup: row.translation_group,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      revisedAt: row.revised_at,
      featuredImageCaption: row.featured_image_caption,
      featuredImageCredit: row.featured_image_credit,
      seoTitle: row.seo_title,
      seoDescription: row.seo_description,
      dateline: row.dateline,
      sticky: Number(row.sticky) === 1,
      // An auto-draft's placeholder is no slug (migrations/0026-article-fields.ts).
      ...(Number(row.auto_draft) === 1 && { slug: '' }),
      authors: authors.map((a): Author => ({ id: a.id, slug: a.slug, name: a.display_name, bio: a.bio, photoUrl: a.photo_url })),
      categories: categories as Category[],
      tags: tags as Tag[],
    };
  }
}

/** The articles row an ArticleRecord is written as (the one save and the import's bulk writer share it). */
export function articleValues(r: ArticleRecord, now: string) {
  return {
    edition: r.edition,
    slug: r.slug,
    title: r.title,
    excerpt: r.excerpt,
    body_html: r.bodyHtml,
    body_text: r.bodyText,
    status: r.status,
    published_at: r.publishedAt,
    updated_at: now,
    comment_status: r.commentStatus,
    translation_group: r.translationGroup,
    featured_image_url: r.featuredImageUrl,
    featured_image_alt: r.featuredImageAlt,
    featured_image_caption: r.featuredImageCaption ?? '',
    featured_image_credit: r.featuredImageCredit ?? '',
    featured_image_focus_x: r.featuredImageFocus?.x ?? 50,
    featured_image_focus_y: r.featuredImageFocus?.y ?? 50,
    card_image_url: r.cardImage?.url ?? null,
    card_image_alt: r.cardImage?.alt ?? '',
    primary_category_id: r.categoryIds[0] ?? null,
    ...(r.parentId !== undefined && { parent_id: r.parentId }),
    ...(r.sticky !== undefined && { sticky: r.sticky ? 1 : 0 }),
    kicker: r.kicker ?? '',
    breaking: r.breaking ? 1 : 0,
    seo_title: r.seoTitle ?? '',
    seo_description: r.seoDescription ?? '',
    dateline: r.dateline ?? '',
    auto_draft: r.autoDraft ? 1 : 0,
    // Only ever set, never cleared: an unpublished URL answers 410 (see migrations/0005-editor.ts).
    ...(r.status === 'published' && { was_published: 1 }),
  };
}

/** The rows linking an article to its authors (in order), sections and tags. */
export function articleLinkRows(id: number, r: Pick<ArticleRecord, 'authorIds' | 'categoryIds' | 'tagIds' | 'mediaNames'>) {
  return {
    authors: r.authorIds.map((user_id, position) => ({ article_id: id, user_id, position })),
    categories: r.categoryIds.map((category_id) => ({ article_id: id, category_id })),
    tags: r.tagIds.map((tag_id) => ({ article_id: id, tag_id })),
    media: [...new Set(r.mediaNames ?? [])].map((media_name) => ({ article_id: id, media_name })),
  };
}

/**
 * An author's name and bio as an edition shows them: the edition's own (user_editions), else the
 * account's. For a query that has `users as u`; `edition` is a value or a column reference.
 */
export function editionAuthorFields(eb: ExpressionBuilder<Database & { u: UsersTable }, 'u'>, edition: string | RawBuilder<string>) {
  const own = (col: 'display_name' | 'bio') =>
    eb.selectFrom('user_editions as ue').select(`ue.${col}`).whereRef('ue.user_id', '=', 'u.id').where('ue.edition', '=', edition).where(`ue.${col}`, '!=', '');
  return [
    eb.fn.coalesce(own('display_name'), 'u.display_name').$castTo<string>().as('display_name'),
    eb.fn.coalesce(own('bio'), 'u.bio').$castTo<string>().as('bio'),
    eb.ref('u.photo_url').as('photo_url'),
  ];
}

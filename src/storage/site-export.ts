import type { Kysely } from 'kysely';
import type { ArticleKind, ArticleStatus, CommentStatus } from '../domain/article.ts';
import type { CommentModeration } from '../domain/comment.ts';
import type { ExportedArticle, ExportedAuthor, ExportedComment, ExportedTerm, ExportedTermRef, ExportIdFloors } from '../domain/site-export.ts';
import type { MediaItem } from '../domain/media.ts';
import { toMediaItem } from './media.ts';
import type { Database } from './schema.ts';
import type { WordpressKind } from './wordpress-ids.ts';

/**
 * The reads of `khabar export`: one edition at a time, in pages by id (keyset), so a site of any
 * size is written while it is read and never held in memory.
 */
export class SiteExportRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async idFloors(edition: string): Promise<ExportIdFloors> {
    const wpMax = async (kinds: WordpressKind[]) => {
      const r = await this.db
        .selectFrom('wordpress_ids')
        .select((eb) => eb.fn.max('wp_id').as('m'))
        .where('edition', '=', edition)
        .where('kind', 'in', kinds)
        .executeTakeFirst();
      return Number(r?.m ?? 0);
    };
    const [wpPost, wpTerm, wpComment, wpUser, article, category] = await Promise.all([
      wpMax(['post', 'page', 'attachment']),
      wpMax(['category', 'tag']),
      wpMax(['comment']),
      wpMax(['user']),
      this.db.selectFrom('articles').select((eb) => eb.fn.max('id').as('m')).where('edition', '=', edition).executeTakeFirst().then((r) => Number(r?.m ?? 0)),
      this.db.selectFrom('categories').select((eb) => eb.fn.max('id').as('m')).where('edition', '=', edition).executeTakeFirst().then((r) => Number(r?.m ?? 0)),
    ]);
    return { wpPost, wpTerm, wpComment, wpUser, article, category };
  }

  /** Khabar id → WordPress id of these rows of the edition (those that came from WordPress). */
  async wordpressIds(edition: string, kinds: WordpressKind[], khabarIds: readonly number[]): Promise<Map<number, number>> {
    if (!khabarIds.length) return new Map();
    const rows = await this.db
      .selectFrom('wordpress_ids')
      .select(['khabar_id', 'wp_id'])
      .where('edition', '=', edition)
      .where('kind', 'in', kinds)
      .where('khabar_id', 'in', [...khabarIds])
      .orderBy('wp_id')
      .execute();
    const out = new Map<number, number>();
    for (const r of rows) if (!out.has(Number(r.khabar_id))) out.set(Number(r.khabar_id), Number(r.wp_id));
    return out;
  }

  /** Which of these numbers are WordPress ids of the edition's posts, pages or attachments. */
  async takenPostIds(edition: string, numbers: readonly number[]): Promise<Set<number>> {
    if (!numbers.length) return new Set();
    const rows = await this.db
      .selectFrom('wordpress_ids')
      .select('wp_id')
      .where('edition', '=', edition)
      .where('kind', 'in', ['post', 'page', 'attachment'])
      .where('wp_id', 'in', [...numbers])
      .execute();
    return new Set(rows.map((r) => Number(r.wp_id)));
  }

  /** Everyone with a byline in the edition. */
  async authors(edition: string): Promise<ExportedAuthor[]> {
    const rows = await this.db
      .selectFrom('users as u')
      .select(['u.id', 'u.slug', 'u.display_name'])
      .where((eb) => eb.exists(eb.selectFrom('article_authors as aa').innerJoin('articles as a', 'a.id', 'aa.article_id').select('aa.user_id').whereRef('aa.user_id', '=', 'u.id').where('a.edition', '=', edition)))
      .orderBy('u.id')
      .execute();
    return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.display_name }));
  }

  async categories(edition: string, afterId: number, limit: number): Promise<ExportedTerm[]> {
    const rows = await this.db.selectFrom('categories').select(['id', 'slug', 'name', 'description', 'parent_id']).where('edition', '=', edition).where('id', '>', afterId).orderBy('id').limit(limit).execute();
    return rows.map(({ parent_id, ...r }) => ({ ...r, parentId: parent_id ?? null }));
  }

  async tags(edition: string, afterId: number, limit: number): Promise<ExportedTerm[]> {
    const rows = await this.db.selectFrom('tags').select(['id', 'slug', 'name', 'description']).where('edition', '=', edition).where('id', '>', afterId).orderBy('id').limit(limit).execute();
    return rows.map((r) => ({ ...r, parentId: null }));
  }

  /** The edition's posts and pages of every status, by id. */
  async articles(edition: string, afterId: number, limit: number): Promise<ExportedArticle[]> {
    const rows = await this.db
      .selectFrom('articles')
      .select(['id', 'kind', 'slug', 'title', 'excerpt', 'body_html', 'status', 'published_at', 'created_at', 'updated_at', 'comment_status', 'sticky', 'featured_image_url', 'featured_image_alt', 'featured_image_caption', 'featured_image_focus_x', 'featured_image_focus_y', 'parent_id',
        'kicker', 'breaking', 'seo_title', 'seo_description', 'dateline'])
      .where('edition', '=', edition)
      // Auto-drafts are no one's article yet (WordPress's export leaves them out too).
      .where('auto_draft', '=', 0)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const [authors, categories, tags] = await Promise.all([
      this.db.selectFrom('article_authors').select(['article_id', 'user_id as id']).where('article_id', 'in', ids).orderBy('article_id').orderBy('position').execute(),
      this.db
        .selectFrom('article_categories as ac')
        .innerJoin('categories as c', 'c.id', 'ac.category_id')
        .select(['ac.article_id', 'c.id', 'c.slug', 'c.name'])
        .where('ac.article_id', 'in', ids)
        .orderBy('ac.article_id')
        .orderBy('c.id')
        .execute(),
      this.db
        .selectFrom('article_tags as at')
        .innerJoin('tags as t', 't.id', 'at.tag_id')
        .select(['at.article_id', 't.id', 't.slug', 't.name'])
        .where('at.article_id', 'in', ids)
        .orderBy('at.article_id')
        .orderBy('t.id')
        .execute(),
    ]);
    const group = <T extends { article_id: number }, U>(links: T[], f: (l: T) => U) => {
      const m = new Map<number, U[]>();
      for (const l of links) (m.get(l.article_id) ?? m.set(l.article_id, []).get(l.article_id)!).push(f(l));
      return m;
    };
    const term = (l: ExportedTermRef) => ({ id: l.id, slug: l.slug, name: l.name });
    const [byAuthor, byCategory, byTag] = [group(authors, (l) => l.id), group(categories, term), group(tags, term)];
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind as ArticleKind,
      slug: r.slug,
      title: r.title,
      excerpt: r.excerpt,
      bodyHtml: r.body_html,
      status: r.status as ArticleStatus,
      publishedAt: r.published_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      commentStatus: r.comment_status as CommentStatus,
      sticky: Number(r.sticky) === 1,
      kicker: r.kicker,
      breaking: Number(r.breaking) === 1,
      seoTitle: r.seo_title,
      seoDescription: r.seo_description,
      dateline: r.dateline,
      featuredImageUrl: r.featured_image_url,
      featuredImageAlt: r.featured_image_alt,
      featuredImageCaption: r.featured_image_caption,
      featuredImageFocus: { x: Number(r.featured_image_focus_x), y: Number(r.featured_image_focus_y) },
      parentId: r.parent_id ?? null,
      authorIds: byAuthor.get(r.id) ?? [],
      categories: byCategory.get(r.id) ?? [],
      tags: byTag.get(r.id) ?? [],
    }));
  }

  /** Every comment (any status) of these articles, oldest first. */
  async comments(articleIds: readonly number[]): Promise<ExportedComment[]> {
    if (!articleIds.length) return [];
    const rows = await this.db
      .selectFrom('comments')
      .select(['id', 'article_id', 'parent_id', 'author_name', 'author_email', 'author_url', 'body', 'status', 'ip', 'created_at'])
      .where('article_id', 'in', [...articleIds])
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      articleId: r.article_id,
      parentId: r.parent_id,
      authorName: r.author_name,
      authorEmail: r.author_email,
      authorUrl: r.author_url,
      body: r.body,
      status: r.status as CommentModeration,
      ip: r.ip,
      createdAt: r.created_at,
    }));
  }

  /** The media library (shared by every edition), by id. */
  async media(afterId: number, limit: number): Promise<MediaItem[]> {
    const rows = await this.db
      .selectFrom('media as m')
      .leftJoin('users as u', 'u.id', 'm.uploaded_by')
      .selectAll('m')
      .select('u.display_name as uploader_name')
      .where('m.id', '>', afterId)
      .orderBy('m.id')
      .limit(limit)
      .execute();
    return rows.map(toMediaItem);
  }

  /** Library items by their folder name (what a featured image's URL names). */
  async mediaIdsByName(names: readonly string[]): Promise<Map<string, number>> {
    if (!names.length) return new Map();
    const rows = await this.db.selectFrom('media').select(['id', 'name']).where('name', 'in', [...names]).execute();
    return new Map(rows.map((r) => [r.name, r.id]));
  }

  async maxMediaId(): Promise<number> {
    const r = await this.db.selectFrom('media').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
    return Number(r?.m ?? 0);
  }
}

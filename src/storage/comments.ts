import { type Kysely, type Selectable, sql } from 'kysely';
import type { Comment, CommentContent, CommentInQueue, CommentModeration, ModeratedComment } from '../domain/comment.ts';
import { CommentPostBatcher, type CommenterFacts, type CommenterKey, commenterFactsOf, type CommentPosting, insertComments } from './comment-posts.ts';
import type { DialectOps } from './dialects/dialect.ts';
import type { CommentsTable, Database } from './schema.ts';
import type { Tx, WritePath } from './write-path.ts';

/** The columns a new comment is written with (the service computes them). */
export interface CommentRecord extends CommentContent {
  articleId: number;
  parentId: number | null;
  status: CommentModeration;
  createdAt: string;
  emailHash: string;
  bodyHash: string;
}

/** An approved comment with the post it is on, as a site-wide feed lists it. */
export interface RecentComment {
  comment: Comment;
  article: { id: number; slug: string; title: string; publishedAt: string };
}

/** The moderation queue's filters: one status, optionally one article and a text to look for. */
export interface QueueFilter {
  status: CommentModeration;
  articleId?: number;
  /** Looked for in the body, name and e-mail (a plain substring), or equal to the IP. */
  text?: string;
  limit: number;
  offset: number;
}

const PUBLIC_COLUMNS = ['id', 'article_id', 'parent_id', 'author_name', 'author_url', 'body', 'status', 'created_at', 'email_hash'] as const;
type PublicRow = Pick<Selectable<CommentsTable>, (typeof PUBLIC_COLUMNS)[number]>;

function toComment(r: PublicRow): Comment {
  return {
    id: r.id,
    articleId: r.article_id,
    parentId: r.parent_id,
    authorName: r.author_name,
    authorUrl: r.author_url,
    body: r.body,
    status: r.status as CommentModeration,
    createdAt: r.created_at,
    emailHash: r.email_hash,
  };
}

function toModerated(r: Selectable<CommentsTable>): ModeratedComment {
  return { ...toComment(r), authorEmail: r.author_email, ip: r.ip, userAgent: r.user_agent };
}

export class CommentRepository {
  private readonly posts: CommentPostBatcher;

  constructor(
    private readonly db: Kysely<Database>,
    dialect: Pick<DialectOps, 'name' | 'lockKeys'>,
    write: WritePath['write'],
  ) {
    // PostgreSQL: while one batch waits on its round trips others may run on other connections
    // (measured at 16 connections, runs interleaved, with the batch at two round trips: four beat
    // two in six pairs of six, by 1–20 %; three and eight no better than four). SQLite has one
    // connection: a second batch would only wait for it.
    this.posts = new CommentPostBatcher(write, dialect, dialect.name === 'postgres' ? 4 : 1);
  }

  /**
   * Writes a reader's post through the write path, with the posts of the same moment in one
   * commit (comment-posts.ts): `decide` gets the commenter's facts, with the earlier posts of the
   * batch counted, and gives the row or refuses. Resolves after the COMMIT.
   */
  post<R extends CommentRecord>(p: CommentPosting<R>): Promise<{ id: number; record: R }> {
    return this.posts.post(p);
  }

  /** One comment written as it is (the newsroom's replies, fixtures): the batch's INSERT of one row. */
  async insert(tx: Tx, r: CommentRecord): Promise<number> {
    return (await insertComments(tx, [r]))[0]!;
  }

  /**
   * A comment brought from elsewhere (the WordPress import), as it was there: inserted, or `id`'s
   * row rewritten when a re-import brings it again. `userId`: the newsroom account that wrote it.
   */
  async putImported(tx: Tx, id: number | null, r: CommentRecord & { userId: number | null }): Promise<number> {
    const values = importedCommentValues(r);
    if (id !== null) {
      const done = await tx.updateTable('comments').set(values).where('id', '=', id).executeTakeFirst();
      if (Number(done.numUpdatedRows) > 0) return id;
    }
    const row = await tx.insertInto('comments').values(values).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  /** A comment's parent, set after both were imported (a reply came before what it answers). */
  async setParent(tx: Tx, id: number, parentId: number | null): Promise<void> {
    await tx.updateTable('comments').set({ parent_id: parentId }).where('id', '=', id).execute();
  }

  /** Approved comments of an article, oldest first (the thread is built from them). */
  async approvedFor(articleId: number): Promise<Comment[]> {
    const rows = await this.db
      .selectFrom('comments')
      .select(PUBLIC_COLUMNS)
      .where('article_id', '=', articleId)
      .where('status', '=', 'approved')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toComment);
  }

  /** Of these ids, the comments of this article still waiting for (or refused by) a moderator. */
  async heldFor(articleId: number, ids: number[]): Promise<Comment[]> {
    if (!ids.length) return [];
    const rows = await this.db
      .selectFrom('comments')
      .select(PUBLIC_COLUMNS)
      .where('article_id', '=', articleId)
      .where('id', 'in', ids)
      .where('status', '!=', 'approved')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toComment);
  }

  async find(id: number, db: Tx = this.db): Promise<ModeratedComment | null> {
    const row = await db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toModerated(row) : null;
  }

  /** What the posting rules need to know of a commenter (comment-posts.ts), outside any write. */
  async commenterFacts(f: CommenterKey): Promise<CommenterFacts> {
    return (await commenterFactsOf(this.db, [f]))[0]!;
  }

  async list(filter: { status?: CommentModeration; limit: number }): Promise<ModeratedComment[]> {
    let q = this.db.selectFrom('comments').selectAll();
    if (filter.status) q = q.where('status', '=', filter.status);
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
    return rows.map(toModerated);
  }

  async setStatus(tx: Tx, id: number, status: CommentModeration): Promise<boolean> {
    const r = await tx.updateTable('comments').set({ status }).where('id', '=', id).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Deletes one comment; its replies move up to its parent, as in WordPress. */
  async delete(tx: Tx, id: number): Promise<boolean> {
    const c = await tx.selectFrom('comments').select('parent_id').where('id', '=', id).executeTakeFirst();
    if (!c) return false;
    await tx.updateTable('comments').set({ parent_id: c.parent_id }).where('parent_id', '=', id).execute();
    await tx.deleteFrom('comments').where('id', '=', id).execute();
    return true;
  }

  /** The comments of one commenter (by keyed e-mail hash), newest first, with their articles. */
  async byEmailHash(tx: Tx, emailHash: string): Promise<{ id: number; articleId: number; edition: string }[]> {
    const rows = await tx.selectFrom('comments as c').innerJoin('articles as a', 'a.id', 'c.article_id').select(['c.id', 'c.article_id', 'a.edition'])
      .where('c.email_hash', '=', emailHash).orderBy('c.id', 'desc').execute();
    return rows.map((r) => ({ id: r.id, articleId: r.article_id, edition: r.edition }));
  }

  // ---- the newsroom's moderation queue ----

  /** One page of the moderation queue, newest first, with the article each comment is on. */
  async queue(f: QueueFilter): Promise<{ items: CommentInQueue[]; total: number }> {
    const q = this.queueWhere(f).where('cm.status', '=', f.status);
    const [rows, count] = await Promise.all([
      q
        .selectAll('cm')
        .select(['a.title as article_title', 'a.edition as article_edition', 'a.slug as article_slug', 'a.status as article_status', 'a.published_at as article_published_at'])
        .orderBy('cm.created_at', 'desc')
        .orderBy('cm.id', 'desc')
        .limit(f.limit)
        .offset(f.offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    ]);
    const items = rows.map(
      (r): CommentInQueue => ({
        ...toModerated(r),
        article: { id: r.article_id, title: r.article_title, edition: r.article_edition, slug: r.article_slug, status: r.article_status, publishedAt: r.article_published_at },
      }),
    );
    return { items, total: Number(count?.n ?? 0) };
  }

  /** Comments per status under the same article and text filters (the queue's tabs). */
  async queueCounts(f: Omit<QueueFilter, 'status' | 'limit' | 'offset'>): Promise<Map<string, number>> {
    const rows = await this.queueWhere(f)
      .select(['cm.status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('cm.status')
      .execute();
    return new Map(rows.map((r) => [r.status, Number(r.n)]));
  }

  private queueWhere(f: Omit<QueueFilter, 'status' | 'limit' | 'offset'>) {
    let q = this.db.selectFrom('comments as cm').innerJoin('articles as a', 'a.id', 'cm.article_id');
    if (f.articleId !== undefined) q = q.where('cm.article_id', '=', f.articleId);
    const text = f.text;
    if (text) {
      // lower() on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not (ASCII).
      const p = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) =>
        eb.or([
          sql<boolean>`lower(cm.body) like ${p} escape '\\'`,
          sql<boolean>`lower(cm.author_name) like ${p} escape '\\'`,
          sql<boolean>`lower(cm.author_email) like ${p} escape '\\'`,
          eb('cm.ip', '=', text),
        ]),
      );
    }
    return q;
  }

  /** Status and article of each of these comments that exists (bulk moderation checks them first). */
  async statuses(tx: Tx, ids: number[]): Promise<Map<number, { status: CommentModeration; articleId: number; edition: string }>> {
    if (!ids.length) return new Map();
    const rows = await tx.selectFrom('comments as c').innerJoin('articles as a', 'a.id', 'c.article_id').select(['c.id', 'c.status', 'c.article_id', 'a.edition'])
      .where('c.id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, { status: r.status as CommentModeration, articleId: r.article_id, edition: r.edition }]));
  }

  /** Where held comments are announced: the site's editors and administrators. */
  /**
   * The edition's newest approved comments on its published posts, newest first, each with what
   * its feed item links to (the site-wide comments feed, WordPress's /comments/feed/).
   */
  async recentApproved(edition: string, limit: number): Promise<RecentComment[]> {
    const rows = await this.db
      .selectFrom('comments as c')
      .innerJoin('articles as a', 'a.id', 'c.article_id')
      .select(['c.id', 'c.article_id', 'c.parent_id', 'c.author_name', 'c.author_url', 'c.body', 'c.status', 'c.created_at', 'c.email_hash'])
      .select(['a.slug', 'a.title', 'a.published_at'])
      .where('c.status', '=', 'approved')
      .where('a.edition', '=', edition)
      .where('a.kind', '=', 'post')
      .where('a.status', '=', 'published')
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(limit)
      .execute();
    return rows.flatMap((r) =>
      r.published_at ? [{ comment: toComment(r), article: { id: r.article_id, slug: r.slug, title: r.title, publishedAt: r.published_at } }] : [],
    );
  }
}

/** The comments row an imported comment is written as (one at a time, or by the import's bulk writer). */
export function importedCommentValues(r: CommentRecord & { userId: number | null }) {
  return {
    article_id: r.articleId, parent_id: r.parentId, author_name: r.authorName, author_email: r.authorEmail, author_url: r.authorUrl,
    body: r.body, status: r.status, ip: r.ip, user_agent: r.userAgent, created_at: r.createdAt, email_hash: r.emailHash,
    body_hash: r.bodyHash, user_id: r.userId,
  };
}

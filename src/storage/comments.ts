import type { Kysely, Selectable } from 'kysely';
import type { Comment, CommentContent, CommentModeration, ModeratedComment } from '../domain/comment.ts';
import type { CommentsTable, Database } from './schema.ts';

/** The columns a new comment is written with (the service computes them). */
export interface CommentRecord extends CommentContent {
  articleId: number;
  parentId: number | null;
  status: CommentModeration;
  createdAt: string;
  emailHash: string;
  bodyHash: string;
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
  constructor(private readonly db: Kysely<Database>) {}

  async insert(tx: Kysely<Database>, r: CommentRecord): Promise<number> {
    const row = await tx
      .insertInto('comments')
      .values({
        article_id: r.articleId,
        parent_id: r.parentId,
        author_name: r.authorName,
        author_email: r.authorEmail,
        author_url: r.authorUrl,
        body: r.body,
        status: r.status,
        ip: r.ip,
        user_agent: r.userAgent,
        created_at: r.createdAt,
        email_hash: r.emailHash,
        body_hash: r.bodyHash,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
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

  async find(id: number, db: Kysely<Database> = this.db): Promise<ModeratedComment | null> {
    const row = await db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toModerated(row) : null;
  }

  /** The newest comment time from this IP or this e-mail (WordPress's flood check). */
  async latestFrom(ip: string, emailHash: string, db: Kysely<Database> = this.db): Promise<string | null> {
    const [byIp, byEmail] = await Promise.all([
      ip ? db.selectFrom('comments').select('created_at').where('ip', '=', ip).orderBy('created_at', 'desc').limit(1).executeTakeFirst() : undefined,
      db.selectFrom('comments').select('created_at').where('email_hash', '=', emailHash).orderBy('created_at', 'desc').limit(1).executeTakeFirst(),
    ]);
    const times = [byIp?.created_at, byEmail?.created_at].filter((t): t is string => !!t).sort();
    return times.at(-1) ?? null;
  }

  /** The same text from the same commenter on the same article, not binned (WordPress's duplicate check). */
  async isDuplicate(articleId: number, emailHash: string, bodyHash: string, db: Kysely<Database> = this.db): Promise<boolean> {
    const row = await db
      .selectFrom('comments')
      .select('id')
      .where('article_id', '=', articleId)
      .where('body_hash', '=', bodyHash)
      .where('email_hash', '=', emailHash)
      .where('status', '!=', 'trash')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Has this name and e-mail an approved comment already? (WordPress: comment_previously_approved) */
  async isKnownCommenter(emailHash: string, authorName: string, db: Kysely<Database> = this.db): Promise<boolean> {
    const row = await db
      .selectFrom('comments')
      .select('id')
      .where('email_hash', '=', emailHash)
      .where('author_name', '=', authorName)
      .where('status', '=', 'approved')
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async list(filter: { status?: CommentModeration; limit: number }): Promise<ModeratedComment[]> {
    let q = this.db.selectFrom('comments').selectAll();
    if (filter.status) q = q.where('status', '=', filter.status);
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
    return rows.map(toModerated);
  }

  async setStatus(tx: Kysely<Database>, id: number, status: CommentModeration): Promise<boolean> {
    const r = await tx.updateTable('comments').set({ status }).where('id', '=', id).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Deletes one comment; its replies move up to its parent, as in WordPress. */
  async delete(tx: Kysely<Database>, id: number): Promise<boolean> {
    const c = await tx.selectFrom('comments').select('parent_id').where('id', '=', id).executeTakeFirst();
    if (!c) return false;
    await tx.updateTable('comments').set({ parent_id: c.parent_id }).where('parent_id', '=', id).execute();
    await tx.deleteFrom('comments').where('id', '=', id).execute();
    return true;
  }

  async idsByEmailHash(tx: Kysely<Database>, emailHash: string): Promise<number[]> {
    const rows = await tx.selectFrom('comments').select('id').where('email_hash', '=', emailHash).orderBy('id', 'desc').execute();
    return rows.map((r) => r.id);
  }

  /** Where held comments are announced: the site's editors and administrators. */
  async moderatorEmails(): Promise<string[]> {
    const rows = await this.db.selectFrom('users').select('email').where('role', 'in', ['administrator', 'editor']).execute();
    return rows.map((r) => r.email);
  }
}

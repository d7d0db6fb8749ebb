import type { Kysely } from 'kysely';
import type { NewRevision, Revision, RevisionKind } from '../domain/revision.ts';
import type { Database } from './schema.ts';
import type { Tx } from './write-path.ts';

/** Every saved state of an article's title, excerpt and body, newest last. */
export class RevisionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async add(tx: Tx, r: NewRevision, now: string): Promise<number> {
    const row = await tx
      .insertInto('article_revisions')
      .values({ article_id: r.articleId, kind: r.kind, title: r.title, excerpt: r.excerpt, body_html: r.bodyHtml, user_id: r.userId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /**
   * An autosave: replaces this user's autosave when it is the article's newest revision, so a
   * long writing session leaves one autosave, not one every minute.
   */
  async autosave(tx: Tx, r: Omit<NewRevision, 'kind'> & { userId: number }, now: string): Promise<number> {
    const last = await tx
      .selectFrom('article_revisions')
      .select(['id', 'kind', 'user_id'])
      .where('article_id', '=', r.articleId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (last && last.kind === 'autosave' && last.user_id === r.userId) {
      await tx.updateTable('article_revisions').set({ title: r.title, excerpt: r.excerpt, body_html: r.bodyHtml, created_at: now }).where('id', '=', last.id).execute();
      return last.id;
    }
    return this.add(tx, { ...r, kind: 'autosave' }, now);
  }

  /** Whether a save (not an autosave or a refused save) has left a revision yet. */
  async hasSaved(tx: Tx, articleId: number): Promise<boolean> {
    const row = await tx.selectFrom('article_revisions').select('id').where('article_id', '=', articleId).where('kind', 'in', ['save', 'restore', 'original']).limit(1).executeTakeFirst();
    return row !== undefined;
  }

  async list(articleId: number): Promise<Revision[]> {
    const rows = await this.base().where('r.article_id', '=', articleId).orderBy('r.id', 'desc').execute();
    return rows.map(toRevision);
  }

  async get(articleId: number, id: number): Promise<Revision | null> {
    const row = await this.base().where('r.article_id', '=', articleId).where('r.id', '=', id).executeTakeFirst();
    return row ? toRevision(row) : null;
  }

  private base() {
    return this.db
      .selectFrom('article_revisions as r')
      .leftJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.id', 'r.article_id', 'r.kind', 'r.title', 'r.excerpt', 'r.body_html', 'r.user_id', 'r.created_at', 'u.display_name']);
  }
}

function toRevision(r: {
  id: number; article_id: number; kind: string; title: string; excerpt: string; body_html: string; user_id: number | null; created_at: string; display_name: string | null;
}): Revision {
  return {
    id: r.id,
    articleId: r.article_id,
    kind: r.kind as RevisionKind,
    title: r.title,
    excerpt: r.excerpt,
    bodyHtml: r.body_html,
    userId: r.user_id,
    userName: r.display_name,
    createdAt: r.created_at,
  };
}

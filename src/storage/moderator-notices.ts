import { type Kysely, sql } from 'kysely';
import type { HeldSince } from '../domain/comment.ts';
import type { Database } from './schema.ts';
import type { Tx } from './write-path.ts';

/** What a recipient of moderator notices has been told about, and when the last digest went. */
export interface NoticeState {
  notifiedUpTo: number;
  sentAt: string | null;
}

/** The moderators' digest (services/comments/moderator-notices.ts): who is told, what waits, what was told. */
export class ModeratorNoticeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Accounts of these roles that can sign in (a byline or a deactivated account gets no mail). */
  async moderators(roles: readonly string[]): Promise<{ email: string; locale: string }[]> {
    if (!roles.length) return [];
    return this.db.selectFrom('users').select(['email', 'locale']).where('role', 'in', [...roles]).where('password_hash', 'is not', null).orderBy('id').execute();
  }

  async states(recipients: string[]): Promise<Map<string, NoticeState>> {
    if (!recipients.length) return new Map();
    const rows = await this.db.selectFrom('moderator_notices').selectAll().where('recipient', 'in', recipients).execute();
    return new Map(rows.map((r) => [r.recipient, { notifiedUpTo: Number(r.notified_up_to), sentAt: r.sent_at }]));
  }

  /**
   * Held comments with an id above `after` (in these editions; null: all): how many, the highest
   * id, and the newest `newest` of them. Comments approved, binned or deleted since are not held.
   */
  async heldSince(after: number, editions: readonly string[] | null, newest: number): Promise<HeldSince> {
    let base = this.db.selectFrom('comments as c').innerJoin('articles as a', 'a.id', 'c.article_id').where('c.status', '=', 'pending').where('c.id', '>', after);
    if (editions) base = base.where('a.edition', 'in', [...editions]);
    const totals = await base.select((e) => [e.fn.countAll<number | string>().as('n'), e.fn.max('c.id').as('top')]).executeTakeFirst();
    const count = Number(totals?.n ?? 0);
    if (!count) return { count: 0, upTo: after, newest: [] };
    const rows = await base
      .select(['c.id', 'c.article_id', 'a.title', 'a.edition', 'c.author_name', 'c.body', 'c.created_at'])
      .orderBy('c.id', 'desc')
      .limit(newest)
      .execute();
    return {
      count,
      upTo: Number(totals?.top ?? after),
      newest: rows.map((r) => ({ id: r.id, articleId: r.article_id, articleTitle: r.title, edition: r.edition, authorName: r.author_name, body: r.body, createdAt: r.created_at })),
    };
  }

  /** The highest id of a comment held now (0: none). */
  async newestHeldId(): Promise<number> {
    const r = await this.db.selectFrom('comments').select((e) => e.fn.max('id').as('top')).where('status', '=', 'pending').executeTakeFirst();
    return Number(r?.top ?? 0);
  }

  /** A digest went out: it told about everything up to `upTo`. */
  async sent(tx: Tx, recipient: string, upTo: number, at: string): Promise<void> {
    await tx.insertInto('moderator_notices').values({ recipient, notified_up_to: upTo, sent_at: at })
      .onConflict((oc) => oc.column('recipient').doUpdateSet({ notified_up_to: upTo, sent_at: at }))
      .execute();
  }

  /** The recipient saw the queue up to `upTo`: never moves the watermark back (two tabs, a digest racing). */
  async seen(tx: Tx, recipient: string, upTo: number): Promise<void> {
    await tx.insertInto('moderator_notices').values({ recipient, notified_up_to: upTo, sent_at: null })
      .onConflict((oc) => oc.column('recipient').doUpdateSet({
        notified_up_to: sql<number>`case when moderator_notices.notified_up_to > ${upTo} then moderator_notices.notified_up_to else ${upTo} end`,
      }))
      .execute();
  }
}

import type { Kysely, Selectable } from 'kysely';
import type { AuditEntry, AuditQuery, NewAuditEntry } from '../domain/audit.ts';
import type { AuditLogTable, Database } from './schema.ts';
import type { Tx } from './write-path.ts';

const toEntry = (r: Selectable<AuditLogTable>): AuditEntry => ({
  id: r.id, at: r.at, actorId: r.actor_id, actor: r.actor, action: r.action, target: r.target, detail: r.detail, ip: r.ip,
});

/** The audit trail: append and read, nothing else (the table's triggers refuse UPDATE and DELETE). */
export class AuditLogRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async append(tx: Tx, e: NewAuditEntry, at: string): Promise<void> {
    await tx.insertInto('audit_log').values({
      at, actor_id: e.actorId, actor: e.actor.slice(0, 320), action: e.action.slice(0, 64), target: e.target.slice(0, 500), detail: e.detail.slice(0, 2000), ip: e.ip.slice(0, 64),
    }).execute();
  }

  /** Newest first; one more than `limit` is read to say whether there is a next page. */
  async list(q: AuditQuery): Promise<{ items: AuditEntry[]; more: boolean }> {
    let s = this.db.selectFrom('audit_log').selectAll();
    // "cli" finds every command line's entries, whoever ran them (`cli:<OS user>`).
    if (q.actor === 'cli') s = s.where((eb) => eb.or([eb('actor', '=', 'cli'), eb('actor', 'like', 'cli:%')]));
    else if (q.actor) s = s.where('actor', '=', q.actor);
    if (q.action) s = s.where('action', '=', q.action);
    if (q.since) s = s.where('at', '>=', q.since);
    if (q.until) s = s.where('at', '<', q.until);
    if (q.before) s = s.where('id', '<', q.before);
    const rows = await s.orderBy('id', 'desc').limit(q.limit + 1).execute();
    return { items: rows.slice(0, q.limit).map(toEntry), more: rows.length > q.limit };
  }

  async actions(): Promise<string[]> {
    const rows = await this.db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
    return rows.map((r) => r.action);
  }
}

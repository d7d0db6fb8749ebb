import type { Account } from '../../domain/account.ts';
import type { AuditEntry, AuditQuery, NewAuditEntry } from '../../domain/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Repositories } from '../../storage/repositories.ts';
import type { Tx } from '../../storage/write-path.ts';

/** Who acted, from where: what every audit line needs besides the action. */
export interface AuditWho {
  account: Pick<Account, 'id' | 'email'> | null;
  /** The client address as resolved through TRUST_PROXY ('' for the command line). */
  ip: string;
  /** Who, when no account is known: the e-mail a failed sign-in typed, or 'cli'. */
  label?: string;
}

export const AUDIT_PAGE_MAX = 200;

/**
 * The one way into the audit trail: the newsroom's routes, the sign-in and the command line all
 * record through it. Appending is a write that no reader sees (`invalidates: []`); inside a
 * caller's transaction (`tx`) the line lands or not with the change it records.
 */
export class AuditService {
  constructor(private readonly deps: { repos: Repositories; clock: Clock }) {}

  async record(who: AuditWho, what: { action: string; target?: string; detail?: string }, tx?: Tx): Promise<void> {
    const entry: NewAuditEntry = {
      actorId: who.account?.id ?? null,
      actor: who.account?.email ?? who.label ?? '',
      action: what.action,
      target: what.target ?? '',
      detail: what.detail ?? '',
      ip: who.ip,
    };
    const at = this.deps.clock.now().toISOString();
    if (tx) return this.deps.repos.auditLog.append(tx, entry, at);
    await this.deps.repos.write((t) => this.deps.repos.auditLog.append(t, entry, at), { invalidates: [] });
  }

  async list(q: Partial<AuditQuery>): Promise<{ items: AuditEntry[]; more: boolean }> {
    const limit = Math.min(Math.max(1, Math.trunc(q.limit ?? 50)), AUDIT_PAGE_MAX);
    return this.deps.repos.auditLog.list({ ...q, limit });
  }

  /** The action codes recorded so far (the screen's filter offers them). */
  async actions(): Promise<string[]> {
    return this.deps.repos.auditLog.actions();
  }
}

import type { Kysely, Selectable } from 'kysely';
import type { Account, LoginFailure } from '../domain/account.ts';
import { isUiLocale } from '../domain/account.ts';
import { isRole, type Role } from '../domain/user.ts';
import type { Database, SessionsTable, UsersTable } from './schema.ts';
import type { Tx } from './write-path.ts';

function toAccount(r: Selectable<UsersTable>): Account {
  return {
    id: r.id,
    email: r.email,
    slug: r.slug,
    name: r.display_name,
    role: isRole(r.role) ? r.role : 'contributor',
    locale: isUiLocale(r.locale) ? r.locale : 'ar',
    createdAt: r.created_at,
  };
}

function toSession(r: Selectable<SessionsTable>): StoredSession {
  return { idHash: r.id_hash, userId: r.user_id, userAgent: r.user_agent, ip: r.ip, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at };
}

export interface NewAccount {
  email: string;
  slug: string;
  name: string;
  role: Role;
  passwordHash: string;
}

export interface StoredSession {
  idHash: string;
  userId: number;
  userAgent: string;
  ip: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** Accounts, sessions, login failures and reset tokens: everything authentication stores. */
export class AccountRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async byEmail(email: string, db: Tx = this.db): Promise<(Account & { passwordHash: string | null }) | null> {
    const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    return row ? { ...toAccount(row), passwordHash: row.password_hash } : null;
  }

  async byId(id: number, db: Tx = this.db): Promise<Account | null> {
    const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toAccount(row) : null;
  }

  async all(): Promise<Account[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('display_name').orderBy('id').execute();
    return rows.map(toAccount);
  }

  async slugTaken(tx: Tx, slug: string): Promise<boolean> {
    return (await tx.selectFrom('users').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
  }

  async insert(tx: Tx, a: NewAccount, now: string): Promise<number> {
    const row = await tx
      .insertInto('users')
      .values({ email: a.email, slug: a.slug, display_name: a.name, role: a.role, password_hash: a.passwordHash, bio: '', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Accounts that can log in (demo bylines have no password). */
  async countWithPassword(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('password_hash', 'is not', null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async setRole(tx: Tx, id: number, role: Role): Promise<void> {
    await tx.updateTable('users').set({ role }).where('id', '=', id).execute();
  }

  async setLocale(id: number, locale: string): Promise<void> {
    await this.db.updateTable('users').set({ locale }).where('id', '=', id).execute();
  }

  async setPasswordHash(tx: Tx, id: number, hash: string): Promise<void> {
    await tx.updateTable('users').set({ password_hash: hash }).where('id', '=', id).execute();
  }

  // Sessions

  async createSession(idHash: string, userId: number, now: string, expiresAt: string, userAgent: string, ip: string, tx: Tx = this.db): Promise<void> {
    await tx
      .insertInto('sessions')
      .values({ id_hash: idHash, user_id: userId, created_at: now, last_seen_at: now, expires_at: expiresAt, user_agent: userAgent.slice(0, 500), ip: ip.slice(0, 64) })
      .execute();
  }

  async session(idHash: string): Promise<StoredSession | null> {
    const row = await this.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    return row ? toSession(row) : null;
  }

  /** An account's sessions, most recently used first. */
  async sessionsOf(userId: number, tx: Tx = this.db): Promise<StoredSession[]> {
    const rows = await tx.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('last_seen_at', 'desc').orderBy('id_hash').execute();
    return rows.map(toSession);
  }

  async touchSession(idHash: string, now: string, ip: string, tx: Tx = this.db): Promise<void> {
    await tx.updateTable('sessions').set({ last_seen_at: now, ip: ip.slice(0, 64) }).where('id_hash', '=', idHash).execute();
  }

  async deleteSession(idHash: string, tx: Tx = this.db): Promise<void> {
    await tx.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  /** Ends the account's sessions but `keep` (when given); returns how many ended. */
  async deleteSessionsOf(tx: Tx, userId: number, keep?: string): Promise<number> {
    let q = tx.deleteFrom('sessions').where('user_id', '=', userId);
    if (keep) q = q.where('id_hash', '!=', keep);
    return Number((await q.executeTakeFirst()).numDeletedRows);
  }

  // Addresses an account has signed in from

  async isKnownAddress(userId: number, ip: string): Promise<boolean> {
    return (await this.db.selectFrom('login_known_addresses').select('ip').where('user_id', '=', userId).where('ip', '=', ip).executeTakeFirst()) !== undefined;
  }

  async rememberAddress(tx: Tx, userId: number, ip: string, now: string): Promise<void> {
    await tx
      .insertInto('login_known_addresses')
      .values({ user_id: userId, ip: ip.slice(0, 64), last_success_at: now })
      .onConflict((oc) => oc.columns(['user_id', 'ip']).doUpdateSet({ last_success_at: now }))
      .execute();
  }

  async deleteExpiredSessions(now: string, idleBefore: string, tx: Tx = this.db): Promise<void> {
    await tx.deleteFrom('sessions').where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)])).execute();
  }

  // Login failures

  async failure(key: string, db: Tx = this.db): Promise<LoginFailure | null> {
    const row = await db.selectFrom('login_failures').selectAll().where('key', '=', key).executeTakeFirst();
    return row ? { failures: row.failures, windowStart: row.window_start, lockedUntil: row.locked_until } : null;
  }

  async putFailure(tx: Tx, key: string, f: LoginFailure): Promise<void> {
    const values = { failures: f.failures, window_start: f.windowStart, locked_until: f.lockedUntil };
    await tx
      .insertInto('login_failures')
      .values({ key, ...values })
      .onConflict((oc) => oc.column('key').doUpdateSet(values))
      .execute();
  }

  async clearFailure(key: string, tx: Tx = this.db): Promise<void> {
    await tx.deleteFrom('login_failures').where('key', '=', key).execute();
  }

  // Password reset tokens

  async createReset(tokenHash: string, userId: number, now: string, expiresAt: string, tx: Tx = this.db): Promise<void> {
    await tx.insertInto('password_resets').values({ token_hash: tokenHash, user_id: userId, created_at: now, expires_at: expiresAt, used_at: null }).execute();
  }

  async reset(tokenHash: string, db: Tx = this.db): Promise<{ userId: number; expiresAt: string; usedAt: string | null } | null> {
    const row = await db.selectFrom('password_resets').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row ? { userId: row.user_id, expiresAt: row.expires_at, usedAt: row.used_at } : null;
  }

  /** Marks a token used; false when another request used it first (single use under races). */
  async useReset(tx: Tx, tokenHash: string, now: string): Promise<boolean> {
    const r = await tx.updateTable('password_resets').set({ used_at: now }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** A new password makes every other outstanding token for the account worthless. */
  async expireResetsOf(tx: Tx, userId: number, now: string): Promise<void> {
    await tx.updateTable('password_resets').set({ used_at: now }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
  }
}

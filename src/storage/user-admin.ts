import type { Kysely } from 'kysely';
import { isRole, type Role } from '../domain/user.ts';
import type { Database } from './schema.ts';

/** An account as the users screen lists it. */
export interface ManagedUser {
  id: number;
  email: string;
  name: string;
  bio: string;
  role: Role;
  /** Can log in (has a password). Demo bylines and deactivated accounts cannot. */
  active: boolean;
  articles: number;
  createdAt: string;
}

/** The users screen's reads and writes (authentication itself lives in AccountRepository). */
export class UserAdminRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private base(db: Kysely<Database>) {
    return db
      .selectFrom('users as u')
      .select(['u.id', 'u.email', 'u.display_name', 'u.bio', 'u.role', 'u.password_hash', 'u.created_at'])
      .select((eb) => eb.selectFrom('article_authors as aa').select((e) => e.fn.countAll<number>().as('n')).whereRef('aa.user_id', '=', 'u.id').as('articles'));
  }

  private static toUser(r: { id: number; email: string; display_name: string; bio: string; role: string; password_hash: string | null; created_at: string; articles: number | string | null }): ManagedUser {
    return {
      id: r.id,
      email: r.email,
      name: r.display_name,
      bio: r.bio,
      role: isRole(r.role) ? r.role : 'contributor',
      active: r.password_hash !== null,
      articles: Number(r.articles ?? 0),
      createdAt: r.created_at,
    };
  }

  async all(): Promise<ManagedUser[]> {
    const rows = await this.base(this.db).orderBy('u.display_name').orderBy('u.id').execute();
    return rows.map(UserAdminRepository.toUser);
  }

  async find(id: number, db: Kysely<Database> = this.db): Promise<ManagedUser | null> {
    const row = await this.base(db).where('u.id', '=', id).executeTakeFirst();
    return row ? UserAdminRepository.toUser(row) : null;
  }

  async passwordHash(id: number): Promise<string | null> {
    return (await this.db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst())?.password_hash ?? null;
  }

  /** Administrators who can log in (the site must keep one). */
  async activeAdministrators(tx: Kysely<Database>): Promise<number[]> {
    const rows = await tx.selectFrom('users').select('id').where('role', '=', 'administrator').where('password_hash', 'is not', null).execute();
    return rows.map((r) => r.id);
  }

  async setProfile(tx: Kysely<Database>, id: number, name: string, bio: string): Promise<void> {
    await tx.updateTable('users').set({ display_name: name, bio }).where('id', '=', id).execute();
  }

  async setPasswordHash(tx: Kysely<Database>, id: number, hash: string | null): Promise<void> {
    await tx.updateTable('users').set({ password_hash: hash }).where('id', '=', id).execute();
  }

  /**
   * Gives every article of `from` to `to` (keeping the byline position); where `to` already
   * co-signs an article, `from` is simply dropped from it.
   */
  async reassignArticles(tx: Kysely<Database>, from: number, to: number): Promise<void> {
    const shared = await tx.selectFrom('article_authors').select('article_id').where('user_id', '=', to).execute();
    const sharedIds = shared.map((r) => r.article_id);
    if (sharedIds.length) await tx.deleteFrom('article_authors').where('user_id', '=', from).where('article_id', 'in', sharedIds).execute();
    await tx.updateTable('article_authors').set({ user_id: to }).where('user_id', '=', from).execute();
  }

  async delete(tx: Kysely<Database>, id: number): Promise<void> {
    // Sessions and reset tokens go with it (ON DELETE CASCADE).
    await tx.deleteFrom('users').where('id', '=', id).execute();
  }
}

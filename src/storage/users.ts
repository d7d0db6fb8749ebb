import type { Kysely } from 'kysely';
import { type Author, isRole, type Role, type UserProfile } from '../domain/user.ts';
import type { EditionProfile } from '../domain/user.ts';
import { editionAuthorFields } from './articles.ts';
import type { Database } from './schema.ts';
import type { Tx } from './write-path.ts';

export interface NewUser {
  email: string;
  slug: string;
  name: string;
  role: Role;
  bio: string;
  passwordHash: string | null;
}

/** Newsroom members: bylines for readers, profiles and account administration for the newsroom (authentication itself lives in AccountRepository). */
export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** An author as `edition` shows them (its own name and bio, else the account's); without an edition, the account's. */
  async authorBySlug(slug: string, edition?: string): Promise<Author | null> {
    const q = this.db.selectFrom('users as u').select(['u.id', 'u.slug']).where('u.slug', '=', slug);
    const row = await (edition === undefined ? q.select(['u.display_name', 'u.bio', 'u.photo_url']) : q.select((eb) => editionAuthorFields(eb, edition))).executeTakeFirst();
    return row ? { id: row.id, slug: row.slug, name: row.display_name, bio: row.bio, photoUrl: row.photo_url } : null;
  }

  /** The name and bio an account has of its own in each edition (only the editions that have any). */
  async editionProfiles(id: number, db: Tx = this.db): Promise<EditionProfile[]> {
    const rows = await db.selectFrom('user_editions').select(['edition', 'display_name', 'bio']).where('user_id', '=', id).orderBy('edition').execute();
    return rows.map((r) => ({ edition: r.edition, name: r.display_name, bio: r.bio }));
  }

  /** Replaces the account's per-edition names and bios (an entry with neither is dropped). */
  async setEditionProfiles(tx: Tx, id: number, profiles: readonly EditionProfile[]): Promise<void> {
    await tx.deleteFrom('user_editions').where('user_id', '=', id).execute();
    const rows = profiles.filter((p) => p.name || p.bio).map((p) => ({ user_id: id, edition: p.edition, display_name: p.name, bio: p.bio }));
    if (rows.length) await tx.insertInto('user_editions').values(rows).execute();
  }

  async idsBySlugs(tx: Tx, slugs: string[]): Promise<Map<string, number>> {
    if (!slugs.length) return new Map();
    const rows = await tx.selectFrom('users').select(['id', 'slug']).where('slug', 'in', slugs).execute();
    return new Map(rows.map((r) => [r.slug, r.id]));
  }

  /** Creates the user, or refreshes name and bio of the one with this e-mail. */
  async upsert(tx: Tx, u: NewUser, now: string): Promise<number> {
    const row = await tx
      .insertInto('users')
      .values({ email: u.email, slug: u.slug, display_name: u.name, role: u.role, bio: u.bio, password_hash: u.passwordHash, created_at: now })
      .onConflict((oc) => oc.column('email').doUpdateSet({ display_name: u.name, bio: u.bio }))
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async count(): Promise<number> {
    const row = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  private profiles(db: Tx) {
    return db
      .selectFrom('users as u')
      .select(['u.id', 'u.email', 'u.display_name', 'u.bio', 'u.photo_url', 'u.role', 'u.password_hash', 'u.created_at'])
      .select((eb) => eb.selectFrom('article_authors as aa').select((e) => e.fn.countAll<number>().as('n')).whereRef('aa.user_id', '=', 'u.id').as('articles'));
  }

  private static toProfile(r: { id: number; email: string; display_name: string; bio: string; photo_url: string | null; role: string; password_hash: string | null; created_at: string; articles: number | string | null }): UserProfile {
    return {
      id: r.id,
      email: r.email,
      name: r.display_name,
      bio: r.bio,
      photoUrl: r.photo_url,
      role: isRole(r.role) ? r.role : 'contributor',
      active: r.password_hash !== null,
      articles: Number(r.articles ?? 0),
      createdAt: r.created_at,
    };
  }

  /** Every account, by name, as the people who manage accounts see it. */
  async all(): Promise<UserProfile[]> {
    const rows = await this.profiles(this.db).orderBy('u.display_name').orderBy('u.id').execute();
    return rows.map(UserRepository.toProfile);
  }

  async profile(id: number, db: Tx = this.db): Promise<UserProfile | null> {
    const row = await this.profiles(db).where('u.id', '=', id).executeTakeFirst();
    return row ? UserRepository.toProfile(row) : null;
  }

  async passwordHash(id: number): Promise<string | null> {
    return (await this.db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst())?.password_hash ?? null;
  }

  /** Administrators who can log in (the site must keep one). */
  async activeAdministrators(tx: Tx): Promise<number[]> {
    const rows = await tx.selectFrom('users').select('id').where('role', '=', 'administrator').where('password_hash', 'is not', null).execute();
    return rows.map((r) => r.id);
  }

  async setProfile(tx: Tx, id: number, name: string, bio: string): Promise<void> {
    await tx.updateTable('users').set({ display_name: name, bio }).where('id', '=', id).execute();
  }

  /** The author's photo: a library image's address, or null for none. */
  async setPhoto(tx: Tx, id: number, photoUrl: string | null): Promise<void> {
    await tx.updateTable('users').set({ photo_url: photoUrl }).where('id', '=', id).execute();
  }

  async setPasswordHash(tx: Tx, id: number, hash: string | null): Promise<void> {
    await tx.updateTable('users').set({ password_hash: hash }).where('id', '=', id).execute();
  }

  /**
   * Gives every article of `from` to `to` (keeping the byline position); where `to` already
   * co-signs an article, `from` is simply dropped from it.
   */
  async reassignArticles(tx: Tx, from: number, to: number): Promise<void> {
    const shared = await tx.selectFrom('article_authors').select('article_id').where('user_id', '=', to).execute();
    const sharedIds = shared.map((r) => r.article_id);
    if (sharedIds.length) await tx.deleteFrom('article_authors').where('user_id', '=', from).where('article_id', 'in', sharedIds).execute();
    await tx.updateTable('article_authors').set({ user_id: to }).where('user_id', '=', from).execute();
  }

  async delete(tx: Tx, id: number): Promise<void> {
    // Sessions and reset tokens go with it (ON DELETE CASCADE).
    await tx.deleteFrom('users').where('id', '=', id).execute();
  }
}

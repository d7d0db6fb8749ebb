import type { Kysely } from 'kysely';
import type { Role } from '../domain/user.ts';
import type { Author } from '../domain/user.ts';
import type { Database } from './schema.ts';

export interface NewUser {
  email: string;
  slug: string;
  name: string;
  role: Role;
  bio: string;
  passwordHash: string | null;
}

export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async authorBySlug(slug: string): Promise<Author | null> {
    const row = await this.db.selectFrom('users').select(['id', 'slug', 'display_name', 'bio']).where('slug', '=', slug).executeTakeFirst();
    return row ? { id: row.id, slug: row.slug, name: row.display_name, bio: row.bio } : null;
  }

  async idsBySlugs(tx: Kysely<Database>, slugs: string[]): Promise<Map<string, number>> {
    if (!slugs.length) return new Map();
    const rows = await tx.selectFrom('users').select(['id', 'slug']).where('slug', 'in', slugs).execute();
    return new Map(rows.map((r) => [r.slug, r.id]));
  }

  /** Creates the user, or refreshes name and bio of the one with this e-mail. */
  async upsert(tx: Kysely<Database>, u: NewUser, now: string): Promise<number> {
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
}

import type { MigrationDb } from '../migrate.ts';
import type { DialectOps } from '../dialects/dialect.ts';

/**
 * Newsroom accounts: sessions, login failures (throttling and lockout), password-reset tokens,
 * and each user's UI language. Secrets (session ids, reset tokens) are stored only as SHA-256
 * hashes, so a leaked database cannot be replayed as a login.
 */
export async function up(db: MigrationDb, _d: DialectOps): Promise<void> {
  await db.schema.alterTable('users').addColumn('locale', 'varchar(8)', (c) => c.notNull().defaultTo('ar')).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('sessions_by_user').on('sessions').column('user_id').execute();

  // One row per throttled key ("account:<e-mail>" or "ip:<address>"): failures in the current
  // window and, once over the limit, when the lockout ends.
  await db.schema
    .createTable('login_failures')
    .addColumn('key', 'varchar(320)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'varchar(30)', (c) => c.notNull())
    .addColumn('locked_until', 'varchar(30)')
    .execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('password_resets_by_user').on('password_resets').column('user_id').execute();
}

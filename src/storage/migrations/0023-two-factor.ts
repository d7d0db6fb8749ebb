import type { DialectOps } from '../dialects/dialect.ts';
import type { MigrationDb } from '../migrate.ts';

/**
 * Two-factor sign-in (issue 19). Each account may have one authenticator app (a TOTP secret,
 * stored encrypted with a key derived from SECRET; `last_step` is the newest 30-second step a code
 * was accepted for, so a code is refused a second time), passkeys (WebAuthn credentials: only the
 * public key is kept), and ten recovery codes (SHA-256 only, each used once).
 * A sign-in whose password was right but whose second factor is still owed is a pending row — never
 * a session: nothing in `sessions` exists for it until the factor is verified.
 */
export async function up(db: MigrationDb, d: DialectOps): Promise<void> {
  await db.schema
    .createTable('two_factor_totp')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'varchar(30)')
    .addColumn('last_step', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('two_factor_recovery_codes')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(30)')
    .addPrimaryKeyConstraint('two_factor_recovery_codes_pk', ['user_id', 'code_hash'])
    .execute();

  await db.schema
    .createTable('two_factor_passkeys')
    .addColumn('id', 'integer', (c) => d.idColumn(c))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('credential_id', 'varchar(1400)', (c) => c.notNull().unique())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('counter', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('transports', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('last_used_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('two_factor_passkeys_by_user').on('two_factor_passkeys').column('user_id').execute();

  await db.schema
    .createTable('two_factor_pending')
    .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('challenge', 'varchar(200)')
    .execute();
  await db.schema.createIndex('two_factor_pending_by_user').on('two_factor_pending').column('user_id').execute();

  // A passkey registration's challenge, kept between the page that asks and the form that answers.
  await db.schema
    .createTable('two_factor_challenges')
    .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('challenge', 'varchar(200)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .execute();
}

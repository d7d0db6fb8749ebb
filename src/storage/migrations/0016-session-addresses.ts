import type { MigrationDb } from '../migrate.ts';

/**
 * Sessions an owner can see and end: the address each was last used from (the profile lists
 * device, address and last use). And the addresses an account has signed in from: a sign-in from
 * one of them is not slowed by the account-wide delay a guessing run causes (the owner keeps a
 * way in while an attack runs).
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('ip', 'varchar(64)', (c) => c.notNull().defaultTo('')).execute();
  await db.schema
    .createTable('login_known_addresses')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('last_success_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_known_addresses_pk', ['user_id', 'ip'])
    .execute();
}

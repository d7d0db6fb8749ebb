import type { MigrationDb } from '../migrate.ts';

/**
 * Moderator notices are a digest (issue 18): at most one e-mail per recipient per interval. What
 * each recipient has been told about (or has seen in the queue) is kept here, not in memory, so a
 * restart neither loses a held comment nor mails it twice. Keyed by the address: the policy's
 * extra `notify` addresses have no account.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('moderator_notices')
    .addColumn('recipient', 'varchar(320)', (c) => c.primaryKey())
    // The newest held comment id the recipient was told about or saw in the queue.
    .addColumn('notified_up_to', 'integer', (c) => c.notNull().defaultTo(0))
    // When the last digest went out (null: never); the next waits a whole interval from it.
    .addColumn('sent_at', 'varchar(30)')
    .execute();
}

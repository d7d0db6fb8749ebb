import type { MigrationDb } from '../migrate.ts';
import type { DialectOps } from '../dialects/dialect.ts';

/**
 * Reader comments. The e-mail is kept for moderators and for erasure on request, and its keyed
 * hash (HMAC with the site secret) for everything else: avatars, "known commenter", flood and
 * duplicate checks, erasure lookups. `body_hash` makes the duplicate check an index lookup.
 */
export async function up(db: MigrationDb, d: DialectOps): Promise<void> {
  await db.schema
    .createTable('comments')
    .addColumn('id', 'integer', (c) => d.idColumn(c))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    // Deleting a comment re-parents its replies first (as WordPress does); the FK is the backstop.
    .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('set null'))
    .addColumn('author_name', 'varchar(245)', (c) => c.notNull())
    .addColumn('author_email', 'varchar(100)', (c) => c.notNull())
    .addColumn('author_url', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('ip', 'varchar(45)', (c) => c.notNull().defaultTo(''))
    .addColumn('user_agent', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('email_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('body_hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  // The article page: approved comments of one article in order.
  await db.schema.createIndex('comments_thread').on('comments').columns(['article_id', 'status', 'created_at', 'id']).execute();
  // The moderation queue, newest first.
  await db.schema.createIndex('comments_queue').on('comments').columns(['status', 'created_at']).execute();
  // Flood checks (latest comment per address) and known-commenter / erasure lookups.
  await db.schema.createIndex('comments_by_ip').on('comments').columns(['ip', 'created_at']).execute();
  await db.schema.createIndex('comments_by_email').on('comments').columns(['email_hash', 'created_at']).execute();
  await db.schema.createIndex('comments_duplicate').on('comments').columns(['article_id', 'body_hash']).execute();
  await db.schema.createIndex('comments_by_parent').on('comments').column('parent_id').execute();
}

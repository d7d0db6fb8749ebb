import type { MigrationDb } from '../migrate.ts';

/**
 * What a WordPress site holds that Khabar had no place for (the WXR import, issue 11): a page's
 * parent page, a section's parent section, a tag's description, and the newsroom account a
 * comment was written by (WordPress links an author's own comments to their user).
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('articles').addColumn('parent_id', 'integer', (c) => c.references('articles.id').onDelete('set null')).execute();
  await db.schema.alterTable('categories').addColumn('parent_id', 'integer', (c) => c.references('categories.id').onDelete('set null')).execute();
  await db.schema.alterTable('tags').addColumn('description', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('comments').addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null')).execute();
}

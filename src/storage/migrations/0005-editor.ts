import type { DialectOps } from '../dialects/dialect.ts';
import type { MigrationDb } from '../migrate.ts';

/**
 * The article editor: an optimistic-lock version per article, photo caption and credit, when a
 * published article was last revised (the public "updated" line), whether it ever went live
 * (an unpublished URL then answers 410, not 404), every saved revision, and the old addresses
 * of published articles whose slug or date changed (they answer 301).
 */
export async function up(db: MigrationDb, d: DialectOps): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema.alterTable('articles').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('articles').addColumn('featured_image_caption', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('articles').addColumn('featured_image_credit', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('articles').addColumn('revised_at', 'varchar(30)').execute();
  await db.schema.alterTable('articles').addColumn('was_published', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.updateTable('articles').set({ was_published: 1 }).where('status', '=', 'published').execute();

  await db.schema
    .createTable('article_revisions')
    .addColumn('id', 'integer', (c) => d.idColumn(c))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    // save | autosave | conflict (a refused save, kept) | restore
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('article_revisions_by_article').on('article_revisions').columns(['article_id', 'id']).execute();

  await db.schema
    .createTable('article_old_urls')
    .addColumn('edition', 'varchar(16)', (c) => c.notNull())
    .addColumn('slug', 'varchar(200)', (c) => c.notNull())
    .addColumn('published_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_old_urls_pk', ['edition', 'slug', 'published_at'])
    .execute();
}

import type { MigrationDb } from '../migrate.ts';
import type { DialectOps } from '../dialects/dialect.ts';

/** The search index (dialect-specific, see dialects/full-text.ts) and the daily view counts. */
export async function up(db: MigrationDb, d: DialectOps): Promise<void> {
  await d.fullText.createSearchTables(db);
  await db.schema
    .createTable('article_views')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_views_pk', ['article_id', 'day'])
    .execute();
  await db.schema.createIndex('article_views_by_day').on('article_views').columns(['day', 'article_id']).execute();
}

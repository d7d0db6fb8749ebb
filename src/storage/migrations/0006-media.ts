import type { DialectOps } from '../dialects/dialect.ts';
import type { MigrationDb } from '../migrate.ts';

/**
 * The media library: one row per uploaded image. The files live under MEDIA_DIR in a folder
 * named `name` (random and content-derived, with the served size in it, so a URL alone tells
 * a page which variants exist); `variants` lists them as JSON. Alt text is required; caption
 * and credit are optional. An uploader's account may go, their images stay (uploaded_by null).
 */
export async function up(db: MigrationDb, d: DialectOps): Promise<void> {
  await db.schema
    .createTable('media')
    .addColumn('id', 'integer', (c) => d.idColumn(c))
    .addColumn('name', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('format', 'varchar(8)', (c) => c.notNull())
    .addColumn('original_width', 'integer', (c) => c.notNull())
    .addColumn('original_height', 'integer', (c) => c.notNull())
    .addColumn('original_bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('variants', 'text', (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull())
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('uploaded_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  // The library and the picker list newest first.
  await db.schema.createIndex('media_newest').on('media').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('media_by_uploader').on('media').column('uploaded_by').execute();
}

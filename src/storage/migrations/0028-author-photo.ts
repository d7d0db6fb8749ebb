import type { MigrationDb } from '../migrate.ts';

/**
 * An author's photo (issue 17): one library image per account, shown in every edition beside the
 * edition's name and bio (the archive page, JSON-LD, wp-json `avatar_urls`). It is kept as a library
 * address, `/media/<name>/<file>`, like an article's featured image; null: no photo.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('users').addColumn('photo_url', 'varchar(500)').execute();
}

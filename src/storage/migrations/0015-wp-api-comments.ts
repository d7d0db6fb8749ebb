import type { MigrationDb } from '../migrate.ts';

/**
 * Whether an edition takes comments through the WordPress REST API (`POST /wp-json/wp/v2/comments`).
 * Off by default, as WordPress refuses anonymous REST comments unless a site turns them on.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('editions').addColumn('wp_api_comments', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

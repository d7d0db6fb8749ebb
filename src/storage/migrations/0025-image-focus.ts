import type { MigrationDb } from '../migrate.ts';

/**
 * The featured image's focal point, in per cent of its width and height from the top-left
 * corner: where the public site centres the photo when a frame of another shape crops it (cards
 * are 3:2 whatever the photo). 50/50 — the centre — is what every existing image had.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('articles').addColumn('featured_image_focus_x', 'integer', (c) => c.notNull().defaultTo(50)).execute();
  await db.schema.alterTable('articles').addColumn('featured_image_focus_y', 'integer', (c) => c.notNull().defaultTo(50)).execute();
}

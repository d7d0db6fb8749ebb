import type { MigrationDb } from '../migrate.ts';

/**
 * WordPress ids kept per edition. An outlet's language sites are separate WordPress installs whose
 * ids overlap, so `(edition, kind, wp_id)` is the key; Khabar's own id may differ. The importer
 * writes these rows, the public router answers `?p=` / `?page_id=` / `?cat=` … from them, and the
 * WordPress REST API shows the WordPress id of whatever came from WordPress.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('wordpress_ids')
    .addColumn('edition', 'varchar(16)', (c) => c.notNull().references('editions.code').onDelete('cascade'))
    // post | page | attachment | category | tag | user | comment
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('wp_id', 'integer', (c) => c.notNull())
    .addColumn('khabar_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('wordpress_ids_pk', ['edition', 'kind', 'wp_id'])
    .execute();
  await db.schema.createIndex('wordpress_ids_by_khabar').on('wordpress_ids').columns(['kind', 'khabar_id']).execute();
}

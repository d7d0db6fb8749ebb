import type { DialectOps } from '../dialects/dialect.ts';
import type { MigrationDb } from '../migrate.ts';

/**
 * Masthead menus: an edition's ordered navigation links, each to a section (which follows the
 * section's renames and goes with it when it is deleted) or to a URL. An edition without items
 * keeps the automatic menu of its sections. (The home lead story is the existing `sticky`.)
 */
export async function up(db: MigrationDb, d: DialectOps): Promise<void> {
  await db.schema
    .createTable('menu_items')
    .addColumn('id', 'integer', (c) => d.idColumn(c))
    .addColumn('edition', 'varchar(16)', (c) => c.notNull().references('editions.code').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    // Empty for a section link: the section's own name is shown.
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('category_id', 'integer', (c) => c.references('categories.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('menu_items_by_edition').on('menu_items').columns(['edition', 'position']).execute();
}

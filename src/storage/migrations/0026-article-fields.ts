import type { MigrationDb } from '../migrate.ts';

/**
 * What newsrooms add to an article (issue 17): a kicker above the headline, a breaking-news flag
 * (the home page's strip; "pinned" is the existing `sticky`), an SEO title and description, and a
 * dateline. `auto_draft` marks a row only an autosave made (WordPress's auto-draft): it holds a
 * placeholder no slug can equal («_» never comes out of slugify) and the newsroom list hides it
 * until a real save. Authors get a name and a short bio per edition (`user_editions`, WordPress
 * has one name per site): the English edition's byline, feeds and JSON-LD say "Laila Haddad".
 */
export async function up(db: MigrationDb): Promise<void> {
  const text = (name: string, size: number) =>
    db.schema.alterTable('articles').addColumn(name, `varchar(${size})`, (c) => c.notNull().defaultTo('')).execute();
  await text('kicker', 200);
  await text('seo_title', 200);
  await text('seo_description', 400);
  await text('dateline', 100);
  await db.schema.alterTable('articles').addColumn('breaking', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('articles').addColumn('auto_draft', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // The clean-up job finds old auto-drafts by their last save.
  await db.schema.createIndex('articles_auto_draft').on('articles').columns(['auto_draft', 'updated_at']).execute();

  await db.schema
    .createTable('user_editions')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('edition', 'varchar(16)', (c) => c.notNull().references('editions.code').onDelete('cascade'))
    .addColumn('display_name', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('user_editions_pk', ['user_id', 'edition'])
    .execute();
}

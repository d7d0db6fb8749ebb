import type { MigrationDb } from '../migrate.ts';
import type { DialectOps } from '../dialects/dialect.ts';

export async function up(db: MigrationDb, d: DialectOps): Promise<void> {
  await db.schema
    .createTable('editions')
    .addColumn('code', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('locale', 'varchar(35)', (c) => c.notNull())
    .addColumn('dir', 'varchar(3)', (c) => c.notNull())
    .addColumn('timezone', 'varchar(64)', (c) => c.notNull())
    .addColumn('digits', 'varchar(8)', (c) => c.notNull().defaultTo('latn'))
    .addColumn('month_style', 'varchar(16)', (c) => c.notNull().defaultTo('gregorian'))
    .addColumn('show_hijri', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('host', 'varchar(255)')
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('site_name', 'text', (c) => c.notNull())
    .addColumn('tagline', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('logo_url', 'text')
    .addColumn('favicon_url', 'text')
    .addColumn('share_image_url', 'text')
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => d.idColumn(c))
    .addColumn('email', 'varchar(254)', (c) => c.notNull().unique())
    .addColumn('slug', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('categories')
    .addColumn('id', 'integer', (c) => d.idColumn(c))
    .addColumn('edition', 'varchar(16)', (c) => c.notNull().references('editions.code').onDelete('cascade'))
    .addColumn('slug', 'varchar(200)', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('categories_edition_slug', ['edition', 'slug'])
    .execute();

  await db.schema
    .createTable('tags')
    .addColumn('id', 'integer', (c) => d.idColumn(c))
    .addColumn('edition', 'varchar(16)', (c) => c.notNull().references('editions.code').onDelete('cascade'))
    .addColumn('slug', 'varchar(200)', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('tags_edition_slug', ['edition', 'slug'])
    .execute();

  await db.schema
    .createTable('articles')
    .addColumn('id', 'integer', (c) => d.idColumn(c))
    .addColumn('edition', 'varchar(16)', (c) => c.notNull().references('editions.code'))
    .addColumn('kind', 'varchar(8)', (c) => c.notNull().defaultTo('post'))
    .addColumn('slug', 'varchar(200)', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('published_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('comment_status', 'varchar(8)', (c) => c.notNull().defaultTo('open'))
    .addColumn('translation_group', 'varchar(64)')
    .addColumn('featured_image_url', 'text')
    .addColumn('featured_image_alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('primary_category_id', 'integer', (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('sticky', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('articles_edition_slug', ['edition', 'kind', 'slug'])
    .execute();
  await db.schema.createIndex('articles_listing').on('articles')
    .columns(['edition', 'kind', 'status', 'published_at', 'id']).execute();
  await db.schema.createIndex('articles_status_published').on('articles').columns(['status', 'published_at']).execute();
  // With status: without it SQLite's planner prefers the status index and scans every article.
  await db.schema.createIndex('articles_translation_group').on('articles').columns(['translation_group', 'status']).execute();

  for (const [table, col, ref] of [
    ['article_authors', 'user_id', 'users.id'],
    ['article_categories', 'category_id', 'categories.id'],
    ['article_tags', 'tag_id', 'tags.id'],
  ] as const) {
    let b = db.schema
      .createTable(table)
      .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
      .addColumn(col, 'integer', (c) => c.notNull().references(ref).onDelete('cascade'));
    if (table === 'article_authors') b = b.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0));
    await b.addPrimaryKeyConstraint(`${table}_pk`, ['article_id', col]).execute();
    // Archive pages go from the term to its articles: index that direction too.
    await db.schema.createIndex(`${table}_by_${col}`).on(table).columns([col, 'article_id']).execute();
  }

  await db.schema
    .createTable('settings')
    .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('change_counter')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('change_counter').values({ id: 1, value: 1 }).execute();
}

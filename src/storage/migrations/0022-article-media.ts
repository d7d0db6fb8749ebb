import type { MigrationDb } from '../migrate.ts';

/** Library image names an article shows (the rule of services/media/card-image.ts `libraryImageNames`, kept here as of this migration). */
function namesIn(...texts: (string | null)[]): string[] {
  const out = new Set<string>();
  for (const t of texts) for (const m of (t ?? '').matchAll(/\/media\/([0-9a-f]{20}-[1-9]\d{0,4}x[1-9]\d{0,4})\/[1-9]\d{0,4}\.(?:avif|webp|jpg|png)\b/g)) out.add(m[1]!);
  return [...out];
}

/**
 * Which media-library images each article shows (its featured image and the images of its body):
 * WordPress's attachments of a post. The REST API lists the images of published articles from it
 * and an image's text edit purges the articles that show it. Kept by each save; existing articles
 * get theirs here.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('article_media')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('media_name', 'varchar(64)', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_media_pk', ['article_id', 'media_name'])
    .execute();
  await db.schema.createIndex('article_media_by_name').on('article_media').columns(['media_name', 'article_id']).execute();
  const rows = await db.selectFrom('articles').select(['id', 'featured_image_url', 'body_html'])
    .where((eb) => eb.or([eb('featured_image_url', 'like', '%/media/%'), eb('body_html', 'like', '%/media/%')])).execute();
  for (const r of rows) {
    const names = namesIn(r.featured_image_url as string | null, String(r.body_html));
    if (names.length) await db.insertInto('article_media').values(names.map((media_name) => ({ article_id: r.id as number, media_name }))).execute();
  }
}

import { sql } from 'kysely';
import type { MigrationDb } from '../migrate.ts';

/** The body's first media-library image (the rule of services/media/card-image.ts, kept here as of this migration). */
function firstLibraryImage(html: string): { url: string; alt: string } | null {
  for (const tag of html.match(/<img\b[^>]*>/gi) ?? []) {
    const src = /\ssrc="(\/media\/[0-9a-f]{20}-[1-9]\d{0,4}x[1-9]\d{0,4}\/[1-9]\d{0,4}\.(?:jpg|png))"/i.exec(tag)?.[1];
    if (src) return { url: src, alt: (/\salt="([^"]*)"/i.exec(tag)?.[1] ?? '').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') };
  }
  return null;
}

/**
 * The picture a list shows for an article (home, sections, cards): its featured image, else the
 * first image of its body that comes from the media library. Kept on the row by each save, so a
 * list reads it with the summary, without the body. Existing articles get theirs here.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('articles').addColumn('card_image_url', 'varchar(2048)').execute();
  await db.schema.alterTable('articles').addColumn('card_image_alt', 'varchar(500)', (c) => c.notNull().defaultTo('')).execute();
  await sql`update articles set card_image_url = featured_image_url, card_image_alt = featured_image_alt where featured_image_url is not null`.execute(db);
  const rows = await db.selectFrom('articles').select(['id', 'body_html']).where('featured_image_url', 'is', null).where('body_html', 'like', '%/media/%').execute();
  for (const r of rows) {
    const img = firstLibraryImage(String(r.body_html));
    if (img) await db.updateTable('articles').set({ card_image_url: img.url, card_image_alt: img.alt.slice(0, 500) }).where('id', '=', r.id as number).execute();
  }
}

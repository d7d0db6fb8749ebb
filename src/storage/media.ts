import { type Kysely, type Selectable, sql } from 'kysely';
import type { ImageFormat, MediaItem, MediaVariant } from '../domain/media.ts';
import type { Database, MediaTable } from './schema.ts';
import type { Tx } from './write-path.ts';

/** A new library row, before it has an id. */
export type NewMedia = Omit<MediaItem, 'id' | 'uploadedBy' | 'updatedAt'> & { uploadedBy: number | null };

export interface MediaListFilter {
  /** Words in the alt text or caption (a plain substring, not a pattern). */
  text?: string;
  /** Only this uploader's images. */
  uploaderId?: number;
  limit: number;
  offset: number;
}

/** LIKE with the user's %, _ and \ taken literally. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type Row = Selectable<MediaTable> & { uploader_name: string | null };

export function toMediaItem(r: Row): MediaItem {
  return {
    id: r.id,
    name: r.name,
    format: r.format as ImageFormat,
    originalWidth: r.original_width,
    originalHeight: r.original_height,
    originalBytes: r.original_bytes,
    width: r.width,
    height: r.height,
    variants: JSON.parse(r.variants) as MediaVariant[],
    alt: r.alt,
    caption: r.caption,
    credit: r.credit,
    uploadedBy: r.uploaded_by !== null && r.uploader_name !== null ? { id: r.uploaded_by, name: r.uploader_name } : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export class MediaRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private select(db: Tx) {
    return db.selectFrom('media as m').leftJoin('users as u', 'u.id', 'm.uploaded_by').selectAll('m').select('u.display_name as uploader_name');
  }

  async insert(tx: Tx, m: NewMedia): Promise<number> {
    const row = await tx
      .insertInto('media')
      .values({
        name: m.name,
        format: m.format,
        original_width: m.originalWidth,
        original_height: m.originalHeight,
        original_bytes: m.originalBytes,
        width: m.width,
        height: m.height,
        variants: JSON.stringify(m.variants),
        alt: m.alt,
        caption: m.caption,
        credit: m.credit,
        uploaded_by: m.uploadedBy,
        created_at: m.createdAt,
        updated_at: m.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async byId(id: number, db: Tx = this.db): Promise<MediaItem | null> {
    const r = await this.select(db).where('m.id', '=', id).executeTakeFirst();
    return r ? toMediaItem(r) : null;
  }

  async byName(name: string, db: Tx = this.db): Promise<MediaItem | null> {
    const r = await this.select(db).where('m.name', '=', name).executeTakeFirst();
    return r ? toMediaItem(r) : null;
  }

  async list(f: MediaListFilter): Promise<{ items: MediaItem[]; total: number }> {
    let q = this.db.selectFrom('media as m');
    // lower() on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not (ASCII).
    if (f.text) {
      const p = likePattern(f.text);
      q = q.where(sql<boolean>`(lower(m.alt) like ${p} escape '\\' or lower(m.caption) like ${p} escape '\\')`);
    }
    if (f.uploaderId !== undefined) q = q.where('m.uploaded_by', '=', f.uploaderId);
    const [rows, count] = await Promise.all([
      q
        .leftJoin('users as u', 'u.id', 'm.uploaded_by')
        .selectAll('m')
        .select('u.display_name as uploader_name')
        .orderBy('m.created_at', 'desc')
        .orderBy('m.id', 'desc')
        .limit(f.limit)
        .offset(f.offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    ]);
    return { items: rows.map(toMediaItem), total: Number(count?.n ?? 0) };
  }

  async updateText(tx: Tx, id: number, t: { alt: string; caption: string; credit: string; updatedAt: string }): Promise<void> {
    await tx.updateTable('media').set({ alt: t.alt, caption: t.caption, credit: t.credit, updated_at: t.updatedAt }).where('id', '=', id).execute();
  }

  async delete(tx: Tx, id: number): Promise<void> {
    await tx.deleteFrom('media').where('id', '=', id).execute();
  }
}

/** Where articles keep media addresses: their bodies, lead images and card images (and the saved revisions of bodies). */
export interface MediaReferences {
  id: number;
  edition: string;
  bodyHtml: string;
  featuredImageUrl: string | null;
  cardImageUrl: string | null;
}

/** LIKE with the text taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The articles, revisions and editions that mention any of some addresses (the migration of
 * the media library rewrites them), read in pages by id.
 */
export class MediaReferencesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every image's name and stored files, a page at a time (ids above `afterId`). */
  async images(afterId: number, limit: number): Promise<{ id: number; name: string; format: ImageFormat; variants: MediaVariant[] }[]> {
    const rows = await this.db.selectFrom('media').select(['id', 'name', 'format', 'variants']).where('id', '>', afterId).orderBy('id').limit(limit).execute();
    return rows.map((r) => ({ id: r.id, name: r.name, format: r.format as ImageFormat, variants: JSON.parse(r.variants) as MediaVariant[] }));
  }

  async countImages(): Promise<number> {
    const r = await this.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  /** Every image's name (the orphan check compares them with the store's objects). */
  async names(): Promise<Set<string>> {
    return new Set((await this.db.selectFrom('media').select('name').execute()).map((r) => r.name));
  }

  async articles(mentioning: readonly string[], afterId: number, limit: number): Promise<MediaReferences[]> {
    if (!mentioning.length) return [];
    const rows = await this.db
      .selectFrom('articles')
      .select(['id', 'edition', 'body_html', 'featured_image_url', 'card_image_url'])
      .where('id', '>', afterId)
      .where((eb) => eb.or(mentioning.flatMap((m) => {
        const p = containsPattern(m);
        return [sql<boolean>`body_html like ${p} escape '\\'`, sql<boolean>`featured_image_url like ${p} escape '\\'`, sql<boolean>`card_image_url like ${p} escape '\\'`];
      })))
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, edition: r.edition, bodyHtml: r.body_html, featuredImageUrl: r.featured_image_url, cardImageUrl: r.card_image_url }));
  }

  async updateArticle(tx: Tx, r: MediaReferences): Promise<void> {
    await tx.updateTable('articles').set({ body_html: r.bodyHtml, featured_image_url: r.featuredImageUrl, card_image_url: r.cardImageUrl }).where('id', '=', r.id).execute();
  }

  async revisions(mentioning: readonly string[], afterId: number, limit: number): Promise<{ id: number; bodyHtml: string }[]> {
    if (!mentioning.length) return [];
    const rows = await this.db
      .selectFrom('article_revisions')
      .select(['id', 'body_html'])
      .where('id', '>', afterId)
      .where((eb) => eb.or(mentioning.map((m) => sql<boolean>`body_html like ${containsPattern(m)} escape '\\'`)))
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, bodyHtml: r.body_html }));
  }

  async updateRevision(tx: Tx, id: number, bodyHtml: string): Promise<void> {
    await tx.updateTable('article_revisions').set({ body_html: bodyHtml }).where('id', '=', id).execute();
  }

  /** The editions' logo and share image addresses. */
  async editionImages(): Promise<{ code: string; logoUrl: string | null; shareImageUrl: string | null }[]> {
    const rows = await this.db.selectFrom('editions').select(['code', 'logo_url', 'share_image_url']).execute();
    return rows.map((r) => ({ code: r.code, logoUrl: r.logo_url, shareImageUrl: r.share_image_url }));
  }

  async updateEditionImages(tx: Tx, e: { code: string; logoUrl: string | null; shareImageUrl: string | null }): Promise<void> {
    await tx.updateTable('editions').set({ logo_url: e.logoUrl, share_image_url: e.shareImageUrl }).where('code', '=', e.code).execute();
  }
}

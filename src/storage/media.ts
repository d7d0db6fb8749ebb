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

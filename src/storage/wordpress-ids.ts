import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { Tx } from './write-path.ts';

/** What a WordPress id can name. */
export type WordpressKind = 'post' | 'page' | 'attachment' | 'category' | 'tag' | 'user' | 'comment';

/** WordPress ids per edition and the Khabar ids they became (migration 0010). */
export class WordpressIdRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Records (or moves) one mapping; a re-import of the same id lands on the same row. */
  async set(tx: Tx, edition: string, kind: WordpressKind, wpId: number, khabarId: number): Promise<void> {
    await tx
      .insertInto('wordpress_ids')
      .values({ edition, kind, wp_id: wpId, khabar_id: khabarId })
      .onConflict((oc) => oc.columns(['edition', 'kind', 'wp_id']).doUpdateSet({ khabar_id: khabarId }))
      .execute();
  }

  /** The Khabar id a WordPress id of this edition became, or null. */
  async find(edition: string, kind: WordpressKind, wpId: number, tx?: Tx): Promise<number | null> {
    const row = await (tx ?? this.db)
      .selectFrom('wordpress_ids')
      .select('khabar_id')
      .where('edition', '=', edition)
      .where('kind', '=', kind)
      .where('wp_id', '=', wpId)
      .executeTakeFirst();
    return row ? Number(row.khabar_id) : null;
  }

  /** Records (or moves) many mappings of one kind at once (a batch of an import). */
  async setMany(tx: Tx, edition: string, kind: WordpressKind, pairs: readonly (readonly [wpId: number, khabarId: number])[]): Promise<void> {
    // In slices: SQLite allows only so many bound parameters in one statement.
    for (let i = 0; i < pairs.length; i += 200) {
      await tx
        .insertInto('wordpress_ids')
        .values(pairs.slice(i, i + 200).map(([wpId, khabarId]) => ({ edition, kind, wp_id: wpId, khabar_id: khabarId })))
        .onConflict((oc) => oc.columns(['edition', 'kind', 'wp_id']).doUpdateSet((eb) => ({ khabar_id: eb.ref('excluded.khabar_id') })))
        .execute();
    }
  }

  /** The Khabar ids of some WordPress ids of this edition (those that have one), WordPress id → Khabar id. */
  async findMany(edition: string, kind: WordpressKind, wpIds: readonly number[], tx?: Tx): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    // In slices: SQLite allows only so many bound parameters in one statement.
    for (let i = 0; i < wpIds.length; i += 500) {
      const rows = await (tx ?? this.db)
        .selectFrom('wordpress_ids')
        .select(['wp_id', 'khabar_id'])
        .where('edition', '=', edition)
        .where('kind', '=', kind)
        .where('wp_id', 'in', wpIds.slice(i, i + 500))
        .execute();
      for (const r of rows) out.set(Number(r.wp_id), Number(r.khabar_id));
    }
    return out;
  }

  /** Every mapping of a kind in an edition, WordPress id → Khabar id (an importer's lookup table). */
  async all(edition: string, kind: WordpressKind, tx?: Tx): Promise<Map<number, number>> {
    const rows = await (tx ?? this.db)
      .selectFrom('wordpress_ids')
      .select(['wp_id', 'khabar_id'])
      .where('edition', '=', edition)
      .where('kind', '=', kind)
      .execute();
    return new Map(rows.map((r) => [Number(r.wp_id), Number(r.khabar_id)]));
  }

  /** Of these Khabar ids, the WordPress ids they have in one edition: Khabar id → WordPress id. */
  async wordpressIdsIn(edition: string, kind: WordpressKind, khabarIds: readonly number[]): Promise<Map<number, number>> {
    if (khabarIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('wordpress_ids')
      .select(['wp_id', 'khabar_id'])
      .where('edition', '=', edition)
      .where('kind', '=', kind)
      .where('khabar_id', 'in', [...khabarIds])
      .execute();
    return new Map(rows.map((r) => [Number(r.khabar_id), Number(r.wp_id)]));
  }
}

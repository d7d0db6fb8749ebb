import type { Kysely } from 'kysely';
import type { MenuEntry, MenuItem } from '../domain/menu.ts';
import type { Database } from './schema.ts';
import type { Tx } from './write-path.ts';

export class MenuRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every edition's menu items in order (the public site loads them once per content version). */
  async all(edition?: string): Promise<MenuItem[]> {
    let q = this.db
      .selectFrom('menu_items as m')
      .leftJoin('categories as c', 'c.id', 'm.category_id')
      .select(['m.id', 'm.edition', 'm.position', 'm.label', 'm.url', 'c.id as cat_id', 'c.slug as cat_slug', 'c.name as cat_name']);
    if (edition !== undefined) q = q.where('m.edition', '=', edition);
    const rows = await q.orderBy('m.edition').orderBy('m.position').orderBy('m.id').execute();
    return rows.map((r) => ({
      id: r.id,
      edition: r.edition,
      position: r.position,
      label: r.label,
      url: r.url,
      category: r.cat_id === null ? null : { id: r.cat_id, slug: r.cat_slug ?? '', name: r.cat_name ?? '' },
    }));
  }

  /** The edition's menu becomes exactly these items, in this order. */
  async replace(tx: Tx, edition: string, items: MenuEntry[]): Promise<void> {
    await tx.deleteFrom('menu_items').where('edition', '=', edition).execute();
    if (!items.length) return;
    await tx
      .insertInto('menu_items')
      .values(items.map((i, position) => ({ edition, position, label: i.label, url: i.url, category_id: i.categoryId })))
      .execute();
  }
}

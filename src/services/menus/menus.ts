import { NotFound, Problems } from '../../domain/errors.ts';
import { invalidates } from '../../domain/invalidation.ts';
import type { MenuEntry, MenuItem } from '../../domain/menu.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { integerIn, optionalText } from '../typed-input.ts';

export const MAX_MENU_ITEMS = 30;

/** One row of the menu form as typed: a label, a section (its id) or a URL, and an order. */
export interface MenuRowInput {
  label: string;
  category: string;
  url: string;
  position: string;
}

/** A site path (/ar/about/) or an http(s) URL; nothing else (javascript:, data:) is a link. */
export function isMenuUrl(v: string): boolean {
  if (v.startsWith('/')) return !v.startsWith('//') && !/[\s\\]/.test(v);
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** An edition's masthead menu. No items: the automatic menu of its sections. */
export class MenuService {
  constructor(private readonly deps: { repos: Repositories }) {}

  async items(edition: string): Promise<MenuItem[]> {
    return this.deps.repos.menus.all(edition);
  }

  /** Replaces the edition's menu with the filled rows, ordered by their order field (then as listed). */
  async save(edition: string, rows: MenuRowInput[]): Promise<void> {
    const { repos } = this.deps;
    if (!(await repos.editions.all()).some((e) => e.code === edition)) throw new NotFound(`edition "${edition}"`);
    const sections = new Map((await repos.taxonomies.categories(edition)).map((c) => [String(c.id), c]));
    const p = new Problems();
    const kept: (MenuEntry & { order: number; row: number })[] = [];
    rows.slice(0, MAX_MENU_ITEMS).forEach((r, i) => {
      const label = optionalText(p, `label_${i}`, r.label, 100);
      const url = r.url.trim();
      const category = r.category.trim();
      // A row left empty is no item (the form always offers a few blank rows).
      if (!label && !url && !category) return;
      const order = integerIn(p, `position_${i}`, r.position, 0, 999, i);
      if (category) {
        if (!sections.has(category)) p.add(`category_${i}`, 'choice');
        kept.push({ label, url: null, categoryId: Number(category), order, row: i });
        return;
      }
      if (!label) p.add(`label_${i}`, 'required');
      if (!url) p.add(`url_${i}`, 'required');
      else if (url.length > 2000 || !isMenuUrl(url)) p.add(`url_${i}`, 'url');
      kept.push({ label, url, categoryId: null, order, row: i });
    });
    p.done();
    kept.sort((a, b) => a.order - b.order || a.row - b.row);
    // Every public page of the edition shows the masthead.
    await repos.write(
      (tx) => repos.menus.replace(tx, edition, kept.map(({ label, url, categoryId }) => ({ label, url, categoryId }))),
      { invalidates: [invalidates.edition(edition)] },
    );
  }
}

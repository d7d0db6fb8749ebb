import type { MenuItem } from '../../domain/menu.ts';
import type { Category } from '../../domain/taxonomy.ts';
import { translator } from '../../platform/i18n/strings.ts';
import { type EditionSet, loadEditions } from '../../services/editions/editions.ts';
import type { Repositories } from '../../storage/repositories.ts';
import type { Assets } from '../assets.ts';
import type { PageContext } from './presenters.ts';
import type { Urls } from '../../services/editions/urls.ts';
import type { Edition } from '../../domain/edition.ts';

/**
 * Editions and their section menus, as of one content version. Reloaded only when the change
 * counter moves, so the hot path reads no settings from the database.
 */
export class SiteState {
  private version = -1;
  private loading: Promise<{ editions: EditionSet; categories: Map<string, Category[]>; menus: Map<string, MenuItem[]> }> | null = null;

  constructor(private readonly deps: { repos: Repositories; urls: Urls; assets: Assets }) {}

  async at(version: number): Promise<{ editions: EditionSet; context(e: Edition): PageContext }> {
    if (version !== this.version || !this.loading) {
      this.version = version;
      this.loading = this.load();
      // A failed load must not stick: the next request tries again.
      this.loading.catch(() => { this.loading = null; });
    }
    const { editions, categories, menus } = await this.loading;
    return {
      editions,
      context: (edition) => ({
        edition,
        editions,
        urls: this.deps.urls,
        t: translator(edition.locale),
        assets: this.deps.assets,
        categories: categories.get(edition.code) ?? [],
        menu: menus.get(edition.code) ?? [],
      }),
    };
  }

  private async load() {
    const editions = await loadEditions(this.deps.repos);
    const categories = new Map<string, Category[]>();
    for (const e of editions.list) categories.set(e.code, await this.deps.repos.taxonomies.categories(e.code));
    // Masthead menus made in the newsroom (one query for every edition).
    const menus = new Map<string, MenuItem[]>();
    for (const m of await this.deps.repos.menus.all()) menus.set(m.edition, [...(menus.get(m.edition) ?? []), m]);
    return { editions, categories, menus };
  }
}

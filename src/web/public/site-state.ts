import { translator } from '../../platform/i18n/strings.ts';
import type { ArchiveService, SiteLayout } from '../../services/archives/archives.ts';
import type { EditionSet } from '../../services/editions/editions.ts';
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
  private loading: Promise<SiteLayout> | null = null;

  constructor(private readonly deps: { archives: ArchiveService; urls: Urls; assets: Assets }) {}

  async at(version: number): Promise<{ editions: EditionSet; context(e: Edition): PageContext }> {
    if (version !== this.version || !this.loading) {
      this.version = version;
      this.loading = this.deps.archives.layout();
      // A failed load must not stick: the next request tries again.
      this.loading.catch(() => { this.loading = null; });
    }
    const { editions, sections, menus } = await this.loading;
    return {
      editions,
      context: (edition) => ({
        edition,
        editions,
        urls: this.deps.urls,
        t: translator(edition.locale),
        assets: this.deps.assets,
        categories: sections.get(edition.code) ?? [],
        menu: menus.get(edition.code) ?? [],
      }),
    };
  }
}

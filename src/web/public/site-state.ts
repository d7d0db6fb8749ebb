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
export interface SiteView {
  editions: EditionSet;
  context(e: Edition): PageContext;
}

export class SiteState {
  private version = -1;
  private loading: Promise<SiteLayout> | null = null;

  constructor(private readonly deps: { archives: ArchiveService; urls: Urls; assets: Assets }) {}

  /** The layout last read, and the version it was read at. */
  private last: { version: number; layout: SiteLayout } | null = null;

  async at(version: number): Promise<SiteView> {
    if (version !== this.version || !this.loading) {
      this.version = version;
      const loading = (this.loading = this.deps.archives.layout());
      // A failed load must not stick: the next request tries again.
      loading.then((layout) => { this.last = { version, layout }; }, () => { this.loading = null; });
    }
    return this.view(await this.loading);
  }

  /** The layout already read at `version`, without yielding; undefined until it is (then `at`). */
  atNow(version: number): SiteView | undefined {
    return this.last?.version === version && this.version === version ? this.view(this.last.layout) : undefined;
  }

  /**
   * The layout last read, for pages that must be shown when the database cannot be read (the
   * 503 page of an outage); null before any was read.
   */
  lastKnown(): SiteView | null {
    return this.last && this.view(this.last.layout);
  }

  // One view per layout read, and one context per edition of it: the hot path allocates neither.
  private readonly views = new WeakMap<SiteLayout, SiteView>();

  private view(layout: SiteLayout): SiteView {
    let view = this.views.get(layout);
    if (!view) this.views.set(layout, (view = this.makeView(layout)));
    return view;
  }

  private makeView({ editions, sections, menus }: SiteLayout): SiteView {
    const contexts = new Map<Edition, PageContext>();
    return {
      editions,
      context: (edition) => {
        let ctx = contexts.get(edition);
        if (!ctx) {
          ctx = {
            edition,
            editions,
            urls: this.deps.urls,
            t: translator(edition.locale),
            assets: this.deps.assets,
            categories: sections.get(edition.code) ?? [],
            menu: menus.get(edition.code) ?? [],
          };
          contexts.set(edition, ctx);
        }
        return ctx;
      },
    };
  }
}

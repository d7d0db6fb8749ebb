import type { Edition } from '../../domain/edition.ts';
import type { StaticPage } from '../../domain/static-page.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { loadEditions } from '../editions/editions.ts';

/** Static pages (about, contact) as readers see them; they are written in the article editor. */
export class StaticPageService {
  constructor(private readonly deps: { repos: Repositories }) {}

  /** The published page at /<edition>/<slug>/, or null. */
  published(edition: string, slug: string): Promise<StaticPage | null> {
    return this.deps.repos.staticPages.published(edition, slug);
  }

  /** The newsroom's list: every page of the edition `edition` names (else the default's) but the trash, by title. */
  async listing(edition: string | undefined): Promise<{ editions: readonly Edition[]; edition: Edition; pages: StaticPage[] }> {
    const editions = await loadEditions(this.deps.repos);
    const e = editions.get(edition ?? '') ?? editions.default;
    return { editions: editions.list, edition: e, pages: await this.deps.repos.staticPages.list(e.code) };
  }
}

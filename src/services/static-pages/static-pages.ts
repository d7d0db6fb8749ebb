import type { StaticPage } from '../../domain/static-page.ts';
import type { Repositories } from '../../storage/repositories.ts';

/** Static pages (about, contact) as readers see them; they are written in the article editor. */
export class StaticPageService {
  constructor(private readonly deps: { repos: Repositories }) {}

  /** The published page at /<edition>/<slug>/, or null. */
  published(edition: string, slug: string): Promise<StaticPage | null> {
    return this.deps.repos.staticPages.published(edition, slug);
  }
}

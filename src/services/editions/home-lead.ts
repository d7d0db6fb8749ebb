import type { ArticleSummary } from '../../domain/article.ts';
import { Invalid, NotFound } from '../../domain/errors.ts';
import { invalidates } from '../../domain/invalidation.ts';
import type { Repositories } from '../../storage/repositories.ts';

export const LEAD_CANDIDATES = 30;

/**
 * Choosing the story that leads an edition's home page (otherwise the newest one does). It lives
 * with the editions: like the menu and the settings it is how one edition's front page is set
 * up, read and written per edition code, and it invalidates that edition's home page alone.
 */
export class HomeLead {
  constructor(private readonly deps: { repos: Repositories }) {}

  /** The chosen lead (null: automatic), and the stories one may choose from, newest first. */
  async state(edition: string): Promise<{ chosen: ArticleSummary | null; candidates: ArticleSummary[] }> {
    const { articles } = this.deps.repos;
    const [chosen, latest] = await Promise.all([
      articles.stickyLead(edition),
      articles.listPublished({ edition, limit: LEAD_CANDIDATES, offset: 0, withTotal: false }),
    ]);
    const candidates = chosen && !latest.items.some((a) => a.id === chosen.id) ? [chosen, ...latest.items] : latest.items;
    return { chosen, candidates };
  }

  /** `id` null: no chosen lead, the newest story leads. */
  async choose(edition: string, id: number | null): Promise<void> {
    const { repos } = this.deps;
    if (!(await repos.editions.all()).some((e) => e.code === edition)) throw new NotFound(`edition "${edition}"`);
    await repos.write(async (tx) => {
      if (id !== null && !(await repos.homeLead.isPublishedPost(tx, edition, id))) throw new Invalid('lead', 'choice');
      await repos.homeLead.choose(tx, edition, id);
    }, { invalidates: [invalidates.home(edition)] });
  }
}

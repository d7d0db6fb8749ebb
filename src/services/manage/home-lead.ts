import type { ArticleSummary } from '../../domain/article.ts';
import { NotFound } from '../../domain/errors.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { FormRefused } from './problems.ts';

export const LEAD_CANDIDATES = 30;

/** Choosing the story that leads an edition's home page (otherwise the newest one does). */
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
    await repos.transaction(async (tx) => {
      if (id !== null && !(await repos.homeLead.isPublishedPost(tx, edition, id))) throw new FormRefused({ lead: { code: 'choice' } });
      await repos.homeLead.choose(tx, edition, id);
      await repos.changes.bump(tx);
    });
  }
}

import type { Tx } from './write-path.ts';

/**
 * The home page's lead story is the newest sticky published post of the edition
 * (ArticleRepository.stickyLead); choosing one makes it the only sticky post of its edition.
 */
export class HomeLeadRepository {
  /** Is this a published post of the edition (what may lead its home page)? */
  async isPublishedPost(tx: Tx, edition: string, id: number): Promise<boolean> {
    const row = await tx.selectFrom('articles').select('id').where('id', '=', id).where('edition', '=', edition).where('kind', '=', 'post').where('status', '=', 'published').executeTakeFirst();
    return row !== undefined;
  }

  /** Makes `id` the edition's only sticky post, or (null) none: the newest story leads. */
  async choose(tx: Tx, edition: string, id: number | null): Promise<void> {
    await tx.updateTable('articles').set({ sticky: 0 }).where('edition', '=', edition).where('sticky', '=', 1).execute();
    if (id !== null) await tx.updateTable('articles').set({ sticky: 1 }).where('id', '=', id).execute();
  }
}

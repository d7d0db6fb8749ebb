import type { Repositories } from '../../storage/repositories.ts';
import type { WordpressKind } from '../../storage/wordpress-ids.ts';

export type { WordpressKind };

/** The id columns are 32-bit integers: a larger number names nothing (and PostgreSQL would refuse it). */
const MAX_ID = 2_147_483_647;

/**
 * WordPress ids, kept per edition by the import (an outlet's language sites were separate
 * WordPress installs whose ids overlap), and the Khabar ids they became. Old addresses and the
 * WordPress REST API translate through here.
 */
export class WordpressIds {
  constructor(private readonly deps: { repos: Repositories }) {}

  /** The Khabar id a WordPress id of this edition became, or null. */
  async find(edition: string, kind: WordpressKind, wpId: number): Promise<number | null> {
    if (!Number.isSafeInteger(wpId) || wpId < 1 || wpId > MAX_ID) return null;
    return this.deps.repos.wordpressIds.find(edition, kind, wpId);
  }
}

import type { Repositories } from '../../storage/repositories.ts';
import type { WordpressKind } from '../../storage/wordpress-ids.ts';

export type { WordpressKind };

/**
 * The ids the outside world knows an object by. What came from WordPress keeps its WordPress id
 * (per edition: an outlet's language sites were separate installs whose ids overlap); everything
 * else is known by its Khabar id. The REST API shows these ids, and old addresses (`/?p=ID`)
 * resolve them, so the translation lives here once.
 */
export class WordpressIds {
  constructor(private readonly deps: { repos: Repositories }) {}

  /** The public id of each Khabar id: its WordPress id in this edition, else itself. */
  async publicIds(edition: string, kind: WordpressKind, khabarIds: readonly number[]): Promise<Map<number, number>> {
    const unique = [...new Set(khabarIds)];
    const wp = await this.deps.repos.wordpressIds.wordpressIdsIn(edition, kind, unique);
    return new Map(unique.map((id) => [id, wp.get(id) ?? id]));
  }

  /** The Khabar id a public id names: a WordPress id of this edition first, else a Khabar id. */
  async resolve(edition: string, kind: WordpressKind, publicId: number): Promise<number> {
    return (await this.deps.repos.wordpressIds.find(edition, kind, publicId)) ?? publicId;
  }

  /** `resolve` for many ids at once, in their order. */
  async resolveAll(edition: string, kind: WordpressKind, publicIds: readonly number[]): Promise<number[]> {
    const wp = await this.deps.repos.wordpressIds.findMany(edition, kind, [...new Set(publicIds)]);
    return publicIds.map((id) => wp.get(id) ?? id);
  }
}

import type { Edition } from '../../domain/edition.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { DEFAULT_EDITIONS } from './defaults.ts';

/** The site's editions, looked up by code or host. Immutable snapshot; reload after writes. */
export class EditionSet {
  private readonly byCode: Map<string, Edition>;
  private readonly byHost: Map<string, Edition>;
  readonly default: Edition;

  constructor(readonly list: readonly Edition[]) {
    if (!list.length) throw new Error('no editions configured');
    this.byCode = new Map(list.map((e) => [e.code, e]));
    this.byHost = new Map(list.filter((e) => e.host).map((e) => [e.host!.toLowerCase(), e]));
    this.default = list.find((e) => e.isDefault) ?? list[0]!;
  }

  get(code: string): Edition | undefined {
    return this.byCode.get(code);
  }

  forHost(host: string | undefined): Edition | undefined {
    if (!host || !this.byHost.size) return undefined;
    return this.byHost.get(host.toLowerCase().replace(/:\d+$/, ''));
  }
}

/** Writes the default editions into a database that has no edition yet (a new site). */
export async function ensureDefaultEditions(repos: Repositories): Promise<boolean> {
  if ((await repos.editions.all()).length) return false;
  // A new site: no page was rendered before its editions existed, so nothing is stale.
  await repos.write(async (tx) => {
    for (const e of DEFAULT_EDITIONS) await repos.editions.insertIfMissing(e, tx);
  }, { invalidates: [] });
  return true;
}

export async function loadEditions(repos: Repositories): Promise<EditionSet> {
  return new EditionSet(await repos.editions.all());
}

import type { RedisLink } from '../../platform/redis.ts';

const PENDING = 'khabar:views:pending';
const FLUSHING = 'khabar:views:flushing';
const LISTS = 'khabar:most-read';
/** Where the leader says the shared lists changed. */
export const MOST_READ_CHANNEL = 'khabar:most-read';

// Counts taken for the database: a batch left by a flusher that died is taken again, never lost.
const TAKE = `if redis.call('EXISTS', KEYS[2]) == 0 then
  if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
  redis.call('RENAME', KEYS[1], KEYS[2])
end
return redis.call('HGETALL', KEYS[2])`;

export interface SharedLists {
  generation: number;
  lists: Record<string, number[]>;
}

/**
 * View counts and "most read" kept in Redis for every instance: each view is one HINCRBY (so an
 * instance that dies loses none), the leader moves them to the database in batches, and the lists
 * it computes are the ones every instance shows. Every call throws when Redis is unreachable;
 * MostRead falls back to counting in memory.
 */
export class SharedViews {
  constructor(readonly redis: RedisLink) {}

  get isUp(): boolean {
    return this.redis.isUp;
  }

  async count(articleId: number, n = 1): Promise<void> {
    await this.redis.commands.hincrby(PENDING, String(articleId), n);
  }

  /** The counts to write (the same batch again until `done`, if the last writer died meanwhile). */
  async take(): Promise<Map<number, number>> {
    const flat = (await this.redis.commands.eval(TAKE, 2, PENDING, FLUSHING)) as string[];
    const batch = new Map<number, number>();
    for (let i = 0; i + 1 < flat.length; i += 2) batch.set(Number(flat[i]), Number(flat[i + 1]));
    return batch;
  }

  /** The batch is in the database. */
  async done(): Promise<void> {
    await this.redis.commands.del(FLUSHING);
  }

  async publishLists(lists: Record<string, number[]>): Promise<SharedLists> {
    const generation = await this.redis.commands.incr(`${LISTS}:generation`);
    const shared = { generation, lists };
    await this.redis.commands.set(LISTS, JSON.stringify(shared));
    await this.redis.publish(MOST_READ_CHANNEL, String(generation));
    return shared;
  }

  async lists(): Promise<SharedLists | null> {
    const text = await this.redis.commands.get(LISTS);
    return text ? (JSON.parse(text) as SharedLists) : null;
  }
}

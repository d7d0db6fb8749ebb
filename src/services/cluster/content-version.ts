import { EventEmitter } from 'node:events';
import type { Clock } from '../../platform/clock.ts';
import type { RedisLink } from '../../platform/redis.ts';
import type { Repositories } from '../../storage/repositories.ts';

/** Where every write's keys and the new content version are announced to the other instances. */
export const WRITES_CHANNEL = 'khabar:writes';

/**
 * How stale an instance listening to the announcements may let its content version get: a write
 * that no one announced (a CLI without REDIS_URL, a publish lost while Redis restarted) shows on
 * every instance within this long. One database read per second per instance instead of one per
 * request; an announced write shows at once.
 */
export const MAX_UNANNOUNCED_MS = 1000;

export interface Announcement {
  version: number;
  keys: readonly string[];
}

/**
 * Publishes each write this process commits — its invalidation keys and the content version after
 * it — on WRITES_CHANNEL. The server and the CLI both do, when REDIS_URL is set.
 */
export function announceWrites(repos: Repositories, redis: RedisLink): () => void {
  // The writes of one turn of the event loop (a group commit, an import's burst) go out as one.
  let pending: Set<string> | null = null;
  const send = () => {
    const keys = [...pending!];
    pending = null;
    void repos.changes
      .read()
      .then((version) => redis.publish(WRITES_CHANNEL, JSON.stringify({ version, keys } satisfies Announcement)))
      .catch(() => {
        // Not announced: the others see it within MAX_UNANNOUNCED_MS all the same.
      });
  };
  return repos.onWrite((keys) => {
    if (!pending) {
      pending = new Set();
      setImmediate(send);
    }
    for (const k of keys) pending.add(k);
  });
}

/**
 * The content version the page cache and the settings snapshot are keyed by.
 *
 * Without Redis (one machine) it is the database's change counter, read on every request: exact.
 * With Redis, while the announcements reach this instance, it is kept in memory: an announcement
 * moves it at once, this process's own writes make the next request read it again, and it is read
 * again anyway when older than `maxStaleMs`. While the subscription is down it is read on every
 * request, as without Redis. Events: `heard` (Announcement), after the version moved.
 */
export class ContentVersion extends EventEmitter {
  private known = -1;
  private knownAt = -Infinity;
  /** Moves on every reason to distrust `known`, so a read begun before it cannot settle on an older value. */
  private epoch = 0;

  constructor(private readonly deps: { repos: Repositories; clock: Clock; redis: RedisLink | null; maxStaleMs?: number }) {
    super();
    const { redis, repos } = deps;
    repos.onWrite(() => this.distrust());
    if (!redis) return;
    redis.on('subscribed', () => this.distrust());
    redis.on('message', (channel: string, text: string) => {
      if (channel !== WRITES_CHANNEL) return;
      let a: Announcement;
      try {
        a = JSON.parse(text) as Announcement;
      } catch {
        return;
      }
      if (!Number.isInteger(a.version)) return;
      this.epoch++;
      if (a.version > this.known) this.known = a.version;
      this.emit('heard', a);
    });
    void redis.listen(WRITES_CHANNEL);
  }

  /** The content version to serve this request at. */
  async read(): Promise<number> {
    const { redis, clock } = this.deps;
    const maxStale = this.deps.maxStaleMs ?? MAX_UNANNOUNCED_MS;
    if (redis?.isListening && clock.now().getTime() - this.knownAt < maxStale) return this.known;
    const epoch = this.epoch;
    const at = clock.now().getTime();
    const v = await this.deps.repos.changes.read();
    if (v > this.known) this.known = v;
    if (epoch === this.epoch) this.knownAt = at;
    return this.known;
  }

  /**
   * `read` without yielding, where it needs no round trip (an announced version, or SQLite's
   * synchronous read); undefined where it would (then `read`).
   */
  readSync(): number | undefined {
    const { redis, clock } = this.deps;
    const maxStale = this.deps.maxStaleMs ?? MAX_UNANNOUNCED_MS;
    const at = clock.now().getTime();
    if (redis?.isListening && at - this.knownAt < maxStale) return this.known;
    const v = this.deps.repos.changes.readSync();
    if (v === undefined) return undefined;
    if (v > this.known) this.known = v;
    this.knownAt = at;
    return this.known;
  }

  /** The version last seen (tests wait for an announcement to move it). */
  get current(): number {
    return this.known;
  }

  private distrust(): void {
    this.epoch++;
    this.knownAt = -Infinity;
  }
}

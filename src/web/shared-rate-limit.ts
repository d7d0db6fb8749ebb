import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RedisLink } from '../platform/redis.ts';

type Counted = { current: number; ttl: number };
type Callback = (error: Error | null, result?: Counted) => void;

// One fixed window per key: the first hit starts it, the key's expiry ends it.
const INCR = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) return {n, tonumber(ARGV[1])} end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return {n, ttl}`;

/** Windows this instance keeps by itself while Redis is away (the oldest go first past the bound). */
const LOCAL_KEYS = 10_000;

class LocalWindows {
  private readonly windows = new Map<string, { n: number; ends: number }>();

  incr(key: string, windowMs: number): Counted {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || w.ends <= now) {
      this.windows.delete(key);
      w = { n: 0, ends: now + windowMs };
      if (this.windows.size >= LOCAL_KEYS) this.windows.delete(this.windows.keys().next().value!);
      this.windows.set(key, w);
    }
    w.n++;
    return { current: w.n, ttl: w.ends - now };
  }
}

/**
 * @fastify/rate-limit's store when REDIS_URL is set: every instance counts in the same Redis keys,
 * so a limit holds for the site, not per instance. While Redis is unreachable (or slow past the
 * link's command timeout) each instance counts by itself — a limit per instance, never none —
 * and Redis's counts are used again as soon as it answers.
 */
export function sharedRateLimitStore(redis: RedisLink, prefix = 'khabar:limit:'): FastifyRateLimitStoreCtor {
  class SharedStore implements FastifyRateLimitStore {
    constructor(_options: FastifyRateLimitOptions, private readonly key = prefix, private readonly local = new LocalWindows()) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      const fallback = () => callback(null, this.local.incr(key, timeWindow));
      if (!redis.isUp) return fallback();
      (redis.commands.eval(INCR, 1, this.key + key, String(timeWindow)) as Promise<[number, number]>).then(
        ([current, ttl]) => callback(null, { current, ttl }),
        fallback,
      );
    }

    child(routeOptions: object): FastifyRateLimitStore {
      // The plugin passes the route's merged limit options with the route under `routeInfo`.
      const route = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo ?? {};
      return new SharedStore({}, `${this.key}${String(route.method ?? '')}${String(route.url ?? '')}:`, new LocalWindows());
    }
  }
  return SharedStore as unknown as FastifyRateLimitStoreCtor;
}

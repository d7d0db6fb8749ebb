import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import { systemClock, type Clock } from '../platform/clock.ts';
import { ArticleService } from '../services/articles/articles.ts';
import { ensureDefaultEditions } from '../services/editions/editions.ts';
import { createDb, DatabaseOpenError, type DbOptions } from '../storage/db.ts';
import { migrateToLatest, REINDEX_AFTER } from '../storage/migrate.ts';
import { reindexAll } from '../services/search/indexer.ts';
import { createRepositories, type Repositories } from '../storage/repositories.ts';
import { surrogateKey } from '../domain/invalidation.ts';
import { type PurgeEvents, Purger } from '../platform/purge.ts';
import { type Leader, RedisLeader, SoleInstance } from '../platform/leader.ts';
import { RedisLink, type RedisLog } from '../platform/redis.ts';
import { announceWrites } from '../services/cluster/content-version.ts';

/** A failure to start that deserves one line, not a stack trace. */
export class StartupError extends Error {}

export interface Runtime {
  config: Config;
  repos: Repositories;
  clock: Clock;
  articles: ArticleService;
  secret: string;
  /** REDIS_URL's connection (null without it: one machine). */
  redis: RedisLink | null;
  /** Who runs the periodic jobs: with Redis, one instance at a time; else this one. */
  leader: Leader;
  close(): Promise<void>;
}

export interface RuntimeOptions extends DbOptions {
  clock?: Clock;
  purgeEvents?: PurgeEvents;
  /** Where Redis's changes of state are told (the console by default). */
  redisLog?: RedisLog;
  /** The leader's lease in Redis, ms (tests shorten it). */
  leaderLeaseMs?: number;
}

/** Opens the database, brings its schema up to date and makes sure a new site has its editions. */
export async function openRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  let db;
  try {
    db = createDb(config.databaseUrl, {
      poolSize: config.databasePoolSize,
      statementTimeoutMs: config.databaseStatementTimeoutMs,
      applicationName: config.databaseApplicationName,
      ...options,
    });
  } catch (e) {
    throw new StartupError(e instanceof DatabaseOpenError ? e.message : `cannot open the database: ${(e as Error).message}`);
  }
  const repos = createRepositories(db);
  try {
    const applied = await migrateToLatest(db.kysely, db.dialect, db.schema);
    await ensureDefaultEditions(repos);
    // A migration that changed the search index's layout emptied it: rebuild it at once (what
    // `khabar reindex` does), so no start after an upgrade serves a search that finds nothing.
    if (applied.some((m) => REINDEX_AFTER.includes(m))) await reindexAll(repos);
  } catch (e) {
    await db.close().catch(() => {});
    throw new StartupError(`cannot prepare the database (${redact(config.databaseUrl)}): ${oneLine(e)}`);
  }
  // SECRET from the environment, else one generated on first start and kept in the database,
  // so every instance of the site shares it.
  const secret = config.secret ?? (await repos.settings.getOrInit('secret', randomBytes(32).toString('base64url')));
  const clock = options.clock ?? systemClock;
  // Every write's keys, after its commit, purge the shared cache in front (PURGE) — from the
  // server and from the CLI alike (an import changes pages too).
  const purger = new Purger(config.purge, { warn: (m) => console.error(`khabar: ${m}`), error: (m) => console.error(`khabar: ${m}`) }, options.purgeEvents);
  if (purger.enabled) repos.onWrite((keys) => purger.purge(keys.map(surrogateKey)));
  // Several machines: writes announced to the other instances (the CLI's too), the lead taken in turn.
  const redis = config.redisUrl
    ? new RedisLink(config.redisUrl, options.redisLog ?? { warn: (m) => console.error(`khabar: ${m}`), info: (m) => console.log(`khabar: ${m}`) })
    : null;
  if (redis) announceWrites(repos, redis);
  const leader = redis ? new RedisLeader(redis, options.leaderLeaseMs) : new SoleInstance();
  const close = async () => {
    await leader.close();
    await redis?.close();
    await purger.drain();
    await db.close();
  };
  return { config, repos, clock, articles: new ArticleService({ repos, clock }), secret, redis, leader, close };
}

function oneLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n')[0] ?? m;
}

/** A database URL fit for a log line: no password. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

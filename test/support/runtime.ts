import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchSchema } from '../../src/storage/scratch-schema.ts';
import { loadConfig, testDatabaseUrl, type Config } from '../../src/config.ts';
import { openRuntime, type Runtime } from '../../src/cli/bootstrap.ts';
import type { PurgeEvents } from '../../src/platform/purge.ts';
import type { RedisLog } from '../../src/platform/redis.ts';
import type { Clock } from '../../src/platform/clock.ts';

let mediaRoot: string | undefined;

export interface RuntimeTestOptions {
  clock?: Clock;
  sqliteFile?: string;
  config?: Partial<Config>;
  databaseUrl?: string;
  purgeEvents?: PurgeEvents;
  shareWith?: TestRuntime;
  redisLog?: RedisLog;
  leaderLeaseMs?: number;
}

const quiet: RedisLog = { warn: () => {}, info: () => {} };

/** What openRuntime takes from the test's options. */
function runtimeOptions(o: RuntimeTestOptions) {
  return {
    ...(o.clock && { clock: o.clock }),
    ...(o.purgeEvents && { purgeEvents: o.purgeEvents }),
    ...(o.leaderLeaseMs && { leaderLeaseMs: o.leaderLeaseMs }),
    redisLog: o.redisLog ?? quiet,
  };
}

/** A folder for one test site's uploads, inside one per process that goes when the process exits (closed or not). */
function testMediaDir(): string {
  if (!mediaRoot) {
    const root = mkdtempSync(join(tmpdir(), 'khabar-media-'));
    process.on('exit', () => rmSync(root, { recursive: true, force: true }));
    mediaRoot = root;
  }
  return mkdtempSync(join(mediaRoot, 'site-'));
}

/** Which database this run of the suite uses (scripts/test.mjs runs it once per dialect). */
export function testDialect(): 'sqlite' | 'postgres' {
  return process.env.KHABAR_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
}

export interface TestRuntime extends Runtime {
  /** For tests that start a second process (the CLI) against the same database. */
  databaseUrl: string;
  schema: string | null;
}

/**
 * A fresh, migrated, empty database for one test: an in-memory SQLite database, or a
 * throwaway schema in TEST_DATABASE_URL's PostgreSQL (dropped on close). Never a real site's data.
 */
/**
 * `databaseUrl`: PostgreSQL runs only — reach the test database at another address (a proxy the
 * test can cut, as a failover would).
 */
/**
 * `shareWith`: a second instance of the site on the first one's database (SQLite: its file; the
 * first closes it). `redisLog`: where Redis's changes of state are told (quiet by default).
 */
export async function testRuntime(options: RuntimeTestOptions = {}): Promise<TestRuntime> {
  // Uploaded images go to a throwaway folder, never the repository's data/media.
  const given = options.config?.mediaDir;
  const mediaDir = given ?? testMediaDir();
  const removeMedia = () => (given ? undefined : rmSync(mediaDir, { recursive: true, force: true }));
  options = { ...options, config: { mediaDir, ...options.config } };
  if (testDialect() === 'postgres') {
    const url = options.databaseUrl ?? testDatabaseUrl();
    if (!url || url.startsWith('sqlite:')) throw new Error('KHABAR_TEST_DIALECT=postgres needs TEST_DATABASE_URL=postgres://…');
    const shared = options.shareWith;
    const { schema, drop } = shared?.schema ? { schema: shared.schema, drop: async () => {} } : await testSchema(url);
    const config = loadConfig({ DATABASE_URL: url, KHABAR_DEMO: 'false', PORT: '3000' }, options.config);
    const rt = await openRetryingNeighbourDrops(() => openRuntime(config, { schema, poolSize: 4, ...runtimeOptions(options) }));
    return {
      ...rt,
      databaseUrl: url,
      schema,
      close: async () => {
        await rt.close();
        await drop();
        removeMedia();
      },
    };
  }
  if (options.shareWith?.databaseUrl === 'sqlite::memory:') throw new Error('a second instance needs the first on a file (sqliteFile)');
  const databaseUrl = options.shareWith?.databaseUrl ?? `sqlite:${options.sqliteFile ?? ':memory:'}`;
  const config = loadConfig({ DATABASE_URL: databaseUrl, KHABAR_DEMO: 'false', PORT: '3000' }, options.config);
  const rt = await openRuntime(config, runtimeOptions(options));
  return {
    ...rt,
    databaseUrl,
    schema: null,
    close: async () => {
      await rt.close();
      removeMedia();
    },
  };
}

/**
 * Kysely's migrator introspects the tables of every schema in the database; when another test
 * file drops its throwaway schema at that moment, PostgreSQL fails the catalog query with
 * «schema "khabar_test_…" does not exist» naming the neighbour's schema. Only tests drop schemas
 * concurrently, so only they retry (a site's single schema never races).
 */
async function openRetryingNeighbourDrops<T>(open: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await open();
    } catch (e) {
      if (attempt >= 5 || !/schema "khabar_test_[0-9a-f_]+" does not exist/.test((e as Error).message)) throw e;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

/**
 * A throwaway schema for one test. Under scripts/test.mjs (KHABAR_TEST_RUN set) schemas are
 * named for the run and dropped by the runner once every file is done: a DROP SCHEMA while
 * another process (a test file, a CLI the tests started) is migrating breaks that migration's
 * catalog query (see openRetryingNeighbourDrops).
 */
export async function testSchema(url: string): Promise<{ schema: string; drop(): Promise<void> }> {
  const run = process.env.KHABAR_TEST_RUN;
  const scratch = await createScratchSchema(url, run ? `khabar_test_${run}` : 'khabar_test');
  return run ? { schema: scratch.schema, drop: async () => {} } : scratch;
}

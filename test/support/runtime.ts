import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchSchema } from '../../src/storage/scratch-schema.ts';
import { loadConfig, testDatabaseUrl, type Config } from '../../src/config.ts';
import { openRuntime, type Runtime } from '../../src/cli/bootstrap.ts';
import type { PurgeEvents } from '../../src/platform/purge.ts';
import type { Clock } from '../../src/platform/clock.ts';

let mediaRoot: string | undefined;

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
export async function testRuntime(options: { clock?: Clock; sqliteFile?: string; config?: Partial<Config>; databaseUrl?: string; purgeEvents?: PurgeEvents } = {}): Promise<TestRuntime> {
  // Uploaded images go to a throwaway folder, never the repository's data/media.
  const given = options.config?.mediaDir;
  const mediaDir = given ?? testMediaDir();
  const removeMedia = () => (given ? undefined : rmSync(mediaDir, { recursive: true, force: true }));
  options = { ...options, config: { mediaDir, ...options.config } };
  if (testDialect() === 'postgres') {
    const url = options.databaseUrl ?? testDatabaseUrl();
    if (!url || url.startsWith('sqlite:')) throw new Error('KHABAR_TEST_DIALECT=postgres needs TEST_DATABASE_URL=postgres://…');
    const { schema, drop } = await testSchema(url);
    const config = loadConfig({ DATABASE_URL: url, KHABAR_DEMO: 'false', PORT: '3000' }, options.config);
    const rt = await openRetryingNeighbourDrops(() => openRuntime(config, { schema, poolSize: 4, ...(options.clock && { clock: options.clock }), ...(options.purgeEvents && { purgeEvents: options.purgeEvents }) }));
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
  const databaseUrl = `sqlite:${options.sqliteFile ?? ':memory:'}`;
  const config = loadConfig({ DATABASE_URL: databaseUrl, KHABAR_DEMO: 'false', PORT: '3000' }, options.config);
  const rt = await openRuntime(config, { ...(options.clock && { clock: options.clock }), ...(options.purgeEvents && { purgeEvents: options.purgeEvents }) });
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

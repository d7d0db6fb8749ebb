import { createScratchSchema } from '../../src/storage/scratch-schema.ts';
import { loadConfig, testDatabaseUrl, type Config } from '../../src/config.ts';
import { openRuntime, type Runtime } from '../../src/cli/bootstrap.ts';
import type { Clock } from '../../src/platform/clock.ts';

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
export async function testRuntime(options: { clock?: Clock; sqliteFile?: string; config?: Partial<Config> } = {}): Promise<TestRuntime> {
  if (testDialect() === 'postgres') {
    const url = testDatabaseUrl();
    if (!url || url.startsWith('sqlite:')) throw new Error('KHABAR_TEST_DIALECT=postgres needs TEST_DATABASE_URL=postgres://…');
    const { schema, drop } = await createScratchSchema(url, 'khabar_test');
    const config = loadConfig({ DATABASE_URL: url, KHABAR_DEMO: 'false', PORT: '3000' }, options.config);
    const rt = await openRuntime(config, { schema, poolSize: 4, ...(options.clock && { clock: options.clock }) });
    return {
      ...rt,
      databaseUrl: url,
      schema,
      close: async () => {
        await rt.close();
        await drop();
      },
    };
  }
  const databaseUrl = `sqlite:${options.sqliteFile ?? ':memory:'}`;
  const config = loadConfig({ DATABASE_URL: databaseUrl, KHABAR_DEMO: 'false', PORT: '3000' }, options.config);
  const rt = await openRuntime(config, options.clock ? { clock: options.clock } : {});
  return { ...rt, databaseUrl, schema: null };
}

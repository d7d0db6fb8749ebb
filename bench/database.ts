import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchSchema, urlWithSearchPath } from '../src/storage/scratch-schema.ts';
import { loadConfig } from '../src/config.ts';
import { openRuntime, type Runtime } from '../src/cli/bootstrap.ts';
import type { Cleanup } from './cleanup.ts';

export interface BenchDatabase {
  /** Open runtime for seeding; close it before the server starts using the database. */
  runtime: Runtime;
  /** DATABASE_URL for the server process (sees the same data). */
  serverUrl: string;
  describe: string;
}

const DEFAULT_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A fresh, empty, migrated database that the cleanup removes: a temp SQLite file or a throwaway
 * schema. `copyOf`: a kept, seeded SQLite file to start from instead (copied, so that each run
 * starts from the same data whatever the last one wrote).
 */
export async function openBenchDatabase(kind: 'sqlite' | 'postgres', cleanup: Cleanup, env: NodeJS.ProcessEnv, copyOf?: string): Promise<BenchDatabase> {
  if (kind === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'khabar-bench-'));
    if (copyOf) await copyFile(copyOf, join(dir, 'bench.sqlite'));
    // BENCH_KEEP=1 leaves the file for another run (bench:search --sqlite PATH) or a look.
    if (env.BENCH_KEEP === '1') console.log(`bench: keeping SQLite database ${join(dir, 'bench.sqlite')}`);
    else cleanup.add('temp dir', () => rm(dir, { recursive: true, force: true }));
    const url = `sqlite:${join(dir, 'bench.sqlite')}`;
    const runtime = await openRuntime(config(url));
    cleanup.add('seeding database', () => runtime.close().catch(() => {}));
    return { runtime, serverUrl: url, describe: `SQLite in ${dir}` };
  }
  const url = env.TEST_DATABASE_URL || DEFAULT_POSTGRES;
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`--database postgres needs TEST_DATABASE_URL=postgres://… (got "${url}")`);
  const { schema, drop } = await createScratchSchema(url, 'khabar_bench');
  // BENCH_KEEP=1 leaves the schema for a look with psql (drop it yourself afterwards).
  if (env.BENCH_KEEP === '1') console.log(`bench: keeping PostgreSQL schema ${schema}`);
  else cleanup.add('schema', drop);
  const runtime = await openRuntime(config(url), { schema, poolSize: 4 });
  cleanup.add('seeding database', () => runtime.close().catch(() => {}));
  const serverUrl = urlWithSearchPath(url, schema);
  return { runtime, serverUrl, describe: `PostgreSQL schema ${schema}` };
}

function config(databaseUrl: string) {
  return loadConfig({ DATABASE_URL: databaseUrl, KHABAR_DEMO: 'false' });
}

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
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

/** A fresh, empty, migrated database that the cleanup removes: a temp SQLite file or a throwaway schema. */
export async function openBenchDatabase(kind: 'sqlite' | 'postgres', cleanup: Cleanup, env: NodeJS.ProcessEnv): Promise<BenchDatabase> {
  if (kind === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'khabar-bench-'));
    cleanup.add('temp dir', () => rm(dir, { recursive: true, force: true }));
    const url = `sqlite:${join(dir, 'bench.sqlite')}`;
    const runtime = await openRuntime(config(url));
    cleanup.add('seeding database', () => runtime.close().catch(() => {}));
    return { runtime, serverUrl: url, describe: `SQLite in ${dir}` };
  }
  const url = env.TEST_DATABASE_URL || DEFAULT_POSTGRES;
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`--database postgres needs TEST_DATABASE_URL=postgres://… (got "${url}")`);
  const schema = `khabar_bench_${randomBytes(5).toString('hex')}`;
  await adminQuery(url, `CREATE SCHEMA ${schema}`);
  cleanup.add('schema', () => adminQuery(url, `DROP SCHEMA ${schema} CASCADE`));
  const runtime = await openRuntime(config(url), { schema, poolSize: 4 });
  cleanup.add('seeding database', () => runtime.close().catch(() => {}));
  const sep = url.includes('?') ? '&' : '?';
  const serverUrl = `${url}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return { runtime, serverUrl, describe: `PostgreSQL schema ${schema}` };
}

function config(databaseUrl: string) {
  return loadConfig({ DATABASE_URL: databaseUrl, KHABAR_DEMO: 'false' });
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

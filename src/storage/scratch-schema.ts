import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A throwaway PostgreSQL schema (tests and benchmarks run in one, so they never touch a site's
 * own tables): created with a random name, dropped with everything in it.
 */
export async function createScratchSchema(url: string, prefix: string): Promise<{ schema: string; drop(): Promise<void> }> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  await run(url, `CREATE SCHEMA ${schema}`);
  return { schema, drop: () => run(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

async function run(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A DATABASE_URL that puts another process (the CLI, a server) into that schema. */
export function urlWithSearchPath(url: string, schema: string | null): string {
  if (!schema) return url;
  const sep = url.includes('?') ? '&' : '?';
  return `${url}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

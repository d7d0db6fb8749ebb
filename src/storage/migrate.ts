import { DEFAULT_MIGRATION_TABLE, type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { DialectOps } from './dialects/dialect.ts';
import type { Database } from './schema.ts';
import * as m0001 from './migrations/0001-initial.ts';
import * as m0002 from './migrations/0002-comments.ts';
import * as m0003 from './migrations/0003-search.ts';
import * as m0004 from './migrations/0004-accounts.ts';
import * as m0005 from './migrations/0005-editor.ts';
import * as m0006 from './migrations/0006-media.ts';
import * as m0007 from './migrations/0007-manage.ts';
import * as m0008 from './migrations/0008-lighter-comment-indexes.ts';
import * as m0009 from './migrations/0009-search-whole-articles.ts';
import * as m0010 from './migrations/0010-wordpress-ids.ts';
import * as m0011 from './migrations/0011-wordpress-import.ts';
import * as m0013 from './migrations/0013-card-images.ts';
import * as m0015 from './migrations/0015-wp-api-comments.ts';
import * as m0016 from './migrations/0016-session-addresses.ts';
import * as m0017 from './migrations/0017-audit-log.ts';
import * as m0022 from './migrations/0022-article-media.ts';
import * as m0023 from './migrations/0023-two-factor.ts';
import * as m0024 from './migrations/0024-moderator-notices.ts';
import * as m0025 from './migrations/0025-image-focus.ts';
import * as m0026 from './migrations/0026-article-fields.ts';
import * as m0027 from './migrations/0027-search-match-state.ts';
import * as m0028 from './migrations/0028-author-photo.ts';
import * as m0030 from './migrations/0030-search-protected-words.ts';
import * as m0031 from './migrations/0031-search-one-byte-tokens.ts';
import * as m0032 from './migrations/0032-front-page-flags.ts';
import * as m0033 from './migrations/0033-search-recency-buckets.ts';

/** Migrations receive an untyped handle: they describe tables that the types do not know yet. */
export type MigrationDb = Kysely<Record<string, Record<string, unknown>>>;
interface MigrationModule {
  up(db: MigrationDb, d: DialectOps): Promise<void>;
}

// One ordered list for both dialects, imported statically so bundling keeps them.
const MIGRATIONS: Record<string, MigrationModule> = {
  '0001-initial': m0001,
  '0002-comments': m0002,
  '0003-search': m0003,
  '0004-accounts': m0004,
  '0005-editor': m0005,
  '0006-media': m0006,
  '0007-manage': m0007,
  '0008-lighter-comment-indexes': m0008,
  '0009-search-whole-articles': m0009,
  '0010-wordpress-ids': m0010,
  '0011-wordpress-import': m0011,
  '0013-card-images': m0013,
  '0015-wp-api-comments': m0015,
  '0016-session-addresses': m0016,
  '0017-audit-log': m0017,
  '0022-article-media': m0022,
  '0023-two-factor': m0023,
  '0024-moderator-notices': m0024,
  '0025-image-focus': m0025,
  '0026-article-fields': m0026,
  '0027-search-match-state': m0027,
  '0028-author-photo': m0028,
  '0030-search-protected-words': m0030,
  '0031-search-one-byte-tokens': m0031,
  '0032-front-page-flags': m0032,
  '0033-search-recency-buckets': m0033,
};

/** Every migration's name, in the order listed (the order they are applied in). */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS);

/** Applying one of these migrations empties the search index: whoever runs it must reindex (cli/bootstrap.ts). */
export const REINDEX_AFTER: readonly string[] = ['0009-search-whole-articles', '0030-search-protected-words', '0031-search-one-byte-tokens'];

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectOps) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, mod] of Object.entries(MIGRATIONS)) {
      out[name] = { up: (db) => mod.up(db as MigrationDb, this.dialect) };
    }
    return out;
  }
}

export class MigrationError extends Error {}

/**
 * Migration names in code-point order. Kysely's default, localeCompare, gives the same order for
 * these names (ASCII, a unique four-digit prefix) but loads ICU's collation first: 10 ms of CPU of
 * every start.
 */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Brings the schema up to date. Kysely takes a lock, so concurrent starts are safe. */
async function ownSchema(db: Kysely<Database>, dialect: DialectOps, schema: string | null): Promise<string | undefined> {
  return schema ?? (dialect.name === 'postgres' ? (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0]?.s : undefined);
}

/** Migrations this code has that the database has not applied (empty: the schema is current). */
export async function pendingMigrations(db: Kysely<Database>, dialect: DialectOps, schema: string | null = null): Promise<string[]> {
  const own = await ownSchema(db, dialect, schema);
  const migrator = new Migrator({ db, provider: new StaticProvider(dialect), nameComparator: byCodePoint, ...(own && { migrationTableSchema: own }) });
  return (await migrator.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
}

/**
 * Whether the database has applied exactly this code's migrations: one read. Nearly every start
 * finds nothing to do, and Kysely's Migrator first looks up every table of the database to find
 * its own (about 10 ms of a cold start on SQLite). Anything else (a new database, a migration
 * to apply, one this code does not know) goes to the Migrator, which applies or refuses as ever.
 */
async function upToDate(db: Kysely<Database>, own: string | undefined): Promise<boolean> {
  try {
    const table = sql.table(own ? `${own}.${DEFAULT_MIGRATION_TABLE}` : DEFAULT_MIGRATION_TABLE);
    const { rows } = await sql<{ name: string }>`SELECT name FROM ${table}`.execute(db);
    const applied = new Set(rows.map((r) => r.name));
    return rows.length === MIGRATION_NAMES.length && MIGRATION_NAMES.every((n) => applied.has(n));
  } catch {
    return false; // no bookkeeping table yet: a new database
  }
}

export async function migrateToLatest(db: Kysely<Database>, dialect: DialectOps, schema: string | null = null): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in every schema of the database; name ours, or a
  // neighbour's (another site, a test) is taken for it.
  const own = await ownSchema(db, dialect, schema);
  if (await upToDate(db, own)) return [];
  const migrator = new Migrator({ db, provider: new StaticProvider(dialect), nameComparator: byCodePoint, ...(own && { migrationTableSchema: own }) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const why = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`migration ${failed?.migrationName ?? ''} failed: ${why}`.replace('  ', ' '));
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type Pg from 'pg';
import { lazyModule } from '../platform/lazy-module.ts';
import type { DialectOps } from './dialects/dialect.ts';
import { postgresOps } from './dialects/postgres.ts';
import { ResilientPostgresDialect } from './dialects/postgres-connections.ts';
import { sqliteOps } from './dialects/sqlite.ts';
import { type ManualTicks, SAFETY_NET_PAGES, startCheckpointer } from './dialects/sqlite-checkpointer.ts';
import { watchWalIndex, type WalIndexWatch } from './dialects/sqlite-wal-index.ts';
import type { Database } from './schema.ts';

// A SQLite site never loads the PostgreSQL driver.
const loadPg = lazyModule<typeof Pg>('pg');
function pgDriver(): typeof Pg {
  const pg = loadPg();
  // COUNT(*) and int8 come back from pg as strings; every id and count here fits a double.
  pg.types.setTypeParser(20, (v) => Number(v));
  return pg;
}

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: DialectOps;
  /** PostgreSQL schema everything lives in, when not the default search_path. */
  readonly schema: string | null;
  /**
   * SQLite: the change counter read at once, without the driver's queue (it is read on every
   * public request); undefined when it cannot be read that way — inside a transaction, whose
   * uncommitted bump must not be served, or before the table exists. PostgreSQL: absent.
   */
  readonly changeCounterNow?: () => number | undefined;
  close(): Promise<void>;
}

export class DatabaseOpenError extends Error {}

export interface DbOptions {
  /** PostgreSQL only: run everything in this schema (tests use a throwaway one). */
  schema?: string;
  poolSize?: number;
  /** PostgreSQL: `SET LOCAL statement_timeout` in every transaction, ms (0: the server's own). */
  statementTimeoutMs?: number;
  /** PostgreSQL: names this process's connections in pg_stat_activity. */
  applicationName?: string;
  /** PostgreSQL: told of every connection error (a lost connection, a failover); never throws. */
  onConnectionError?: (e: unknown) => void;
  /** SQLite only: checkpoint the write-ahead log in a worker thread (the long-running server). */
  backgroundCheckpoints?: boolean;
  /**
   * SQLite only: a bulk load (`khabar import`). The write-ahead log is checkpointed every
   * BULK_LOAD_WAL_PAGES rather than every 1,000 pages: a 500-post batch overran the default at
   * nearly every COMMIT, and each checkpoint copied (and synced) pages the next batches rewrite
   * (measured on 5,000 posts: COMMIT 2.1 → 1.1 s of 24 s). Durability and consistency are as
   * before (WAL, synchronous=NORMAL): only the log grows larger between checkpoints.
   */
  bulkLoad?: boolean;
  /** Tests: run the checkpoint worker's rounds by hand rather than on its timer. */
  checkpointTicks?: ManualTicks;
}

/**
 * SQLite's page cache for every connection but a bulk load's, in KiB. better-sqlite3 is built with
 * 16 MiB (SQLITE_DEFAULT_CACHE_SIZE=-16000; SQLite's own default is 2 MiB), and a server fills it
 * whatever the site's size: the home page's sticky and breaking lists read every article row of
 * the edition, so the server held 16 MiB of database pages after its first home page. Pages missed
 * come from the operating system's file cache (a read, a few µs); rendered pages are kept in the
 * page cache, so the database is read only when content changes. A bulk load keeps 16 MiB: its
 * batches rewrite the same index pages.
 */
const PAGE_CACHE_KIB = 2048;

/** The bulk load's checkpoint interval, in pages of 4 KiB (64 MiB of log on disk, not in memory). */
const BULK_LOAD_WAL_PAGES = 16_000;

export function sqlitePath(url: string): string {
  const path = url.slice('sqlite:'.length);
  return path === ':memory:' || path === '' ? ':memory:' : resolve(path);
}

export function createDb(url: string, options: DbOptions = {}): Db {
  if (url.startsWith('sqlite:')) return openSqlite(sqlitePath(url), options);
  return openPostgres(url, options);
}

function openSqlite(path: string, options: DbOptions): Db {
  let raw: SQLite.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    raw = new SQLite(path);
    // WAL lets readers run while one writer (this process or the CLI) commits.
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
  } catch (e) {
    throw new DatabaseOpenError(`cannot open SQLite database ${path}: ${(e as Error).message}`);
  }
  if (options.bulkLoad) raw.pragma(`wal_autocheckpoint = ${BULK_LOAD_WAL_PAGES}`);
  else raw.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
  const counter = counterReader(raw, path);
  const changeCounterNow = counter.now;
  if (!options.backgroundCheckpoints || path === ':memory:') {
    return {
      kysely, dialect: sqliteOps, schema: null, changeCounterNow, close: async () => {
        counter.close();
        await kysely.destroy();
      },
    };
  }
  raw.pragma(`wal_autocheckpoint = ${options.bulkLoad ? BULK_LOAD_WAL_PAGES : SAFETY_NET_PAGES}`);
  const checkpointer = startCheckpointer(path, {
    onError: (m) => console.error(`khabar: background WAL checkpoint failed: ${m}`),
    // Only between transactions: a checkpoint cannot run inside one. A bulk load does not catch
    // up (its batches follow one another: the writer's checkpoints took 3 of its 10 s of SQL);
    // its log is started over by its safety net, mostly copied by the worker by then.
    onBehind: () => {
      if (raw.inTransaction || options.bulkLoad) return;
      try {
        raw.pragma('wal_checkpoint(PASSIVE)');
      } catch (e) {
        console.error(`khabar: WAL checkpoint failed: ${(e as Error).message}`);
      }
    },
  }, options.checkpointTicks);
  return {
    kysely,
    dialect: sqliteOps,
    schema: null,
    changeCounterNow,
    close: async () => {
      await checkpointer.stop();
      counter.close();
      await kysely.destroy();
    },
  };
}

/**
 * Reads change_counter synchronously on the one connection. Kysely's driver would queue the read
 * behind a mutex and a few promises (about 4.6 µs against 1 µs); a read outside a transaction sees
 * exactly what is committed, so only the in-transaction case must take the queue. And while the
 * wal-index header shows that nothing was committed since the last read, that read still holds
 * (sqlite-wal-index.ts): one pread rather than SQLite's locking, per public request.
 */
function counterReader(raw: SQLite.Database, path: string): { now: () => number | undefined; close(): void } {
  let statement: SQLite.Statement | null = null;
  // Set up after the first read, when the -shm file exists; null where there is none.
  let watch: WalIndexWatch | null | undefined;
  let known: number | undefined;
  return {
    now: () => {
      if (raw.inTransaction || !raw.open) return undefined;
      // MUST be read before the counter: a commit in between then shows as a changed header.
      const unchanged = watch?.unchanged() ?? false;
      if (unchanged && known !== undefined) return known;
      known = undefined;
      try {
        statement ??= raw.prepare('select value from change_counter where id = 1').pluck();
        const v = statement.get();
        if (typeof v !== 'number') return undefined;
        if (watch === undefined) watch = watchWalIndex(path, raw);
        else watch?.remember();
        return (known = v);
      } catch {
        statement = null; // no table yet (before migrations), or a schema change: the queued path decides
        return undefined;
      }
    },
    close: () => {
      watch?.close();
      watch = null;
    },
  };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; preparing costs more than running a small query. Each
 * distinct SQL text is prepared once and kept (bounded, least recently used out). Safe because
 * better-sqlite3 runs statements synchronously and re-prepares them itself after schema changes.
 */
function withStatementCache(raw: SQLite.Database): { close(): void; prepare(sql: string): SQLite.Statement } {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => raw.close(),
    prepare(sql) {
      let s = statements.get(sql);
      if (s) {
        statements.delete(sql);
      } else {
        s = raw.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, s);
      return s;
    },
  };
}

function openPostgres(url: string, options: DbOptions): Db {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
    throw new DatabaseOpenError(`invalid schema name ${options.schema}`);
  }
  const pool = new (pgDriver().Pool)({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(options.applicationName && { application_name: options.applicationName }),
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const report = (e: unknown) => {
    try {
      options.onConnectionError?.(e);
    } catch {
      // A reporter must not turn a handled error into an unhandled one.
    }
  };
  // No database event may crash the process. The pool handles an idle client's error itself, but
  // takes its listener off while the client is checked out: a connection terminated under a
  // query then emitted 'error' with no listener (which crashed both instances of a cluster). Each
  // client keeps a listener of its own for its whole life; the query in flight fails on its own.
  pool.on('error', report);
  pool.on('connect', (client) => client.on('error', report));
  const kysely = new Kysely<Database>({
    dialect: new ResilientPostgresDialect(pool, { statementTimeoutMs: options.statementTimeoutMs ?? 0, onConnectionLost: report }),
  });
  return { kysely, dialect: postgresOps, schema: options.schema ?? null, close: () => kysely.destroy() };
}

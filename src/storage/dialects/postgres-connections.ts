import { CompiledQuery, type DatabaseConnection, type Driver, PostgresDialect, type PostgresDialectConfig, type QueryResult, type TransactionSettings } from 'kysely';
import { Unavailable } from '../../domain/errors.ts';

/**
 * PostgreSQL connections that a dropped database cannot turn into a crash or a half-done write.
 *
 * - A connection lost under a read outside a transaction is retried once on a fresh one (the
 *   pool drops the broken client when it comes back): a failover or a `pg_terminate_backend`
 *   costs readers nothing.
 * - A lost connection anywhere else — a write, a transaction, no database at all — becomes
 *   `Unavailable` (a 503 with the reader's text kept), never a 500. The transaction was not
 *   committed, so nothing was half-written.
 * - Transactions set their statement timeout with `SET LOCAL`, in the same round trip as BEGIN:
 *   PgBouncer in transaction mode keeps no session state and refuses it as a startup parameter.
 */
export interface ResilienceOptions {
  /** ms, 0 = the server's (or the role's) own. */
  statementTimeoutMs: number;
  /** Told of each read that was retried, and of each connection error seen. */
  onConnectionLost?: (e: unknown, retried: boolean) => void;
}

// 08P01: PgBouncer's «server conn crashed?» when the server connection under a client's
// transaction died (a terminate, a failover): that client's connection is done for.
const LOST_SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '08P01', '53300']);
const LOST_ERRNOS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Is this the connection failing (rather than the query)? */
export function isConnectionLost(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && (LOST_SQLSTATES.has(code) || LOST_ERRNOS.has(code))) return true;
  const m = (e as { message?: unknown }).message;
  return typeof m === 'string' && /Connection terminated|not queryable|connection error|Client was closed|the database system is (starting up|shutting down)|server conn crashed|server closed the connection/i.test(m);
}

/** A statement that only reads, so running it twice is harmless. */
function isRead(q: CompiledQuery): boolean {
  if (q.query.kind === 'SelectQueryNode') return true;
  return q.query.kind === 'RawNode' && /^\s*(select|with)\b/i.test(q.sql) && !/\b(insert|update|delete|merge)\b|\bfor\s+update\b/i.test(q.sql);
}

class Connection implements DatabaseConnection {
  inTransaction = false;
  constructor(
    readonly inner: DatabaseConnection,
    private readonly driver: ResilientDriver,
  ) {}

  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(q);
    } catch (e) {
      if (!isConnectionLost(e)) throw e;
      if (this.inTransaction || !isRead(q)) {
        this.driver.options.onConnectionLost?.(e, false);
        throw new Unavailable('database', { cause: e });
      }
      this.driver.options.onConnectionLost?.(e, true);
      return this.driver.once((c) => c.executeQuery<R>(q));
    }
  }

  streamQuery<R>(q: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(q, chunkSize);
  }
}

class ResilientDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    readonly options: ResilienceOptions,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Connection(await unavailableWhenLost(() => this.inner.acquireConnection()), this);
  }

  /** Runs `fn` on a fresh connection of its own; a second loss is the database being down. */
  async once<T>(fn: (c: DatabaseConnection) => Promise<T>): Promise<T> {
    return unavailableWhenLost(async () => {
      const c = await this.inner.acquireConnection();
      try {
        return await fn(c);
      } finally {
        await this.inner.releaseConnection(c);
      }
    });
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const c = connection as Connection;
    const ms = this.options.statementTimeoutMs;
    if (ms > 0 && !settings.isolationLevel && !settings.accessMode) {
      // No parameters: the simple protocol, which takes both statements in one round trip.
      await unavailableWhenLost(() => c.inner.executeQuery(CompiledQuery.raw(`begin; set local statement_timeout = ${Math.trunc(ms)}`)));
    } else {
      await unavailableWhenLost(() => this.inner.beginTransaction(c.inner, settings));
      if (ms > 0) await unavailableWhenLost(() => c.inner.executeQuery(CompiledQuery.raw(`set local statement_timeout = ${Math.trunc(ms)}`)));
    }
    c.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as Connection;
    try {
      await unavailableWhenLost(() => this.inner.commitTransaction(c.inner));
    } finally {
      c.inTransaction = false;
    }
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as Connection;
    try {
      await unavailableWhenLost(() => this.inner.rollbackTransaction(c.inner));
    } finally {
      c.inTransaction = false;
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.inner.releaseConnection((connection as Connection).inner);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

async function unavailableWhenLost<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isConnectionLost(e)) throw new Unavailable('database', { cause: e });
    throw e;
  }
}

/** Kysely's PostgreSQL dialect with the connections above. */
export class ResilientPostgresDialect extends PostgresDialect {
  constructor(
    config: PostgresDialectConfig,
    private readonly resilience: ResilienceOptions,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    return new ResilientDriver(super.createDriver(), this.resilience);
  }
}

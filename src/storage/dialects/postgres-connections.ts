import { CompiledQuery, type DatabaseConnection, type Driver, PostgresDialect, type PostgresDialectConfig, type QueryResult, type TransactionSettings } from 'kysely';
import { Unavailable } from '../../domain/errors.ts';
import { isRider } from '../riders.ts';

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
 * - BEGIN waits for the transaction's first statement, and riders (riders.ts) for the next one
 *   or the COMMIT: they share its round trip.
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
  /**
   * SQL held back to go with the transaction's next round trip: its BEGIN (until a statement
   * needs it) and the riders since (riders.ts). The change-counter bump goes with the COMMIT, and
   * a batch of comments' locks with the BEGIN: each saves a round trip.
   */
  private held: string[] = [];
  /** The held BEGIN has not gone out: nothing was sent in this transaction yet. */
  private beginHeld = false;
  private ridersHeld = 0;

  constructor(
    readonly inner: DatabaseConnection,
    private readonly driver: ResilientDriver,
  ) {}

  /** A transaction begins: `statements` wait for its first round trip (BEGIN among them unless `begun`). */
  begin(statements: string[], begun: boolean): void {
    this.held = [...statements];
    this.beginHeld = !begun;
    this.ridersHeld = 0;
    this.inTransaction = true;
  }

  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    if (this.inTransaction && isRider(q)) {
      this.held.push(q.sql);
      this.ridersHeld++;
      return { rows: [] };
    }
    if (this.held.length) await this.send();
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

  async *streamQuery<R>(q: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    if (this.held.length) await this.send();
    yield* this.inner.streamQuery<R>(q, chunkSize);
  }

  /** Ends the transaction: what is held goes with the COMMIT (nothing at all if nothing was). */
  async commit(): Promise<void> {
    try {
      if (!this.beginHeld || this.ridersHeld) await this.send('commit');
    } finally {
      this.end();
    }
  }

  /** Rolls back what was sent; a transaction that sent nothing has nothing to roll back. */
  async rollback(): Promise<void> {
    try {
      if (!this.beginHeld) await unavailableWhenLost(() => this.inner.executeQuery(CompiledQuery.raw('rollback')));
    } finally {
      this.end();
    }
  }

  private end(): void {
    this.held = [];
    this.beginHeld = false;
    this.ridersHeld = 0;
    this.inTransaction = false;
  }

  /** The held statements (and `last`) in one simple-protocol message: no parameters, one round trip. */
  private async send(last?: string): Promise<void> {
    const text = [...this.held, ...(last ? [last] : [])].join('; ');
    this.held = [];
    this.beginHeld = false;
    this.ridersHeld = 0;
    await unavailableWhenLost(() => this.inner.executeQuery(CompiledQuery.raw(text)));
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
    // SET LOCAL goes with the BEGIN: PgBouncer in transaction mode refuses it as a startup parameter.
    const timeout = ms > 0 ? [`set local statement_timeout = ${Math.trunc(ms)}`] : [];
    if (!settings.isolationLevel && !settings.accessMode) {
      // Sent with the transaction's first statement (or its riders), not in a round trip of its own.
      c.begin(['begin', ...timeout], false);
      return;
    }
    await unavailableWhenLost(() => this.inner.beginTransaction(c.inner, settings));
    c.begin(timeout, true);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as Connection).commit();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as Connection).rollback();
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

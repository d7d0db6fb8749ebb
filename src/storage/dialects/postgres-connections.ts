import { AbortedTransactionError, type CompiledQuery, type DatabaseConnection, type Driver, PostgresDialect, type QueryResult, type TransactionSettings } from 'kysely';
import type pg from 'pg';
import { Unavailable } from '../../domain/errors.ts';
import { isAtCommit, isInlinable, isRider, takeAtCommit } from '../riders.ts';

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
  /** Held statements whose answer someone waits for (riders.ts `atCommit`), by their place in `held`. */
  private answers: { at: number; answer: NonNullable<ReturnType<typeof takeAtCommit>> }[] = [];
  /** A failed ROLLBACK leaves the session in doubt: the pool must not hand it out again. */
  private discarded = false;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly driver: ResilientDriver,
    /** A read lost with its connection is tried once more on a fresh one (not the retry itself). */
    private readonly retryReads: boolean,
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
    const atCommit = this.inTransaction && isAtCommit(q) ? this.inline(q) : null;
    if (atCommit !== null) {
      this.answers.push({ at: this.held.length, answer: takeAtCommit(q)! });
      this.held.push(atCommit);
      this.ridersHeld++;
      return { rows: [] };
    }
    if (this.held.length) {
      const text = isInlinable(q) ? this.inline(q) : null;
      if (text !== null) return asKysely<R>(await this.send(text));
      await this.send();
    }
    try {
      return asKysely<R>(await this.client.query(q.sql, [...q.parameters]));
    } catch (e) {
      if (!isConnectionLost(e)) throw e;
      if (this.inTransaction || !isRead(q) || !this.retryReads) {
        this.driver.options.onConnectionLost?.(e, false);
        throw new Unavailable('database', { cause: e });
      }
      this.driver.options.onConnectionLost?.(e, true);
      return this.driver.once((c) => c.executeQuery<R>(q));
    }
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    // Nothing streams: every read is bounded (pages, batches). Kysely's own driver needs pg-cursor.
    throw new Error('streaming queries are not supported on PostgreSQL here');
  }

  /** Ends the transaction: what is held goes with the COMMIT (nothing at all if nothing was). */
  async commit(): Promise<void> {
    try {
      if (this.beginHeld && !this.ridersHeld) return;
      // PostgreSQL answers COMMIT with ROLLBACK when an earlier statement's error (one the caller
      // caught) aborted the transaction: nothing was written, and the writer must hear it.
      if ((await this.send('commit')).command === 'ROLLBACK') throw new AbortedTransactionError();
    } finally {
      this.end();
    }
  }

  /** Rolls back what was sent; a transaction that sent nothing has nothing to roll back. */
  async rollback(): Promise<void> {
    try {
      if (!this.beginHeld) await unavailableWhenLost(() => this.client.query('rollback'));
    } catch (e) {
      this.discarded = true;
      throw e;
    } finally {
      this.end();
    }
  }

  release(): void {
    this.client.release(this.discarded);
  }

  private end(): void {
    // Held with a transaction that ended without sending them: they never ran.
    for (const { answer } of this.answers) answer.reject(new Error('the transaction ended before this statement was sent'));
    this.answers = [];
    this.held = [];
    this.beginHeld = false;
    this.ridersHeld = 0;
    this.inTransaction = false;
  }

  /**
   * The held statements (and `last`) in one simple-protocol message (no parameters: one round
   * trip for them all); the last statement's result.
   */
  private async send(last?: string): Promise<pg.QueryResult> {
    const text = [...this.held, ...(last ? [last] : [])].join('; ');
    const answers = this.answers;
    this.held = [];
    this.answers = [];
    this.beginHeld = false;
    this.ridersHeld = 0;
    let r: pg.QueryResult | pg.QueryResult[];
    try {
      r = (await unavailableWhenLost(() => this.client.query(text))) as pg.QueryResult | pg.QueryResult[];
    } catch (e) {
      for (const { answer } of answers) answer.reject(e);
      throw e;
    }
    // One result per statement, in the order sent (each held entry is one statement).
    const results = Array.isArray(r) ? r : [r];
    for (const { at, answer } of answers) answer.resolve(asKysely(results[at]!));
    return results.at(-1)!;
  }

  private inline(q: CompiledQuery): string | null {
    return inlined(q, (v) => this.client.escapeLiteral(v));
  }
}

/**
 * The statement with its values written in as literals, or null when one is of a kind not written
 * so here. Strings through pg's own escaping (which holds whatever standard_conforming_strings
 * says); numbers in parentheses, so a negative one can never make `--` with a minus before it.
 */
export function inlined(q: CompiledQuery, escape: (s: string) => string): string | null {
  const values: string[] = [];
  for (const v of q.parameters) {
    if (typeof v === 'string') values.push(escape(v));
    else if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'bigint') values.push(`(${v})`);
    else if (v === null) values.push('NULL');
    else if (typeof v === 'boolean') values.push(String(v));
    else return null;
  }
  return q.sql.replace(/\$(\d+)/g, (_, n: string) => values[Number(n) - 1]!);
}

/** pg's result as Kysely's PostgreSQL driver gives it. */
function asKysely<R>(r: pg.QueryResult): QueryResult<R> {
  const { command, rowCount, rows } = r;
  const changed = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE';
  return { ...(changed && { numAffectedRows: BigInt(rowCount ?? 0) }), rows: (rows ?? []) as R[] };
}

/** Kysely's driver over a pg pool, with the connections above (its own PostgresDriver hides the client). */
class ResilientDriver implements Driver {
  private pool: pg.Pool | undefined;

  constructor(
    pool: pg.Pool,
    readonly options: ResilienceOptions,
  ) {
    this.pool = pool;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Connection(await this.connect(), this, true);
  }

  /** Runs `fn` on a fresh connection of its own; a second loss is the database being down. */
  async once<T>(fn: (c: DatabaseConnection) => Promise<T>): Promise<T> {
    const c = new Connection(await this.connect(), this, false);
    try {
      return await fn(c);
    } finally {
      c.release();
    }
  }

  private connect(): Promise<pg.PoolClient> {
    const pool = this.pool;
    if (!pool) return Promise.reject(new Error('the database has been closed'));
    return unavailableWhenLost(() => pool.connect());
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const c = connection as Connection;
    const ms = this.options.statementTimeoutMs;
    // SET LOCAL goes with the BEGIN: PgBouncer in transaction mode refuses it as a startup parameter.
    const timeout = ms > 0 ? [`set local statement_timeout = ${Math.trunc(ms)}`] : [];
    const start = ['start transaction', settings.isolationLevel && `isolation level ${settings.isolationLevel}`, settings.accessMode]
      .filter(Boolean)
      .join(' ');
    // Sent with the transaction's first statement (or its riders), not in a round trip of its own.
    c.begin([start, ...timeout], false);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as Connection).commit();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as Connection).rollback();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as Connection).release();
  }

  async destroy(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end();
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

/** Kysely's PostgreSQL dialect (its SQL, its introspection) with the driver above. */
export class ResilientPostgresDialect extends PostgresDialect {
  constructor(
    private readonly pool: pg.Pool,
    private readonly resilience: ResilienceOptions,
  ) {
    super({ pool });
  }

  override createDriver(): Driver {
    return new ResilientDriver(this.pool, this.resilience);
  }
}

import { CompiledQuery, type QueryResult } from 'kysely';

/**
 * Statements that may ride with their transaction's next round trip instead of costing one of
 * their own: nobody reads their result, and they carry no parameters (their values are literals),
 * so a driver that can send several statements in one message (PostgreSQL's simple protocol) sends
 * them just before the transaction's next statement or with its COMMIT. Order is kept: a rider
 * still runs before everything issued after it. SQLite runs them where they stand — it has no
 * round trips to save.
 *
 * An error in a rider surfaces at the statement it rode with; the transaction fails either way.
 */
const riders = new WeakSet<CompiledQuery>();

/** `sql` as a rider. It must not need its result, and must hold no value from outside the code. */
export function rider(sqlText: string): CompiledQuery {
  const q = CompiledQuery.raw(sqlText);
  riders.add(q);
  return q;
}

export function isRider(q: CompiledQuery): boolean {
  return riders.has(q);
}

const inlinables = new WeakSet<CompiledQuery>();

/**
 * A read that may go in the same message as what its transaction holds back (the BEGIN, the
 * riders before it), its values written into the SQL as literals by the driver's own escaping:
 * one round trip instead of two. Only for statements whose SQL text holds no literal of its own
 * that could contain a `$` (Kysely's compiled queries: values are all parameters).
 */
export function inlinable<Q extends CompiledQuery>(q: Q): Q {
  inlinables.add(q);
  return q;
}

export function isInlinable(q: CompiledQuery): boolean {
  return inlinables.has(q);
}

type Runs = { executeQuery<R>(q: CompiledQuery<R>): Promise<QueryResult<R>> };
type Answer = { resolve: (r: QueryResult<unknown>) => void; reject: (e: unknown) => void };
const atCommitAnswers = new WeakMap<CompiledQuery, Answer>();

/** The answer of a statement sent with its transaction's COMMIT: `result` settles once it is known. */
export interface AtCommit<R> {
  readonly result: Promise<QueryResult<R>>;
}

/**
 * Runs `q` — a write whose result its caller needs only after the transaction (the ids of rows
 * inserted) — as a rider that keeps its answer: a driver that holds riders may send it, its
 * values inlined as for `inlinable`, with the transaction's next round trip, at the latest its
 * COMMIT, and `result` settles when that round trip is answered. Elsewhere it runs where it
 * stands and `result` is already known.
 *
 * Its caller must not wait for `result` inside the transaction (the COMMIT would wait on it), and
 * an error in it surfaces at the round trip it rode with; `result` then rejects too.
 */
export async function atCommit<R>(db: Runs, q: CompiledQuery<R>): Promise<AtCommit<R>> {
  let answer!: Answer;
  const result = new Promise<QueryResult<R>>((resolve, reject) => {
    answer = { resolve: resolve as Answer['resolve'], reject };
  });
  // The transaction may fail before anyone reads `result`: that is heard through the write.
  result.catch(() => {});
  atCommitAnswers.set(q, answer);
  try {
    const now = await db.executeQuery(q);
    // Still here: the driver ran it in its place, and its answer is this one.
    if (atCommitAnswers.has(q)) answer.resolve(now);
  } catch (e) {
    answer.reject(e);
    throw e;
  } finally {
    atCommitAnswers.delete(q);
  }
  return { result };
}

export function isAtCommit(q: CompiledQuery): boolean {
  return atCommitAnswers.has(q);
}

/** For a driver that holds `q` back: the answer it must deliver once `q` is sent. */
export function takeAtCommit(q: CompiledQuery): Answer | undefined {
  const a = atCommitAnswers.get(q);
  atCommitAnswers.delete(q);
  return a;
}

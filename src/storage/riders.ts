import { CompiledQuery } from 'kysely';

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

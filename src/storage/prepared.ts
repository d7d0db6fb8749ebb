import { type Compilable, type CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import { inlinable } from './riders.ts';
import type { Database } from './schema.ts';

/**
 * A query built and compiled once, then run with new values. Kysely otherwise rebuilds its
 * operation tree and recompiles the SQL on every call, which on a hot path (the comment POST,
 * a cache miss of an article page) costs more than SQLite takes to run the query.
 *
 * `build` receives one marker per argument and must use each only as a plain value (no arrays,
 * no `limit`): at run time every marker in the compiled parameters is replaced by its argument.
 */
export function prepared<A extends readonly unknown[], R>(
  build: (db: Kysely<Database>, ...args: { [K in keyof A]: A[K] }) => Compilable<R>,
  arity: A['length'],
  /** The statement may ride with its transaction's held BEGIN, its values inlined (riders.ts). */
  options: { inlinable?: boolean } = {},
): (db: Kysely<Database>, ...args: A) => Promise<QueryResult<R>> {
  const compile = preparedQuery(build, arity);
  return (db, ...args) => {
    const q = compile(db, ...args);
    return db.executeQuery(options.inlinable ? inlinable(q) : q);
  };
}

/** `prepared`'s statement with its values, to run some other way (riders.ts `atCommit`). */
export function preparedQuery<A extends readonly unknown[], R>(
  build: (db: Kysely<Database>, ...args: { [K in keyof A]: A[K] }) => Compilable<R>,
  arity: A['length'],
): (db: Kysely<Database>, ...args: A) => CompiledQuery<R> {
  const markers = Array.from({ length: arity }, (_, i) => `\u0000khabar-arg-${i}\u0000`);
  // Compiled once per dialect (they write different SQL). A transaction is a new Kysely handle
  // over the same dialect adapter, so the adapter is the key.
  const compiled = new WeakMap<object, { query: CompiledQuery<R>; slots: number[] }>();
  return (db, ...args) => {
    const key = db.getExecutor().adapter;
    let c = compiled.get(key);
    if (!c) {
      const query = build(db, ...(markers as unknown as { [K in keyof A]: A[K] })).compile();
      const slots = query.parameters.map((p) => (typeof p === 'string' ? markers.indexOf(p) : -1));
      c = { query, slots };
      compiled.set(key, c);
    }
    const { query, slots } = c;
    const parameters = query.parameters.map((p, i) => (slots[i]! >= 0 ? args[slots[i]!] : p));
    return { ...query, parameters };
  };
}

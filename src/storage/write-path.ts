import type { Kysely } from 'kysely';
import type { InvalidationKey } from '../domain/invalidation.ts';
import type { ChangeCounter } from './change-counter.ts';
import type { Database } from './schema.ts';

/**
 * A transaction's handle, passed from a service to the repositories it calls so their writes
 * land together. Services hand it on and never query with it.
 */
export type Tx = Kysely<Database>;

/** Records more keys from inside a write, when what changed is known only there. */
export type Touch = (...keys: readonly InvalidationKey[]) => void;

export interface WriteOptions<T> {
  /**
   * What readers see that this write changes: the keys, or a function of the write's result.
   * `[]` says, on purpose, that no public page shows it (a draft, a session, a held comment).
   * Keys passed to `touch` inside the write are added to these.
   */
  invalidates: readonly InvalidationKey[] | ((result: T) => readonly InvalidationKey[]);
}

export type WriteListener = (keys: readonly InvalidationKey[]) => void;

/**
 * The one way anything is written. It runs `fn` in one transaction; when the write invalidates
 * anything it bumps the content version inside that transaction (every process, the CLI too,
 * compares it per request, so no cache outlives a write), and after the COMMIT it announces the
 * keys to the listeners (the page cache; later CDN purges and other instances).
 */
export class WritePath {
  private readonly listeners = new Set<WriteListener>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly changes: ChangeCounter,
  ) {}

  async write<T>(fn: (tx: Tx, touch: Touch) => Promise<T>, o: WriteOptions<T>): Promise<T> {
    let keys: InvalidationKey[] = [];
    const run = async (tx: Tx) => {
      const touched: InvalidationKey[] = [];
      const result = await fn(tx, (...k) => void touched.push(...k));
      const declared = typeof o.invalidates === 'function' ? o.invalidates(result) : o.invalidates;
      keys = [...new Set([...declared, ...touched])];
      if (keys.length) await this.changes.bump(tx);
      return result;
    };
    const result = await this.db.transaction().execute(run);
    if (keys.length) this.announce(keys);
    return result;
  }

  /** Hears the keys of every committed write of this process; returns the way to stop. */
  onWrite(listener: WriteListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private announce(keys: readonly InvalidationKey[]): void {
    for (const l of this.listeners) {
      try {
        l(keys);
      } catch {
        // A listener's failure must not turn a committed write into an error for the writer.
      }
    }
  }
}

import type { Kysely } from 'kysely';
import { rider } from './riders.ts';
import type { Database } from './schema.ts';

// A rider: on PostgreSQL it goes to the server with the COMMIT, not in a round trip of its own.
const BUMP = rider('update change_counter set value = value + 1 where id = 1');

/**
 * A counter that every content write bumps inside its transaction. Each process compares it to
 * the value its caches were built at, so a write from any process (the CLI too) is seen on the
 * next request — no pub/sub needed for correctness.
 */
export class ChangeCounter {
  // Read on every public request: built once, not per call.
  private readonly readQuery;

  constructor(
    private readonly db: Kysely<Database>,
    /** The dialect's synchronous read, when it has one (Db.changeCounterNow). */
    private readonly readNow?: () => number | undefined,
  ) {
    this.readQuery = db.selectFrom('change_counter').select('value').where('id', '=', 1).compile();
  }

  /**
   * The counter now, without yielding, where the dialect can read it so (SQLite outside a
   * transaction); undefined where it cannot (then `read`).
   */
  readSync(): number | undefined {
    return this.readNow?.();
  }

  async read(): Promise<number> {
    const now = this.readNow?.();
    if (now !== undefined) return now;
    // The callers of one turn of the event loop (sixteen readers posting at once) share one read,
    // sent once the turn's requests have all asked: each still gets a value read after it asked,
    // so a write committed before any of them asked is seen — one round trip instead of sixteen.
    this.shared ??= new Promise<number>((resolve, reject) => {
      setImmediate(() => {
        this.shared = null;
        this.db.executeQuery(this.readQuery).then(({ rows }) => resolve(rows[0]?.value ?? 0), reject);
      });
    });
    return this.shared;
  }

  private shared: Promise<number> | null = null;

  async bump(tx: Kysely<Database>): Promise<void> {
    await tx.executeQuery(BUMP);
  }
}

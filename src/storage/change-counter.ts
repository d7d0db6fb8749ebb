import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * A counter that every content write bumps inside its transaction. Each process compares it to
 * the value its caches were built at, so a write from any process (the CLI too) is seen on the
 * next request — no pub/sub needed for correctness.
 */
export class ChangeCounter {
  constructor(private readonly db: Kysely<Database>) {}

  async read(): Promise<number> {
    const row = await this.db.selectFrom('change_counter').select('value').where('id', '=', 1).executeTakeFirst();
    return row?.value ?? 0;
  }

  async bump(tx: Kysely<Database>): Promise<void> {
    await tx.updateTable('change_counter').set({ value: sql`value + 1` }).where('id', '=', 1).execute();
  }
}

import type { Kysely } from 'kysely';
import type { Tx } from './write-path.ts';
import type { Database } from './schema.ts';

export class SettingsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(key: string): Promise<string | null> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value ?? null;
  }

  /** Sets the value unless one exists; returns the value now stored (first writer wins). */
  async getOrInit(key: string, value: string): Promise<string> {
    await this.db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doNothing()).execute();
    return (await this.get(key)) ?? value;
  }

  async set(key: string, value: string, db: Tx = this.db): Promise<void> {
    await db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  async delete(key: string, db: Tx = this.db): Promise<void> {
    await db.deleteFrom('settings').where('key', '=', key).execute();
  }
}

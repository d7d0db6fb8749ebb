import { sql } from 'kysely';
import type { DialectOps } from './dialect.ts';

export const postgresOps: DialectOps = {
  name: 'postgres',
  // BY DEFAULT (not ALWAYS): an import may insert its own ids (stack notes).
  idColumn: (col) => col.primaryKey().generatedByDefaultAsIdentity(),
  syncIdSequence: async (db, table) => {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'),
      GREATEST((SELECT COALESCE(MAX(id), 0) FROM ${sql.table(table)}), 1))`.execute(db);
  },
};

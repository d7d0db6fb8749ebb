import type { DialectOps } from './dialect.ts';

export const sqliteOps: DialectOps = {
  name: 'sqlite',
  // INTEGER PRIMARY KEY is the rowid: explicit ids are kept, new ids follow the largest.
  idColumn: (col) => col.primaryKey(),
  syncIdSequence: async () => {},
};

import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/**
 * Everything that differs between SQLite and PostgreSQL, in one small interface
 * (conventions §5). Query code elsewhere is dialect-free Kysely.
 */
export interface DialectOps {
  readonly name: 'sqlite' | 'postgres';
  /** An integer primary key that also accepts explicit ids (imports keep WordPress ids). */
  idColumn(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** After inserting explicit ids, move the id generator past them (no-op on SQLite). */
  syncIdSequence(db: Kysely<Database>, table: keyof Database): Promise<void>;
}

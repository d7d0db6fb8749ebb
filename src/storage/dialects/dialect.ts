import type { ColumnDefinitionBuilder, Kysely, RawBuilder } from 'kysely';
import type { MigrationDb } from '../migrate.ts';
import type { Database } from '../schema.ts';
import type { FullTextOps } from './full-text.ts';

/**
 * Everything that differs between SQLite and PostgreSQL, in one small interface
 * (conventions §5). Query code elsewhere is dialect-free Kysely.
 */
export interface DialectOps {
  readonly name: 'sqlite' | 'postgres';
  /** An integer primary key that also accepts explicit ids (imports keep WordPress ids). */
  idColumn(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** The most bound parameters one statement may carry (SQLite 32,766; PostgreSQL 65,535). */
  readonly maxParameters: number;
  /**
   * `n` fresh ids of a table for rows about to be inserted together (a bulk load knows each
   * row's id before the INSERT, so replies can point at their parents in the same statement).
   * Call inside the writing transaction.
   */
  reserveIds(tx: Kysely<Database>, table: 'articles' | 'comments', n: number): Promise<number[]>;
  /** After inserting explicit ids, move the id generator past them (no-op on SQLite). */
  syncIdSequence(db: Kysely<Database>, table: keyof Database): Promise<void>;
  /**
   * Serialises transactions that check-then-write the same keys (the comment flood rule): held
   * until the transaction ends. SQLite needs nothing (one writer at a time, and this process's
   * transactions run one after another on its one connection).
   */
  lockKeys(tx: Kysely<Database>, keys: string[]): Promise<void>;
  /**
   * After a bulk load (an import, a reindex): fresh planner statistics. PostgreSQL's autovacuum
   * gets there within minutes, but until then a table it believes empty gets nested loops —
   * measured: "related articles" took 1.6 s instead of a few ms after 10,000 articles were loaded.
   * SQLite plans well without statistics here (none is the default): nothing to do.
   */
  refreshStatistics(db: Kysely<Database>): Promise<void>;
  /**
   * `articles AS a`, joined by id where only an article's edition, kind, status and date are read
   * (related articles). SQLite's planner always takes the rowid, and the row keeps status and date
   * behind the body, so each lookup read the body's overflow pages too: it is told to use
   * articles_search_state (id, edition, status, published_at), leaving only kind to the row's
   * first page. PostgreSQL plans the join itself.
   */
  readonly articleStateJoin: RawBuilder<unknown>;
  /** The search index: FTS5 on SQLite, tsvector + GIN on PostgreSQL (storage/search.ts uses it). */
  readonly fullText: FullTextOps;
}

export type { MigrationDb };

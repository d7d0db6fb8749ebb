import type { MigrationDb } from '../migrate.ts';
import type { DialectOps } from '../dialects/dialect.ts';

/**
 * Search's recency windows read only the recent part of a common word's matches where the
 * dialect needs help for it (dialects/full-text.ts `addRecencyBuckets`): on PostgreSQL each
 * indexed document gains the lexeme of its recency bucket. No reindex: the bucket follows from
 * the key each row already holds.
 */
export async function up(db: MigrationDb, d: DialectOps): Promise<void> {
  await d.fullText.addRecencyBuckets(db);
}

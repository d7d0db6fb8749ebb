import type { Kysely, RawBuilder } from 'kysely';
import type { MigrationDb } from '../migrate.ts';
import type { Database } from '../schema.ts';

/**
 * The small full-text interface each dialect implements. The index holds analyzer output only
 * (platform/arabic/analyzer.ts), space-separated and padded with a space at both ends:
 * - `terms`: every stem of the whole text — the only indexed column (every exact match is also a
 *   stem match, so matching on stems alone loses nothing);
 * - `norm` / `stem`: exact forms and stems of the title and the lead, stored for scoring only, so
 *   a query reads a few KB per candidate and not whole articles.
 */
export interface SearchDocument {
  articleId: number;
  edition: string;
  /** Recency order key: whole minutes since the epoch × 10^8 + article id (storage/search.ts). */
  docKey: number;
  terms: string;
  norm: string;
  stem: string;
  /** The article's status and date when indexed (PostgreSQL keeps them current with a trigger). */
  status: string;
  publishedAt: string | null;
}

export interface MatchQuery {
  edition: string;
  /** Stems that must all occur (`all`) or any of which may (`any`). Plain tokens: letters and digits. */
  stems: string[];
  mode: 'all' | 'any';
  from?: string;
  to?: string;
  categoryId?: number;
  limit: number;
}

export interface FullTextOps {
  /** Migration: creates the index table(s). */
  createSearchTables(db: MigrationDb): Promise<void>;
  upsert(tx: Kysely<Database>, doc: SearchDocument): Promise<void>;
  remove(tx: Kysely<Database>, articleId: number): Promise<void>;
  clear(tx: Kysely<Database>): Promise<void>;
  /**
   * A sub-select of the newest matching published posts (doc_key DESC, at most `limit`) with the
   * columns doc_key, article_id, norm, stem and the article's published_at. Status and
   * dates are read from the articles row, so any status change (even one that bypasses the
   * indexer) shows in results at once. The
   */
  matches(q: MatchQuery): RawBuilder<unknown>;
}

/** A term as a quoted FTS5 string / tsquery lexeme: tokens are letters and digits, but quote anyway. */
export function quoteTerm(t: string, quote: '"' | "'"): string {
  return quote + t.replaceAll('\\', '').replaceAll(quote, quote + quote) + quote;
}

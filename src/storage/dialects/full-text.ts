import type { Kysely } from 'kysely';
import type { MigrationDb } from '../migrate.ts';
import type { Database } from '../schema.ts';

/**
 * The small full-text interface each dialect implements. The index holds analyzer output only
 * (platform/arabic/analyzer.ts), space-separated and padded with a space at both ends:
 * - `terms`: every stem of the whole text — the only indexed column (every exact match is also a
 *   stem match, so matching on stems alone loses nothing);
 * - `norm` / `stem`: exact forms and stems of the title and the lead, stored for scoring only, so
 *   a query reads a few KB per candidate and not whole articles (in one-byte characters:
 *   services/search/stored-tokens.ts);
 * - `fullNorm` / `fullStem`: the same of the title and the whole article (up to the indexer's
 *   cap), read only for the candidates of a query whose matches all fit in its window
 *   (services/search): BM25 over the whole article where it decides, at a bounded cost.
 */
export interface SearchDocument {
  articleId: number;
  edition: string;
  /** Recency order key: whole minutes since the epoch × 10^8 + article id (storage/search.ts). */
  docKey: number;
  terms: string;
  norm: string;
  stem: string;
  fullNorm: string;
  fullStem: string;
  /** The article's status and date when indexed (PostgreSQL keeps them current with a trigger). */
  status: string;
  publishedAt: string | null;
}

export interface MatchQuery {
  edition: string;
  /**
   * Stems that must all occur (`all`) or any of which may (`any`). An entry may be a list of
   * alternatives, any one of which counts for it (a query word's stem and the stem of the word
   * without its proclitic). Plain tokens: letters and digits.
   */
  stems: (string | string[])[];
  mode: 'all' | 'any';
  from?: string;
  to?: string;
  categoryId?: number;
  limit: number;
  /**
   * The scoring tokens the caller will read for the final matches, which a dialect that pays a
   * round trip per statement may hand back with them: `lead`, or `fit` — the whole articles' when
   * fewer than `limit` match, else the leads (services/search). A dialect may ignore it.
   */
  tokens?: 'lead' | 'fit';
  /**
   * With `fit`: when the window is full (scored on leads), only its newest `leadsOf` matches come
   * with tokens — the caller scores no more of a full window (services/search, SCORED_RECENT).
   */
  leadsOf?: number;
}

/** A match: what orders and identifies it, and its scoring tokens when the dialect read them with it (`MatchQuery.tokens`). */
export interface CandidateRow {
  doc_key: number | string;
  article_id: number;
  published_at: string;
  norm?: string | null;
  stem?: string | null;
  /** Which tokens `norm` and `stem` are. */
  scope?: 'lead' | 'whole' | null;
}

export interface TokenRow {
  article_id: number;
  norm: string;
  stem: string;
}

export interface FullTextOps {
  /** Migration: creates the index table(s). */
  createSearchTables(db: MigrationDb): Promise<void>;
  /** Migration 0009: room for the whole article's tokens; empties the index (to be rebuilt). */
  addWholeArticleFields(db: MigrationDb): Promise<void>;
  /**
   * Migration 0027: whatever the candidate stage needs to read a match's edition, status and
   * date cheaply (SQLite: an index on articles; PostgreSQL keeps them in search_documents).
   */
  addMatchStateIndex(db: MigrationDb): Promise<void>;
  /**
   * Migration 0033: whatever lets a recency window skip the older matches of a common word
   * (PostgreSQL: each document's recency-bucket lexeme, dialects/recency-buckets.ts; SQLite's FTS5
   * already reads its posting lists newest first).
   */
  addRecencyBuckets(db: MigrationDb): Promise<void>;
  upsert(tx: Kysely<Database>, doc: SearchDocument): Promise<void>;
  /** Index entries for articles that have none yet (a bulk import's new articles), in few statements. */
  insertMany(tx: Kysely<Database>, docs: readonly SearchDocument[]): Promise<void>;
  remove(tx: Kysely<Database>, articleId: number): Promise<void>;
  clear(tx: Kysely<Database>): Promise<void>;
  /**
   * The newest matching published posts, newest first (doc_key DESC), at most `limit`: keys only
   * — the scoring tokens are read once for the union of a query's windows (`leads`,
   * `wholeArticles`), not for every window that looked. Status and dates are current (read from articles, or kept in step by a
   * trigger), so any status change shows in results at once. Every dialect must return exactly
   * the newest `limit` matches — how it finds them is its own affair.
   */
  candidates(db: Kysely<Database>, q: MatchQuery): Promise<CandidateRow[]>;
  /**
   * For each token, the number of indexed documents holding it (every edition and status: the
   * same rows on both dialects), counted up to `cap` — enough to weigh rare words above common
   * ones (IDF) without reading a common word's every document.
   */
  documentCounts(db: Kysely<Database>, tokens: string[], cap: number): Promise<number[]>;
  /** The title-and-lead tokens (`norm`, `stem`) of these candidates, by article id. */
  leads(db: Kysely<Database>, candidates: { articleId: number; docKey: number }[]): Promise<TokenRow[]>;
  /** The whole-article tokens (`fullNorm`, `fullStem`) of these candidates, by article id. */
  wholeArticles(db: Kysely<Database>, candidates: { articleId: number; docKey: number }[]): Promise<TokenRow[]>;
}

/** The match expression of `q` in a dialect's syntax: quoted terms, its AND and its OR. */
export function matchExpression(q: MatchQuery, quote: '"' | "'", and: string, or: string): string {
  const group = (g: string | string[]) => {
    const alts = (typeof g === 'string' ? [g] : g).map((s) => quoteTerm(s, quote));
    return alts.length === 1 ? alts[0]! : `(${alts.join(or)})`;
  };
  return q.stems.map(group).join(q.mode === 'all' ? and : or);
}

/** A term as a quoted FTS5 string / tsquery lexeme: tokens are letters and digits, but quote anyway. */
export function quoteTerm(t: string, quote: '"' | "'"): string {
  return quote + t.replaceAll('\\', '').replaceAll(quote, quote + quote) + quote;
}

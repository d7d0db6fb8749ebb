import { sql } from 'kysely';
import type { DialectOps } from './dialect.ts';
import { KEY_ID_SPAN } from '../search.ts';
import { type CandidateRow, type FullTextOps, matchExpression, quoteTerm, type TokenRow } from './full-text.ts';

/**
 * FTS5 (`search_text`, since migration 0009; 0003 made `search_fts`), rowid = doc key, so `ORDER BY rowid DESC LIMIT n` walks the index newest first and stops
 * early. `detail=none`: no phrase queries, a smaller index. Contentless for the indexed `terms`
 * (SQLite ≥ 3.47: contentless_unindexed keeps the UNINDEXED columns): reading a candidate's
 * small scoring columns must not load the whole article's token list (measured: 3–7 ms per
 * query at 100,000 articles). search_keys finds a document's rowid from its article id.
 */
const fullText: FullTextOps = {
  async createSearchTables(db) {
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(
      terms, norm UNINDEXED, stem UNINDEXED, article_id UNINDEXED, edition UNINDEXED,
      content = '', contentless_delete = 1, contentless_unindexed = 1,
      tokenize = 'unicode61 remove_diacritics 0', detail = none)`.execute(db);
    await sql`CREATE TABLE search_keys (article_id INTEGER PRIMARY KEY, doc_key INTEGER NOT NULL)`.execute(db);
    // A deleted article leaves the index at once (PostgreSQL does this with ON DELETE CASCADE).
    await sql`CREATE TRIGGER search_article_deleted AFTER DELETE ON articles BEGIN
      DELETE FROM search_fts WHERE rowid IN (SELECT doc_key FROM search_keys WHERE article_id = old.id);
      DELETE FROM search_keys WHERE article_id = old.id;
    END`.execute(db);
  },
  async addWholeArticleFields(db) {
    // An FTS5 table's columns cannot change: a new table (a new name too — inside the migration's
    // transaction the old one's shadow tables still hold theirs). The small columns come first:
    // SQLite reads a record's columns in order, so a filter on edition or a read of the lead must
    // not walk the overflow pages of the whole article's tokens (measured: 2.2 ms of CPU for 200
    // candidates behind them, 0.2 ms before them).
    await sql`DROP TRIGGER search_article_deleted`.execute(db);
    await sql`DROP TABLE search_fts`.execute(db);
    await sql`CREATE VIRTUAL TABLE search_text USING fts5(
      terms, article_id UNINDEXED, edition UNINDEXED, norm UNINDEXED, stem UNINDEXED, full_norm UNINDEXED, full_stem UNINDEXED,
      content = '', contentless_delete = 1, contentless_unindexed = 1,
      tokenize = 'unicode61 remove_diacritics 0', detail = none)`.execute(db);
    await sql`DELETE FROM search_keys`.execute(db);
    await sql`CREATE TRIGGER search_article_deleted AFTER DELETE ON articles BEGIN
      DELETE FROM search_text WHERE rowid IN (SELECT doc_key FROM search_keys WHERE article_id = old.id);
      DELETE FROM search_keys WHERE article_id = old.id;
    END`.execute(db);
  },
  async addRecencyBuckets() {
    // FTS5 keeps doc_key as the rowid and walks its posting lists from the newest end.
  },
  async addMatchStateIndex(db) {
    await sql`CREATE INDEX articles_search_state ON articles (id, edition, status, published_at)`.execute(db);
  },
  async upsert(tx, d) {
    await fullText.remove(tx, d.articleId);
    await sql`INSERT INTO search_text (rowid, terms, article_id, edition, norm, stem, full_norm, full_stem)
      VALUES (${d.docKey}, ${d.terms}, ${d.articleId}, ${d.edition}, ${d.norm}, ${d.stem}, ${d.fullNorm}, ${d.fullStem})`.execute(tx);
    await sql`INSERT INTO search_keys (article_id, doc_key) VALUES (${d.articleId}, ${d.docKey})`.execute(tx);
  },
  async insertMany(tx, docs) {
    // 8 parameters a row in search_text, 2 in search_keys: well inside SQLite's 32,766 per statement.
    for (let i = 0; i < docs.length; i += 1000) {
      const slice = docs.slice(i, i + 1000);
      await sql`INSERT INTO search_text (rowid, terms, article_id, edition, norm, stem, full_norm, full_stem)
        VALUES ${sql.join(slice.map((d) => sql`(${d.docKey}, ${d.terms}, ${d.articleId}, ${d.edition}, ${d.norm}, ${d.stem}, ${d.fullNorm}, ${d.fullStem})`))}`.execute(tx);
      await sql`INSERT INTO search_keys (article_id, doc_key) VALUES ${sql.join(slice.map((d) => sql`(${d.articleId}, ${d.docKey})`))}`.execute(tx);
    }
  },
  async remove(tx, articleId) {
    await sql`DELETE FROM search_text WHERE rowid IN (SELECT doc_key FROM search_keys WHERE article_id = ${articleId})`.execute(tx);
    await sql`DELETE FROM search_keys WHERE article_id = ${articleId}`.execute(tx);
  },
  async clear(tx) {
    await sql`DELETE FROM search_text`.execute(tx);
    await sql`DELETE FROM search_keys`.execute(tx);
  },
  async candidates(db, q) {
    // Every user term is quoted: unquoted input such as `NEAR( OR*` is an FTS5 syntax error.
    const expr = matchExpression(q, '"', ' AND ', ' OR ');
    // Nothing of the FTS5 row is read: FTS5 reads a row's stored columns all at once (the whole
    // article's tokens too), so the article id comes from the doc key (its low digits) and the
    // edition, status and date from articles_search_state, which holds them (migration 0027; the
    // articles row keeps them behind the body). Measured at 100,000 articles: 1.2–2.2 ms of CPU
    // for 200 matches reading the row's edition and the article's status, 0.3–0.6 ms so.
    const { rows } = await sql<CandidateRow>`SELECT f.rowid AS doc_key, a.id AS article_id, a.published_at AS published_at
      FROM search_text f JOIN articles a INDEXED BY articles_search_state ON a.id = f.rowid % ${sql.lit(KEY_ID_SPAN)}
      WHERE search_text MATCH ${expr} AND a.edition = ${q.edition} AND a.status = 'published'
      ${q.from !== undefined ? sql`AND a.published_at >= ${q.from}` : sql``}
      ${q.to !== undefined ? sql`AND a.published_at < ${q.to}` : sql``}
      ${q.categoryId !== undefined ? sql`AND a.id IN (SELECT article_id FROM article_categories WHERE category_id = ${q.categoryId})` : sql``}
      ORDER BY f.rowid DESC LIMIT ${q.limit}`.execute(db);
    return rows;
  },
  // The scoring tokens straight from FTS5's content table (search_text_content: c1… are the
  // UNINDEXED columns in declaration order, `terms` is not stored): through the FTS5 table every
  // row's stored columns are read, the whole article's tokens for a lead too (2.5 → 1.9 ms of
  // CPU for 200 leads at 100,000 articles).
  async leads(db, candidates) {
    if (!candidates.length) return [];
    const { rows } = await sql<TokenRow>`SELECT c1 AS article_id, c3 AS norm, c4 AS stem
      FROM search_text_content WHERE id IN (${sql.join(candidates.map((c) => c.docKey))})`.execute(db);
    return rows;
  },
  async wholeArticles(db, candidates) {
    if (!candidates.length) return [];
    const { rows } = await sql<TokenRow>`SELECT c1 AS article_id, c5 AS norm, c6 AS stem
      FROM search_text_content WHERE id IN (${sql.join(candidates.map((c) => c.docKey))})`.execute(db);
    return rows;
  },
  async documentCounts(db, tokens, cap) {
    if (!tokens.length) return [];
    // One statement for every token (a "did you mean" asks about hundreds); FTS5 walks each
    // token's doclist only (detail=none), up to `cap`: no row is read.
    const list = sql.join(tokens.map((t, i) => sql`(${i}, ${quoteTerm(t, '"')})`));
    const { rows } = await sql<{ i: number; n: number }>`WITH t(i, m) AS (VALUES ${list})
      SELECT i, (SELECT count(*) FROM (SELECT 1 FROM search_text WHERE search_text MATCH t.m LIMIT ${cap})) AS n FROM t`.execute(db);
    const out = tokens.map(() => 0);
    for (const r of rows) out[Number(r.i)] = Number(r.n);
    return out;
  },
};

export const sqliteOps: DialectOps = {
  name: 'sqlite',
  // INTEGER PRIMARY KEY is the rowid: explicit ids are kept, new ids follow the largest.
  idColumn: (col) => col.primaryKey(),
  syncIdSequence: async () => {},
  maxParameters: 32_766,
  reserveIds: async (tx, table, n) => {
    // One writer at a time, and this transaction is it: the ids after the largest stay free.
    const { rows } = await sql<{ m: number | null }>`SELECT max(id) AS m FROM ${sql.table(table)}`.execute(tx);
    const from = Number(rows[0]?.m ?? 0) + 1;
    return Array.from({ length: n }, (_, i) => from + i);
  },
  lockKeys: async () => {},
  refreshStatistics: async () => {},
  articleStateJoin: sql`articles AS a INDEXED BY articles_search_state`,
  fullText,
};

import { sql } from 'kysely';
import type { DialectOps } from './dialect.ts';
import { type FullTextOps, quoteTerm } from './full-text.ts';

/**
 * A narrow table of what matching needs — a tsvector of all the stems under a GIN index, the
 * recency key, and the article's status and date (kept current by a trigger, so any status
 * change shows at once without joining articles before the LIMIT) — and beside it the scoring
 * tokens, read for the LIMIT rows only. Measured at 100,000 articles: with the wide rows and the
 * join, a three-word query read 6,000 heap blocks and took 90 ms; narrow rows keep it a few ms.
 * The `simple` configuration only lower-cases: the stems were computed in JS, exactly as on
 * SQLite (PostgreSQL's `arabic` Snowball config over-stems and disagrees, stack notes).
 */
/** Newest rows a query may test one by one before it asks the GIN index instead (see matches). */
const WALK_BUDGET = 1000;

const fullText: FullTextOps = {
  async createSearchTables(db) {
    await sql`CREATE TABLE search_documents (
      article_id integer PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
      edition varchar(16) NOT NULL,
      doc_key bigint NOT NULL,
      status varchar(16) NOT NULL,
      published_at varchar(30),
      terms tsvector NOT NULL)
      -- Parallel workers cost more to start (≈3 ms) than any search scan here gains from them.
      -- A small toast target moves the tsvector out of line: the bitmap scan then reads narrow
      -- rows (≈80 bytes, not ≈530) for matches it need not recheck.
      WITH (parallel_workers = 0, toast_tuple_target = 128)`.execute(db);
    await sql`ALTER TABLE search_documents ALTER COLUMN terms SET STORAGE EXTERNAL`.execute(db);
    await sql`CREATE TABLE search_leads (
      article_id integer PRIMARY KEY REFERENCES search_documents(article_id) ON DELETE CASCADE,
      norm text NOT NULL,
      stem text NOT NULL)`.execute(db);
    await sql`CREATE INDEX search_documents_terms ON search_documents USING gin (terms)`.execute(db);
    await sql`CREATE INDEX search_documents_recent ON search_documents (edition, doc_key)`.execute(db);
    await sql`CREATE FUNCTION search_documents_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE search_documents SET status = NEW.status, published_at = NEW.published_at WHERE article_id = NEW.id;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER search_documents_follow AFTER UPDATE OF status, published_at ON articles
      FOR EACH ROW EXECUTE FUNCTION search_documents_follow()`.execute(db);
  },
  async upsert(tx, d) {
    // Positions are stripped: matching needs none, and the index stays small.
    await sql`INSERT INTO search_documents (article_id, edition, doc_key, status, published_at, terms)
      VALUES (${d.articleId}, ${d.edition}, ${d.docKey}, ${d.status}, ${d.publishedAt}, strip(to_tsvector('simple', ${d.terms})))
      ON CONFLICT (article_id) DO UPDATE SET edition = excluded.edition, doc_key = excluded.doc_key,
        status = excluded.status, published_at = excluded.published_at, terms = excluded.terms`.execute(tx);
    await sql`INSERT INTO search_leads (article_id, norm, stem) VALUES (${d.articleId}, ${d.norm}, ${d.stem})
      ON CONFLICT (article_id) DO UPDATE SET norm = excluded.norm, stem = excluded.stem`.execute(tx);
  },
  async remove(tx, articleId) {
    await sql`DELETE FROM search_documents WHERE article_id = ${articleId}`.execute(tx);
  },
  async clear(tx) {
    await sql`DELETE FROM search_documents`.execute(tx);
  },
  matches(q) {
    const expr = sql`to_tsquery('simple', ${q.stems.map((s) => quoteTerm(s, "'")).join(q.mode === 'all' ? ' & ' : ' | ')})`;
    const filters = sql`edition = ${q.edition} AND status = 'published'
      ${q.from !== undefined ? sql`AND published_at >= ${q.from}` : sql``}
      ${q.to !== undefined ? sql`AND published_at < ${q.to}` : sql``}
      ${q.categoryId !== undefined ? sql`AND article_id IN (SELECT article_id FROM article_categories WHERE category_id = ${q.categoryId})` : sql``}`;
    // Two plans, each right for half of the queries, and the planner cannot tell them apart (it
    // prices the @@ test far too low): walking the newest rows is best for common words (السعودية:
    // 1.6 ms against 49 ms), the GIN bitmap for rarer ones (كأس العالم: 11 ms against 43 ms). So:
    // walk at most WALK_BUDGET of the newest rows; only if that finds fewer than `limit` matches,
    // use the bitmap (`doc_key + 0` keeps it off the ordered index). Both give the exact newest
    // `limit` matches; the count in the one-time filter stops the second when the first sufficed.
    return sql`WITH walk AS (
        SELECT doc_key, article_id, published_at FROM (
          SELECT doc_key, article_id, published_at, terms FROM search_documents WHERE ${filters}
          ORDER BY doc_key DESC LIMIT ${sql.lit(WALK_BUDGET)}) r
        WHERE terms @@ ${expr} ORDER BY doc_key DESC LIMIT ${q.limit}),
      found AS (
        SELECT * FROM walk WHERE (SELECT count(*) FROM walk) >= ${q.limit}
        UNION ALL
        (SELECT doc_key, article_id, published_at FROM search_documents
          WHERE (SELECT count(*) FROM walk) < ${q.limit} AND terms @@ ${expr} AND ${filters}
          ORDER BY doc_key + 0 DESC LIMIT ${q.limit}))
      SELECT f.doc_key AS doc_key, f.article_id AS article_id, f.published_at AS published_at, l.norm AS norm, l.stem AS stem
      FROM found f JOIN search_leads l ON l.article_id = f.article_id`;
  },
};

export const postgresOps: DialectOps = {
  name: 'postgres',
  // BY DEFAULT (not ALWAYS): an import may insert its own ids (stack notes).
  idColumn: (col) => col.primaryKey().generatedByDefaultAsIdentity(),
  syncIdSequence: async (db, table) => {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'),
      GREATEST((SELECT COALESCE(MAX(id), 0) FROM ${sql.table(table)}), 1))`.execute(db);
  },
  fullText,
};

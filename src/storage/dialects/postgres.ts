import { sql } from 'kysely';
import type { DialectOps } from './dialect.ts';
import { type CandidateRow, type FullTextOps, quoteTerm } from './full-text.ts';

/**
 * A narrow table of what matching needs — a tsvector of all the stems under a GIN index, the
 * recency key, and the article's status and date (kept current by a trigger, so any status
 * change shows at once without joining articles before the LIMIT) — and beside it the scoring
 * tokens, read for the LIMIT rows only. Measured at 100,000 articles: with the wide rows and the
 * join, a three-word query read 6,000 heap blocks and took 90 ms; narrow rows keep it a few ms.
 * The `simple` configuration only lower-cases: the stems were computed in JS, exactly as on
 * SQLite (PostgreSQL's `arabic` Snowball config over-stems and disagrees, stack notes).
 */
/** The first recency window a search looks in: the edition's newest articles (see candidates). */
const FIRST_WINDOW = 1000;

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
  async candidates(db, q) {
    const expr = sql`to_tsquery('simple', ${q.stems.map((s) => quoteTerm(s, "'")).join(q.mode === 'all' ? ' & ' : ' | ')})`;
    const filters = sql`edition = ${q.edition} AND status = 'published'
      ${q.from !== undefined ? sql`AND published_at >= ${q.from}` : sql``}
      ${q.to !== undefined ? sql`AND published_at < ${q.to}` : sql``}
      ${q.categoryId !== undefined ? sql`AND article_id IN (SELECT article_id FROM article_categories WHERE category_id = ${q.categoryId})` : sql``}`;
    const matching = async (bound: ReturnType<typeof sql>) =>
      (await sql<Omit<CandidateRow, 'norm' | 'stem'>>`SELECT doc_key, article_id, published_at FROM search_documents
        WHERE ${filters} ${bound} AND terms @@ ${expr} ORDER BY doc_key + 0 DESC LIMIT ${q.limit}`.execute(db)).rows;
    // The scoring tokens, read for the final matches only (not for a window that fell short).
    const withLeads = async (found: Omit<CandidateRow, 'norm' | 'stem'>[]): Promise<CandidateRow[]> => {
      if (!found.length) return [];
      const leads = await sql<{ article_id: number; norm: string; stem: string }>`SELECT article_id, norm, stem FROM search_leads
        WHERE article_id IN (${sql.join(found.map((f) => f.article_id))})`.execute(db);
      const byId = new Map(leads.rows.map((l) => [l.article_id, l]));
      return found.flatMap((f) => {
        const l = byId.get(f.article_id);
        return l ? [{ ...f, norm: l.norm, stem: l.stem }] : [];
      }).sort((x, y) => Number(y.doc_key) - Number(x.doc_key));
    };

    // The GIN index cannot return rows in recency order, and reading every match from the
    // table to sort them costs a heap block each (نفط: 3,000 blocks, 20 ms at 100,000
    // articles). So ask for matches inside a recency window first — the planner ANDs the GIN
    // bitmap with a range on (edition, doc_key), or for very common words walks the range — and
    // widen it, sized by the density seen so far, until it holds `limit` matches: those are then
    // exactly the newest `limit` of the whole index. The first window is the newest
    // FIRST_WINDOW articles; the bounds come from the recency index alone.
    const stats = await sql<{ newest: number | string | null; oldest: number | string | null; first: number | string | null }>`SELECT
      (SELECT max(doc_key) FROM search_documents WHERE edition = ${q.edition}) AS newest,
      (SELECT min(doc_key) FROM search_documents WHERE edition = ${q.edition}) AS oldest,
      (SELECT doc_key FROM search_documents WHERE edition = ${q.edition} ORDER BY doc_key DESC
        OFFSET ${sql.lit(FIRST_WINDOW - 1)} LIMIT 1) AS first`.execute(db);
    const b = stats.rows[0];
    if (b?.newest == null) return [];
    if (b.first != null) {
      const newest = Number(b.newest);
      const oldest = Number(b.oldest);
      const keysPerArticle = Math.max(1, (newest - Number(b.first)) / FIRST_WINDOW);
      let span = newest - Number(b.first);
      while (newest - span > oldest) {
        const rows = await matching(sql`AND doc_key >= ${Math.floor(newest - span)}`);
        if (rows.length >= q.limit) return withLeads(rows);
        const density = Math.max(rows.length, 0.5) / (span / keysPerArticle);
        span = Math.max(4 * span, ((8 * q.limit) / density) * keysPerArticle);
      }
    }
    // Rare words, or a window as wide as the edition: every match from the GIN index
    // (`doc_key + 0` keeps the planner off the ordered index, which would test row after row).
    return withLeads(await matching(sql``));
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
  lockKeys: async (tx, keys) => {
    // Sorted, so two transactions wanting the same keys take them in the same order (no deadlock).
    for (const k of [...new Set(keys)].sort()) await sql`SELECT pg_advisory_xact_lock(hashtextextended(${k}, 0))`.execute(tx);
  },
  fullText,
};

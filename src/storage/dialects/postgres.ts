import { hash } from 'node:crypto';
import { sql } from 'kysely';
import { rider } from '../riders.ts';
import type { DialectOps } from './dialect.ts';
import { type CandidateRow, type FullTextOps, type MatchQuery, matchExpression, quoteTerm, type TokenRow } from './full-text.ts';
import { BUCKET_KEYS, bucketLexeme, nextBucketStart, recencyBucket, windowBuckets } from './recency-buckets.ts';

/**
 * A narrow table of what matching needs — a tsvector of all the stems under a GIN index, the
 * recency key, and the article's status and date (kept current by a trigger, so any status
 * change shows at once without joining articles before the LIMIT) — and beside it the scoring
 * tokens, read for the LIMIT rows only. Measured at 100,000 articles: with the wide rows and the
 * join, a three-word query read 6,000 heap blocks and took 90 ms; narrow rows keep it a few ms.
 * The `simple` configuration only lower-cases: the stems were computed in JS, exactly as on
 * SQLite (PostgreSQL's `arabic` Snowball config over-stems and disagrees, stack notes).
 */
/** The first recency window a search looks in, at least: the edition's newest articles (see candidates). */
const FIRST_WINDOW = 1000;
/** A deeper sample of the edition's recency keys, for first windows wider than FIRST_WINDOW. */
const DEEP_WINDOW = 8 * FIRST_WINDOW;
/**
 * How long the recency bounds and stem frequencies that size the first window are reused. They
 * only size it — every window is open towards the newest articles and is widened until it holds
 * `limit` matches — so a stale value can cost a query, never change a result.
 */
const SIZING_TTL_MS = 10_000;
/** A missed window is retried this many times as wide, and then WIDER_FACTOR times, in the same statement (see candidates). */
const MID_FACTOR = 4;
const WIDER_FACTOR = 16;

type Db = Parameters<FullTextOps['candidates']>[0];
type Key = number | string | null;

/**
 * The edition's newest and oldest keys and the keys FIRST_WINDOW and DEEP_WINDOW articles back
 * (null when it has fewer): publishing rates vary, so a window of N articles is mapped to keys
 * from the nearest sample, not from the newest articles alone.
 */
interface Bounds { newest: number; oldest: number; first: number | null; deep: number | null }
const boundsCache = new WeakMap<Db, Map<string, { at: number; bounds: Bounds }>>();

async function windowBounds(db: Db, edition: string): Promise<Bounds | null> {
  const cache = boundsCache.get(db) ?? new Map<string, { at: number; bounds: Bounds }>();
  boundsCache.set(db, cache);
  const hit = cache.get(edition);
  if (hit && performance.now() - hit.at < SIZING_TTL_MS) return hit.bounds;
  const back = (n: number) => sql`(SELECT doc_key FROM search_documents WHERE edition = ${edition}
    ORDER BY doc_key DESC OFFSET ${sql.lit(n - 1)} LIMIT 1)`;
  const row = (await sql<{ newest: Key; oldest: Key; first: Key; deep: Key }>`SELECT
    (SELECT max(doc_key) FROM search_documents WHERE edition = ${edition}) AS newest,
    (SELECT min(doc_key) FROM search_documents WHERE edition = ${edition}) AS oldest,
    ${back(FIRST_WINDOW)} AS first, ${back(DEEP_WINDOW)} AS deep`.execute(db)).rows[0];
  // An empty edition is not remembered: its first article must be found at once.
  if (row?.newest == null) return null;
  const num = (k: Key) => (k == null ? null : Number(k));
  const bounds = { newest: Number(row.newest), oldest: Number(row.oldest), first: num(row.first), deep: num(row.deep) };
  cache.set(edition, { at: performance.now(), bounds });
  return bounds;
}

/** The key span of the newest `articles` articles, interpolated between the samples in `b`. */
function spanOf(b: Bounds & { first: number }, articles: number): number {
  const near = b.newest - b.first;
  if (articles <= FIRST_WINDOW || b.deep === null) return (near * articles) / FIRST_WINDOW;
  const far = b.newest - b.deep;
  if (articles <= DEEP_WINDOW) return near + ((far - near) * (articles - FIRST_WINDOW)) / (DEEP_WINDOW - FIRST_WINDOW);
  return (far * articles) / DEEP_WINDOW;
}

/**
 * Share of documents holding each common stem, from the planner's statistics (ANALYZE keeps the
 * most common lexemes); `floor` bounds every stem not listed. Null before the first ANALYZE.
 */
interface Frequencies { of: Map<string, number>; floor: number }
const frequencyCache = new WeakMap<Db, { at: number; freq: Frequencies | null }>();

async function stemFrequencies(db: Db): Promise<Frequencies | null> {
  const hit = frequencyCache.get(db);
  if (hit && performance.now() - hit.at < SIZING_TTL_MS) return hit.freq;
  const row = (await sql<{ elems: string[] | null; freqs: number[] | null }>`SELECT most_common_elems::text::text[] AS elems,
    most_common_elem_freqs AS freqs FROM pg_stats
    WHERE schemaname = current_schema() AND tablename = 'search_documents' AND attname = 'terms'`.execute(db)).rows[0];
  let freq: Frequencies | null = null;
  // The listed stems' frequencies are followed by the smallest and the largest of them.
  if (row?.elems && row.freqs && row.freqs.length >= row.elems.length + 2) {
    const freqs = row.freqs.map(Number);
    freq = { of: new Map(row.elems.map((e, i) => [e, freqs[i]!])), floor: freqs[row.elems.length]! };
  }
  frequencyCache.set(db, { at: performance.now(), freq });
  return freq;
}

/**
 * How many of the newest articles the first window spans: enough for `limit` matches at the
 * stems' frequency, so that a common word is settled in one query (each further window scans
 * the GIN posting lists again: 2–3 ms for common stems). For `all` the rarest stem's share only
 * bounds the matches from above (the other stems may be missing), hence the wider margin; for
 * `any` the commonest stem's share bounds them from below.
 */
function firstWindow(freq: Frequencies | null, q: MatchQuery): number {
  const share = queryShare(freq, q);
  if (share === null || !(share > 0)) return FIRST_WINDOW;
  const margin = q.mode === 'all' && q.stems.length > 1 ? 4 : 3;
  return Math.max(FIRST_WINDOW, Math.ceil((margin * q.limit) / share));
}

/**
 * The share of documents the query's matches are bounded by: for `all` the rarest stem's (from
 * above), for `any` the commonest's (from below). A list of alternatives is as common as its
 * alternatives together (at most). Null before the first ANALYZE.
 */
function queryShare(freq: Frequencies | null, q: MatchQuery): number | null {
  if (!freq) return null;
  const shareOf = (s: string) => freq.of.get(s) ?? (q.mode === 'all' ? freq.floor : 0);
  const shares = q.stems.map((g) => (typeof g === 'string' ? shareOf(g) : Math.min(1, g.reduce((sum, s) => sum + shareOf(s), 0))));
  return q.mode === 'all' ? Math.min(...shares) : Math.max(...shares);
}

/** A document's indexed lexemes: its stems, and the lexeme of its recency bucket (recency-buckets.ts). */
const termsVector = (d: { terms: string; docKey: number }) =>
  sql`strip(to_tsvector('simple', ${d.terms})) || array_to_tsvector(ARRAY[${bucketLexeme(recencyBucket(d.docKey))}::text])`;

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
  async addWholeArticleFields(db) {
    // Beside the lead, out of line (TOAST): reading a candidate's lead never reads these.
    await sql`ALTER TABLE search_leads ADD COLUMN full_norm text NOT NULL DEFAULT '', ADD COLUMN full_stem text NOT NULL DEFAULT ''`.execute(db);
    await sql`ALTER TABLE search_leads ALTER COLUMN full_norm SET STORAGE EXTERNAL, ALTER COLUMN full_stem SET STORAGE EXTERNAL`.execute(db);
    await sql`DELETE FROM search_documents`.execute(db);
  },
  async upsert(tx, d) {
    // Positions are stripped: matching needs none, and the index stays small.
    await sql`INSERT INTO search_documents (article_id, edition, doc_key, status, published_at, terms)
      VALUES (${d.articleId}, ${d.edition}, ${d.docKey}, ${d.status}, ${d.publishedAt}, ${termsVector(d)})
      ON CONFLICT (article_id) DO UPDATE SET edition = excluded.edition, doc_key = excluded.doc_key,
        status = excluded.status, published_at = excluded.published_at, terms = excluded.terms`.execute(tx);
    await sql`INSERT INTO search_leads (article_id, norm, stem, full_norm, full_stem) VALUES (${d.articleId}, ${d.norm}, ${d.stem}, ${d.fullNorm}, ${d.fullStem})
      ON CONFLICT (article_id) DO UPDATE SET norm = excluded.norm, stem = excluded.stem, full_norm = excluded.full_norm, full_stem = excluded.full_stem`.execute(tx);
  },
  async insertMany(tx, docs) {
    for (let i = 0; i < docs.length; i += 1000) {
      const slice = docs.slice(i, i + 1000);
      await sql`INSERT INTO search_documents (article_id, edition, doc_key, status, published_at, terms)
        VALUES ${sql.join(slice.map((d) => sql`(${d.articleId}, ${d.edition}, ${d.docKey}, ${d.status}, ${d.publishedAt}, ${termsVector(d)})`))}`.execute(tx);
      await sql`INSERT INTO search_leads (article_id, norm, stem, full_norm, full_stem)
        VALUES ${sql.join(slice.map((d) => sql`(${d.articleId}, ${d.norm}, ${d.stem}, ${d.fullNorm}, ${d.fullStem})`))}`.execute(tx);
    }
  },
  async remove(tx, articleId) {
    await sql`DELETE FROM search_documents WHERE article_id = ${articleId}`.execute(tx);
  },
  async addMatchStateIndex() {
    // search_documents holds them, kept current by its trigger: articles is not read.
  },
  async addRecencyBuckets(db) {
    // The rows indexed before: their bucket lexeme, from the doc_key they hold (as termsVector does).
    // One pass over every row, at start: not bound by the serving statement timeout (minutes at 100,000 articles).
    await sql`SET LOCAL statement_timeout = 0`.execute(db);
    await sql`UPDATE search_documents SET terms = terms || array_to_tsvector(ARRAY['~' || (doc_key / ${sql.lit(BUCKET_KEYS)})::text])`.execute(db);
    // Every row's new entries wait in GIN's pending list, which each search would read through
    // until autovacuum merged it: merged now.
    await sql`SELECT gin_clean_pending_list('search_documents_terms'::regclass)`.execute(db);
  },
  async clear(tx) {
    await sql`DELETE FROM search_documents`.execute(tx);
  },
  async candidates(db, q) {
    const expr = sql`to_tsquery('simple', ${matchExpression(q, "'", ' & ', ' | ')})`;
    const filters = sql`edition = ${q.edition} AND status = 'published'
      ${q.from !== undefined ? sql`AND published_at >= ${q.from}` : sql``}
      ${q.to !== undefined ? sql`AND published_at < ${q.to}` : sql``}
      ${q.categoryId !== undefined ? sql`AND article_id IN (SELECT article_id FROM article_categories WHERE category_id = ${q.categoryId})` : sql``}`;
    const b = await windowBounds(db, q.edition);
    if (!b) return [];
    const freq = await stemFrequencies(db);
    const share = queryShare(freq, q);
    const plain = (bound: number | null) => sql`SELECT doc_key, article_id, published_at FROM search_documents
      WHERE ${filters} ${bound === null ? sql`` : sql`AND doc_key >= ${bound}`} AND terms @@ ${expr}
      ORDER BY doc_key + 0 DESC LIMIT ${q.limit}`;
    const window = (bound: number | null) => {
      const buckets = bound === null || share === null ? null : windowBuckets(bound, b, share);
      if (!buckets) return plain(bound);
      // The window's stems in its buckets (see recency-buckets.ts) — and, walking the recency index
      // from its newest end, anything past the last bucket: articles newer than the cached bounds.
      const named = buckets.map((k) => quoteTerm(bucketLexeme(k), "'")).join(' | ');
      return sql`SELECT * FROM ((SELECT doc_key, article_id, published_at FROM search_documents
        WHERE ${filters} AND doc_key >= ${bound} AND terms @@ (${expr} && ${named}::tsquery)
        ORDER BY doc_key + 0 DESC LIMIT ${q.limit})
        UNION ALL (SELECT doc_key, article_id, published_at FROM search_documents
        WHERE ${filters} AND doc_key >= ${nextBucketStart(buckets[buckets.length - 1]!)} AND terms @@ ${expr}
        ORDER BY doc_key DESC LIMIT ${q.limit})) w ORDER BY doc_key DESC LIMIT ${q.limit}`;
    };
    // The scoring tokens of the final set, in the same statement when the caller wants them
    // (q.tokens: a round trip less): `n` is the final set's size, `final` whether this statement's
    // set is final. The CASE reads a whole article's tokens (TOASTed apart) only for rows it keeps.
    const leadsOf = q.tokens === 'fit' ? q.leadsOf : undefined;
    const leadsJoin = (alias: string, only?: ReturnType<typeof sql>) => (q.tokens
      ? sql`LEFT JOIN search_leads l ON l.article_id = ${sql.ref(`${alias}.article_id`)} ${only ? sql`AND ${only}` : sql``}`
      : sql``);
    /** Of a full window, the rows that come with tokens: the newest `leadsOf`, or all. */
    const scoredOfFull = (alias: string) => (leadsOf !== undefined ? sql`${sql.ref(`${alias}.rn`)} <= ${leadsOf}` : undefined);
    /** A window's keys: what every pick sends, with or without tokens. */
    const keyColumns = (alias: string) => {
      const a = sql.raw(alias);
      return sql`${a}.doc_key, ${a}.article_id, ${a}.published_at`;
    };
    const columns = (alias: string, n: ReturnType<typeof sql>, final: ReturnType<typeof sql>) => {
      const a = sql.raw(alias);
      const base = keyColumns(alias);
      if (!q.tokens) return base;
      const whole = q.tokens === 'fit' ? sql`${n} < ${q.limit}` : sql`false`;
      // A full window's rows past the newest `leadsOf` come without tokens: the caller scores none of them.
      const kept = leadsOf !== undefined ? sql`${final} AND (${whole} OR ${a}.rn <= ${leadsOf})` : final;
      const pick = (lead: string, full: string) => sql`CASE WHEN ${kept} THEN (CASE WHEN ${whole} THEN l.${sql.raw(full)} ELSE l.${sql.raw(lead)} END) END`;
      return sql`${base}, ${pick('norm', 'full_norm')} AS norm, ${pick('stem', 'full_stem')} AS stem,
        CASE WHEN ${kept} THEN (CASE WHEN ${whole} THEN 'whole' ELSE 'lead' END) END AS scope`;
    };
    /**
     * The columns of a window known to be full (its pick is filtered on that): final, and scored
     * on leads, joined for the rows `scoredOfFull` keeps only. Asking for no count here keeps the
     * statement's plan small: every count is a subplan of its own (planning 0.78 → 0.62 ms and
     * execution 1.9 → 1.7 ms for a one-word query's three windows at 100,000 articles).
     */
    const fullColumns = (alias: string) => (q.tokens
      ? sql`${keyColumns(alias)}, l.norm AS norm, l.stem AS stem, CASE WHEN l.article_id IS NOT NULL THEN 'lead' END AS scope`
      : keyColumns(alias));
    /** A window's rows as `alias`, numbered newest first where `leadsOf` needs it. */
    const numbered = (table: string, alias: string) => (leadsOf !== undefined
      ? sql`(SELECT *, row_number() OVER (ORDER BY doc_key DESC) AS rn FROM ${sql.raw(table)}) ${sql.raw(alias)}`
      : sql.raw(`${table} ${alias}`));
    // Widening windows in one round trip: each (`null`: the whole index) is scanned only when the
    // ones before it all hold fewer than `limit` matches (one-time filters on their counts:
    // PostgreSQL does not start it otherwise). A window's rows are the final set when it is full,
    // or when it is the whole index.
    const matching = async (bounds: (number | null)[]) => {
      const count = (i: number) => sql`(SELECT count(*) FROM ${sql.raw(`t${i}`)})`;
      const short = (i: number) => sql.join(Array.from({ length: i }, (_, k) => sql`${count(k)} < ${q.limit}`), sql` AND `);
      const tiers = bounds.map((bound, i) => sql`${sql.raw(`t${i}`)} AS MATERIALIZED (${i === 0 ? window(bound) : sql`SELECT * FROM (${window(bound)}) w WHERE ${short(i)}`})`);
      // A window short of `limit` that is not the last is never used: its rows are not sent (nor joined to their leads).
      const picks = bounds.map((bound, i) => (i < bounds.length - 1
        ? sql`SELECT ${sql.lit(i)} AS pass, ${fullColumns(`r${i}`)} FROM ${numbered(`t${i}`, `r${i}`)} ${leadsJoin(`r${i}`, scoredOfFull(`r${i}`))} WHERE ${count(i)} >= ${q.limit}`
        : sql`SELECT ${sql.lit(i)} AS pass, ${columns(`r${i}`, count(i), bound === null ? sql`true` : sql`${count(i)} >= ${q.limit}`)}
          FROM ${numbered(`t${i}`, `r${i}`)} ${leadsJoin(`r${i}`)}`));
      const rows = (await sql<CandidateRow & { pass: number }>`WITH ${sql.join(tiers)}
        ${sql.join(picks, sql` UNION ALL `)} ORDER BY pass, doc_key DESC`.execute(db)).rows;
      // Rows keep their `pass` (unread): copying each without it cost more than the rest of this.
      const byPass: CandidateRow[][] = bounds.map((_, i) => rows.filter((r) => Number(r.pass) === i));
      const full = byPass.find((t) => t.length >= q.limit);
      return { found: full ?? byPass.at(-1)!, final: full !== undefined || bounds.at(-1) === null };
    };

    // The GIN index cannot return rows in recency order, and reading every match from the
    // table to sort them costs a heap block each (نفط: 3,000 blocks, 20 ms at 100,000
    // articles). So ask for matches inside a recency window first — the planner ANDs the GIN
    // bitmap with a range on (edition, doc_key), or for very common words walks the range — and
    // widen it until it holds `limit` matches: those are then exactly the newest `limit` of the
    // whole index. A window has no upper end, so bounds read before newer articles arrived (they
    // are cached) leave nothing newer out; they and the stem frequencies only size the windows.
    if (b.first !== null && b.newest > b.first) {
      let span = spanOf({ ...b, first: b.first }, firstWindow(freq, q));
      while (b.newest - span > b.oldest) {
        // A first window that misses was sized from a share too high (a title mark, a word
        // rarer of late): the measured misses held 1/10–1/3 of `limit`, hence WIDER_FACTOR; one
        // that nearly filled needs only a little more, hence the window between (بروسيا: 156 of
        // 200 in the first, and the whole index's 2,677 matches read for the other 44).
        const spans = [span, MID_FACTOR * span, WIDER_FACTOR * span];
        const last = spans.findIndex((w) => b.newest - w <= b.oldest);
        const tiers = last < 0 ? spans : spans.slice(0, last + 1);
        const { found, final } = await matching(tiers.map((w, i) => (i === last ? null : Math.floor(b.newest - w))));
        if (final) return found;
        // Eight times the matches this window's density suggests (topics thin out with age).
        const wide = tiers.at(-1)!;
        span = Math.max(4 * wide, (8 * q.limit * wide) / Math.max(found.length, 0.5));
      }
    }
    // Rare words, or a window as wide as the edition: every match from the GIN index
    // (`doc_key + 0` keeps the planner off the ordered index, which would test row after row).
    if (!q.tokens) return (await sql<CandidateRow>`${plain(null)}`.execute(db)).rows;
    const n = sql`(SELECT count(*) FROM found)`;
    return (await sql<CandidateRow>`WITH found AS MATERIALIZED (${plain(null)})
      SELECT ${columns('f', n, sql`true`)} FROM ${numbered('found', 'f')} ${leadsJoin('f')} ORDER BY doc_key DESC`.execute(db)).rows;
  },
  async leads(db, candidates) {
    if (!candidates.length) return [];
    // One array parameter, not a list of hundreds: half the planning time (0.19 ms, not 0.38, for 370 leads).
    return (await sql<TokenRow>`SELECT article_id, norm, stem
      FROM search_leads WHERE article_id = ANY(${candidates.map((c) => c.articleId)}::integer[])`.execute(db)).rows;
  },
  async wholeArticles(db, candidates) {
    if (!candidates.length) return [];
    return (await sql<TokenRow>`SELECT article_id, full_norm AS norm, full_stem AS stem
      FROM search_leads WHERE article_id = ANY(${candidates.map((c) => c.articleId)}::integer[])`.execute(db)).rows;
  },
  async documentCounts(db, tokens, cap) {
    if (!tokens.length) return [];
    // One round trip and one small plan: the tokens as an array parameter, each counted by the
    // same subplan up to `cap` matching rows. (A subquery per token made the planner's work grow
    // with the list: a "did you mean" over 687 neighbours took 4.3 s at 100,000 articles, 53 ms so.)
    const { rows } = await sql<{ i: string | number; n: string | number }>`SELECT t.i, (SELECT count(*) FROM (SELECT 1
      FROM search_documents WHERE terms @@ t.q LIMIT ${cap}) x) AS n
      FROM (SELECT i, to_tsquery('simple', s) AS q FROM unnest(${tokens.map((t) => quoteTerm(t, "'"))}::text[]) WITH ORDINALITY AS u(s, i)) t`.execute(db);
    const out = tokens.map(() => 0);
    for (const r of rows) out[Number(r.i) - 1] = Number(r.n);
    return out;
  },
};

/** A key's advisory-lock id: the first 64 bits of its SHA-256, as PostgreSQL's bigint. */
function lockId(key: string): bigint {
  return hash('sha256', key, 'buffer').readBigInt64BE(0);
}

export const postgresOps: DialectOps = {
  name: 'postgres',
  // BY DEFAULT (not ALWAYS): an import may insert its own ids (stack notes).
  idColumn: (col) => col.primaryKey().generatedByDefaultAsIdentity(),
  syncIdSequence: async (db, table) => {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'),
      GREATEST((SELECT COALESCE(MAX(id), 0) FROM ${sql.table(table)}), 1))`.execute(db);
  },
  maxParameters: 65_535,
  reserveIds: async (tx, table, n) => {
    // From the identity's sequence: concurrent writers (the newsroom) never get the same ids.
    const { rows } = await sql<{ id: string }>`SELECT nextval(pg_get_serial_sequence(${table}, 'id')) AS id FROM generate_series(1, ${n})`.execute(tx);
    return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  },
  articleStateJoin: sql`articles AS a`,
  refreshStatistics: async (db) => {
    await sql`ANALYZE`.execute(db);
  },
  lockKeys: async (tx, keys) => {
    // Sorted, so two transactions wanting the same keys take them in the same order (no deadlock);
    // all in one statement (a target list is evaluated left to right). The lock ids are computed
    // here, so the statement holds only integers: a rider (riders.ts), sent with the BEGIN.
    const ids = [...new Set(keys.map(lockId))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (!ids.length) return;
    await tx.executeQuery(rider(`SELECT ${ids.map((id) => `pg_advisory_xact_lock(${id})`).join(', ')}`));
  },
  fullText,
};

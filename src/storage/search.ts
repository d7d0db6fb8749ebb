import type { Kysely } from 'kysely';
import type { FullTextOps, MatchQuery, SearchDocument } from './dialects/full-text.ts';
import type { Database } from './schema.ts';

export type { MatchQuery, SearchDocument };

/** A matching article: what orders and identifies it, and its scoring tokens if they came with it. */
export interface CandidateKey {
  id: number;
  docKey: number;
  publishedAt: string;
  /** Read with the match (`MatchQuery.tokens`): `withTokens` then reads them no more. */
  tokens?: { scope: 'lead' | 'whole'; norm: string; stem: string };
}

/** A matching article as the database hands it to the scorer: its analyzer tokens, not its text. */
export interface Candidate extends CandidateKey {
  /** « title-tokens | body-tokens », as indexed (services/search/indexer.ts). */
  norm: string;
  stem: string;
}

/** Ends the title's tokens in `norm` and `stem`; not a token to either engine's tokenizer. */
export const TITLE_END = '|';

/** What the indexer reads of one article. */
export interface IndexSource {
  id: number;
  edition: string;
  kind: string;
  status: string;
  publishedAt: string | null;
  title: string;
  excerpt: string;
  bodyText: string;
}

/** Ids are below 10^8 and minutes since 1970 below 9×10^7 until 2141: the key stays under 2^53. */
export const KEY_ID_SPAN = 100_000_000;

/** The recency order key shared by both dialects: newer first, then the larger id. */
export function docKey(publishedAt: string, id: number): number {
  const minutes = Math.max(0, Math.floor(Date.parse(publishedAt) / 60_000));
  return minutes * KEY_ID_SPAN + (id % KEY_ID_SPAN);
}

/**
 * The search index in the database. Matching and the recency window are the dialect's
 * (dialects/full-text.ts); the rows carry the stored token lists, so the scorer in
 * services/search computes everything else from the same strings on SQLite and PostgreSQL.
 */
export class SearchRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly ft: FullTextOps,
  ) {}

  upsert(tx: Kysely<Database>, doc: SearchDocument): Promise<void> {
    return this.ft.upsert(tx, doc);
  }

  /** Entries for articles not yet indexed (a bulk import's new ones): a few multi-row INSERTs. */
  insertMany(tx: Kysely<Database>, docs: readonly SearchDocument[]): Promise<void> {
    return docs.length ? this.ft.insertMany(tx, docs) : Promise.resolve();
  }

  remove(tx: Kysely<Database>, articleId: number): Promise<void> {
    return this.ft.remove(tx, articleId);
  }

  clear(tx: Kysely<Database>): Promise<void> {
    return this.ft.clear(tx);
  }

  /** The newest matches (at most `q.limit`), newest first: keys, for `withTokens` (with their tokens, where the dialect read them). */
  async candidates(q: MatchQuery): Promise<CandidateKey[]> {
    if (!q.stems.length) return [];
    const rows = await this.ft.candidates(this.db, q);
    // Built field by field: a conditional spread per row (hundreds a search) cost ten times as much.
    return rows.map((r) => {
      const key: CandidateKey = { id: Number(r.article_id), docKey: Number(r.doc_key), publishedAt: String(r.published_at) };
      if (r.scope && r.norm != null && r.stem != null) key.tokens = { scope: r.scope, norm: r.norm, stem: r.stem };
      return key;
    });
  }

  /**
   * The candidates with the tokens the scorer reads, in the same order: the title and lead, or
   * the title and (nearly) the whole article. Only those that did not come with them are read.
   */
  async withTokens(candidates: readonly CandidateKey[], scope: 'lead' | 'whole'): Promise<Candidate[]> {
    const keys = candidates.filter((c) => c.tokens?.scope !== scope).map((c) => ({ articleId: c.id, docKey: c.docKey }));
    const rows = !keys.length ? [] : await (scope === 'whole' ? this.ft.wholeArticles(this.db, keys) : this.ft.leads(this.db, keys));
    const tokens = new Map(rows.map((r) => [Number(r.article_id), r]));
    // A candidate removed between the two reads is left out. No rest or spread per candidate:
    // they were most of this function's time (0.4 ms for 300 candidates; 0.04 ms so).
    const out: Candidate[] = [];
    for (const c of candidates) {
      const t = c.tokens?.scope === scope ? c.tokens : tokens.get(c.id);
      if (t) out.push({ id: c.id, docKey: c.docKey, publishedAt: c.publishedAt, norm: t.norm, stem: t.stem });
    }
    return out;
  }

  /** Documents holding each token, counted up to `cap` (dialects/full-text.ts). */
  documentCounts(tokens: string[], cap: number): Promise<number[]> {
    return this.ft.documentCounts(this.db, tokens, cap);
  }

  /** One article as the indexer needs it, read inside the writer's transaction. */
  async source(tx: Kysely<Database>, id: number): Promise<IndexSource | null> {
    const row = await this.sources(tx).where('id', '=', id).executeTakeFirst();
    return row ? toSource(row) : null;
  }

  /** A batch of posts after `afterId`, for `khabar reindex` (every status: see services/search/indexer.ts). */
  async batchIn(tx: Kysely<Database>, afterId: number, limit: number): Promise<IndexSource[]> {
    const rows = await this.sources(tx)
      .where('id', '>', afterId)
      .where('kind', '=', 'post')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toSource);
  }

  async indexable(): Promise<number> {
    const row = await this.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'post')
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  private sources(db: Kysely<Database>) {
    return db
      .selectFrom('articles')
      .select(['id', 'edition', 'kind', 'status', 'published_at', 'title', 'excerpt', 'body_text']);
  }
}

function toSource(r: { id: number; edition: string; kind: string; status: string; published_at: string | null; title: string; excerpt: string; body_text: string }): IndexSource {
  return { id: r.id, edition: r.edition, kind: r.kind, status: r.status, publishedAt: r.published_at, title: r.title, excerpt: r.excerpt, bodyText: r.body_text };
}

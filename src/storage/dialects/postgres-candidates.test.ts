import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testDialect, testRuntime, type TestRuntime } from '../../../test/support/runtime.ts';
import { analyzeQuery } from '../../platform/arabic/analyzer.ts';
import { searchDocument } from '../../services/search/indexer.ts';
import { postgresOps } from './postgres.ts';
import { bucketLexeme, recencyBucket } from './recency-buckets.ts';

/**
 * PostgreSQL sizes its recency windows from bounds and stem frequencies it reuses for a few
 * seconds (dialects/postgres.ts): stale or misleading, they may cost a query but never change
 * which matches come back. The same specification holds on SQLite, so it runs on both.
 */
interface Article { id: number; edition: string; hour: number; text: string }

/** Articles indexed as the indexer does, and what the index should answer for them. */
function indexFixture(rt: TestRuntime, hours: (h: number) => string) {
  const ids: Article[] = [];
  const add = async (articles: Article[]) => {
    const now = new Date().toISOString();
    await rt.repos.db.kysely.insertInto('articles').values(articles.map((a) => ({
      id: a.id, edition: a.edition, kind: 'post', slug: `s-${a.id}`, title: `عنوان ${a.id}`, excerpt: '', body_html: '', body_text: a.text,
      status: 'published', published_at: hours(a.hour), created_at: now, updated_at: now,
      comment_status: 'closed', translation_group: null, featured_image_url: null, featured_image_alt: '', primary_category_id: null,
    }))).execute();
    await rt.repos.write(async (tx) => {
      for (const a of articles) {
        const source = { id: a.id, edition: a.edition, kind: 'post', status: 'published', publishedAt: hours(a.hour), title: `عنوان ${a.id}`, excerpt: '', bodyText: a.text };
        await rt.repos.search.upsert(tx, searchDocument(source, 'ar'));
      }
    }, { invalidates: [] });
    ids.push(...articles);
  };
  /** The ids of the newest `limit` articles of `edition` holding `word`, as the index should give them. */
  const newest = (edition: string, word: string, limit: number) =>
    ids.filter((a) => a.edition === edition && a.text.split(' ').includes(word))
      .sort((x, y) => y.hour - x.hour || y.id - x.id).slice(0, limit).map((a) => a.id);
  const found = async (edition: string, word: string, limit: number) => {
    const stems = analyzeQuery(word, { locale: 'ar' }).map((t) => t.stem);
    return (await rt.repos.search.candidates({ edition, stems, mode: 'all', limit })).map((c) => c.id);
  };
  return { add, newest, found };
}

describe('search candidates stay exact when the window sizing is stale or misleading', () => {
  let rt: TestRuntime;
  const N = 2400;
  const start = Date.parse('2024-01-01T00:00:00Z');
  const hours = (h: number) => new Date(start + h * 3_600_000).toISOString();
  // Article i is published i hours after the start. «قديم» is in the older half only: the
  // statistics call it common, yet the newest articles hold none of it.
  const words = (i: number) => ['خبر', i % 2 === 0 ? 'زوجي' : 'فردي', i <= N / 2 ? 'قديم' : ''].filter(Boolean).join(' ');
  let fx: ReturnType<typeof indexFixture>;
  const add = (articles: Article[]) => fx.add(articles);
  const newest = (edition: string, word: string, limit: number) => fx.newest(edition, word, limit);
  const found = (edition: string, word: string, limit: number) => fx.found(edition, word, limit);

  before(async () => {
    rt = await testRuntime();
    fx = indexFixture(rt, hours);
    for (let from = 1; from <= N; from += 400) {
      await add(Array.from({ length: 400 }, (_, k) => ({ id: from + k, edition: 'ar', hour: from + k, text: words(from + k) })));
    }
    // Planner statistics, as autovacuum would gather them: the first window is sized from them.
    if (testDialect() === 'postgres') await sql`ANALYZE search_documents`.execute(rt.repos.db.kysely);
  });
  after(async () => rt.close());

  it('a word the statistics call common but the newest articles lack: windows widen until the newest matches are found', async () => {
    assert.deepEqual(await found('ar', 'قديم', 200), newest('ar', 'قديم', 200));
  });

  it('an article published after the bounds were read is found first', async () => {
    assert.deepEqual(await found('ar', 'زوجي', 50), newest('ar', 'زوجي', 50)); // reads (and keeps) the bounds
    await add([{ id: N + 1, edition: 'ar', hour: N + 10, text: 'خبر زوجي' }]);
    const got = await found('ar', 'زوجي', 50);
    assert.equal(got[0], N + 1);
    assert.deepEqual(got, newest('ar', 'زوجي', 50));
  });

  it('an article dated before every other, added after the bounds were read, is found among the matches', async () => {
    assert.deepEqual(await found('ar', 'قديم', 2000), newest('ar', 'قديم', 2000));
    await add([{ id: N + 2, edition: 'ar', hour: -100, text: 'خبر قديم' }]);
    const got = await found('ar', 'قديم', 2000);
    assert.equal(got.at(-1), N + 2);
    assert.deepEqual(got, newest('ar', 'قديم', 2000));
  });

  it('the first article of an edition that was empty when searched is found at once', async () => {
    assert.deepEqual(await found('en', 'زوجي', 10), []);
    await add([{ id: N + 3, edition: 'en', hour: 5, text: 'خبر زوجي' }]);
    assert.deepEqual(await found('en', 'زوجي', 10), [N + 3]);
  });

  it('tokens read with the matches are those withTokens reads: the leads of a full window, whole articles under it', async () => {
    const stems = (word: string) => analyzeQuery(word, { locale: 'ar' }).map((t) => t.stem);
    const cases = [
      { word: 'زوجي', limit: 200, tokens: 'fit', scope: 'lead' }, // a full window (more than 200 match)
      { word: 'قديم', limit: 200, tokens: 'fit', scope: 'lead' }, // full only once the windows widen
      { word: 'قديم', limit: 5000, tokens: 'fit', scope: 'whole' }, // every match fits
      { word: 'فردي', limit: 5000, tokens: 'lead', scope: 'lead' },
    ] as const;
    for (const c of cases) {
      const keys = await rt.repos.search.candidates({ edition: 'ar', stems: stems(c.word), mode: 'all', limit: c.limit, tokens: c.tokens });
      const plain = await rt.repos.search.candidates({ edition: 'ar', stems: stems(c.word), mode: 'all', limit: c.limit });
      assert.deepEqual(keys.map((k) => k.id), plain.map((k) => k.id), c.word);
      const read = await rt.repos.search.withTokens(plain, c.scope);
      const given = await rt.repos.search.withTokens(keys, c.scope);
      assert.deepEqual(given, read, `${c.word}: the tokens that came with the matches`);
      // PostgreSQL reads them in the same statement; SQLite reads them after (no round trip to save).
      if (testDialect() === 'postgres') assert.ok(keys.every((k) => k.tokens?.scope === c.scope), `${c.word}: ${c.scope} tokens with every match`);
      else assert.ok(keys.every((k) => !k.tokens));
    }
  });

  it('a full window asked for the tokens of its newest few gives the same matches, and tokens with those few only', async () => {
    const stems = analyzeQuery('زوجي', { locale: 'ar' }).map((t) => t.stem);
    const plain = await rt.repos.search.candidates({ edition: 'ar', stems, mode: 'all', limit: 200 });
    const some = await rt.repos.search.candidates({ edition: 'ar', stems, mode: 'all', limit: 200, tokens: 'fit', leadsOf: 30 });
    assert.deepEqual(some.map((k) => k.id), plain.map((k) => k.id));
    assert.deepEqual(await rt.repos.search.withTokens(some.slice(0, 30), 'lead'), await rt.repos.search.withTokens(plain.slice(0, 30), 'lead'));
    if (testDialect() === 'postgres') assert.deepEqual(some.map((k) => k.tokens?.scope ?? null), plain.map((_, i) => (i < 30 ? 'lead' : null)));
    // Under a full window every match is scored: each comes with its whole article's tokens.
    const all = await rt.repos.search.candidates({ edition: 'ar', stems, mode: 'all', limit: 5000, tokens: 'fit', leadsOf: 30 });
    if (testDialect() === 'postgres') assert.ok(all.length > 30 && all.every((k) => k.tokens?.scope === 'whole'));
  });
});

/**
 * On PostgreSQL a window over the newest articles of a common word names the recency buckets it
 * covers (dialects/recency-buckets.ts), so GIN reads only their part of the word's matches. Here
 * half the articles came out over three years and half in the last month, as on a site that grew:
 * the first windows of «خبر» (in every article) and «زوجي» (in half) cover a few buckets of the
 * month. The answers must be exactly the newest matches, including articles newer than every
 * bucket the window named.
 */
describe('search candidates read through recency buckets stay exact', () => {
  let rt: TestRuntime;
  const OLD = 1200;
  const RECENT = 1200;
  const start = Date.parse('2021-01-01T00:00:00Z');
  const hours = (h: number) => new Date(start + h * 3_600_000).toISOString();
  // Old articles a day apart; recent ones half an hour apart, ending three years on.
  const hourOf = (i: number) => (i <= OLD ? i * 24 : OLD * 24 + (i - OLD) / 2);
  const words = (i: number) => ['خبر', i % 2 === 0 ? 'زوجي' : 'فردي'].join(' ');
  let fx: ReturnType<typeof indexFixture>;

  before(async () => {
    rt = await testRuntime();
    fx = indexFixture(rt, hours);
    for (let from = 1; from <= OLD + RECENT; from += 400) {
      await fx.add(Array.from({ length: 400 }, (_, k) => ({ id: from + k, edition: 'ar', hour: hourOf(from + k), text: words(from + k) })));
    }
    if (testDialect() === 'postgres') await sql`ANALYZE search_documents`.execute(rt.repos.db.kysely);
  });
  after(async () => rt.close());

  it('the newest matches of a word in every article, and of one in half of them', async () => {
    for (const limit of [10, 200, 700]) {
      assert.deepEqual(await fx.found('ar', 'خبر', limit), fx.newest('ar', 'خبر', limit), `خبر, ${limit}`);
      assert.deepEqual(await fx.found('ar', 'زوجي', limit), fx.newest('ar', 'زوجي', limit), `زوجي, ${limit}`);
    }
  });

  it('articles published after the bounds were read, in the newest bucket and beyond it, come first', async () => {
    assert.deepEqual(await fx.found('ar', 'زوجي', 200), fx.newest('ar', 'زوجي', 200)); // reads (and keeps) the bounds
    const last = hourOf(OLD + RECENT);
    await fx.add([
      { id: OLD + RECENT + 2, edition: 'ar', hour: last + 1, text: 'خبر زوجي' },
      { id: OLD + RECENT + 4, edition: 'ar', hour: last + 24 * 30, text: 'خبر زوجي' }, // ten buckets on
    ]);
    const got = await fx.found('ar', 'زوجي', 200);
    assert.deepEqual(got.slice(0, 2), [OLD + RECENT + 4, OLD + RECENT + 2]);
    assert.deepEqual(got, fx.newest('ar', 'زوجي', 200));
  });

  // PostgreSQL only: SQLite's index has no buckets (FTS5 reads its lists newest first).
  if (testDialect() === 'postgres') it('the migration gives rows indexed before it the bucket the indexer gives them', async () => {
    const db = rt.repos.db.kysely;
    const rows = async () => (await sql<{ doc_key: string; buckets: string[] }>`SELECT doc_key,
      ARRAY(SELECT l FROM unnest(tsvector_to_array(terms)) l WHERE l LIKE '~%') AS buckets FROM search_documents`.execute(db)).rows;
    const expected = (await rows()).map((r) => [bucketLexeme(recencyBucket(Number(r.doc_key)))]);
    assert.deepEqual((await rows()).map((r) => r.buckets), expected, 'as indexed');
    await db.transaction().execute(async (tx) => {
      await sql`UPDATE search_documents SET terms = ts_delete(terms, tsvector_to_array(terms)) || strip(to_tsvector('simple', 'خبر'))`.execute(tx);
      await postgresOps.fullText.addRecencyBuckets(tx as never);
      assert.deepEqual((await rows()).map((r) => r.buckets), expected, 'after the migration');
      throw new RollBack();
    }).catch((e: unknown) => { if (!(e instanceof RollBack)) throw e; });
  });
});

class RollBack extends Error {}


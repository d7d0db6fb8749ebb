import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { analyzeQuery } from '../platform/arabic/analyzer.ts';
import { searchDocument } from '../services/search/indexer.ts';

/**
 * The database hands the scorer exactly the newest `limit` matches, whatever plan finds them
 * (PostgreSQL walks the newest rows, then widens a recency window over its GIN index, then reads
 * every match). Enough articles here to leave the walk and reach each of those steps.
 */
describe('search candidates: the newest matches, exactly, on every path', () => {
  let rt: TestRuntime;
  const N = 2400;
  const start = Date.parse('2024-01-01T00:00:00Z');
  // Article i is published i hours after the start: the larger the id, the newer.
  const words = (i: number) => [
    'خبر',
    i % 2 === 0 ? 'زوجي' : 'فردي', // dense: every other article
    i % 30 === 0 ? 'نادر' : '', // sparse: the walk over the newest 1000 finds too few
    i < 40 ? 'قديم' : '', // only in the oldest articles: beyond every window
  ].filter(Boolean).join(' ');

  before(async () => {
    rt = await testRuntime();
    const k = rt.repos.db.kysely;
    const now = new Date().toISOString();
    for (let from = 1; from <= N; from += 400) {
      const rows = [];
      for (let i = from; i < from + 400; i++) {
        rows.push({
          id: i, edition: 'ar', kind: 'post', slug: `s-${i}`, title: `عنوان ${i}`, excerpt: '', body_html: '', body_text: words(i),
          status: 'published', published_at: new Date(start + i * 3_600_000).toISOString(), created_at: now, updated_at: now,
          comment_status: 'closed', translation_group: null, featured_image_url: null, featured_image_alt: '', primary_category_id: null,
        });
      }
      await k.insertInto('articles').values(rows).execute();
    }
    await rt.repos.write(async (tx) => {
      for (let i = 1; i <= N; i++) {
        const a = { id: i, edition: 'ar', kind: 'post', status: 'published', publishedAt: new Date(start + i * 3_600_000).toISOString(), title: `عنوان ${i}`, excerpt: '', bodyText: words(i) };
        await rt.repos.search.upsert(tx, searchDocument(a, 'ar'));
      }
    }, { invalidates: [] });
  });
  after(async () => rt.close());

  const expectNewest = async (word: string, matches: (i: number) => boolean, limit: number) => {
    const stems = analyzeQuery(word, { locale: 'ar' }).map((t) => t.stem);
    const got = (await rt.repos.search.candidates({ edition: 'ar', stems, mode: 'all', limit })).map((c) => c.id);
    const want = Array.from({ length: N }, (_, i) => N - i).filter(matches).slice(0, limit);
    assert.deepEqual(got, want);
  };

  it('document counts: each token up to the cap, hundreds at once in one statement (a "did you mean")', async () => {
    const stem = (w: string) => analyzeQuery(w, { locale: 'ar' })[0]!.stem;
    const absent = Array.from({ length: 300 }, (_, i) => `غائب${i}`);
    const tokens = [stem('زوجي'), ...absent, stem('نادر'), stem('قديم'), stem('خبر')];
    const counts = await rt.repos.search.documentCounts(tokens, 100);
    assert.deepEqual(counts, [100, ...absent.map(() => 0), 80, 39, 100]);
    assert.deepEqual(await rt.repos.search.documentCounts([stem('نادر'), stem('قديم')], 1000), [80, 39]);
  });
  it('a common word: the newest matches among the newest rows', () => expectNewest('زوجي', (i) => i % 2 === 0, 200));
  it('a word too rare for the walk: found through a recency window', () => expectNewest('نادر', (i) => i % 30 === 0, 60));
  it('a word only in old articles: windows widened in vain, then every match from the whole index', () => expectNewest('قديم', (i) => i < 40, 200));
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../platform/clock.ts';
import { testRuntime, type TestRuntime } from '../../../test/support/runtime.ts';
import { searchDocument } from './indexer.ts';
import { DF_CAP } from './scoring.ts';
import { ALTERNATIVE_DF_CAP, CANDIDATE_WINDOW, SCORED_RECENT, SearchService } from './search.ts';

/**
 * A common word fills the candidate window; its newest SCORED_RECENT are ranked beside the newest
 * stories with it in the title (the title pass). That pass may start before the window is known
 * to be full (every word is common): either way it changes nothing unless the window is full.
 */
describe('search over more matches than the candidate window', () => {
  let rt: TestRuntime;
  let search: SearchService;
  const clock = fixedClock('2025-03-11T00:00:00Z');
  const hours = (h: number) => new Date(Date.parse('2025-03-10T00:00:00Z') - h * 3_600_000).toISOString();
  const OLD_OIL = 5000;
  const articles = [
    // 260 recent passing mentions of نفط, one an hour.
    ...Array.from({ length: CANDIDATE_WINDOW + 60 }, (_, i) => ({ id: i + 1, hour: i, title: `خبر ${i + 1}`, body: 'ارتفع سعر النفط اليوم' })),
    // 150 mentions of غاز: common (its document count reaches the cap) yet within the window.
    ...Array.from({ length: 150 }, (_, i) => ({ id: 1000 + i, hour: i, title: `تقرير ${i + 1}`, body: 'صادرات الغاز مستقرة' })),
    // A year-old story about oil: older than every passing mention, found by the title pass only.
    { id: OLD_OIL, hour: 24 * 365, title: 'النفط في عام', body: 'النفط والأسواق' },
    // وزير as typed and its proclitic-less reading زير both reach the cap: compared past it.
    ...Array.from({ length: DF_CAP + 20 }, (_, i) => ({ id: 2000 + i, hour: i, title: `بيان ${i + 1}`, body: 'قال الوزير إن وزير المالية مسافر' })),
  ];

  before(async () => {
    rt = await testRuntime({ clock });
    const now = new Date().toISOString();
    await rt.repos.db.kysely.insertInto('articles').values(articles.map((a) => ({
      id: a.id, edition: 'ar', kind: 'post', slug: `w-${a.id}`, title: a.title, excerpt: '', body_html: '', body_text: a.body,
      status: 'published', published_at: hours(a.hour), created_at: now, updated_at: now,
      comment_status: 'closed', translation_group: null, featured_image_url: null, featured_image_alt: '', primary_category_id: null,
    }))).execute();
    await rt.repos.write(async (tx) => {
      for (const a of articles) {
        await rt.repos.search.upsert(tx, searchDocument({ id: a.id, edition: 'ar', kind: 'post', status: 'published', publishedAt: hours(a.hour), title: a.title, excerpt: '', bodyText: a.body }, 'ar'));
      }
    }, { invalidates: [] });
    search = new SearchService({ repos: rt.repos, clock });
  });
  after(() => rt.close());

  it('a full window: its newest passing mentions and the newest title matches, however old', async () => {
    const r = await search.search({ edition: 'ar', locale: 'ar', query: 'النفط', page: 1, perPage: 500 });
    assert.equal(r.capped, true);
    const ids = r.hits.map((h) => h.article.id);
    assert.equal(r.total, SCORED_RECENT + 1);
    assert.ok(ids.includes(OLD_OIL));
    // Of the window, exactly the newest SCORED_RECENT passing mentions.
    assert.deepEqual(ids.filter((id) => id !== OLD_OIL).sort((a, b) => a - b), Array.from({ length: SCORED_RECENT }, (_, i) => i + 1));
  });

  it('a common word whose matches fit in the window gets them all, and nothing more', async () => {
    const r = await search.search({ edition: 'ar', locale: 'ar', query: 'الغاز', page: 1, perPage: 500 });
    assert.equal(r.capped, false);
    assert.equal(r.total, 150);
    assert.deepEqual(r.hits.map((h) => h.article.id).sort((a, b) => a - b), Array.from({ length: 150 }, (_, i) => 1000 + i));
  });

  it('counts a common word past the cap once per content version, not on every search', async () => {
    const caps: number[] = [];
    const counts = rt.repos.search.documentCounts.bind(rt.repos.search);
    rt.repos.search.documentCounts = (tokens, cap) => (caps.push(cap), counts(tokens, cap));
    try {
      const first = await search.search({ edition: 'ar', locale: 'ar', query: 'وزير', page: 1, perPage: 10 });
      const again = await search.search({ edition: 'ar', locale: 'ar', query: 'وزير', page: 1, perPage: 10 });
      assert.deepEqual(again.hits.map((h) => [h.article.id, h.score]), first.hits.map((h) => [h.article.id, h.score]));
      assert.equal(caps.filter((c) => c === ALTERNATIVE_DF_CAP).length, 1, `counted past the cap once, not ${caps.length} times`);
    } finally {
      rt.repos.search.documentCounts = counts;
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testDialect, testRuntime, type TestRuntime } from '../../test/support/runtime.ts';

/**
 * The home page's sticky lead and breaking strip (ArticleRepository.stickyLead / breaking) come
 * from partial indexes of the flagged rows (migration 0032), not from a walk through every
 * article of the edition.
 */
describe(`front-page flags (${testDialect()})`, () => {
  let rt: TestRuntime;
  const ids: Record<string, number> = {};
  const save = (key: string, more: { sticky?: boolean; breaking?: boolean; status?: 'published' | 'draft'; edition?: string; publishedAt: string }) =>
    rt.articles.save({ edition: more.edition ?? 'ar', status: more.status ?? 'published', commentStatus: 'open', title: `خبر ${key}`, bodyHtml: '<p>نص الخبر.</p>', publishedAt: more.publishedAt, ...(more.sticky && { sticky: true }), ...(more.breaking && { breaking: true }) })
      .then((id) => (ids[key] = id));

  before(async () => {
    rt = await testRuntime();
    await save('plain', { publishedAt: '2025-03-10T12:00:00Z' });
    await save('oldBreaking', { breaking: true, publishedAt: '2025-03-01T12:00:00Z' });
    await save('newBreaking', { breaking: true, publishedAt: '2025-03-09T12:00:00Z' });
    await save('draftBreaking', { breaking: true, status: 'draft', publishedAt: '2025-03-10T13:00:00Z' });
    await save('englishBreaking', { breaking: true, edition: 'en', publishedAt: '2025-03-10T14:00:00Z' });
    await save('sticky', { sticky: true, publishedAt: '2025-03-05T12:00:00Z' });
  });
  after(() => rt.close());

  it('the breaking strip: published, this edition, newest first', async () => {
    const strip = await rt.repos.articles.breaking('ar', 5);
    assert.deepEqual(strip.map((a) => a.id), [ids.newBreaking, ids.oldBreaking]);
  });

  it('the sticky lead: the newest sticky published post, or none', async () => {
    assert.equal((await rt.repos.articles.stickyLead('ar'))?.id, ids.sticky);
    assert.equal(await rt.repos.articles.stickyLead('en'), null);
  });

  it('is read from the flagged rows only (SQLite: the plan; PostgreSQL plans by table size: the partial index is there)', async () => {
    for (const flag of ['sticky', 'breaking']) {
      if (testDialect() === 'postgres') {
        const { rows } = await sql<{ def: string }>`SELECT indexdef AS def FROM pg_indexes WHERE indexname = ${`articles_${flag}`} AND schemaname = current_schema()`.execute(rt.repos.db.kysely);
        assert.match(rows[0]?.def ?? '', new RegExp(`WHERE \\(${flag} = 1\\)`));
        continue;
      }
      const { rows } = await sql<{ detail: string }>`EXPLAIN QUERY PLAN SELECT id FROM articles
        WHERE edition = 'ar' AND kind = 'post' AND status = 'published' AND ${sql.ref(flag)} = 1
        ORDER BY published_at DESC, id DESC`.execute(rt.repos.db.kysely);
      assert.ok(rows.some((r) => r.detail.includes(`articles_${flag}`)), rows.map((r) => r.detail).join('; '));
    }
  });
});

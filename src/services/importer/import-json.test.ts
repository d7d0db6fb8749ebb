import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { fixedClock } from '../../platform/clock.ts';
import { testRuntime, type TestRuntime } from '../../../test/support/runtime.ts';
import type { ArticleInput } from '../../domain/article.ts';
import { Invalid } from '../../domain/errors.ts';
import type { Touch, Tx } from '../../storage/write-path.ts';
import type { ArticleService } from '../articles/articles.ts';
import { BULK_IMPORT, ImportError, importArticles } from './import-json.ts';

const article = (over: Record<string, unknown> = {}) => ({
  id: 501,
  edition: 'ar',
  title: 'افتتاح جسر جديد فوق النهر؛ حركة أسرع',
  published: '2024-05-10T08:00:00+03:00',
  paragraphs: ['افتتحت البلدية جسراً جديداً.', 'ويختصر الجسر زمن الرحلة.'],
  comments_open: true,
  an_extra_field: 'ignored',
  ...over,
});

describe('importing articles from JSON', () => {
  let rt: TestRuntime;
  const clock = fixedClock('2025-01-01T00:00:00Z');
  beforeEach(async () => (rt = await testRuntime({ clock })));
  afterEach(() => rt.close());

  it('imports one article keeping its id, and ignores extra fields', async () => {
    const r = await importArticles(JSON.stringify(article()), rt);
    assert.deepEqual(r, { imported: 1, ids: [501], scheduled: [] });
    const a = await rt.repos.articles.findById(501);
    assert.equal(a?.slug, 'افتتاح-جسر-جديد-فوق-النهر-حركة-أسرع');
    assert.equal(a?.publishedAt, '2024-05-10T05:00:00.000Z');
    assert.equal(a?.status, 'published');
    assert.equal(a?.commentStatus, 'open');
    assert.equal(a?.bodyText, 'افتتحت البلدية جسراً جديداً.\n\nويختصر الجسر زمن الرحلة.');
  });

  it('imports an array, across editions', async () => {
    const r = await importArticles(JSON.stringify([article(), article({ id: 502, edition: 'en', title: 'A new bridge opens' })]), rt);
    assert.equal(r.imported, 2);
    assert.equal((await rt.repos.articles.findById(502))?.edition, 'en');
  });

  it('updates on re-import of the same id, never duplicates', async () => {
    await importArticles(JSON.stringify(article()), rt);
    await importArticles(JSON.stringify(article({ title: 'عنوان معدّل', comments_open: false })), rt);
    assert.equal(await rt.repos.articles.count(), 1);
    const a = await rt.repos.articles.findById(501);
    assert.equal(a?.title, 'عنوان معدّل');
    assert.equal(a?.commentStatus, 'closed');
  });

  it('keeps the old address of a published article whose re-import changes its slug or date (a 301, not a 404)', async () => {
    await importArticles(JSON.stringify(article()), rt);
    const before = await rt.repos.articles.findById(501);
    await importArticles(JSON.stringify(article({ title: 'عنوان معدّل تماماً', published: '2024-05-11T08:00:00+03:00' })), rt);
    const olds = await rt.repos.oldUrls.bySlug('ar', before!.slug);
    assert.deepEqual(olds, [{ articleId: 501, publishedAt: before!.publishedAt }]);
    const moved = await rt.articles.formerAddress('ar', before!.slug, () => true);
    assert.equal(moved?.kind, 'moved');
  });

  it('imports an article dated in the future as scheduled', async () => {
    const r = await importArticles(JSON.stringify(article({ published: '2030-01-01T00:00:00Z' })), rt);
    assert.deepEqual(r.scheduled, [501]);
    assert.equal((await rt.repos.articles.findById(501))?.status, 'scheduled');
  });

  it('gives new articles ids past the imported ones', async () => {
    await importArticles(JSON.stringify(article({ id: 90000 })), rt);
    const id = await rt.articles.save({ edition: 'ar', title: 'مقال جديد', bodyHtml: '<p>نص</p>', publishedAt: null, status: 'draft', commentStatus: 'open' });
    assert.ok(id > 90000, `new id ${id}`);
  });

  it('refreshes the planner statistics after a bulk import, not after a single article', async () => {
    let refreshed = 0;
    const refresh = rt.repos.refreshStatistics.bind(rt.repos);
    const repos = { ...rt.repos, refreshStatistics: async () => { refreshed++; await refresh(); } };
    await importArticles(JSON.stringify(article()), { ...rt, repos });
    assert.equal(refreshed, 0);
    const many = Array.from({ length: BULK_IMPORT }, (_, i) => article({ id: 1000 + i, title: `خبر رقم ${i + 1} في النشرة` }));
    await importArticles(JSON.stringify(many), { ...rt, repos });
    assert.equal(refreshed, 1);
    if (rt.repos.db.dialect.name === 'postgres') {
      const { rows } = await sql<{ analyzed: boolean }>`SELECT last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables
        WHERE schemaname = current_schema() AND relname = 'articles'`.execute(rt.repos.db.kysely);
      assert.equal(rows[0]?.analyzed, true, 'PostgreSQL analysed the articles table');
    }
  });

  it('refuses invalid input naming the article and the field, and writes nothing', async () => {
    const cases: [unknown, RegExp][] = [
      [[article(), article({ id: 502, title: '' })], /article #2 \(id 502\): title: must be a non-empty string/],
      [[article({ published: 'yesterday' })], /article #1 \(id 501\): published: must be an ISO 8601/],
      [[article({ published: '2022-02-30T10:00:00Z' })], /published/],
      [[article({ edition: 'fr' })], /article #1 \(id 501\): edition: unknown edition "fr"/],
      [[article({ id: -3 })], /id: must be a positive whole number/],
      [[article({ id: '12' })], /id: must be a positive whole number/],
      [[article({ paragraphs: 'text' })], /paragraphs: must be a non-empty array/],
      [[article({ paragraphs: ['a', 7] })], /paragraphs\[1\]: must be a string/],
      [[article({ comments_open: 'yes' })], /comments_open: must be true or false/],
      [[article(), article()], /article #2 \(id 501\): id: 501 appears twice/],
      [[], /empty array/],
      [['just a string'], /must be a JSON object/],
    ];
    for (const [input, message] of cases) {
      await assert.rejects(importArticles(JSON.stringify(input), rt), (e: Error) => e instanceof ImportError && message.test(e.message), String(message));
    }
    await assert.rejects(importArticles('{not json', rt), /not valid JSON/);
    assert.equal(await rt.repos.articles.count(), 0);
  });

  it('rolls back the whole file when a later article fails in the database', async () => {
    // Everything the file can be checked for is checked before the first write (an unknown edition
    // among them), so the failure is made to happen inside the transaction: the second save fails
    // after the first was written.
    await assert.rejects(importArticles(JSON.stringify([article(), article({ id: 502, edition: 'xx' })]), rt), ImportError);
    const save = async (input: ArticleInput, tx: Tx, touch: Touch) => {
      if (input.id === 502) throw new Invalid('title', 'taken', { by: 'the database' });
      return rt.articles.save(input, tx, touch);
    };
    const articles = { save } as Pick<ArticleService, 'save'>;
    await assert.rejects(importArticles(JSON.stringify([article(), article({ id: 502 })]), { repos: rt.repos, articles }), (e: Error) =>
      e instanceof ImportError && e.message === 'article #2 (id 502): title: Already used by “the database”.');
    assert.equal(await rt.repos.articles.count(), 0);
  });

  it('lists every problem of every article, not only the first, and writes nothing', async () => {
    const file = [
      article({ title: '', published: 'yesterday', paragraphs: ['a', 7, null] }),
      article({ id: 502 }),
      { id: 'x', edition: 'fr' },
      article({ id: 502, comments_open: 'yes' }),
      article({ id: 503, title: 'ع'.repeat(501) }),
    ];
    const e = await importArticles(JSON.stringify(file), rt).then(() => null, (err: unknown) => err);
    assert.ok(e instanceof ImportError);
    const iso = 'must be an ISO 8601 date-time with a zone, e.g. 2022-02-25T18:50:00+03:00';
    assert.deepEqual(e.problems, [
      { article: 1, id: 501, field: 'title', reason: 'must be a non-empty string' },
      { article: 1, id: 501, field: 'published', reason: iso },
      { article: 1, id: 501, field: 'paragraphs[1]', reason: 'must be a string' },
      { article: 1, id: 501, field: 'paragraphs[2]', reason: 'must be a string' },
      { article: 3, id: 'x', field: 'id', reason: 'must be a positive whole number' },
      { article: 3, id: 'x', field: 'edition', reason: 'unknown edition "fr" (known: ar, en)' },
      { article: 3, id: 'x', field: 'title', reason: 'must be a non-empty string' },
      { article: 3, id: 'x', field: 'published', reason: iso },
      { article: 3, id: 'x', field: 'paragraphs', reason: 'must be a non-empty array of strings' },
      { article: 4, id: 502, field: 'comments_open', reason: 'must be true or false' },
      { article: 5, id: 503, field: 'title', reason: 'This is longer than allowed (500 characters).' },
    ]);
    const lines = e.message.split('\n');
    assert.equal(lines[0], '11 problems in the file, so nothing was imported:');
    assert.equal(lines[6], '  article #3 (id x): edition: unknown edition "fr" (known: ar, en)');
    assert.equal(lines.length, 12);
    assert.equal(await rt.repos.articles.count(), 0);
  });

  it('names the other place of an id given twice', async () => {
    await assert.rejects(importArticles(JSON.stringify([article(), article({ id: 502 }), article()]), rt), (e: Error) =>
      e instanceof ImportError && e.message === 'article #3 (id 501): id: 501 appears twice in the file (also article #1)');
  });

  it('reports a file that is not JSON at the line and column where it stops being JSON', async () => {
    const text = '[\n  {"id": 1, "title": "عنوان"\n   "edition": "ar"}\n]';
    await assert.rejects(importArticles(text, rt), (e: Error) =>
      e instanceof ImportError && e.message === `the file is not valid JSON: line 3, column 4: expected "," or "}" after a property value, found '"'`);
    assert.equal(await rt.repos.articles.count(), 0);
  });

  it('reads a file that starts with a byte-order mark', async () => {
    assert.equal((await importArticles(`\uFEFF${JSON.stringify(article())}`, rt)).imported, 1);
  });
});

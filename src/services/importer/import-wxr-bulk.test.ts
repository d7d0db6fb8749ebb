import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { fixedClock } from '../../platform/clock.ts';
import type { BulkImportRepository } from '../../storage/bulk-import.ts';
import { testRuntime, type TestRuntime } from '../../../test/support/runtime.ts';
import { scratchDir } from '../../../test/support/scratch-dir.ts';
import { importWxr, type WxrImportOptions, WxrImportStopped } from './import-wxr.ts';

/** A comment of the generated export: its WordPress id and the one it answers (0: none). */
interface C {
  id: number;
  parent?: number;
}

/** An export of posts 1..n (each with the comments given for it), written to a temp file. */
function exportOf(posts: { id: number; name?: string; comments?: C[]; body?: string }[]): string {
  const items = posts.map((p) => `<item><title>خبر ${p.id}</title><dc:creator>writer</dc:creator>
<content:encoded><![CDATA[${p.body ?? `<p>bulkword نص الخبر ${p.id}</p>`}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${p.id}</wp:post_id><wp:post_date_gmt>2022-02-${String(10 + (p.id % 15)).padStart(2, '0')} 10:00:00</wp:post_date_gmt>
<wp:post_name>${p.name ?? `post-${p.id}`}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="economy"><![CDATA[اقتصاد]]></category>
${(p.comments ?? []).map((c) => `<wp:comment><wp:comment_id>${c.id}</wp:comment_id><wp:comment_author>قارئ ${c.id}</wp:comment_author>
<wp:comment_author_email>r${c.id}@example.org</wp:comment_author_email><wp:comment_date_gmt>2022-03-01 10:00:00</wp:comment_date_gmt>
<wp:comment_content>تعليق ${c.id}</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>${c.parent ?? 0}</wp:comment_parent></wp:comment>`).join('\n')}
</item>`);
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>bulk</title><link>https://bulk.example</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bulk.example</wp:base_site_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>writer</wp:author_login><wp:author_email>writer@bulk.example</wp:author_email><wp:author_display_name>كاتب</wp:author_display_name></wp:author>
<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>economy</wp:category_nicename><wp:cat_name>اقتصاد</wp:cat_name></wp:category>
${items.join('\n')}
</channel></rss>`;
  const file = join(scratchDir('khabar-wxr-bulk-'), 'export.xml');
  writeFileSync(file, xml);
  return file;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('the WordPress import’s bulk path, batch by batch', () => {
  let rt: TestRuntime;
  const clock = fixedClock('2025-01-01T00:00:00Z');
  beforeEach(async () => (rt = await testRuntime({ clock })));
  afterEach(() => rt.close());

  const deps = (bulkImport: BulkImportRepository = rt.repos.bulkImport) => ({ repos: { ...rt.repos, bulkImport }, articles: rt.articles, clock, secret: rt.secret });
  const run = (file: string, opts: WxrImportOptions = {}) => importWxr(file, deps(), opts);
  const count = async (table: 'articles' | 'comments' | 'wordpress_ids') =>
    Number((await rt.repos.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const article = async (wpId: number) => (await rt.repos.articles.findById((await rt.repos.wordpressIds.find('ar', 'post', wpId))!))!;
  const comment = async (wpId: number) => (await rt.repos.comments.find((await rt.repos.wordpressIds.find('ar', 'comment', wpId))!))!;
  /** The posts search finds for a word every generated body has. */
  const searchable = async () => (await rt.repos.search.candidates({ edition: 'ar', stems: ['bulkword'], mode: 'all', limit: 100 })).length;

  for (const n of [3, 4]) {
    it(`imports ${n} posts in batches of 3 (${n === 3 ? 'exactly one batch' : 'one more than a batch'}): every post, comment, id and index entry`, async () => {
      const batches: number[] = [];
      const r = await run(exportOf(range(1, n).map((id) => ({ id, comments: [{ id: 100 + id }, { id: 200 + id, parent: 100 + id }] }))), { batchSize: 3, afterBatch: (b) => void batches.push(b) });
      assert.deepEqual(batches, n === 3 ? [1] : [1, 2]);
      assert.deepEqual([r.counts.post, r.counts.comment], [{ imported: n, updated: 0, skipped: 0 }, { imported: 2 * n, updated: 0, skipped: 0 }]);
      assert.equal(await count('articles'), n);
      assert.equal(await count('comments'), 2 * n);
      assert.equal(await searchable(), n, 'the search index holds every new post');
      const last = await article(n);
      assert.deepEqual([last.slug, last.status, last.publishedAt, last.authors.map((a) => a.name), last.categories.map((c) => c.slug)],
        [`post-${n}`, 'published', `2022-02-${String(10 + (n % 15)).padStart(2, '0')}T10:00:00.000Z`, ['كاتب'], ['economy']]);
      const reply = await comment(200 + n);
      assert.equal(reply.parentId, (await comment(100 + n)).id);
      assert.equal(reply.articleId, last.id);
      // New articles made afterwards get ids past the imported ones (the id generator moved on).
      const next = await rt.articles.save({ edition: 'ar', title: 'بعد الاستيراد', bodyHtml: '<p>x</p>', publishedAt: null, status: 'draft', commentStatus: 'open' });
      assert.ok(next > last.id);
    });
  }

  it('gives taken slugs WordPress’s «-2», within a batch and across batches, as one-by-one saves do', async () => {
    await run(exportOf([{ id: 1, name: 'same' }, { id: 2, name: 'same' }, { id: 3, name: 'other' }, { id: 4, name: 'same' }]), { batchSize: 3 });
    assert.deepEqual([(await article(1)).slug, (await article(2)).slug, (await article(4)).slug], ['same', 'same-2', 'same-3']);
  });

  it('checks slugs across the bulk writer’s slices of 100 articles in one batch', async () => {
    const posts = range(1, 102).map((id) => ({ id, ...((id === 1 || id === 101) && { name: 'same' }) }));
    await run(exportOf(posts));
    assert.deepEqual([(await article(1)).slug, (await article(101)).slug, (await article(102)).slug], ['same', 'same-2', 'post-102']);
    assert.equal(await searchable(), 100, 'the newest 100 of the 102 (the search limit)');
  });

  it('threads replies that come before the comment they answer, in the same post or in a post of a later batch', async () => {
    const r = await run(exportOf([
      { id: 1, comments: [{ id: 11, parent: 12 }, { id: 12 }, { id: 13, parent: 41 }] },
      { id: 2 }, { id: 3 },
      { id: 4, comments: [{ id: 41 }] },
    ]), { batchSize: 3 });
    assert.equal(r.counts.comment.imported, 4);
    assert.equal((await comment(11)).parentId, (await comment(12)).id);
    assert.equal((await comment(13)).parentId, (await comment(41)).id, 'the parent came in batch 2: linked at the end');
    assert.ok(!r.notes.some((n) => n.kind === 'comment'), 'no reply is reported as orphaned');
  });

  it('skips an article the save’s rules refuse, with the reason, and imports the rest of its batch', async () => {
    const r = await run(exportOf([{ id: 1 }, { id: 2, body: `<p>${'و'.repeat(2_000_001)}</p>`, comments: [{ id: 21 }] }, { id: 3 }]));
    assert.deepEqual(r.counts.post, { imported: 2, updated: 0, skipped: 1 });
    assert.ok(r.skipped.some((s) => s.wpId === 2 && /body/.test(s.reason)), JSON.stringify(r.skipped));
    assert.ok(r.skipped.some((s) => s.kind === 'comment' && s.wpId === 21 && /not imported/.test(s.reason)));
    assert.equal(await count('articles'), 2);
  });

  it('stops at a batch that fails: the batches before it stay, the report says what landed and what did not, and a re-run completes it', async () => {
    const file = exportOf(range(1, 7).map((id) => ({ id, comments: [{ id: 100 + id }] })));
    const real = rt.repos.bulkImport;
    let calls = 0;
    const failing = Object.assign(Object.create(real) as BulkImportRepository, {
      insertArticles: (...a: Parameters<BulkImportRepository['insertArticles']>) => (++calls === 2 ? Promise.reject(new Error('disk full')) : real.insertArticles(...a)),
    });
    const stopped = await importWxr(file, deps(failing), { batchSize: 3 }).then(() => null, (e: unknown) => e);
    assert.ok(stopped instanceof WxrImportStopped, String(stopped));
    assert.match(stopped.message, /batch 2 \(3 items, WordPress ids 4–6\): disk full/);
    assert.deepEqual([stopped.report.counts.post, stopped.report.counts.comment], [{ imported: 3, updated: 0, skipped: 0 }, { imported: 3, updated: 0, skipped: 0 }]);
    assert.equal(await count('articles'), 3, 'batch 1 landed');
    assert.equal(await count('comments'), 3);
    assert.equal(await rt.repos.wordpressIds.find('ar', 'post', 4), null, 'nothing of batch 2 landed');

    const r = await run(file, { batchSize: 3 });
    assert.deepEqual(r.counts.post, { imported: 4, updated: 3, skipped: 0 });
    assert.equal(await count('articles'), 7);
    assert.equal(await count('comments'), 7);
    assert.equal(await searchable(), 7);
  });

  it('writes nothing on a dry run, across batches', async () => {
    const r = await run(exportOf(range(1, 4).map((id) => ({ id, comments: [{ id: 100 + id }] }))), { batchSize: 3, dryRun: true });
    assert.equal(r.counts.post.imported, 4);
    assert.deepEqual([await count('articles'), await count('comments'), await count('wordpress_ids')], [0, 0, 0]);
  });
});

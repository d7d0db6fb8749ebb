import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../../src/platform/clock.ts';
import { paragraphsToHtml } from '../../src/platform/html/sanitize.ts';
import { adminSite, Agent, type AdminSite } from '../support/admin.ts';

const NOW = '2026-03-10T09:00:00.000Z';

async function setUp() {
  const clock = fixedClock(NOW);
  const s = await adminSite({ clock });
  const ed = await s.user('editor');
  const a = new Agent(s.app);
  await a.login(ed.email);
  const id = await s.articles.save({
    edition: 'ar', title: 'قمة المناخ', slug: 'قمة-المناخ', bodyHtml: paragraphsToHtml(['نص القمة']), status: 'published',
    publishedAt: '2026-03-05T10:00:00Z', commentStatus: 'open', authorSlugs: [ed.slug],
  });
  return { s, a, id, clock };
}

const OLD = `/ar/2026/03/05/${encodeURIComponent('قمة-المناخ')}/`;

/** Loads the edit page, changes some fields and presses a button, as a browser would. */
async function edit(a: Agent, id: number, change: Record<string, string>) {
  const page = await a.get(`/admin/articles/${id}/edit`);
  const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
  const field = (name: string) => new RegExp(`name="${name}" type="[\\w-]+" value="([^"]*)"`).exec(page.body)?.[1] ?? '';
  const body = /<textarea id="article-body" name="body"[^>]*>([\s\S]*?)<\/textarea>/.exec(page.body)![1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return a.post(`/admin/articles/${id}/edit`, {
    version, title: field('title'), slug: field('slug'), body, edition: 'ar', publish_at: field('publish_at'), comment_status: 'open', ...change,
  });
}

describe('old addresses of published articles', () => {
  it('a changed slug: the old URL answers 301 to the new one', async () => {
    const { s, a, id } = await setUp();
    assert.equal((await a.get(OLD)).status, 200);
    const r = await edit(a, id, { slug: 'قمة-المناخ-في-دبي', action: 'update' });
    assert.equal(r.status, 303);
    const old = await a.get(OLD);
    assert.equal(old.status, 301);
    assert.equal(old.headers.location, `/ar/2026/03/05/${encodeURIComponent('قمة-المناخ-في-دبي')}/`);
    assert.equal((await a.get(String(old.headers.location))).status, 200);
    // A second rename: both earlier addresses lead to the newest.
    await edit(a, id, { slug: 'قمة-دبي', action: 'update' });
    for (const url of [OLD, `/ar/2026/03/05/${encodeURIComponent('قمة-المناخ-في-دبي')}/`]) {
      const again = await a.get(url);
      assert.equal(again.status, 301, url);
      assert.equal(again.headers.location, `/ar/2026/03/05/${encodeURIComponent('قمة-دبي')}/`);
    }
    await s.close();
  });

  it('a changed date: the old URL answers 301 to the new one', async () => {
    const { s, a, id } = await setUp();
    // 2026-03-07 09:30 in Riyadh.
    await edit(a, id, { publish_at: '2026-03-07T09:30', action: 'update' });
    const old = await a.get(OLD);
    assert.equal(old.status, 301);
    assert.equal(old.headers.location, `/ar/2026/03/07/${encodeURIComponent('قمة-المناخ')}/`);
    await s.close();
  });

  it('the old address stays with its article even when a new article takes the slug', async () => {
    const { s, a, id } = await setUp();
    await edit(a, id, { slug: 'قمة-جديدة', action: 'update' });
    await s.articles.save({ edition: 'ar', title: 'قمة المناخ', slug: 'قمة-المناخ', bodyHtml: '<p>خبر آخر</p>', status: 'published', publishedAt: '2026-03-09T10:00:00Z', commentStatus: 'open' });
    const old = await a.get(OLD);
    assert.equal(old.status, 301);
    assert.equal(old.headers.location, `/ar/2026/03/05/${encodeURIComponent('قمة-جديدة')}/`);
    assert.equal((await a.get(`/ar/2026/03/09/${encodeURIComponent('قمة-المناخ')}/`)).status, 200);
    await s.close();
  });

  it('unpublished or trashed after going out: 410 Gone with a page in the edition’s language; a never-published draft stays 404', async () => {
    const { s, a, id } = await setUp();
    const r = await edit(a, id, { action: 'unpublish' });
    assert.equal(r.status, 303);
    const gone = await a.get(OLD);
    assert.equal(gone.status, 410);
    assert.match(gone.body, /<html lang="ar" dir="rtl"/);
    assert.match(gone.body, /لم يعد هذا المقال متاحاً/);
    // Published again: the page is back.
    await edit(a, id, { action: 'publish' });
    assert.equal((await a.get(OLD)).status, 200);
    await edit(a, id, { action: 'trash' });
    assert.equal((await a.get(OLD)).status, 410);
    // A renamed then unpublished article: its old address is gone too.
    const other = await s.articles.save({ edition: 'en', title: 'Summit', slug: 'summit', bodyHtml: '<p>x</p>', status: 'published', publishedAt: '2026-03-05T10:00:00Z', commentStatus: 'open' });
    await s.repos.write((tx) => s.repos.oldUrls.record(tx, { edition: 'en', slug: 'old-summit', publishedAt: '2026-03-05T10:00:00.000Z', articleId: other }, NOW), { invalidates: [] });
    assert.equal((await a.get('/en/2026/03/05/old-summit/')).status, 301);
    await a.get('/admin/articles');
    await a.post('/admin/articles/bulk', { action: 'draft', ids: [String(other)] });
    const enGone = await a.get('/en/2026/03/05/old-summit/');
    assert.equal(enGone.status, 410);
    assert.match(enGone.body, /<html lang="en"/);
    assert.match(enGone.body, /no longer available/);
    // A draft that never went out is simply not there.
    const draft = await s.articles.save({ edition: 'ar', title: 'مسودة', slug: 'مسودة', bodyHtml: '<p>x</p>', status: 'draft', publishedAt: '2026-03-05T10:00:00Z', commentStatus: 'open' });
    assert.ok(draft);
    assert.equal((await a.get(`/ar/2026/03/05/${encodeURIComponent('مسودة')}/`)).status, 404);
    await s.close();
  });

  it('a published article changed after publication shows an "updated" line in the edition’s format', async () => {
    const { s, a, id, clock } = await setUp();
    const before = await a.get(OLD);
    assert.doesNotMatch(before.body, /class="dateline updated"/);
    clock.set('2026-03-10T12:15:00Z');
    await edit(a, id, { body: '<p>نص القمة مع تصحيح</p>', action: 'update' });
    const after = await a.get(OLD);
    assert.equal(after.status, 200);
    // 15:15 in Riyadh, written as the date line is.
    assert.match(after.body, /<span class="dateline updated">آخر تحديث: <time datetime="2026-03-10T12:15:00.000Z">الثلاثاء 10 مارس 2026 - 15:15<\/time><\/span>/);
    await s.close();
  });
});

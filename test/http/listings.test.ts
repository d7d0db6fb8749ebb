import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { paragraphsToHtml } from '../../src/platform/html/sanitize.ts';
import { writeNewsroom } from '../fixtures/newsroom.ts';
import { testSite, type TestSite } from '../support/app.ts';

describe('home and archive pages', () => {
  let site: TestSite;
  const get = (url: string) => site.app.fastify.inject(url);
  before(async () => {
    site = await testSite();
    await writeNewsroom(site);
  });
  after(() => site.close());

  it('/ goes to the default edition', async () => {
    const res = await get('/');
    assert.equal(res.statusCode, 302);
    assert.equal(res.headers.location, '/ar/');
  });

  it('the Arabic home page has a lead story, the latest and section blocks', async () => {
    const res = await get('/ar/');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="ar" dir="rtl">/);
    // The newest article leads: the comet story (3 March in Riyadh).
    assert.match(res.body, /<section class="lead"[^>]*>.*تلسكوب جديد يرصد مذنباً نادراً/s);
    assert.ok(res.body.includes('آخر الأخبار'));
    assert.ok(res.body.includes('href="/ar/category/economy/"'));
  });

  it('the English home page is left-to-right and in English', async () => {
    const res = await get('/en/');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="en" dir="ltr">/);
    assert.ok(res.body.includes('Delegation signs a 12-point memorandum in Riyadh'));
    assert.ok(!res.body.includes('rel="preload"'), 'no Arabic webfont preload on English pages');
  });

  it('a category archive lists its articles newest first', async () => {
    const res = await get('/ar/category/economy/');
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes('قسم: اقتصاد'));
    const first = res.body.indexOf('أسواق الطاقة');
    const second = res.body.indexOf('زيارة وفد إلى الرياض');
    assert.ok(first > 0 && second > first);
  });

  it('a tag archive with an Arabic slug', async () => {
    const res = await get(`/ar/tag/${encodeURIComponent('طاقة')}/`);
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes('وسم: طاقة'));
  });

  it('an author archive per edition', async () => {
    const res = await get('/ar/author/salma-nour/');
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes('مقالات سلمى نور'));
    assert.equal((await get('/en/author/salma-nour/')).statusCode, 404, 'no stories in that edition');
  });

  it("date archives follow the edition's calendar day", async () => {
    const day = await get('/ar/2022/03/03/');
    assert.equal(day.statusCode, 200);
    assert.ok(day.body.includes('تلسكوب جديد'));
    assert.ok(day.body.includes('أرشيف 3 مارس 2022'));
    const month = await get('/ar/2022/02/');
    assert.ok(month.body.includes('أرشيف فبراير 2022'));
    assert.equal((await get('/ar/2022/')).statusCode, 200);
    assert.equal((await get('/ar/1999/')).statusCode, 404);
    assert.equal((await get('/ar/2022/02/30/')).statusCode, 404);
  });

  it('unknown archives and pages past the end are friendly 404s in the edition language', async () => {
    for (const [url, text] of [
      ['/ar/category/nope/', 'الصفحة غير موجودة'],
      ['/ar/tag/nope/', 'الصفحة غير موجودة'],
      ['/ar/page/99/', 'الصفحة غير موجودة'],
      ['/en/category/nope/', 'Page not found'],
      ['/fr/', 'الصفحة غير موجودة'],
      ['/assets/nope.css', 'الصفحة غير موجودة'],
    ] as const) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.ok(res.body.includes(text), url);
      assert.match(res.body, /href="\/(ar|en)\/"/, 'links back home');
    }
  });

  it('Fastify-level errors are pages too (a non-GET method on a page)', async () => {
    const res = await site.app.fastify.inject({ method: 'DELETE', url: '/ar/' });
    assert.equal(res.statusCode, 404);
    assert.match(res.headers['content-type'] as string, /text\/html/);
  });

  it('paginates the latest list', async () => {
    const now = site.clock.now();
    for (let i = 0; i < 15; i++) {
      await site.articles.save({
        edition: 'en',
        title: `Market note ${i + 1}`,
        bodyHtml: paragraphsToHtml(['Short note.']),
        publishedAt: new Date(Date.UTC(2023, 0, 1 + i)).toISOString(),
        status: 'published',
        commentStatus: 'open',
      });
    }
    void now;
    const one = await get('/en/');
    assert.match(one.body, /rel="next"[^>]*>|href="\/en\/page\/2\/" rel="next"/);
    const two = await get('/en/page/2/');
    assert.equal(two.statusCode, 200);
    assert.ok(two.body.includes('Page 2 of 2'));
    assert.ok(two.body.includes('href="/en/" rel="prev"'));
  });

  it('/healthz answers while the process runs, /readyz when the database does and its schema is current', async () => {
    const res = await get('/healthz');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
    const ready = await get('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ready' });
  });

  it('serves theme assets with an immutable cache', async () => {
    const home = await get('/ar/');
    const css = home.body.match(/href="(\/assets\/site\.[0-9a-f]+\.css)"/)?.[1];
    assert.ok(css);
    const res = await get(css);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['cache-control']), /immutable/);
    assert.match(res.body, /font-display: optional/);
  });

  it('sends security headers', async () => {
    const res = await get('/ar/');
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });
});

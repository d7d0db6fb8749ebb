import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SEED_LIKE_ID, SEED_LIKE_SLUG, SEED_LIKE_TITLE, writeNewsroom } from '../fixtures/newsroom.ts';
import { testSite, type TestSite } from '../support/app.ts';

const permalink = `/ar/2022/02/25/${encodeURIComponent(SEED_LIKE_SLUG)}/`;

describe('the article page', () => {
  let site: TestSite;
  let html: string;
  before(async () => {
    site = await testSite();
    await writeNewsroom(site);
    const res = await site.app.fastify.inject(permalink);
    assert.equal(res.statusCode, 200);
    html = res.body;
  });
  after(() => site.close());

  it('is an Arabic right-to-left document', () => {
    assert.match(html, /^<!doctype html><html lang="ar" dir="rtl">/);
  });

  it('has the title as its only h1', () => {
    assert.equal(html.match(/<h1[ >]/g)?.length, 1);
    assert.ok(html.includes(`<h1>${SEED_LIKE_TITLE}</h1>`));
  });

  it("has the date line in the edition's zone and locale", () => {
    assert.match(html, /<time class="dateline" datetime="2022-02-25T15:50:00.000Z">الجمعة 25 فبراير 2022 - 18:50<\/time>/);
  });

  it('names the authors and categories as links to their archives', () => {
    assert.ok(html.includes('href="/ar/author/salma-nour/" rel="author">سلمى نور</a>'));
    assert.ok(html.includes('<a href="/ar/category/economy/">اقتصاد</a>'));
  });

  it('shows the body paragraphs', () => {
    assert.ok(html.includes('<p>وتشمل المذكرة التعاون في مجالات الطاقة المتجددة والنقل والتدريب المهني.</p>'));
  });

  it('has share links as plain links, with no third-party script', () => {
    for (const host of ['https://wa.me/', 'https://t.me/share/url', 'https://x.com/intent/post', 'https://www.facebook.com/sharer/sharer.php', 'mailto:?subject=']) {
      assert.ok(html.includes(`href="${host}`), host);
    }
    assert.ok(html.includes(`href="http://news.test/?p=${SEED_LIKE_ID}"`), 'copy link is the short link');
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(scripts.filter((s) => !s!.startsWith('/assets/')), []);
  });

  it('lists related articles that share a tag or section', () => {
    assert.match(html, /<section class="related"/);
    assert.ok(html.includes('أسواق الطاقة تترقب قرارات الأسبوع المقبل'));
  });

  it('links its translation with hreflang', () => {
    assert.match(html, /<link rel="alternate" hreflang="en" href="http:\/\/news.test\/en\/2022\/02\/25\/delegation-signs-a-12-point-memorandum-in-riyadh\/"/);
  });

  it('has a canonical URL and Open Graph article data', () => {
    assert.ok(html.includes(`<link rel="canonical" href="http://news.test${permalink}"`));
    assert.match(html, /<meta property="og:type" content="article"/);
    assert.match(html, /<meta property="article:published_time" content="2022-02-25T15:50:00.000Z"/);
  });

  it('is cacheable and revalidated with an ETag', async () => {
    const res = await site.app.fastify.inject(permalink);
    assert.equal(res.headers['cache-control'], 'public, max-age=0, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400');
    const etag = String(res.headers.etag);
    const again = await site.app.fastify.inject({ url: permalink, headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
  });

  it('is sent compressed: brotli to clients that take it (every current browser), else gzip', async () => {
    const res = await site.app.fastify.inject({ url: permalink, headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(res.headers['content-encoding'], 'br');
    const gzip = await site.app.fastify.inject({ url: permalink, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
  });

  it('digit settings never rewrite the author text', async () => {
    await site.repos.editions.update({ ...(await site.repos.editions.all())[0]!, digits: 'arab' });
    await site.repos.write(async () => {}, { invalidates: ['edition:ar'] });
    const res = await site.app.fastify.inject(permalink);
    assert.match(res.body, /الجمعة ٢٥ فبراير ٢٠٢٢ - ١٨:٥٠/);
    assert.ok(res.body.includes('من 12 بنداً'), 'the title keeps its Latin digits');
  });
});

describe('permalinks and short links', () => {
  let site: TestSite;
  before(async () => {
    site = await testSite();
    await writeNewsroom(site);
  });
  after(() => site.close());

  it('?p=<id> answers a 301 to the percent-encoded permalink', async () => {
    const res = await site.app.fastify.inject(`/?p=${SEED_LIKE_ID}`);
    assert.equal(res.statusCode, 301);
    assert.equal(res.headers.location, permalink);
  });

  it('a permalink with the wrong date redirects to the right one', async () => {
    const res = await site.app.fastify.inject(`/ar/2021/01/01/${encodeURIComponent(SEED_LIKE_SLUG)}/`);
    assert.equal(res.statusCode, 301);
    assert.equal(res.headers.location, permalink);
  });

  it('dates a permalink in the edition zone (00:30 in Riyadh is the next day)', async () => {
    const res = await site.app.fastify.inject('/?p=4');
    assert.match(String(res.headers.location), /^\/ar\/2022\/03\/03\//);
  });

  it('an unknown id or slug is a 404 page in the edition language', async () => {
    for (const url of ['/?p=999999', `/ar/2022/02/25/${encodeURIComponent('لا-يوجد')}/`]) {
      const res = await site.app.fastify.inject(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.headers['content-type'] as string, /text\/html/);
      assert.ok(res.body.includes('الصفحة غير موجودة'), url);
    }
  });

  it('bad short links and URLs get a page, never a 500', async () => {
    for (const [url, status] of [
      ['/?p=abc', 400], ['/?p=-1', 400], [`/ar/?x=${'a'.repeat(10_000)}`, 400],
      ['/ar/%E0%A4%A/', 400], ['/ar/%FF/', 400], ['/en/%C0%AF/', 400],
    ] as const) {
      const res = await site.app.fastify.inject(url);
      assert.equal(res.statusCode, status, url);
      assert.match(res.headers['content-type'] as string, /text\/html/, url);
      assert.doesNotMatch(res.body, /at .*\.ts:\d+|Error:/, url);
    }
    const en = await site.app.fastify.inject('/en/%FF/');
    assert.ok(en.body.includes('Bad request'));
  });
});

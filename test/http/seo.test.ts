import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../src/platform/clock.ts';
import { SEED_LIKE_ID, SEED_LIKE_SLUG, SEED_LIKE_TITLE, writeNewsroom } from '../fixtures/newsroom.ts';
import { SOFT_MAX_AGE_MS } from '../../src/web/public/page-cache.ts';
import { testSite, type TestSite } from '../support/app.ts';

const permalink = `/ar/2022/02/25/${encodeURIComponent(SEED_LIKE_SLUG)}/`;
const meta = (html: string, attr: 'property' | 'name', key: string) =>
  new RegExp(`<meta ${attr}="${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" content="([^"]*)"`).exec(html)?.[1];

describe('rich previews and SEO', () => {
  const clock = fixedClock('2022-03-03T12:00:00Z');
  let site: TestSite;
  let html: string;
  before(async () => {
    site = await testSite({ clock });
    await writeNewsroom(site);
    html = (await site.app.fastify.inject(permalink)).body;
  });
  after(() => site.close());

  it('has title, description and canonical', () => {
    assert.ok(html.includes(`<title>${SEED_LIKE_TITLE} - خبر</title>`));
    assert.ok(meta(html, 'name', 'description')?.startsWith('وصل وفد اقتصادي'));
    assert.ok(html.includes(`<link rel="canonical" href="http://news.test${permalink}"/>`));
  });

  it('has Open Graph article data and a Twitter card', () => {
    assert.equal(meta(html, 'property', 'og:type'), 'article');
    assert.equal(meta(html, 'property', 'article:published_time'), '2022-02-25T15:50:00.000Z');
    assert.equal(meta(html, 'property', 'article:section'), 'اقتصاد');
    assert.match(meta(html, 'property', 'og:image') ?? '', /^http:\/\/news\.test\/assets\/share\./);
    assert.equal(meta(html, 'name', 'twitter:card'), 'summary_large_image');
    assert.equal(meta(html, 'name', 'twitter:title'), SEED_LIKE_TITLE);
    assert.equal(meta(html, 'name', 'twitter:image'), meta(html, 'property', 'og:image'));
  });

  it('has JSON-LD NewsArticle data that parses', () => {
    const m = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html);
    assert.ok(m, 'a JSON-LD data block');
    const ld = JSON.parse(m[1]!);
    assert.equal(ld['@context'], 'https://schema.org');
    assert.equal(ld['@type'], 'NewsArticle');
    assert.equal(ld.headline, SEED_LIKE_TITLE);
    assert.equal(ld.datePublished, '2022-02-25T15:50:00.000Z');
    assert.match(ld.dateModified, /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(ld.author, [{ '@type': 'Person', name: 'سلمى نور', url: 'http://news.test/ar/author/salma-nour/' }]);
    assert.match(ld.image[0], /^http:\/\/news\.test\/assets\/share\./, 'the default share image when the article has none');
    assert.equal(ld.publisher['@type'], 'Organization');
    assert.equal(ld.publisher.name, 'خبر');
    assert.match(ld.publisher.logo.url, /^http:\/\//);
    assert.equal(ld.mainEntityOfPage['@id'], `http://news.test${permalink}`);
  });

  it('escapes < inside the JSON-LD so a title cannot close the script', async () => {
    await site.articles.save({ edition: 'ar', slug: 'xss-title', title: 'عنوان </script><script>alert(1)</script>', bodyHtml: '<p>نص</p>', status: 'published', commentStatus: 'open', publishedAt: '2022-03-01T10:00:00Z' });
    const page = (await site.app.fastify.inject('/ar/2022/03/01/xss-title/')).body;
    const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page);
    assert.ok(m);
    assert.ok(!m[1]!.includes('<'));
    assert.ok(m[1]!.includes('\\u003c/script\\u003e'));
    assert.equal(JSON.parse(m[1]!).headline, 'عنوان </script><script>alert(1)</script>');
    assert.equal(page.match(/<script/g)?.length, 2, 'the site script and the data block only');
  });

  it('links translations both ways with hreflang', async () => {
    assert.ok(html.includes(`<link rel="alternate" hreflang="ar" href="http://news.test${permalink}"/>`));
    assert.match(html, /<link rel="alternate" hreflang="en" href="http:\/\/news\.test\/en\/2022\/02\/25\/delegation-signs-a-12-point-memorandum-in-riyadh\/"/);
    const en = (await site.app.fastify.inject('/en/2022/02/25/delegation-signs-a-12-point-memorandum-in-riyadh/')).body;
    assert.ok(en.includes(`<link rel="alternate" hreflang="ar" href="http://news.test${permalink}"/>`));
  });

  it('counts views from the page\'s beacon in memory and shows "most read" after one batched write', { timeout: 180_000 }, async () => {
    const mostRead = site.app.mostRead;
    const writes: number[] = [];
    const views = site.repos.views;
    const add = views.add.bind(views);
    views.add = async (rows) => { writes.push(rows.length); return add(rows); };
    // The page counts nothing itself (a CDN may serve it); it carries the beacon that does.
    const other = '/ar/2022/03/01/' + encodeURIComponent('أسواق-الطاقة-تترقب-قرارات-الأسبوع-المقبل') + '/';
    const beaconOf = async (url: string) => /data-view-beacon="([^"]+)"/.exec((await site.app.fastify.inject(url)).body)![1]!;
    assert.equal(mostRead.pendingViews, 0, 'a page view alone counts nothing');
    for (let i = 0; i < 3; i++) await site.app.fastify.inject({ method: 'POST', url: await beaconOf(permalink) });
    await site.app.fastify.inject(await beaconOf(other)); // the <noscript> image
    assert.equal(writes.length, 0, 'no write per page view');
    assert.equal(mostRead.pendingViews, 4);
    await mostRead.flush();
    assert.equal(writes.length, 1, 'one batched write');
    views.add = add;
    // A page already kept goes on being served with the list it had for a few minutes (every busy
    // page must not re-render at once), then is rendered again behind the scenes.
    clock.advance(SOFT_MAX_AGE_MS);
    const mostReadOf = (html: string) => /<section class="most-read"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    // The render behind the scenes is spaced out on a timer: ask again until it has landed,
    // however long a busy machine takes (the test's timeout only keeps a broken refresh from
    // hanging the suite).
    const withNewList = async (url: string) => {
      let html = (await site.app.fastify.inject(url)).body;
      while (!mostReadOf(html).includes(SEED_LIKE_TITLE)) {
        await new Promise((r) => setTimeout(r, 20));
        html = (await site.app.fastify.inject(url)).body;
      }
      return html;
    };
    const home = await withNewList('/ar/');
    const block = mostReadOf(home);
    assert.ok(block.includes('الأكثر قراءة'));
    assert.ok(block.indexOf(SEED_LIKE_TITLE) >= 0 && block.indexOf(SEED_LIKE_TITLE) < block.indexOf('أسواق الطاقة'), 'the most viewed first');
    assert.ok(mostReadOf(await withNewList(other)).includes(SEED_LIKE_TITLE));
    assert.ok(SEED_LIKE_ID > 0);
  });
});

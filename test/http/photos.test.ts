import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testSite, type TestSite } from '../support/app.ts';

/** The demo site's pages as HTML (the photos' files are not drawn: only the markup is checked). */
describe('photographs in pages and feeds, and the metadata around them', () => {
  let site: TestSite;
  const get = async (url: string) => {
    const r = await site.app.fastify.inject(url);
    assert.equal(r.statusCode, 200, url);
    return r.body;
  };
  before(async () => {
    site = await testSite({ demo: true });
  });
  after(() => site.close());

  it('the home page leads with a large photo fetched first, and cards carry lazy 3:2 thumbnails from the library', async () => {
    for (const e of ['ar', 'en']) {
      const html = await get(`/${e}/`);
      const lead = /<section class="lead has-image"[^>]*><picture class="card-image">(.*?)<\/picture>/s.exec(html)?.[1] ?? '';
      assert.match(lead, /^<source type="image\/avif" srcset="\/media\/[0-9a-f]{20}-1200x800\/480\.avif 480w, [^"]+1200\.avif 1200w" sizes="[^"]+"\/>/);
      assert.match(lead, /<img src="\/media\/[^"]+\/1200\.jpg" srcset="[^"]+" sizes="[^"]+" width="480" height="320" alt="[^"]+" class="fx-5 fy-5" fetchpriority="high" decoding="async"\/>$/, 'cropped around its centre (no focal point chosen)');
      assert.doesNotMatch(lead, /loading=/);
      const thumbs = html.match(/<article class="card card-(row|grid) has-image"><picture class="card-image">.*?<\/picture>/gs) ?? [];
      assert.ok(thumbs.length >= 5, `${e}: ${thumbs.length} thumbnails`);
      for (const t of thumbs) assert.match(t, /width="480" height="320" alt="[^"]+" class="fx-5 fy-5" loading="lazy" decoding="async"\/>/);
      // A story without a photo keeps a text-only card.
      assert.match(html, /<article class="card">/);
      // Every section has its block, in the small English edition too.
      assert.equal((html.match(/<section aria-labelledby="section-\d+">/g) ?? []).length, 5, `${e}: section blocks`);
    }
  });

  it('an article without a featured image is listed with the first library image of its body', async () => {
    const url = '/media/0123456789abcdef0123-1600x900/1600.jpg';
    await site.repos.write((tx, touch) =>
      site.articles.save(
        { edition: 'en', title: 'Body picture only', bodyHtml: `<p>Text.</p><figure><img src="${url}" alt="A quay at dawn"></figure>`, publishedAt: '2020-01-01T08:00:00.000Z', status: 'published', commentStatus: 'open', categorySlugs: ['economy'] },
        tx,
        touch,
      ),
    { invalidates: [] });
    const html = await get('/en/category/economy/');
    assert.match(html, /<picture class="card-image">(?:<source[^>]+>)+<img src="\/media\/0123456789abcdef0123-1600x900\/1600\.jpg"[^>]* alt="A quay at dawn"[^>]*><\/picture>(?:(?!<\/article>).)*Body picture only/s);
    // The article page itself shows it once, in its body (no featured figure above it).
    const page = await get('/en/2020/01/01/body-picture-only/');
    assert.doesNotMatch(page, /class="featured-image"/);
  });

  it('the article has its photo with caption and credit, the comment count by the headline, and share icons', async () => {
    const home = await get('/en/');
    const url = /<section class="lead[^"]*"[^>]*>.*?<h2><a href="([^"]+)"/s.exec(home)![1]!;
    const html = await get(url);
    assert.match(html, /<figure class="featured-image"><picture><source type="image\/avif"[^>]+><source type="image\/webp"[^>]+><img src="\/media\/[^"]+\/1200\.jpg"[^>]* width="1200" height="800" alt="[^"]+" class="fx-5 fy-5" fetchpriority="high"/);
    assert.match(html, /<figcaption>[^<]+ <span class="credit">Photo: Khabar \(illustration\)<\/span><\/figcaption>/);
    assert.match(html, /<p class="comments-link"><a href="#respond">Leave a Reply<\/a><\/p>/);
    assert.equal((html.match(/<svg class="share-icon"[^>]*aria-hidden="true"/g) ?? []).length, 6);
  });

  it('feeds carry each item’s photo: media:content in RSS, an enclosure link in Atom', async () => {
    const rss = await get('/en/feed/');
    assert.match(rss, /xmlns:media="http:\/\/search\.yahoo\.com\/mrss\/"/);
    assert.match(rss, /<media:content url="http:\/\/news\.test\/media\/[0-9a-f]{20}-1200x800\/1200\.jpg" medium="image" type="image\/jpeg" width="1200" height="800"><media:description>[^<]+<\/media:description><\/media:content><\/item>/);
    const atom = await get('/en/feed/atom/');
    assert.match(atom, /<link rel="enclosure" href="http:\/\/news\.test\/media\/[^"]+\/1200\.jpg" type="image\/jpeg"\/><\/entry>/);
  });

  it('says when an article really changed, names its authors and the publisher’s logo, in ar_AR', async () => {
    const home = await get('/ar/');
    const url = /<section class="lead[^"]*"[^>]*>.*?<h2><a href="([^"]+)"/s.exec(home)![1]!;
    const html = await get(url);
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!);
    // Seeded today, published in 2026: the modification is the publication, not the seeding.
    assert.equal(ld.dateModified, ld.datePublished);
    assert.ok(ld.author.length > 0 && ld.author[0].name);
    assert.match(ld.publisher.logo.url, /\/assets\/logo\.[0-9a-f]{10}\.png$/);
    assert.equal(ld.publisher.logo.width, 512);
    assert.match(html, /<meta property="og:locale" content="ar_AR"\/>/);
    assert.match(html, new RegExp(`<meta property="article:modified_time" content="${ld.datePublished}"/>`));
    // The article's comment feed, empty, is as old as the article (not 1970).
    const feed = /<link rel="alternate" type="application\/atom\+xml" title="[^"]*" href="http:\/\/news\.test([^"]+)"\/>(?![\s\S]*application\/atom\+xml)/.exec(html)![1]!;
    const atom = await get(feed);
    assert.match(atom, new RegExp(`<updated>${ld.datePublished}</updated>`));
    assert.doesNotMatch(atom, /1970/);
    const sitemapIndex = await get('/sitemap.xml');
    assert.doesNotMatch(sitemapIndex, new RegExp(new Date().toISOString().slice(0, 10)), 'lastmod is not the seeding day');
  });
});

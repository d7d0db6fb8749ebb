import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fixedClock } from '../../src/platform/clock.ts';
import { SEED_LIKE_ID, SEED_LIKE_SLUG, SEED_LIKE_TITLE, writeNewsroom } from '../fixtures/newsroom.ts';
import { testSite, type TestSite } from '../support/app.ts';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['item', 'entry', 'url', 'sitemap', 'category', 'link', 'dc:creator', 'author'].includes(name) });
const permalink = `/ar/2022/02/25/${encodeURIComponent(SEED_LIKE_SLUG)}/`;

describe('feeds and sitemaps', () => {
  let site: TestSite;
  before(async () => {
    site = await testSite({ clock: fixedClock('2022-03-03T12:00:00Z') });
    await writeNewsroom(site);
    // A hostile title: markup and a control character must not break the XML.
    await site.articles.save({ edition: 'ar', title: 'عنوان <b>&</b> "مقتبس" \u0001', bodyHtml: '<p>نص ]]> مع &amp; رموز</p>', status: 'published', commentStatus: 'open', publishedAt: '2022-03-03T08:00:00Z', authorSlugs: ['salma-nour'], categorySlugs: ['economy'] });
    await site.repos.write((tx) =>
      site.repos.comments.insert(tx, { articleId: SEED_LIKE_ID, parentId: null, authorName: 'قارئ', authorEmail: 'r@example.org', authorUrl: '', body: 'تعليق <مفيد> & واضح', status: 'approved', ip: '127.0.0.1', userAgent: 'test', createdAt: '2022-02-26T10:00:00.000Z', emailHash: 'h', bodyHash: 'b' }),
    { invalidates: [] });
  });
  after(() => site.close());
  const get = (url: string) => site.app.fastify.inject(url);
  const xml = async (url: string, type: RegExp) => {
    const res = await get(url);
    assert.equal(res.statusCode, 200, url);
    assert.match(String(res.headers['content-type']), type);
    assert.equal(XMLValidator.validate(res.body), true, `${url} is well-formed XML`);
    return parser.parse(res.body);
  };

  it('serves the edition RSS 2.0 feed with language, full content and dir', async () => {
    const doc = await xml('/ar/feed/', /application\/rss\+xml/);
    const ch = doc.rss.channel;
    assert.equal(doc.rss['@version'], '2.0');
    assert.equal(ch.language, 'ar');
    assert.equal(ch.title, 'خبر');
    const item = ch.item.find((i: { title: string }) => i.title === SEED_LIKE_TITLE);
    assert.deepEqual(item.link, [`http://news.test${permalink}`]);
    assert.deepEqual(item['dc:creator'], ['سلمى نور']);
    assert.match(item['content:encoded'], /^<div dir="rtl" lang="ar"><p>وصل وفد اقتصادي/);
    assert.equal(new Date(item.pubDate).toISOString(), '2022-02-25T15:50:00.000Z');
    assert.equal(ch.item.find((i: { title: string }) => i.title.startsWith('عنوان')).title, 'عنوان <b>&</b> "مقتبس"');
  });

  it('serves Atom with xml:lang', async () => {
    const doc = await xml('/ar/feed/atom/', /application\/atom\+xml/);
    assert.equal(doc.feed['@xml:lang'], 'ar');
    assert.equal(doc.feed['@xmlns'], 'http://www.w3.org/2005/Atom');
    const entry = doc.feed.entry.find((e: { title: string }) => e.title === SEED_LIKE_TITLE);
    assert.equal(entry.published, '2022-02-25T15:50:00.000Z');
    assert.equal(entry.content['@type'], 'html');
    const en = await xml('/en/feed/atom/', /atom/);
    assert.equal(en.feed['@xml:lang'], 'en');
  });

  it('has feeds per category, tag and author, and 404 for unknown ones', async () => {
    const cat = await xml('/ar/category/economy/feed/', /rss/);
    assert.ok(cat.rss.channel.item.every((i: { category: string[] }) => i.category.includes('اقتصاد')));
    const tag = await xml(`/ar/tag/${encodeURIComponent('طاقة')}/feed/`, /rss/);
    assert.equal(tag.rss.channel.item.length, 2);
    const author = await xml('/ar/author/omar-farid/feed/atom/', /atom/);
    assert.deepEqual(author.feed.entry.map((e: { title: string }) => e.title), ['تلسكوب جديد يرصد مذنباً نادراً']);
    assert.equal((await get('/ar/category/nope/feed/')).statusCode, 404);
  });

  it('carries excerpts only when the setting says so', async () => {
    await site.repos.settings.set('feed_content', 'excerpt');
    await site.repos.write(async () => {}, { invalidates: ['edition:ar'] });
    const doc = await xml('/ar/feed/', /rss/);
    assert.ok(doc.rss.channel.item.every((i: Record<string, unknown>) => !('content:encoded' in i) && typeof i.description === 'string'));
    await site.repos.settings.set('feed_content', 'full');
    await site.repos.write(async () => {}, { invalidates: ['edition:ar'] });
  });

  it('has a comments feed per article', async () => {
    const doc = await xml(`${permalink}feed/`, /rss/);
    assert.equal(doc.rss.channel.title, `التعليقات على: ${SEED_LIKE_TITLE}`);
    assert.equal(doc.rss.channel.item.length, 1);
    assert.equal(doc.rss.channel.item[0].description, 'تعليق <مفيد> & واضح');
    assert.equal((await get('/ar/2022/02/26/nope/feed/')).statusCode, 404);
  });

  it('advertises the feeds with <link rel="alternate"> on matching pages', async () => {
    const home = (await get('/ar/')).body;
    assert.ok(home.includes('<link rel="alternate" type="application/rss+xml" title="خلاصة RSS: خبر" href="http://news.test/ar/feed/"/>'));
    assert.ok(home.includes('href="http://news.test/ar/feed/atom/"'));
    const cat = (await get('/ar/category/economy/')).body;
    assert.ok(cat.includes('href="http://news.test/ar/category/economy/feed/"'));
    const art = (await get(permalink)).body;
    assert.ok(art.includes(`href="http://news.test${permalink}feed/"`));
  });

  it('has a sitemap index of monthly sitemaps', async () => {
    const index = await xml('/sitemap.xml', /xml/);
    const locs = index.sitemapindex.sitemap.map((s: { loc: string }) => s.loc);
    assert.deepEqual(locs, ['http://news.test/sitemaps/2022-03.xml', 'http://news.test/sitemaps/2022-02.xml']);
    const feb = await xml('/sitemaps/2022-02.xml', /xml/);
    assert.deepEqual(feb.urlset.url.map((u: { loc: string }) => u.loc).sort(), [`http://news.test${permalink}`, 'http://news.test/en/2022/02/25/delegation-signs-a-12-point-memorandum-in-riyadh/'].sort());
    assert.equal((await get('/sitemaps/1999-01.xml')).statusCode, 404);
    assert.equal((await get('/sitemaps/x.xml')).statusCode, 404);
  });

  it('has a Google News sitemap of the last two days', async () => {
    const news = await xml('/news-sitemap.xml', /xml/);
    const urls = news.urlset.url;
    assert.deepEqual(urls.map((u: { 'news:news': { 'news:title': string } }) => u['news:news']['news:title']).sort(), ['تلسكوب جديد يرصد مذنباً نادراً', 'عنوان <b>&</b> "مقتبس"'].sort()); // 1 March 06:00 UTC is older than two days
    assert.deepEqual(urls[0]['news:news']['news:publication'], { 'news:name': 'خبر', 'news:language': 'ar' });
  });

  it('has robots.txt pointing to the sitemaps', async () => {
    const res = await get('/robots.txt');
    assert.match(res.body, /^Sitemap: http:\/\/news\.test\/sitemap\.xml$/m);
    assert.match(res.body, /^Sitemap: http:\/\/news\.test\/news-sitemap\.xml$/m);
  });
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../src/platform/clock.ts';
import { updateEdition } from '../../src/services/editions/settings.ts';
import { permalinksSettingKey } from '../../src/services/wordpress/permalinks.ts';
import { SEED_LIKE_ID, SEED_LIKE_SLUG, writeNewsroom } from '../fixtures/newsroom.ts';
import { testSite, type TestSite } from '../support/app.ts';

/**
 * Every form of old WordPress address a reader or a bot may still type. The Arabic edition is an
 * imported site (its WordPress ids recorded as the import records them, its old structure stored);
 * the English edition never came from WordPress, so its ids are Khabar's own.
 */
const NOW = '2026-03-10T09:00:00.000Z';
const ARTICLE = `/ar/2022/02/25/${encodeURIComponent(SEED_LIKE_SLUG)}/`;
const SLUG = encodeURIComponent(SEED_LIKE_SLUG);
const TAQA = encodeURIComponent('طاقة');
const PAGE_SLUG = 'من-نحن';
const MEDIA_NAME = '0123456789abcdef0123-800x600';

const WP = { post: 501, page: 502, category: 31, tag: 41, user: 7, attachment: 601 };

describe('old WordPress addresses answer 301 to Khabar’s', () => {
  let site: TestSite;
  const ids = { page: 0, economyAr: 0, economyEn: 0, taqa: 0, salma: 0, media: 0 };
  const get = (url: string, host?: string) => site.app.fastify.inject({ url, ...(host && { headers: { host } }) });
  /** Asserts a 301 from `url` to `location`. */
  async function moved(url: string, location: string, host?: string) {
    const res = await get(url, host);
    assert.equal(res.statusCode, 301, `${url} → ${res.statusCode} ${res.headers.location ?? ''}`);
    assert.equal(res.headers.location, location, url);
  }
  /** Asserts the site's 404 page, in the edition's language. */
  async function missing(url: string, lang: 'ar' | 'en' = 'ar') {
    const res = await get(url);
    assert.equal(res.statusCode, 404, `${url} → ${res.statusCode} ${res.headers.location ?? ''}`);
    assert.match(res.body, lang === 'ar' ? /<html lang="ar" dir="rtl">[\s\S]*الصفحة غير موجودة/ : /<html lang="en" dir="ltr">[\s\S]*Page not found/, url);
  }

  before(async () => {
    site = await testSite({ clock: fixedClock(NOW) });
    await writeNewsroom(site);
    const { repos } = site;
    ids.page = await site.articles.save({
      kind: 'page', edition: 'ar', title: 'من نحن', slug: PAGE_SLUG, bodyHtml: '<p>عن الموقع</p>', status: 'published', publishedAt: '2022-01-01T00:00:00Z', commentStatus: 'closed',
    });
    ids.economyAr = (await repos.taxonomies.categoryBySlug('ar', 'economy'))!.id;
    ids.economyEn = (await repos.taxonomies.categoryBySlug('en', 'economy'))!.id;
    ids.taqa = (await repos.taxonomies.tagBySlug('ar', 'طاقة'))!.id;
    ids.salma = (await repos.users.authorBySlug('salma-nour'))!.id;
    await repos.write(async (tx) => {
      ids.media = await repos.media.insert(tx, {
        name: MEDIA_NAME, format: 'jpeg', originalWidth: 800, originalHeight: 600, originalBytes: 1000, width: 800, height: 600,
        variants: [{ width: 800, height: 600, format: 'jpg', bytes: 900 }], alt: 'صورة', caption: '', credit: '', uploadedBy: null, createdAt: NOW,
      });
      // What the WordPress import records for the Arabic edition.
      await repos.wordpressIds.set(tx, 'ar', 'post', WP.post, SEED_LIKE_ID);
      await repos.wordpressIds.set(tx, 'ar', 'page', WP.page, ids.page);
      await repos.wordpressIds.set(tx, 'ar', 'category', WP.category, ids.economyAr);
      await repos.wordpressIds.set(tx, 'ar', 'tag', WP.tag, ids.taqa);
      await repos.wordpressIds.set(tx, 'ar', 'user', WP.user, ids.salma);
      await repos.wordpressIds.set(tx, 'ar', 'attachment', WP.attachment, ids.media);
      await repos.settings.set(permalinksSettingKey('ar'), '/news/%postname%.html', tx);
      for (const [n, status] of [[1, 'approved'], [2, 'pending'], [3, 'approved']] as const) {
        const body = `تعليق ${n}`;
        await repos.comments.insert(tx, {
          articleId: SEED_LIKE_ID, parentId: null, authorName: `قارئ ${n}`, authorEmail: 'r@example.org', authorUrl: '', body, status,
          ip: '192.0.2.1', userAgent: 'test', createdAt: `2026-03-0${n}T10:00:00.000Z`,
          emailHash: createHash('sha256').update('r@example.org').digest('hex'), bodyHash: createHash('sha256').update(body).digest('hex'),
        });
      }
    }, { invalidates: ['edition:ar'] });
  });
  after(() => site.close());

  it('/?p=ID and /?page_id=ID: the edition’s WordPress id first, then Khabar’s own id', async () => {
    await moved(`/?p=${WP.post}`, ARTICLE);
    await moved(`/ar/?p=${WP.post}`, ARTICLE);
    await moved(`/?page_id=${WP.page}`, `/ar/${encodeURIComponent(PAGE_SLUG)}/`);
    await moved(`/index.php?p=${WP.post}`, ARTICLE);
    // Khabar's own ids keep working (no WordPress id 14525 in this edition).
    await moved(`/?p=${SEED_LIKE_ID}`, ARTICLE);
    await moved('/en/?p=2', '/en/2022/02/25/delegation-signs-a-12-point-memorandum-in-riyadh/');
    await moved(`/en/?page_id=${ids.page}`, `/ar/${encodeURIComponent(PAGE_SLUG)}/`);
    // The English edition has no WordPress ids: 501 is no article of Khabar's either.
    await missing(`/en/?p=${WP.post}`, 'en');
  });

  it('post permalinks under the stored and the common structures, with or without the slash', async () => {
    for (const url of [
      `/2022/02/25/${SLUG}/`,
      `/2022/02/25/${SLUG}`,
      `/2022/02/${SLUG}/`,
      `/${SLUG}/`,
      `/${SLUG}`,
      `/economy/${SLUG}/`,
      `/news/local/${SLUG}/`,
      `/news/${SLUG}.html`,
      `/archives/${WP.post}`,
      `/archives/${WP.post}/`,
      `/${SLUG}/amp/`,
      `/index.php/2022/02/25/${SLUG}/`,
      `/ar/${SLUG}/`,
      `/ar/economy/${SLUG}`,
      `/ar/2022/02/${SLUG}/`,
    ]) await moved(url, ARTICLE);
    await moved(`/2022/02/25/${SLUG}/comment-page-2/`, `${ARTICLE}?cpage=2`);
    await moved(`/ar/2022/02/25/${SLUG}/comment-page-1/`, ARTICLE);
    // Under an edition's prefix a single slug is first Khabar's own static-page address: without
    // its slash it still goes straight to the article, and a real static page only gets the slash.
    await moved(`/ar/${SLUG}`, ARTICLE);
    await moved(`/ar/${encodeURIComponent(PAGE_SLUG)}`, `/ar/${encodeURIComponent(PAGE_SLUG)}/`);
    // A site that never came from WordPress: /archives/N is Khabar's own id.
    await moved('/en/archives/2', '/en/2022/02/25/delegation-signs-a-12-point-memorandum-in-riyadh/');
    await moved(`/en/economy/delegation-signs-a-12-point-memorandum-in-riyadh/`, '/en/2022/02/25/delegation-signs-a-12-point-memorandum-in-riyadh/');
  });

  it('page permalinks, nested or not', async () => {
    await moved(`/${encodeURIComponent(PAGE_SLUG)}/`, `/ar/${encodeURIComponent(PAGE_SLUG)}/`);
    await moved(`/company/${encodeURIComponent(PAGE_SLUG)}/`, `/ar/${encodeURIComponent(PAGE_SLUG)}/`);
  });

  it('Khabar’s own addresses are never shadowed', async () => {
    assert.equal((await get(ARTICLE)).statusCode, 200);
    assert.equal((await get(`/ar/${encodeURIComponent(PAGE_SLUG)}/`)).statusCode, 200);
    assert.equal((await get('/ar/category/economy/')).statusCode, 200);
    assert.equal((await get('/ar/?utm_source=x')).statusCode, 200);
    assert.equal((await get('/ar/feed/')).statusCode, 200);
  });

  it('category (nested too), tag, author and date archives', async () => {
    await moved('/category/economy/', '/ar/category/economy/');
    await moved('/category/news/economy/', '/ar/category/economy/');
    await moved('/ar/category/news/economy/', '/ar/category/economy/');
    await moved('/category/economy/page/2/', '/ar/category/economy/page/2/');
    await moved(`/tag/${TAQA}/`, `/ar/tag/${TAQA}/`);
    await moved('/author/salma-nour/', '/ar/author/salma-nour/');
    await moved('/2022/', '/ar/2022/');
    await moved('/2022/02/', '/ar/2022/02/');
    await moved('/2022/02/25/', '/ar/2022/02/25/');
    await moved('/en/category/news/economy/', '/en/category/economy/');
    // A date is no id to look up: an empty one is Khabar's date archive's to refuse.
    await moved('/2030/', '/ar/2030/');
    await missing('/ar/2030/');
  });

  it('?cat=ID, ?tag=slug, ?author=ID, ?m=YYYYMM: WordPress’s ids, then Khabar’s', async () => {
    await moved(`/?cat=${WP.category}`, '/ar/category/economy/');
    await moved(`/?cat=${WP.category}&paged=2`, '/ar/category/economy/page/2/');
    await moved(`/?tag=${TAQA}`, `/ar/tag/${TAQA}/`);
    await moved(`/?author=${WP.user}`, '/ar/author/salma-nour/');
    await moved('/?m=202202', '/ar/2022/02/');
    await moved('/?m=20220225', '/ar/2022/02/25/');
    await moved(`/en/?cat=${ids.economyEn}`, '/en/category/economy/');
    await moved(`/en/?author=${ids.salma}`, '/en/author/salma-nour/');
    // A section of another edition is not this edition's.
    await missing(`/en/?cat=${ids.economyAr}`, 'en');
  });

  it('feeds in every WordPress form go to Khabar’s', async () => {
    for (const u of ['/feed/', '/feed', '/feed/rss2/', '/feed/rss/', '/?feed=rss2', '/ar/feed/rss2/', '/ar/?feed=rss2']) await moved(u, '/ar/feed/');
    for (const u of ['/feed/atom/', '/?feed=atom']) await moved(u, '/ar/feed/atom/');
    for (const u of ['/comments/feed/', '/?feed=comments-rss2']) await moved(u, '/ar/comments/feed/');
    await moved('/category/economy/feed/', '/ar/category/economy/feed/');
    await moved(`/?cat=${WP.category}&feed=rss2`, '/ar/category/economy/feed/');
    await moved(`/tag/${TAQA}/feed/`, `/ar/tag/${TAQA}/feed/`);
    await moved('/author/salma-nour/feed/', '/ar/author/salma-nour/feed/');
    await moved(`/${SLUG}/feed/`, `${ARTICLE}feed/`);
    await moved('/en/feed/rss2/', '/en/feed/');
  });

  it('the comments feed: the edition’s approved comments, newest first; an empty one dated when built, not 1970', async () => {
    const ar = await get('/ar/comments/feed/');
    assert.equal(ar.statusCode, 200);
    assert.match(String(ar.headers['content-type']), /application\/rss\+xml/);
    assert.ok(ar.body.indexOf('تعليق 3') < ar.body.indexOf('تعليق 1') && ar.body.indexOf('تعليق 1') > 0);
    assert.ok(!ar.body.includes('تعليق 2'), 'a held comment is never in a feed');
    assert.match(ar.body, /<title>تعليق قارئ 3 على: /);
    assert.match(ar.body, /<lastBuildDate>Tue, 03 Mar 2026 10:00:00 GMT<\/lastBuildDate>/);
    const en = await get('/en/comments/feed/atom/');
    assert.equal(en.statusCode, 200);
    assert.ok(!en.body.includes('1970'));
    assert.match(en.body, /<updated>2026-03-10T09:00:00.000Z<\/updated>/);
  });

  it('?s=term goes to the search page; ?attachment_id=ID to the image’s file', async () => {
    await moved(`/?s=${TAQA}`, `/ar/search/?q=${TAQA}`);
    await moved('/en/?s=energy+prices', '/en/search/?q=energy+prices');
    await moved(`/?attachment_id=${WP.attachment}`, `/media/${MEDIA_NAME}/800.jpg`);
    await moved(`/en/?attachment_id=${ids.media}`, `/media/${MEDIA_NAME}/800.jpg`);
  });

  it('the sitemaps WordPress and Yoast gave search engines go to Khabar’s', async () => {
    await moved('/wp-sitemap.xml', '/sitemap.xml');
    await moved('/sitemap_index.xml', '/sitemap.xml');
  });

  it('/wp-login.php and /wp-admin/ (anything under it) go to the newsroom sign-in', async () => {
    for (const u of ['/wp-login.php', '/wp-login.php?action=lostpassword', '/wp-admin/', '/wp-admin', '/wp-admin/post.php?post=5&action=edit']) await moved(u, '/admin/login');
  });

  it('unknown ids and slugs, and bad values: the 404 page in the edition’s language, never a 500', async () => {
    for (const u of ['/?p=999999', '/?page_id=999999', '/?cat=9999', '/?cat=-1', '/?cat=abc', '/?author=99999999999', '/?attachment_id=999', '/?m=202213',
      '/category/nope/', '/tag/nope/', '/author/nobody/', '/no-such-slug/', '/archives/999999', '/archives/99999999999', '/news/nope.html',
      '/feed/rss3/', '/category/nope/feed/', '/nope/feed/', `/?p=${2 ** 31}`]) {
      await missing(u);
    }
    await missing('/en/?cat=-1', 'en');
    await missing('/en/no-such-slug/', 'en');
    assert.equal((await get('/?p=abc')).statusCode, 400);
  });

  it('never redirects off the site', async () => {
    for (const u of ['//evil.example/feed/', '//evil.example/wp-admin/', '/%2F%2Fevil.example/', '/\\evil.example/']) {
      const res = await get(u);
      assert.ok(res.statusCode < 500, u);
      if (res.statusCode === 301 || res.statusCode === 302) assert.match(String(res.headers.location), /^\/[^/\\]/, u);
    }
  });

  it('only a miss reaches the old addresses (the hot pages never do), and their answers are kept per content version', async () => {
    const service = site.app.services.oldAddresses;
    let calls = 0;
    const resolve = service.resolve.bind(service);
    service.resolve = (...args) => {
      calls++;
      return resolve(...args);
    };
    try {
      for (const u of [ARTICLE, '/ar/', '/ar/category/economy/', '/ar/feed/', `/ar/${encodeURIComponent(PAGE_SLUG)}/`, '/ar/2022/02/']) {
        assert.ok((await get(u)).statusCode < 400, u);
      }
      assert.equal(calls, 0, 'Khabar’s own pages never ask');
      await moved('/?m=199901', '/ar/1999/01/');
      await moved('/?m=199901&utm_source=x', '/ar/1999/01/');
      assert.equal(calls, 1, 'the same old address is looked up once per content version');
    } finally {
      service.resolve = resolve;
    }
  });

  it('an edition with a host of its own answers its old addresses at that host', async () => {
    await updateEdition(site.repos, 'en', [['host', 'en.news.test']]);
    await moved('/feed/rss2/', 'http://en.news.test/feed/', 'en.news.test');
    await moved('/archives/2', 'http://en.news.test/2022/02/25/delegation-signs-a-12-point-memorandum-in-riyadh/', 'en.news.test');
    await moved(`/?cat=${ids.economyEn}`, 'http://en.news.test/category/economy/', 'en.news.test');
    await moved('/delegation-signs-a-12-point-memorandum-in-riyadh', 'http://en.news.test/2022/02/25/delegation-signs-a-12-point-memorandum-in-riyadh/', 'en.news.test');
    // The root of the main host stays the default edition's.
    await moved('/feed/rss2/', '/ar/feed/');
    await updateEdition(site.repos, 'en', [['host', '']]);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_EDITIONS } from '../../services/editions/defaults.ts';
import { EditionSet } from '../../services/editions/editions.ts';
import { oldAddress } from './old-address-router.ts';
import { route } from './router.ts';

const editions = new EditionSet(DEFAULT_EDITIONS);
const hosted = new EditionSet(DEFAULT_EDITIONS.map((e) => (e.code === 'en' ? { ...e, host: 'en.news.test' } : e)));

/** The old address read from a URL, with its edition's code. */
function o(url: string, host?: string, set = editions): Record<string, unknown> | null {
  const x = oldAddress(url, host, set);
  return x && { edition: x.edition.code, ...x.address };
}

describe('old WordPress addresses (read from the URL alone)', () => {
  it('belong to the default edition at the root, to an edition under its prefix or at its host', () => {
    assert.deepEqual(o('/?page_id=7'), { edition: 'ar', kind: 'post', ref: { id: 7, type: 'page' } });
    assert.deepEqual(o('/en/?page_id=7'), { edition: 'en', kind: 'post', ref: { id: 7, type: 'page' } });
    assert.deepEqual(o('/?page_id=7', 'en.news.test', hosted), { edition: 'en', kind: 'post', ref: { id: 7, type: 'page' } });
    assert.deepEqual(o('/index.php?p=5'), { edition: 'ar', kind: 'post', ref: { id: 5, type: 'post' } });
  });

  it('read the home page’s query variables', () => {
    assert.deepEqual(o('/?attachment_id=9'), { edition: 'ar', kind: 'attachment', id: 9 });
    assert.deepEqual(o('/?cat=3'), { edition: 'ar', kind: 'archive', ref: { archive: 'category', id: 3 }, page: 1 });
    assert.deepEqual(o('/?cat=3&paged=2'), { edition: 'ar', kind: 'archive', ref: { archive: 'category', id: 3 }, page: 2 });
    assert.deepEqual(o(`/?tag=${encodeURIComponent('طاقة')}`), { edition: 'ar', kind: 'archive', ref: { archive: 'tag', slug: 'طاقة' }, page: 1 });
    assert.deepEqual(o('/?author=2'), { edition: 'ar', kind: 'archive', ref: { archive: 'author', id: 2 }, page: 1 });
    assert.deepEqual(o('/?category_name=news/local'), { edition: 'ar', kind: 'archive', ref: { archive: 'category', slug: 'local' }, page: 1 });
    assert.deepEqual(o('/?m=202202'), { edition: 'ar', kind: 'date', year: 2022, month: 2, page: 1 });
    assert.deepEqual(o('/?m=20220225'), { edition: 'ar', kind: 'date', year: 2022, month: 2, day: 25, page: 1 });
    assert.deepEqual(o('/?s=%D8%B7%D8%A7%D9%82%D8%A9'), { edition: 'ar', kind: 'search', q: 'طاقة' });
    assert.deepEqual(o('/?paged=3'), { edition: 'ar', kind: 'home', page: 3 });
  });

  it('read feeds in every form WordPress serves them', () => {
    const rss = (scope: unknown, edition = 'ar') => ({ edition, kind: 'feed', format: 'rss', scope });
    for (const u of ['/feed/', '/feed', '/feed/rss2/', '/feed/rss/', '/feed/rdf/', '/?feed=rss2', '/?feed=rss']) assert.deepEqual(o(u), rss({ kind: 'edition' }), u);
    assert.deepEqual(o('/feed/atom/'), { edition: 'ar', kind: 'feed', format: 'atom', scope: { kind: 'edition' } });
    assert.deepEqual(o('/?feed=atom'), { edition: 'ar', kind: 'feed', format: 'atom', scope: { kind: 'edition' } });
    for (const u of ['/comments/feed/', '/?feed=comments-rss2', '/feed/comments-rss2/']) assert.deepEqual(o(u), rss({ kind: 'siteComments' }), u);
    assert.deepEqual(o('/category/news/local/feed/'), rss({ kind: 'archive', ref: { archive: 'category', slug: 'local' } }));
    assert.deepEqual(o('/tag/x/feed/'), rss({ kind: 'archive', ref: { archive: 'tag', slug: 'x' } }));
    assert.deepEqual(o('/author/salma/feed/'), rss({ kind: 'archive', ref: { archive: 'author', slug: 'salma' } }));
    assert.deepEqual(o('/?cat=3&feed=rss2'), rss({ kind: 'archive', ref: { archive: 'category', id: 3 } }));
    assert.deepEqual(o('/2022/02/25/x/feed/'), rss({ kind: 'post', ref: { segments: ['2022', '02', '25', 'x'] } }));
    assert.equal(o('/feed/rss3/'), null);
    assert.equal(o('/?feed=json'), null);
  });

  it('read archives, nested sections and dates', () => {
    assert.deepEqual(o('/category/economy/'), { edition: 'ar', kind: 'archive', ref: { archive: 'category', slug: 'economy' }, page: 1 });
    assert.deepEqual(o('/category/news/local/page/2/'), { edition: 'ar', kind: 'archive', ref: { archive: 'category', slug: 'local' }, page: 2 });
    assert.deepEqual(o('/tag/x/'), { edition: 'ar', kind: 'archive', ref: { archive: 'tag', slug: 'x' }, page: 1 });
    assert.deepEqual(o('/author/salma/'), { edition: 'ar', kind: 'archive', ref: { archive: 'author', slug: 'salma' }, page: 1 });
    assert.deepEqual(o('/2022/'), { edition: 'ar', kind: 'date', year: 2022, page: 1 });
    assert.deepEqual(o('/2022/02/25/'), { edition: 'ar', kind: 'date', year: 2022, month: 2, day: 25, page: 1 });
    assert.deepEqual(o('/search/x/'), { edition: 'ar', kind: 'search', q: 'x' });
  });

  it('read anything else of slug-like segments as a permalink, percent-encoded Arabic included', () => {
    const slug = 'زيارة-وفد-إلى-الرياض';
    assert.deepEqual(o(`/2022/02/25/${encodeURIComponent(slug)}/`), { edition: 'ar', kind: 'post', ref: { segments: ['2022', '02', '25', slug] } });
    assert.deepEqual(o(`/${encodeURIComponent(slug)}`), { edition: 'ar', kind: 'post', ref: { segments: [slug] } });
    assert.deepEqual(o('/archives/123'), { edition: 'ar', kind: 'post', ref: { segments: ['archives', '123'] } });
    assert.deepEqual(o('/index.php/2022/02/x/'), { edition: 'ar', kind: 'post', ref: { segments: ['2022', '02', 'x'] } });
    assert.deepEqual(o('/x/amp/'), { edition: 'ar', kind: 'post', ref: { segments: ['x'] } });
    assert.deepEqual(o('/2022/02/25/x/comment-page-2/'), { edition: 'ar', kind: 'post', ref: { segments: ['2022', '02', '25', 'x'] }, commentPage: 2 });
  });

  it('know the sitemaps WordPress and Yoast gave search engines', () => {
    assert.deepEqual(o('/wp-sitemap.xml'), { edition: 'ar', kind: 'sitemap' });
    assert.deepEqual(o('/sitemap_index.xml'), { edition: 'ar', kind: 'sitemap' });
  });

  it('send the sign-in and dashboard addresses to the newsroom', () => {
    for (const u of ['/wp-login.php', '/wp-login.php?action=lostpassword', '/wp-admin/', '/wp-admin/post.php?post=5&action=edit', '/en/wp-admin/']) {
      assert.equal(o(u)?.kind, 'signIn', u);
    }
  });

  it('leave what scanners probe alone: no lookup for it', () => {
    for (const u of ['/wp-json/wp/v2/posts', '/.env', '/xmlrpc.php', '/wp-content/uploads/2022/02/x.jpg', '/wp-includes/js/x.js', '/.git/config', '/x/feed/../.env']) assert.equal(o(u), null, u);
  });

  it('refuse bad values instead of guessing', () => {
    for (const u of ['/?p=abc', '/?page_id=0', '/?cat=-1', '/?cat=1,2', '/?author=99999999999', '/?attachment_id=', '/?m=2022x', '/?m=202213', '/category/', '/tag/a/b/', '/2022/13/', '/ar/%E0%A4%A/', '/x/page/2/']) {
      assert.equal(o(u), null, u);
    }
  });
});

describe('the public router leaves old home addresses to the fallback', () => {
  const r = (url: string) => route(url, undefined, editions);
  it('a WordPress query variable on a home address is no home page of Khabar’s', () => {
    for (const u of ['/?cat=5', '/?feed=rss2', '/?s=x', '/ar/?page_id=3', '/en/?m=2022']) assert.equal(r(u).kind, 'notFound', u);
    assert.equal(r('/ar/?utm_source=x').kind, 'home');
    assert.deepEqual({ ...r('/ar/?p=5'), edition: 'ar' }, { kind: 'shortlink', edition: 'ar', id: 5 });
  });
  it('serve the edition’s comments feed at WordPress’s address for it', () => {
    const x = r('/ar/comments/feed/');
    assert.deepEqual({ ...x, edition: 'ar' }, { kind: 'feed', edition: 'ar', format: 'rss', scope: { kind: 'siteComments' } });
    assert.equal(r('/ar/comments/feed/atom/').kind, 'feed');
  });
});

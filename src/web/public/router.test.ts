import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_EDITIONS } from '../../services/editions/defaults.ts';
import { EditionSet } from '../../services/editions/editions.ts';
import { route, type Route } from './router.ts';

const editions = new EditionSet(DEFAULT_EDITIONS);
const hosted = new EditionSet(DEFAULT_EDITIONS.map((e) => (e.code === 'en' ? { ...e, host: 'en.news.test' } : e)));

/** The route without its edition object, plus the edition code: easy to compare. */
function r(url: string, host?: string, set = editions): Record<string, unknown> {
  const x: Route = route(url, host, set);
  return 'edition' in x ? { ...x, edition: x.edition.code } : { ...x };
}

describe('public URLs', () => {
  it('send / to the default edition', () => {
    assert.deepEqual(r('/'), { kind: 'redirect', location: '/ar/', permanent: false });
  });

  it('serve each edition home under its prefix, with pages', () => {
    assert.deepEqual(r('/ar/'), { kind: 'home', edition: 'ar', page: 1 });
    assert.deepEqual(r('/en/page/3/'), { kind: 'home', edition: 'en', page: 3 });
  });

  it('canonicalise page 1 and a missing trailing slash with a 301', () => {
    assert.deepEqual(r('/ar/page/1/'), { kind: 'redirect', location: '/ar/', permanent: true });
    assert.deepEqual(r('/ar'), { kind: 'redirect', location: '/ar/', permanent: true });
    assert.deepEqual(r('/ar/tag/x?utm=1'), { kind: 'redirect', location: '/ar/tag/x/?utm=1', permanent: true });
  });

  it('never redirect off-site from a path that starts with //', () => {
    const x = r('//evil.example/ar');
    assert.equal(x.kind, 'notFound');
    const y = r('//ar//x');
    assert.equal(y.kind, 'redirect');
    assert.match(String(y.location), /^\/[^/]/);
  });

  it('read a percent-encoded Arabic slug in an article permalink', () => {
    const slug = 'زيارة-وفد-إلى-الرياض';
    assert.deepEqual(r(`/ar/2022/02/25/${encodeURIComponent(slug)}/`), { kind: 'article', edition: 'ar', year: 2022, month: 2, day: 25, slug });
  });

  it('know category, tag, author and date archives', () => {
    assert.deepEqual(r('/ar/category/economy/page/2/'), { kind: 'category', edition: 'ar', slug: 'economy', page: 2 });
    assert.deepEqual(r(`/ar/tag/${encodeURIComponent('طاقة')}/`), { kind: 'tag', edition: 'ar', slug: 'طاقة', page: 1 });
    assert.deepEqual(r('/en/author/layla-haddad/'), { kind: 'author', edition: 'en', slug: 'layla-haddad', page: 1 });
    assert.deepEqual(r('/ar/2022/'), { kind: 'date', edition: 'ar', year: 2022, page: 1 });
    assert.deepEqual(r('/ar/2022/02/'), { kind: 'date', edition: 'ar', year: 2022, month: 2, page: 1 });
    assert.deepEqual(r('/ar/2022/02/25/page/2/'), { kind: 'date', edition: 'ar', year: 2022, month: 2, day: 25, page: 2 });
  });

  it('answer ?p=<id> as a short link, and refuse a bad id', () => {
    assert.deepEqual(r('/?p=14525'), { kind: 'shortlink', edition: 'ar', id: 14525 });
    assert.deepEqual(r('/en/?p=7'), { kind: 'shortlink', edition: 'en', id: 7 });
    assert.equal(r('/?p=abc').kind, 'badRequest');
    assert.equal(r('/?p=-1').kind, 'badRequest');
    assert.equal(r('/?p=99999999999999999999').kind, 'badRequest');
  });

  it('refuse malformed percent-encoding, invalid UTF-8 and control characters', () => {
    assert.equal(r('/ar/%E0%A4%A/').kind, 'badRequest');
    assert.equal(r('/ar/%FF%FE/').kind, 'badRequest');
    assert.equal(r('/ar/tag/a%00b/').kind, 'badRequest');
  });

  it('refuse an over-long URL', () => {
    assert.equal(r(`/ar/?q=${'x'.repeat(10_000)}`).kind, 'badRequest');
  });

  it('give 404 to unknown shapes, editions and bad page numbers', () => {
    for (const u of ['/fr/', '/ar/2022/13/', '/ar/2022/02/32/', '/ar/page/0/', '/ar/page/x/', '/ar/category/', '/ar/nope/x/', '/ar/2022/02/25/a/b/']) {
      assert.equal(r(u).kind, 'notFound', u);
    }
  });

  it('take one slug under an edition for a static page (about, contact), but never a page number', () => {
    assert.deepEqual(r(`/ar/${encodeURIComponent('من-نحن')}/`), { kind: 'staticPage', edition: 'ar', slug: 'من-نحن' });
    assert.deepEqual(r('/en/about/'), { kind: 'staticPage', edition: 'en', slug: 'about' });
    for (const u of ['/ar/about/page/2/', '/ar/page/', '/ar/a--b/']) assert.equal(r(u).kind, 'notFound', u);
    assert.equal(r('/ar/2022/').kind, 'date');
  });

  it('serve an edition with a host of its own at that host root', () => {
    assert.deepEqual(r('/', 'en.news.test', hosted), { kind: 'home', edition: 'en', page: 1 });
    assert.deepEqual(r('/category/world/', 'EN.news.test:443', hosted), { kind: 'category', edition: 'en', slug: 'world', page: 1 });
    assert.deepEqual(r('/ar/', 'www.news.test', hosted), { kind: 'home', edition: 'ar', page: 1 });
  });
});

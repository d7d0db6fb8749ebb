import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_EDITIONS } from '../../services/editions/defaults.ts';
import { EditionSet } from '../../services/editions/editions.ts';
import { route, type Route } from './router.ts';

const editions = new EditionSet(DEFAULT_EDITIONS);
function r(url: string): Record<string, unknown> {
  const x: Route = route(url, undefined, editions);
  return 'edition' in x ? { ...x, edition: x.edition.code } : { ...x };
}

describe('search and feed URLs', () => {
  it('route the search page with its parameters', () => {
    assert.deepEqual(r('/ar/search/?q=%D8%B1%D9%88%D8%B3%D9%8A%D8%A7&category=economy&from=2025-01-01&to=2025-01-31&paged=3'), {
      kind: 'search', edition: 'ar', search: { q: 'روسيا', page: 3, category: 'economy', from: '2025-01-01', to: '2025-01-31' },
    });
    assert.deepEqual(r('/en/search/'), { kind: 'search', edition: 'en', search: { q: '', page: 1 } });
  });
  it('drop malformed filters instead of failing', () => {
    assert.deepEqual(r('/ar/search/?q=x&from=2025-02-31x&to=tomorrow&paged=0&category=a%2Fb'), { kind: 'search', edition: 'ar', search: { q: 'x', page: 1 } });
  });
  it('accept a long search URL that other pages refuse', () => {
    assert.equal(r(`/ar/search/?q=${'x'.repeat(4000)}`).kind, 'search');
    assert.equal(r(`/ar/tag/${'x'.repeat(4000)}/`).kind, 'badRequest');
  });
  it('route WordPress feed URLs', () => {
    assert.deepEqual(r('/ar/feed/'), { kind: 'feed', edition: 'ar', format: 'rss', scope: { kind: 'edition' } });
    assert.deepEqual(r('/ar/feed/atom/'), { kind: 'feed', edition: 'ar', format: 'atom', scope: { kind: 'edition' } });
    assert.deepEqual(r('/ar/category/economy/feed/'), { kind: 'feed', edition: 'ar', format: 'rss', scope: { kind: 'category', slug: 'economy' } });
    assert.deepEqual(r('/en/tag/energy/feed/atom/'), { kind: 'feed', edition: 'en', format: 'atom', scope: { kind: 'tag', slug: 'energy' } });
    assert.deepEqual(r('/ar/author/salma/feed/'), { kind: 'feed', edition: 'ar', format: 'rss', scope: { kind: 'author', slug: 'salma' } });
    assert.deepEqual(r('/ar/2022/02/25/slug/feed/'), { kind: 'feed', edition: 'ar', format: 'rss', scope: { kind: 'comments', year: 2022, month: 2, day: 25, slug: 'slug' } });
    assert.deepEqual(r('/ar/feed'), { kind: 'redirect', location: '/ar/feed/', permanent: true });
  });
  it('refuse other feed shapes', () => {
    assert.equal(r('/ar/feed/rss3/').kind, 'notFound');
    assert.equal(r('/ar/feed/atom/x/').kind, 'notFound');
    assert.equal(r('/ar/category/feed/').kind, 'notFound');
  });
});

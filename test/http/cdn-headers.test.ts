import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { surrogateKey } from '../../src/domain/invalidation.ts';
import { SEED_LIKE_ID, SEED_LIKE_SLUG, writeNewsroom } from '../fixtures/newsroom.ts';
import { testSite, type TestSite } from '../support/app.ts';

const AR_ARTICLE = `/ar/2022/02/25/${encodeURIComponent(SEED_LIKE_SLUG)}/`;

describe('surrogate keys: ASCII tags a CDN purges by, from ids, never slugs', () => {
  it('names each kind of key', () => {
    assert.deepEqual(
      (['article:12', 'section:3', 'tag:7', 'author:5', 'home:ar', 'feed:ar', 'comments:ar', 'edition:en'] as const).map(surrogateKey),
      ['a12', 's3', 't7', 'u5', 'home-ar', 'feed-ar', 'c-ar', 'e-en'],
    );
  });
});

describe('public pages tell a shared cache how long to keep them and what they show', () => {
  let s: TestSite;
  before(async () => {
    s = await testSite();
    await writeNewsroom(s);
  });
  after(() => s.close());

  const get = (url: string) => s.app.fastify.inject({ url });
  const keysOf = (res: { headers: Record<string, unknown> }) => String(res.headers['surrogate-key'] ?? '').split(' ').filter(Boolean).sort();
  const ids = async (kind: 'categories' | 'tags' | 'users', where: string, value: string) =>
    Number((await s.repos.db.kysely.selectFrom(kind).select('id').where(where as never, '=', value as never).executeTakeFirstOrThrow()).id);

  it('an article: kept by a CDN for s-maxage, tagged with the article and its edition, the same keys under three names', async () => {
    const res = await get(AR_ARTICLE);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'public, max-age=0, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400');
    assert.deepEqual(keysOf(res), [`a${SEED_LIKE_ID}`, 'e-ar']);
    assert.equal(res.headers.xkey, res.headers['surrogate-key']);
    assert.equal(res.headers['cache-tag'], String(res.headers['surrogate-key']).replaceAll(' ', ','));
    for (const v of [res.headers['surrogate-key'], res.headers['cache-tag']]) assert.match(String(v), /^[\x21-\x7e ]+$/, 'ASCII only');
  });

  it('pages say when they were last made (Last-Modified, the same for every reader of that version; never after the answer)', async () => {
    const first = await get(AR_ARTICLE);
    const modified = String(first.headers['last-modified']);
    assert.match(modified, /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/);
    assert.ok(Date.parse(modified) <= Date.parse(String(first.headers.date)));
    assert.equal((await get(AR_ARTICLE)).headers['last-modified'], modified, 'from the cache, the same date');
    assert.ok((await get('/ar/')).headers['last-modified'], 'lists too');
  });

  it('the front page, a date archive and a 404 follow the front page’s key (every publish touches it)', async () => {
    for (const url of ['/ar/', '/ar/2022/02/', '/ar/no-such-page-here/']) {
      assert.deepEqual(keysOf(await get(url)), ['e-ar', 'home-ar'], url);
    }
  });

  it('section, tag and author archives carry their own ids', async () => {
    assert.deepEqual(keysOf(await get('/ar/category/economy/')), ['e-ar', `s${await ids('categories', 'slug', 'economy')}`].sort());
    assert.deepEqual(keysOf(await get(`/ar/author/salma-nour/`)), ['e-ar', `u${await ids('users', 'slug', 'salma-nour')}`].sort());
    const tag = await s.repos.db.kysely.selectFrom('tags').select(['id', 'slug']).where('edition', '=', 'ar').where('name', '=', 'طاقة').executeTakeFirstOrThrow();
    assert.deepEqual(keysOf(await get(`/ar/tag/${encodeURIComponent(tag.slug)}/`)), ['e-ar', `t${tag.id}`].sort());
  });

  it('feeds carry the edition’s feed key; its comments feed, the key every comment shown or hidden touches', async () => {
    assert.ok(keysOf(await get('/ar/feed/')).includes('feed-ar'));
    assert.ok(!keysOf(await get('/ar/feed/')).includes('c-ar'));
    assert.ok(keysOf(await get('/ar/comments/feed/')).includes('c-ar'));
  });

  it('a forged held-comments cookie changes nothing: the shared, tagged page (the real one is private: comments.test.ts)', async () => {
    const res = await s.app.fastify.inject({ url: AR_ARTICLE, cookies: { khabar_held: '1.2.3' } });
    assert.match(String(res.headers['cache-control']), /^public/);
    assert.deepEqual(keysOf(res), [`a${SEED_LIKE_ID}`, 'e-ar']);
  });
});

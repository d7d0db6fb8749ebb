import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { newsroomArticles, SEED_LIKE_ID, SEED_LIKE_SLUG, SEED_LIKE_TITLE, writeNewsroom } from '../fixtures/newsroom.ts';
import { describeWith } from '../support/requirements.ts';
import { testSite, type TestSite } from '../support/app.ts';
import { freePort } from '../support/ports.ts';
import { startVarnish, type Varnish, varnishMissing } from '../support/varnish.ts';

const ARTICLE = `/ar/2022/02/25/${encodeURIComponent(SEED_LIKE_SLUG)}/`;
const missing = varnishMissing();

const suite = 'Varnish in front, with the shipped VCL: pages kept, purged exactly by each write, personal pages never shared';
describeWith(suite, missing, () => {
  let s: TestSite;
  let varnish: Varnish;
  // Purges reaching Varnish: the test waits on these, never on a clock.
  const waiters: { key: string; resolve: () => void }[] = [];
  /** The next purge of `key` to reach Varnish (one that landed before the call does not count). */
  const purgeOf = (key: string) => new Promise<void>((resolve) => waiters.push({ key, resolve }));

  before(async () => {
    const varnishPort = await freePort();
    s = await testSite({
      config: { purge: { kind: 'varnish', urls: [`http://127.0.0.1:${varnishPort}`] } },
      purgeEvents: {
        purged(keys) {
          for (const w of waiters.splice(0)) (keys.includes(w.key) ? w.resolve : () => waiters.push(w))();
        },
      },
    });
    await s.app.fastify.listen({ port: 0, host: '127.0.0.1' });
    const backendPort = (s.app.fastify.server.address() as { port: number }).port;
    varnish = await startVarnish(varnishPort, backendPort);
    // Written once Varnish listens, so the newsroom's own purges land now, not in a later test.
    const settled = Promise.all(newsroomArticles().map((a) => purgeOf(`a${a.id}`)));
    await writeNewsroom(s);
    await settled;
  });
  after(async () => {
    await varnish?.close();
    await s?.close();
  });

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(varnish.url + path, { headers: { 'accept-encoding': 'gzip', ...headers } });
    return { status: res.status, cache: res.headers.get('x-cache'), body: await res.text(), headers: res.headers };
  };

  it('keeps a page: the second reader gets it from Varnish, without the keys (they are for the cache)', async () => {
    assert.equal((await get(ARTICLE)).cache, 'MISS');
    const second = await get(ARTICLE);
    assert.equal(second.status, 200);
    assert.equal(second.cache, 'HIT');
    assert.ok(second.body.includes(SEED_LIKE_TITLE));
    assert.equal(second.headers.get('xkey'), null);
    assert.equal(second.headers.get('surrogate-key'), null);
  });

  it('an edit purges that article (and the lists showing it): the next reader sees the correction, other pages stay cached', async () => {
    await get('/ar/category/science/');
    assert.equal((await get('/ar/category/science/')).cache, 'HIT');
    const input = newsroomArticles().find((a) => a.id === SEED_LIKE_ID)!;
    const done = purgeOf(`a${SEED_LIKE_ID}`);
    // The same article saved with a corrected title (its slug stays: it was given).
    await s.articles.save({ ...input, slug: SEED_LIKE_SLUG, title: 'عنوان مصحَّح بعد النشر' });
    await done;
    const fresh = await get(ARTICLE);
    assert.equal(fresh.cache, 'MISS');
    assert.ok(fresh.body.includes('عنوان مصحَّح بعد النشر'));
    assert.equal((await get(ARTICLE)).cache, 'HIT');
    // A section the article is not in was not purged.
    assert.equal((await get('/ar/category/science/')).cache, 'HIT');
  });

  it('a reader with held comments (the one khabar_held cookie) always passes to Khabar; other readers are not given their page', async () => {
    for (let i = 0; i < 2; i++) assert.equal((await get(ARTICLE, { cookie: 'khabar_held=forged' })).cache, 'MISS');
    assert.equal((await get(ARTICLE, { cookie: 'other=1' })).cache, 'HIT', 'other cookies do not split the cache');
  });

  it('takes PURGE by xkey from a listed purger (loopback) and says how many objects went', async () => {
    await get(ARTICLE);
    const res = await fetch(varnish.url + '/', { method: 'PURGE', headers: { xkey: 'e-ar' } });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Invalidated [1-9]\d* objects/);
    assert.equal((await get(ARTICLE)).cache, 'MISS');
  });
});


import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { invalidates } from '../../src/domain/invalidation.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { MAX_UNANNOUNCED_MS } from '../../src/services/cluster/content-version.ts';
import { SEED_LIKE_ID, SEED_LIKE_TITLE, writeNewsroom } from '../fixtures/newsroom.ts';
import { describeWith } from '../support/requirements.ts';
import { testSite, type TestSite } from '../support/app.ts';
import { AR_ARTICLE } from '../support/comments.ts';
import { leaderOf, redisMissing, startRedis, type TestRedis, untilConnected } from '../support/redis.ts';
import { testRuntime } from '../support/runtime.ts';

const suite = 'two instances sharing one database and one Redis';
const missing = redisMissing();
describeWith(suite, missing, () => {
  // Frozen: a version is never re-read for its age unless a test moves the clock on purpose.
  const clock = fixedClock('2022-03-01T12:00:00Z');
  const warnings: string[] = [];
  let redis: TestRedis;
  let dir: string;
  let a: TestSite;
  let b: TestSite;
  const other = (s: TestSite) => (s === a ? b : a);
  // A new or reconnected instance waits a lease before taking a free one: short here.
  const leaderLeaseMs = 1500;

  before(async () => {
    redis = await startRedis();
    dir = mkdtempSync(join(tmpdir(), 'khabar-redis-'));
    const config = { redisUrl: redis.url };
    a = await testSite({ clock, config, sqliteFile: join(dir, 'site.sqlite'), leaderLeaseMs, redisLog: { warn: (m) => warnings.push(m), info: () => {} } });
    await writeNewsroom(a);
    b = await testSite({ clock, config, shareWith: a, leaderLeaseMs });
    await Promise.all([untilConnected(a), untilConnected(b)]);
  });

  after(async () => {
    await b?.close();
    await a?.close();
    await redis?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (s: TestSite, url: string) => s.app.fastify.inject(url);

  it('a write on one instance is announced, and the other serves it on its next request', async () => {
    assert.ok((await get(b, AR_ARTICLE)).body.includes(SEED_LIKE_TITLE), 'B keeps the page');
    const heard = once(b.app.services.contentVersions, 'heard');
    await a.repos.write((tx) => tx.updateTable('articles').set({ title: 'عنوان معدل' }).where('id', '=', SEED_LIKE_ID).execute(), { invalidates: [invalidates.article(SEED_LIKE_ID)] });
    const [announcement] = (await heard) as [{ version: number; keys: string[] }];
    assert.deepEqual(announcement.keys, [invalidates.article(SEED_LIKE_ID)]);
    assert.ok((await get(b, AR_ARTICLE)).body.includes('عنوان معدل'));
  });

  it('a write no one announced (a CLI without REDIS_URL) shows everywhere within MAX_UNANNOUNCED_MS', async () => {
    const cli = await testRuntime({ shareWith: a });
    try {
      await cli.repos.write((tx) => tx.updateTable('articles').set({ title: 'من سطر الأوامر' }).where('id', '=', SEED_LIKE_ID).execute(), { invalidates: [invalidates.article(SEED_LIKE_ID)] });
    } finally {
      await cli.close();
    }
    assert.ok(!(await get(b, AR_ARTICLE)).body.includes('من سطر الأوامر'), 'not yet: B trusts the version it was told');
    clock.advance(MAX_UNANNOUNCED_MS);
    assert.ok((await get(b, AR_ARTICLE)).body.includes('من سطر الأوامر'));
    assert.ok((await get(a, AR_ARTICLE)).body.includes('من سطر الأوامر'));
    await a.repos.write((tx) => tx.updateTable('articles').set({ title: SEED_LIKE_TITLE }).where('id', '=', SEED_LIKE_ID).execute(), { invalidates: [invalidates.article(SEED_LIKE_ID)] });
  });

  it('views come from the beacon into Redis, and both instances show the one "most read" list the leader computed', async () => {
    const leader = await leaderOf(a, b);
    await get(a, AR_ARTICLE);
    assert.deepEqual(await a.redis!.commands.hgetall('khabar:views:pending'), {}, 'the page itself counts nothing (a CDN may have served it)');
    const page = (await get(a, AR_ARTICLE)).body;
    assert.match(page, /data-view-beacon="\/views\/14525"/);
    assert.match(page, /<noscript><img class="view-beacon" src="\/views\/14525"/);
    for (const s of [a, b, b]) {
      const r = await s.app.fastify.inject({ method: 'POST', url: `/views/${SEED_LIKE_ID}` });
      assert.equal(r.statusCode, 204);
      assert.equal(r.headers['cache-control'], 'no-store');
    }
    const pixel = await get(a, '/views/3');
    assert.equal(pixel.headers['content-type'], 'image/gif');
    assert.equal(pixel.headers['cache-control'], 'no-store');
    assert.deepEqual(await a.redis!.commands.hgetall('khabar:views:pending'), { [SEED_LIKE_ID]: '3', 3: '1' });
    assert.equal(a.app.mostRead.pendingViews + b.app.mostRead.pendingViews, 0, 'nothing kept in an instance’s memory');

    const followed = once(other(leader).app.mostRead, 'lists');
    assert.equal(await other(leader).app.services.jobs.run('view-flush'), true, 'every instance runs the flush (its own counts)…');
    assert.deepEqual(await a.redis!.commands.hgetall('khabar:views:pending'), { [SEED_LIKE_ID]: '3', 3: '1' }, '…but only the leader moves Redis’s');
    await leader.app.services.jobs.run('view-flush');
    await followed;
    assert.deepEqual(await a.redis!.commands.hgetall('khabar:views:pending'), {});
    const ids = async (s: TestSite) => (await s.app.mostRead.list('ar')).map((x) => x.id);
    assert.equal((await ids(a))[0], SEED_LIKE_ID);
    assert.deepEqual(await ids(a), await ids(b));
    assert.equal(a.app.mostRead.generation > 0 && b.app.mostRead.generation > 0, true);
  });

  it('sign-in, comment and password-reset limits hold for both instances together', async () => {
    const post = (s: TestSite, url: string) => s.app.fastify.inject({ method: 'POST', url, payload: {} });
    // Sign-in: 30 a minute per address, wherever they land.
    for (let i = 0; i < 30; i++) assert.notEqual((await post(i % 2 ? a : b, '/admin/login')).statusCode, 429);
    assert.equal((await post(a, '/admin/login')).statusCode, 429);
    assert.equal((await post(b, '/admin/login')).statusCode, 429);
    // Comments through the REST API: 10 a minute per address.
    for (let i = 0; i < 10; i++) assert.notEqual((await post(i % 2 ? a : b, '/ar/wp-json/wp/v2/comments')).statusCode, 429);
    assert.equal((await post(b, '/ar/wp-json/wp/v2/comments')).statusCode, 429);
    // Password-reset requests: 10 per 15 minutes per address (issue 18: anonymous writes).
    for (let i = 0; i < 10; i++) assert.notEqual((await post(i % 2 ? a : b, '/admin/password-reset')).statusCode, 429);
    assert.equal((await post(a, '/admin/password-reset')).statusCode, 429);
  });

  it('exactly one instance runs the periodic jobs', async () => {
    const leader = await leaderOf(a, b);
    assert.equal(await leader.app.services.jobs.run('scheduled-publishing'), true);
    assert.equal(await other(leader).app.services.jobs.run('scheduled-publishing'), false);
    // One digest per moderator per interval, however many instances took the comments.
    assert.equal(await leader.app.services.jobs.run('moderator-notices'), true);
    assert.equal(await other(leader).app.services.jobs.run('moderator-notices'), false);
    assert.equal(a.leader.isLeader() !== b.leader.isLeader(), true);
  });

  it('Redis stopped during requests: every request answered, limits per instance, views kept in memory, all back when Redis returns', async () => {
    const before = warnings.length;
    const downA = once(a.redis!, 'state');
    const downB = once(b.redis!, 'state');
    const load = Promise.all(
      Array.from({ length: 40 }, (_, i) => i % 4 === 3 ? (i % 8 === 3 ? a : b).app.fastify.inject({ method: 'POST', url: `/views/${SEED_LIKE_ID}` }) : get(i % 2 ? a : b, AR_ARTICLE)),
    );
    await redis.stop();
    const answers = [...(await load), ...(await Promise.all([get(a, AR_ARTICLE), get(b, '/ar/')]))];
    assert.deepEqual(answers.filter((r) => r.statusCode >= 500).map((r) => r.statusCode), []);
    await Promise.all([downA, downB]);
    assert.equal(warnings.length, before + 1, 'one warning for the change of state');

    // Limits: per instance now (a fresh window here), never none.
    const post = (s: TestSite) => s.app.fastify.inject({ method: 'POST', url: '/admin/login', payload: {} });
    for (let i = 0; i < 30; i++) assert.notEqual((await post(a)).statusCode, 429);
    assert.equal((await post(a)).statusCode, 429);
    // Views: counted in the instance's memory, written by the instance itself.
    await a.app.fastify.inject({ method: 'POST', url: `/views/${SEED_LIKE_ID}` });
    assert.ok(a.app.mostRead.pendingViews >= 1);
    await a.app.services.jobs.run('view-flush');
    assert.equal(a.app.mostRead.pendingViews, 0);
    // A write is seen at once without the announcements (the database is asked per request).
    await a.repos.write((tx) => tx.updateTable('articles').set({ title: 'بلا ريديس' }).where('id', '=', SEED_LIKE_ID).execute(), { invalidates: [invalidates.article(SEED_LIKE_ID)] });
    assert.ok((await get(b, AR_ARTICLE)).body.includes('بلا ريديس'));

    await redis.start();
    await Promise.all([untilConnected(a), untilConnected(b)]);
    assert.equal(warnings.length, before + 1, 'no more warnings once it is back');
    await a.app.fastify.inject({ method: 'POST', url: `/views/${SEED_LIKE_ID}` });
    assert.deepEqual(await a.redis!.commands.hgetall('khabar:views:pending'), { [SEED_LIKE_ID]: '1' }, 'counted in Redis again');
    for (let i = 0; i < 30; i++) assert.notEqual((await post(i % 2 ? a : b)).statusCode, 429);
    assert.equal((await post(b)).statusCode, 429, 'shared again');
    const heard = once(b.app.services.contentVersions, 'heard');
    await a.repos.write((tx) => tx.updateTable('articles').set({ title: SEED_LIKE_TITLE }).where('id', '=', SEED_LIKE_ID).execute(), { invalidates: [invalidates.article(SEED_LIKE_ID)] });
    await heard;
    assert.ok((await get(b, AR_ARTICLE)).body.includes(SEED_LIKE_TITLE));
  });

  it('the lead passes to the other instance when the leader stops', async () => {
    const leader = await leaderOf(a, b);
    const successor = other(leader);
    const took = once(successor.leader, 'change');
    await leader.close();
    assert.deepEqual(await took, [true]);
    assert.equal(await successor.app.services.jobs.run('scheduled-publishing'), true);
    if (leader === a) a = undefined as unknown as TestSite;
    else b = undefined as unknown as TestSite;
  });
});

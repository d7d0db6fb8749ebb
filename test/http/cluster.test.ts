import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import pg from 'pg';
import { testDatabaseUrl } from '../../src/config.ts';
import { newsroomArticles, SEED_LIKE_ID, SEED_LIKE_SLUG, writeNewsroom } from '../fixtures/newsroom.ts';
import { type Cluster, type Instance, startCluster } from '../support/cluster.ts';
import { pgbouncerInstalled, pgbouncerPath } from '../support/pgbouncer.ts';
import { describeWith } from '../support/requirements.ts';
import { testDialect } from '../support/runtime.ts';
import { varnishMissing } from '../support/varnish.ts';
import { leaderOf, redisMissing, startRedis, type TestRedis, untilConnected } from '../support/redis.ts';
import { once } from 'node:events';

const ARTICLE = `/ar/2022/02/25/${encodeURIComponent(SEED_LIKE_SLUG)}/`;
const suite = 'several machines, proven together: PgBouncer, Redis, two instances and Varnish with the shipped VCL';

// PostgreSQL only: instances share a database server (a SQLite run registers nothing here).
if (testDialect() === 'postgres') {
  const missing = varnishMissing() ?? redisMissing() ?? (pgbouncerInstalled() ? null : `PgBouncer not found at ${pgbouncerPath()} (apt install pgbouncer)`);
  describeWith(suite, missing, () => {
    let c: Cluster;
    let a: Instance;
    let b: Instance;
    let redis: TestRedis;
    before(async () => {
      redis = await startRedis();
      c = await startCluster(testDatabaseUrl()!, { REDIS_URL: redis.url });
      [a, b] = c.instances;
      for (const i of [a, b]) await untilConnected(i.rt);
      const settled = Promise.all(newsroomArticles().map((x) => c.purgeOf(`a${x.id}`)));
      await writeNewsroom(a.rt);
      await settled;
    });
    after(async () => {
      await c?.close();
      await redis?.close();
    });

    const viaVarnish = async (path: string, headers: Record<string, string> = {}) => {
      const res = await fetch(c.varnish.url + path, { headers: { 'accept-encoding': 'gzip', ...headers } });
      return { status: res.status, cache: res.headers.get('x-cache'), body: await res.text(), headers: res.headers };
    };

    /** A reader's comment, filled as the form asks (its token, its fill time), sent to `base`. */
    const postComment = async (base: string, text: string, n: number, extra: Record<string, string> = {}) => {
      const page = await (await fetch(base + ARTICLE)).text();
      const token = /name="form_token" value="([^"]*)"/.exec(page)?.[1];
      assert.ok(token, 'the page has a comment form');
      c.clock.advance(5000);
      const res = await fetch(`${base}/wp-comments-post.php`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://news.test', 'x-forwarded-for': `10.9.${n >> 8 & 255}.${n & 255}` },
        body: new URLSearchParams({ comment_post_ID: String(SEED_LIKE_ID), comment_parent: '0', url: '', reference_code: '', form_token: token, author: `قارئ ${n}`, email: `reader${n}@example.org`, comment: text, ...extra }),
      });
      await res.arrayBuffer();
      return { status: res.status, cookie: res.headers.getSetCookie().find((x) => x.startsWith('khabar_held=')) };
    };

    it('an edit on instance A reaches readers of Varnish once its purge has landed, whichever instance Varnish asks', async () => {
      await viaVarnish(ARTICLE);
      assert.equal((await viaVarnish(ARTICLE)).cache, 'HIT');
      const input = newsroomArticles().find((x) => x.id === SEED_LIKE_ID)!;
      const purged = c.purgeOf(`a${SEED_LIKE_ID}`);
      await a.services.articles.save({ ...input, slug: SEED_LIKE_SLUG, title: 'عنوان صُحِّح على الخادم الأول' });
      await purged;
      const fresh = await viaVarnish(ARTICLE);
      assert.equal(fresh.cache, 'MISS');
      assert.ok(fresh.body.includes('عنوان صُحِّح على الخادم الأول'));
      // Both instances answer the new version (B read no announcement: the content version told it).
      for (const i of [a, b]) assert.ok((await (await fetch(i.url + ARTICLE)).text()).includes('عنوان صُحِّح على الخادم الأول'), i.name);
    });

    it('a held comment is seen by its writer, through Varnish, and never by another reader', async () => {
      const text = 'تعليق محجوز لا يراه إلا كاتبه';
      const posted = await postComment(c.varnish.url, text, 1);
      assert.equal(posted.status, 303);
      assert.ok(posted.cookie, 'the writer gets the one khabar_held cookie');
      const cookie = posted.cookie!.split(';', 1)[0]!;
      for (let i = 0; i < 2; i++) {
        const mine = await viaVarnish(ARTICLE, { cookie });
        assert.equal(mine.cache, 'MISS', 'a held view passes Varnish');
        assert.equal(mine.headers.get('cache-control'), 'private, no-store');
        assert.ok(mine.body.includes(text), 'the writer sees their held comment');
      }
      // Other readers, from the cache or from either instance, never do.
      for (let i = 0; i < 3; i++) assert.ok(!(await viaVarnish(ARTICLE)).body.includes(text));
      for (const i of [a, b]) assert.ok(!(await (await fetch(i.url + ARTICLE)).text()).includes(text), i.name);
    });

    it('"most read" is one list on both instances, counted from views that reached either (through Varnish)', async () => {
      const leader = (await leaderOf(a.rt, b.rt)) === a.rt ? a : b;
      const follower = leader === a ? b : a;
      // Readers' beacons: POSTs pass Varnish to whichever instance it picks.
      for (const id of [SEED_LIKE_ID, SEED_LIKE_ID, SEED_LIKE_ID, 3]) {
        const res = await fetch(`${c.varnish.url}/views/${id}`, { method: 'POST' });
        assert.equal(res.status, 204);
      }
      const followed = once(follower.services.mostRead, 'lists');
      await leader.services.jobs.run('view-flush');
      await followed;
      const ids = async (i: Instance) => (await i.services.mostRead.list('ar')).map((x) => x.id);
      assert.equal((await ids(a))[0], SEED_LIKE_ID);
      assert.deepEqual(await ids(a), await ids(b));
    });

    it('sign-in and comment limits count both instances together', async () => {
      // Varnish adds the reader's address; both instances trust it (TRUST_PROXY) and share the count.
      const post = (i: Instance, path: string) => fetch(i.url + path, { method: 'POST', headers: { 'x-forwarded-for': '198.51.100.7', 'content-type': 'application/json' }, body: '{}' }).then(async (r) => (await r.arrayBuffer(), r.status));
      const statuses: number[] = [];
      for (let n = 0; n < 31; n++) statuses.push(await post(n % 2 ? a : b, '/admin/login'));
      assert.equal(statuses.indexOf(429), 30, `sign-in: 30 a minute for the address across both (${statuses.join(' ')})`);
      statuses.length = 0;
      for (let n = 0; n < 11; n++) statuses.push(await post(n % 2 ? b : a, '/ar/wp-json/wp/v2/comments'));
      assert.equal(statuses.indexOf(429), 10, `comments: 10 a minute across both (${statuses.join(' ')})`);
    });

    it('Redis stopped under load: every request answered, by both instances, and all shared again once it is back', async () => {
      const answers = new Map<number, number>();
      let stop = false;
      let served = 0;
      let reading = 0;
      const reader = async (base: string, path: string) => {
        while (!stop) {
          // Many readers, each from an address of its own (the beacon takes 60 a minute from one).
          const headers = { 'x-forwarded-for': `10.8.${(++reading >> 8) & 255}.${reading & 255}` };
          const status = await fetch(base + path, { method: path.startsWith('/views/') ? 'POST' : 'GET', headers }).then(async (r) => (await r.arrayBuffer(), r.status)).catch(() => 0);
          answers.set(status, (answers.get(status) ?? 0) + 1);
          served++;
        }
      };
      const load = [reader(a.url, ARTICLE), reader(b.url, '/ar/'), reader(c.varnish.url, ARTICLE), reader(a.url, `/views/${SEED_LIKE_ID}`)];
      const until = async (n: number) => {
        const target = served + n;
        while (served < target) await new Promise((r) => setTimeout(r, 5));
      };
      await until(30);
      const down = Promise.all([once(a.rt.redis!, 'state'), once(b.rt.redis!, 'state')]);
      await redis.stop();
      await down;
      await until(60);
      await redis.start();
      for (const i of [a, b]) await untilConnected(i.rt);
      await until(30);
      stop = true;
      await Promise.all(load);
      assert.deepEqual([...answers.keys()].filter((k) => ![200, 204].includes(k)), [], `answers: ${JSON.stringify(Object.fromEntries(answers))}`);
    });

    it('every database connection terminated under load: nothing crashes, both instances serve again, and no acknowledged comment is lost', async (t) => {
      const direct = new pg.Client({ connectionString: c.bouncer.directUrl });
      await direct.connect();
      const statuses = new Map<number, number>();
      const acknowledged: string[] = [];
      let stop = false;
      let requests = 0;
      let terminated!: () => void;
      const halfway = new Promise<void>((r) => (terminated = r));
      // Readers on both instances directly (uncached pages too: search asks the database every
      // time) and writers of comments, until the connections have been cut and both serve again.
      const reader = async (i: Instance, path: string) => {
        while (!stop) {
          const res = await fetch(i.url + path).catch(() => null);
          await res?.arrayBuffer();
          statuses.set(res?.status ?? 0, (statuses.get(res?.status ?? 0) ?? 0) + 1);
          if (++requests === 40) terminated();
        }
      };
      let n = 100;
      const writer = async (i: Instance) => {
        while (!stop) {
          const text = `تعليق رقم ${++n} أثناء انقطاع القاعدة`;
          const r = await postComment(i.url, text, n).catch(() => ({ status: 0 }));
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (r.status === 303) acknowledged.push(text);
        }
      };
      const load = [reader(a, ARTICLE), reader(b, ARTICLE), reader(a, `/ar/search/?q=${encodeURIComponent('الرياض')}`), reader(b, `/ar/search/?q=${encodeURIComponent('مذكرة')}`), writer(a), writer(b)];
      await halfway;
      const cut = await direct.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      assert.ok(cut.rowCount! > 0, 'connections were terminated');
      // Both serve again: /readyz asks the database every time.
      for (const i of [a, b]) {
        for (let attempt = 0; ; attempt++) {
          const res = await fetch(`${i.url}/readyz`);
          await res.arrayBuffer();
          if (res.status === 200) break;
          assert.ok(attempt < 3000, `${i.name} never became ready again`);
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      const afterCut = requests;
      while (requests < afterCut + 40) await new Promise((r) => setTimeout(r, 10));
      stop = true;
      await Promise.all(load);
      t.diagnostic(`answers: ${JSON.stringify(Object.fromEntries(statuses))}; ${acknowledged.length} comments acknowledged; ${cut.rowCount} connections terminated`);
      assert.ok(!statuses.has(0), `every request was answered (${JSON.stringify([...statuses])})`);
      assert.ok(!statuses.has(500), `no 500 (${JSON.stringify([...statuses])}):\n${c.errors.join('\n')}`);
      assert.ok([...statuses.keys()].every((s) => [200, 303, 503].includes(s)), JSON.stringify([...statuses]));
      assert.ok(acknowledged.length > 0, 'comments were acknowledged');
      const saved = new Set((await direct.query<{ body: string }>('SELECT body FROM comments')).rows.map((r) => r.body));
      const lost = acknowledged.filter((t) => ![...saved].some((body) => body.includes(t)));
      assert.deepEqual(lost, [], 'every acknowledged comment is in the database');
      await direct.end();
    });
  });
}

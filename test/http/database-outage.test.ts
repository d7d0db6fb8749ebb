import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { Unavailable } from '../../src/domain/errors.ts';
import { testDatabaseUrl } from '../../src/config.ts';
import { AR_ARTICLE, AR_ARTICLE_ID, commentSite, reader, type CommentSite } from '../support/comments.ts';
import { startPgProxy, type PgProxy } from '../support/pg-proxy.ts';
import { testDialect } from '../support/runtime.ts';
import { adminSite, Agent, formFields, loggedIn, PASSWORD } from '../support/admin.ts';

// PostgreSQL only: an embedded SQLite file has no connection to lose. (On a SQLite run nothing is
// registered here; the PostgreSQL run of the same suite, or its absence, is reported by npm test.)
if (testDialect() === 'postgres') {
  describe('the database drops its connections or goes away: nothing crashes, nothing is half-written', () => {
    let proxy: PgProxy;
    let s: CommentSite;
    before(async () => {
      proxy = await startPgProxy(testDatabaseUrl()!);
      s = await commentSite({ databaseUrl: proxy.url });
    });
    after(async () => {
      await s.close();
      await proxy.close();
    });

    const get = (url: string) => s.app.fastify.inject({ url });
    const commentCount = async () => Number((await s.repos.db.kysely.selectFrom('comments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    it('a connection cut while a write holds it fails that write alone, as Unavailable, and rolls it back', async () => {
      let inside!: () => void;
      const entered = new Promise<void>((r) => (inside = r));
      let cont!: () => void;
      const gate = new Promise<void>((r) => (cont = r));
      const before = await commentCount();
      const write = s.repos.write(async (tx) => {
        await tx.updateTable('articles').set({ title: 'نصف كتابة' }).where('id', '=', AR_ARTICLE_ID).execute();
        inside();
        await gate;
        // The connection is gone by now: this statement fails, and so does the transaction.
        await tx.updateTable('articles').set({ title: 'لن تُكتب' }).where('id', '=', AR_ARTICLE_ID).execute();
      }, { invalidates: [] });
      await entered;
      // A checked-out client whose socket ends emits 'error': unheard, it crashed the process.
      proxy.cutAll();
      cont();
      await assert.rejects(write, (e) => e instanceof Unavailable);
      const title = (await s.repos.db.kysely.selectFrom('articles').select('title').where('id', '=', AR_ARTICLE_ID).executeTakeFirstOrThrow()).title;
      assert.notEqual(title, 'نصف كتابة', 'the first statement of the cut transaction was not kept');
      assert.equal(await commentCount(), before);
    });

    it('reads on connections cut while idle in the pool are retried on fresh ones: readers see the page', async () => {
      assert.equal((await get(AR_ARTICLE)).statusCode, 200);
      proxy.cutAll();
      const pages = await Promise.all(Array.from({ length: 8 }, () => get(AR_ARTICLE)));
      assert.deepEqual(pages.map((p) => p.statusCode), Array(8).fill(200));
    });

    it('a comment whose write loses its connection comes back with the reader’s text, a 503 and the reason; nothing is saved', async () => {
      const before = await commentCount();
      const cut = proxy.cutOnNext('insert into "comments"');
      const r = await s.post({ ...reader(7), comment: 'تعليق سيعود إليّ كما كتبته' });
      await cut;
      assert.equal(r.status, 503);
      assert.match(r.body, /تعليق سيعود إليّ كما كتبته<\/textarea>/);
      assert.ok(r.body.includes('تعذّر الحفظ الآن لعطل مؤقت'), 'the reason, in Arabic');
      assert.equal(await commentCount(), before);
      // Sent again once the database answers, it is saved.
      assert.equal((await s.post({ ...reader(7), comment: 'تعليق سيعود إليّ كما كتبته' })).status, 303);
      assert.equal(await commentCount(), before + 1);
    });

    it('while the database is down: pages answer 503 in the edition’s language, /readyz says so, /healthz stays alive; once it is back, everything serves again', async () => {
      assert.equal((await get('/readyz')).statusCode, 200);
      proxy.down();
      try {
        const page = await get('/ar/');
        assert.equal(page.statusCode, 503);
        assert.match(page.body, /<html lang="ar" dir="rtl">/);
        assert.ok(page.body.includes('الموقع غير متاح لحظياً'));
        assert.equal((await get('/readyz')).statusCode, 503);
        assert.deepEqual((await get('/readyz')).json(), { status: 'database unavailable' });
        assert.equal((await get('/healthz')).statusCode, 200);
        const api = await get('/api/v1/search?q=' + encodeURIComponent('الرياض'));
        assert.equal(api.statusCode, 503);
        assert.equal(api.json().error.code, 'unavailable');
      } finally {
        proxy.up();
      }
      // No restart: the pool opens new connections on the next request.
      assert.equal((await get('/ar/')).statusCode, 200);
      assert.equal((await get(AR_ARTICLE)).statusCode, 200);
      assert.deepEqual((await get('/readyz')).json(), { status: 'ready' });
    });

    it('connections carry application_name (host and process), and transactions their statement timeout', async () => {
      const name = s.config.databaseApplicationName;
      assert.match(name, new RegExp(`^khabar@.+:${process.pid}$`));
      const probe = new pg.Client({ connectionString: testDatabaseUrl()! });
      await probe.connect();
      try {
        await get(AR_ARTICLE);
        const seen = await probe.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [name]);
        assert.ok(seen.rows[0].n >= 1, 'this process’s connections are named');
      } finally {
        await probe.end();
      }
      const inTx = await s.repos.write(async (tx) => (await tx.selectNoFrom((eb) => eb.fn<string>('current_setting', [eb.val('statement_timeout')]).as('t')).executeTakeFirstOrThrow()).t, { invalidates: [] });
      assert.equal(inTx, `${s.config.databaseStatementTimeoutMs / 1000}s`);
    });
  });

  describe('a journalist’s save that loses the database connection', () => {
    it('comes back as the editor with everything typed, a 503 and the reason in the newsroom’s language; nothing half-saved', async () => {
      const proxy = await startPgProxy(testDatabaseUrl()!);
      const s = await adminSite({ databaseUrl: proxy.url });
      try {
        const { a } = await loggedIn(s, 'author');
        const page = await a.get('/admin/articles/new');
        const before = Number((await s.repos.db.kysely.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
        const cut = proxy.cutOnNext('insert into "articles"');
        const r = await a.post('/admin/articles/new', { ...formFields(page.body), title: 'تقرير طويل لا يضيع', body: '<p>فقرة كتبتها بعناية</p>', action: 'draft' });
        await cut;
        assert.equal(r.status, 503);
        assert.ok(r.body.includes('value="تقرير طويل لا يضيع"'), 'the title is kept');
        assert.ok(r.body.includes('فقرة كتبتها بعناية'), 'the body is kept');
        assert.ok(r.body.includes('تعذّر الوصول إلى قاعدة البيانات لعطل مؤقت'), 'the reason, in Arabic');
        const after = Number((await s.repos.db.kysely.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
        assert.equal(after, before);
      } finally {
        await s.close();
        await proxy.close();
      }
    });

    it('every other newsroom form does the same: the profile, a new section, the sign-in form', async () => {
      const proxy = await startPgProxy(testDatabaseUrl()!);
      const s = await adminSite({ databaseUrl: proxy.url });
      try {
        const { a, email } = await loggedIn(s, 'administrator');
        const reason = 'تعذّر الوصول إلى قاعدة البيانات لعطل مؤقت';

        await a.get('/admin/profile');
        let cut = proxy.cutOnNext('update "users" set "display_name"');
        let r = await a.post('/admin/profile', { name: 'ليلى حداد', bio: 'سيرة كتبتها ولن تضيع' });
        await cut;
        assert.equal(r.status, 503, 'the profile');
        assert.ok(r.body.includes('سيرة كتبتها ولن تضيع') && r.body.includes(reason));

        await a.get('/admin/taxonomy/category?edition=ar');
        cut = proxy.cutOnNext('insert into "categories"');
        r = await a.post('/admin/taxonomy/category?edition=ar', { name: 'قسم جديد لن يضيع', slug: '', description: '', position: '' });
        await cut;
        assert.equal(r.status, 503, 'a new section');
        assert.ok(r.body.includes('قسم جديد لن يضيع') && r.body.includes(reason));
        assert.equal((await s.repos.db.kysely.selectFrom('categories').select('id').where('name', '=', 'قسم جديد لن يضيع').execute()).length, 0);

        const visitor = new Agent(s.app);
        await visitor.get('/admin/login');
        cut = proxy.cutOnNext('insert into "sessions"');
        r = await visitor.post('/admin/login', { email, password: PASSWORD });
        await cut;
        assert.equal(r.status, 503, 'the sign-in form');
        assert.ok(r.body.includes(`value="${email}"`) && r.body.includes(reason));
      } finally {
        await s.close();
        await proxy.close();
      }
    });
  });
}

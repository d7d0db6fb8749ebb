import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { loadConfig, testDatabaseUrl } from '../../src/config.ts';
import { openRuntime, type Runtime } from '../../src/cli/bootstrap.ts';
import { MemoryMailer } from '../../src/platform/mailer.ts';
import { createServices } from '../../src/services/services.ts';
import { buildApp, type App } from '../../src/web/app.ts';
import { SEED_LIKE_SLUG, writeNewsroom } from '../fixtures/newsroom.ts';
import { type Bouncer, pgbouncerInstalled, pgbouncerPath, startPgBouncer } from '../support/pgbouncer.ts';
import { describeWith } from '../support/requirements.ts';
import { testDialect } from '../support/runtime.ts';

const ARTICLE = `/ar/2022/02/25/${encodeURIComponent(SEED_LIKE_SLUG)}/`;

// PostgreSQL only (a SQLite run registers nothing here).
if (testDialect() === 'postgres') {
  const missing = pgbouncerInstalled() ? null : `PgBouncer not found at ${pgbouncerPath()} (apt install pgbouncer)`;
  describeWith('a site through PgBouncer in transaction mode (no session state, fewer server connections than clients)', missing, () => {
    let bouncer: Bouncer;
    let rt: Runtime;
    let app: App;
    before(async () => {
      bouncer = await startPgBouncer(testDatabaseUrl()!, { poolSize: 3 });
      // More clients (10) than PgBouncer's server connections (3): transactions interleave on them.
      // The timeout leaves room for the setup's statements on a machine whose cores are both busy.
      rt = await openRuntime(loadConfig({ DATABASE_URL: bouncer.url, KHABAR_DEMO: 'false', DATABASE_POOL_SIZE: '10', DATABASE_STATEMENT_TIMEOUT: '2000' }, { siteUrl: 'http://news.test' }));
      await writeNewsroom(rt);
      const services = createServices({ config: rt.config, repos: rt.repos, clock: rt.clock, secret: rt.secret, mailer: new MemoryMailer() });
      app = await buildApp({ services });
    });
    after(async () => {
      await app?.fastify.close();
      await rt?.close();
      await bouncer?.close();
    });

    it('migrates a new database and serves pages, search and health checks through it', async () => {
      for (const url of ['/ar/', ARTICLE, `/ar/search/?q=${encodeURIComponent('الرياض')}`, '/readyz']) {
        assert.equal((await app.fastify.inject({ url })).statusCode, 200, url);
      }
    });

    it('takes concurrent reads and writes, each write whole, with transactions sharing three server connections', async () => {
      const writes = Array.from({ length: 12 }, (_, i) =>
        rt.repos.write(async (tx) => {
          await tx.insertInto('settings').values({ key: `pgbouncer.${i}`, value: 'a' }).execute();
          await tx.updateTable('settings').set({ value: 'b' }).where('key', '=', `pgbouncer.${i}`).execute();
        }, { invalidates: [] }));
      const reads = Array.from({ length: 24 }, () => app.fastify.inject({ url: ARTICLE }));
      const [, pages] = await Promise.all([Promise.all(writes), Promise.all(reads)]);
      assert.deepEqual(pages.map((p) => p.statusCode), Array(24).fill(200));
      const rows = await rt.repos.db.kysely.selectFrom('settings').select(['key', 'value']).where('key', 'like', 'pgbouncer.%').execute();
      assert.equal(rows.length, 12);
      assert.ok(rows.every((r) => r.value === 'b'));
    });

    it('applies the statement timeout per transaction (SET LOCAL), where a startup parameter would be refused', async () => {
      const shown = await rt.repos.write(async (tx) => (await sql<{ t: string }>`SELECT current_setting('statement_timeout') AS t`.execute(tx)).rows[0]!.t, { invalidates: [] });
      assert.equal(shown, '2s');
      await assert.rejects(
        rt.repos.write(async (tx) => { await sql`SELECT pg_sleep(30)`.execute(tx); }, { invalidates: [] }),
        (e: Error & { code?: string }) => e.code === '57014',
        'a statement longer than the timeout is cancelled by the server',
      );
      // Nothing leaks into the next transaction on that server connection.
      assert.equal((await app.fastify.inject({ url: ARTICLE })).statusCode, 200);
    });
  });
}

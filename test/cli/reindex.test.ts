import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { writeSearchArticles } from '../fixtures/search-articles.ts';
import { runCli, sharedDatabase } from '../support/cli.ts';
import { testDialect } from '../support/runtime.ts';
import { testSite, type TestSite } from '../support/app.ts';

describe('khabar reindex (the CLI, in its own process)', () => {
  let site: TestSite;
  let env: Record<string, string>;
  let shared: Awaited<ReturnType<typeof sharedDatabase<TestSite>>>;
  before(async () => {
    shared = await sharedDatabase(testSite);
    ({ site, env } = shared);
    await writeSearchArticles(site);
  });
  after(() => shared.close());

  it('rebuilds an emptied index with a progress bar, and search finds the stories again', async () => {
    const find = async () => (await site.app.fastify.inject(`/api/v1/search?edition=ar&q=${encodeURIComponent('روسيا')}`)).json().total;
    assert.equal(await find(), 1);
    await site.repos.write((tx) => site.repos.search.clear(tx), { invalidates: [] });
    assert.equal(await find(), 0);
    const r = await runCli(['reindex'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /khabar: indexed 9 articles in \d+\.\d s/);
    assert.match(r.stderr, /\[#{30}\] 100% 9\/9/);
    assert.equal(await find(), 1);
    // The index holds analyzer tokens, never raw Arabic with vowel marks.
    const table = testDialect() === 'sqlite' ? sql`search_text` : sql`search_leads`;
    const rows = await sql<{ norm: string }>`SELECT norm FROM ${table}`.execute(site.repos.db.kysely);
    assert.ok(rows.rows.every((x) => !/[\u064B-\u0652\u0640]/.test(x.norm)));
  });
});

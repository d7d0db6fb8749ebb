import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { writeSearchArticles } from '../fixtures/search-articles.ts';
import { databaseUrlFor, runCli } from '../support/cli.ts';
import { testDialect } from '../support/runtime.ts';
import { testSite, type TestSite } from '../support/app.ts';

describe('khabar reindex (the CLI, in its own process)', () => {
  let dir: string;
  let site: TestSite;
  let env: Record<string, string>;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'khabar-cli-'));
    site = await testSite(testDialect() === 'sqlite' ? { sqliteFile: join(dir, 'site.sqlite') } : {});
    await writeSearchArticles(site);
    env = { DATABASE_URL: databaseUrlFor(site.databaseUrl, site.schema) };
  });
  after(async () => {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds an emptied index with a progress bar, and search finds the stories again', async () => {
    const find = async () => (await site.app.fastify.inject(`/api/v1/search?edition=ar&q=${encodeURIComponent('روسيا')}`)).json().total;
    assert.equal(await find(), 1);
    await site.repos.transaction((tx) => site.repos.search.clear(tx));
    assert.equal(await find(), 0);
    const r = await runCli(['reindex'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /khabar: indexed 9 articles in \d+\.\d s/);
    assert.match(r.stderr, /\[#{30}\] 100% 9\/9/);
    assert.equal(await find(), 1);
    // The index holds analyzer tokens, never raw Arabic with vowel marks.
    const table = testDialect() === 'sqlite' ? sql`search_fts` : sql`search_leads`;
    const rows = await sql<{ norm: string }>`SELECT norm FROM ${table}`.execute(site.repos.db.kysely);
    assert.ok(rows.rows.every((x) => !/[\u064B-\u0652\u0640]/.test(x.norm)));
  });
});

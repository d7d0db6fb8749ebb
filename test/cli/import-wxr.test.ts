import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeExport } from '../../bench/import-wxr.ts';
import { runCli, sharedDatabase } from '../support/cli.ts';
import { testSite, type TestSite } from '../support/app.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'wxr');
const ROOT = join(import.meta.dirname, '..', '..');

describe('khabar import export.xml (the CLI, in its own process)', () => {
  let dir: string;
  let site: TestSite;
  let env: Record<string, string>;
  let shared: Awaited<ReturnType<typeof sharedDatabase<TestSite>>>;
  before(async () => {
    shared = await sharedDatabase(testSite);
    ({ site, dir, env } = shared);
  });
  after(() => shared.close());

  const articles = () => site.repos.articles.count();

  it('tells a WordPress export from JSON by its content, prints the table and exits 2 when items were skipped', async () => {
    const r = await runCli(['import', join(FIXTURES, 'newsroom-ar.xml')], env);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stdout, /^posts\s+6\s+0\s+0$/m);
    assert.match(r.stdout, /^comments\s+5\s+0\s+1$/m);
    assert.match(r.stdout, /nav_menu_item 300 “Main menu link”: post type "nav_menu_item"/);
    assert.match(r.stdout, /post 103 “للمشتركين فقط”: password-protected/);
    assert.match(r.stderr, /khabar: import: \d+\/\d+ items/);
    // The page the site serves is the imported one, and the old short link leads to it by its WordPress id.
    const permalink = '/ar/2022/02/25/%D8%A7%D9%81%D8%AA%D8%AA%D8%A7%D8%AD-%D8%AC%D8%B3%D8%B1/';
    assert.equal((await site.app.fastify.inject(permalink)).statusCode, 200);
    const short = await site.app.fastify.inject('/?p=101');
    assert.equal(short.statusCode, 301);
    assert.equal(short.headers.location, permalink);
  });

  it('exits 0 when everything came over, and --json prints the report', async () => {
    const r = await runCli(['import', join(FIXTURES, 'blog-en.xml'), '--edition', 'en', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.counts.post, { imported: 1, updated: 0, skipped: 0 });
    assert.equal(report.edition, 'en');
  });

  it('a dry run writes nothing and prints the same report', async () => {
    const before = await articles();
    const p = join(dir, 'copy.xml');
    writeFileSync(p, (await import('node:fs')).readFileSync(join(FIXTURES, 'blog-en.xml'), 'utf8').replaceAll('<wp:post_id>9<', '<wp:post_id>19<'));
    const r = await runCli(['import', p, '--edition', 'en', '--dry-run'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^dry run \(nothing was written\)/);
    assert.match(r.stdout, /^posts\s+1\s+0\s+0$/m);
    assert.equal(await articles(), before);
  });

  it('refuses a malformed file at its line and column, exits 1 and writes nothing', async () => {
    const before = await articles();
    const r = await runCli(['import', join(FIXTURES, 'malformed.xml')], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^khabar: the file is not well-formed XML: line 15, column \d+: .+; nothing was imported$/m);
    assert.equal(await articles(), before);
  });

  it('imports with its heap capped at IMPORT_HEAP_MIB: a cap too small stops it with the setting to raise, writing nothing', async () => {
    const before = await articles();
    const r = await runCli(['import', join(FIXTURES, 'blog-en.xml'), '--edition', 'en'], { ...env, IMPORT_HEAP_MIB: '8' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^khabar: the import needed more than its 8 MiB of heap: run it again with IMPORT_HEAP_MIB=16$/m);
    assert.equal(await articles(), before);
  });

  it('an import killed with SIGKILL half-way is completed by running it again', async () => {
    const file = join(dir, 'big.xml');
    // WordPress ids of their own: the fixtures imported above have ids 1 to 506.
    await writeExport(file, 700, 0.5, 10_000);
    const before = await articles();
    // Killed once the first batch (200 posts) is committed and reported, before the end.
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'khabar.js'), 'import', file], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
    await new Promise<void>((resolve, reject) => {
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        if (/import: [2-6]00\/700 items/.test(err)) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`the import ended before it could be killed: ${err}`)));
    });
    const half = (await articles()) - before;
    assert.ok(half >= 200 && half < 700, `${half} posts after the kill`);
    const r = await runCli(['import', file, '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await articles()) - before, 700);
    const report = JSON.parse(r.stdout);
    assert.equal(report.counts.post.imported + report.counts.post.updated, 700);
  });
});

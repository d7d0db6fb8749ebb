import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { databaseUrlFor, runCli, sharedDatabase } from '../support/cli.ts';
import { testDialect, testSchema } from '../support/runtime.ts';
import { testSite, type TestSite } from '../support/app.ts';

const SEED = join(import.meta.dirname, '..', '..', '..', 'shared', 'seed', 'article.json');

describe('khabar import (the CLI, in its own process)', () => {
  let dir: string;
  let site: TestSite;
  let env: Record<string, string>;
  let shared: Awaited<ReturnType<typeof sharedDatabase<TestSite>>>;
  before(async () => {
    // A running site and the CLI share one database: SQLite file or PostgreSQL schema.
    shared = await sharedDatabase(testSite);
    ({ site, dir, env } = shared);
  });
  after(() => shared.close());

  const file = (name: string, data: unknown) => {
    const p = join(dir, name);
    writeFileSync(p, typeof data === 'string' ? data : JSON.stringify(data));
    return p;
  };
  const story = { id: 777, edition: 'ar', title: 'مهرجان الكتاب يفتح أبوابه', published: '2024-03-01T10:00:00+03:00', paragraphs: ['يفتح المهرجان أبوابه اليوم.'] };

  it('imports a file, and the running site shows it on its next request', async () => {
    assert.equal((await site.app.fastify.inject('/?p=777')).statusCode, 404);
    const r = await runCli(['import', file('one.json', story)], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /imported 1 article: 777/);
    const res = await site.app.fastify.inject('/?p=777');
    assert.equal(res.statusCode, 301);
    const page = await site.app.fastify.inject(String(res.headers.location));
    assert.ok(page.body.includes('مهرجان الكتاب يفتح أبوابه'));
  });

  it('a re-import updates the page that the site had cached', async () => {
    // An article of its own, imported first (not the one the test above imports).
    const exhibition = { ...story, id: 781, title: 'معرض الصور يفتح أبوابه', paragraphs: ['يفتح المعرض أبوابه اليوم.'] };
    assert.equal((await runCli(['import', file('exhibition.json', exhibition)], env)).code, 0);
    const before = await site.app.fastify.inject('/ar/');
    assert.ok(before.body.includes('معرض الصور يفتح أبوابه'));
    const r = await runCli(['import', file('exhibition-b.json', { ...exhibition, title: 'معرض الصور يمدد أيامه' })], env);
    assert.equal(r.code, 0, r.stderr);
    const after = await site.app.fastify.inject('/ar/');
    assert.ok(after.body.includes('معرض الصور يمدد أيامه'));
    assert.ok(!after.body.includes('معرض الصور يفتح أبوابه'));
  });

  it('refuses an invalid file with a one-line reason, exits non-zero and writes nothing', async () => {
    const before = await site.repos.articles.count();
    const r = await runCli(['import', file('bad.json', [{ ...story, id: 778 }, { ...story, id: 779, title: '  ' }])], env);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim(), 'khabar: article #2 (id 779): title: must be a non-empty string');
    assert.equal(await site.repos.articles.count(), before);
  });

  it('says so when the file is missing or not JSON', async () => {
    const missing = await runCli(['import', join(dir, 'nope.json')], env);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, `khabar: no such file: ${join(dir, 'nope.json')}\n`);
    const notJson = await runCli(['import', file('x.json', 'title: x')], env);
    assert.equal(notJson.code, 1);
    assert.equal(notJson.stderr, 'khabar: the file is not valid JSON: line 1, column 1: expected a value (an object, array, string, number, true, false or null), found "t"\n');
    // What starts with "<" is XML, whatever its name: read as a WordPress export, and refused as one.
    const xml = await runCli(['import', file('y.json', '<rss/>')], env);
    assert.equal(xml.code, 1);
    assert.match(xml.stderr, /^khabar: this is XML but not a WordPress export \(WXR\).*; nothing was imported\n$/);
  });

  it('names the line and column of a JSON syntax error', async () => {
    const text = `[\n  ${JSON.stringify(story)},\n  {"id": 778, "edition": "ar",}\n]\n`;
    const r = await runCli(['import', file('comma.json', text)], env);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'khabar: the file is not valid JSON: line 3, column 31: a comma before "}" (JSON allows no trailing comma)\n');
  });

  it('lists every problem of every article in one run, and writes nothing', async () => {
    const before = await site.repos.articles.count();
    const r = await runCli(['import', file('bad-many.json', [{ ...story, id: 781, title: '' }, { ...story, id: 782 }, { ...story, id: 783, edition: 'fr', published: 'soon' }])], env);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      [
        'khabar: 3 problems in the file, so nothing was imported:',
        '  article #1 (id 781): title: must be a non-empty string',
        '  article #3 (id 783): edition: unknown edition "fr" (known: ar, en)',
        '  article #3 (id 783): published: must be an ISO 8601 date-time with a zone, e.g. 2022-02-25T18:50:00+03:00',
        '',
      ].join('\n'),
    );
    assert.equal(await site.repos.articles.count(), before);
  });

  it('refuses an unknown option, a missing FILE or a second one, in plain words (exit 2), before opening the database', async () => {
    const db = join(dir, 'never', 'made.sqlite');
    const cases: [string[], string][] = [
      [['import', '--frobnicate', file('f.json', story)], 'khabar: unknown option --frobnicate (see khabar import --help)'],
      [['import', '--status=x', file('f.json', story)], 'khabar: unknown option --status (see khabar import --help)'],
      [['import'], 'khabar: import needs a FILE (see khabar import --help)'],
      [['import', 'a.json', 'b.json'], 'khabar: import takes one FILE (see khabar import --help)'],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args, { DATABASE_URL: `sqlite:${db}` });
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stderr, `${message}\n`);
    }
    assert.ok(!existsSync(db));
  });

  it('migrates an empty database before importing (a missing SQLite file, an empty PostgreSQL schema)', async () => {
    const two = file('two.json', [story, { ...story, id: 780, edition: 'en', title: 'Book fair opens' }]);
    if (testDialect() === 'sqlite') {
      const db = join(dir, 'new', 'fresh.sqlite');
      const r = await runCli(['import', two], { DATABASE_URL: `sqlite:${db}` });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(existsSync(db));
      return;
    }
    const empty = await testSchema(site.databaseUrl);
    try {
      const r = await runCli(['import', two], { DATABASE_URL: databaseUrlFor(site.databaseUrl, empty.schema) });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /imported 2 articles: 777, 780/);
    } finally {
      await empty.drop();
    }
  });

  it("imports the seed page's article with its date line", { skip: !existsSync(SEED) && '../shared/seed/ is not here (it exists in CI and the dev workplace)' }, async () => {
    const r = await runCli(['import', SEED], env);
    assert.equal(r.code, 0, r.stderr);
    const res = await site.app.fastify.inject('/?p=14525');
    assert.equal(res.statusCode, 301);
    assert.match(String(res.headers.location), /^\/ar\/2022\/02\/25\/[%0-9A-F-]+\/$/);
    const page = await site.app.fastify.inject(String(res.headers.location));
    assert.ok(page.body.includes('الجمعة 25 فبراير 2022 - 18:50'));
  });

  it('fails with one line when the database cannot be opened', async () => {
    // Its folder cannot be made: a file stands where the folder should be.
    const blocker = file('not-a-folder', 'x');
    const r = await runCli(['import', file('one-c.json', story)], { DATABASE_URL: `sqlite:${blocker}/x.sqlite` });
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^khabar: cannot open SQLite database/);
    const pg = await runCli(['migrate'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    assert.equal(pg.code, 1);
    assert.equal(pg.stderr.trim().split('\n').length, 1, pg.stderr);
    assert.match(pg.stderr, /^khabar: cannot prepare the database \(postgres:\/\/nobody@127\.0\.0\.1:1\/none\)/);
  });

  it('refuses a bad setting naming the variable', async () => {
    const r = await runCli(['migrate'], { DATABASE_URL: 'mysql://x', PORT: '3000' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^khabar: DATABASE_URL must start with sqlite:/);
    const p = await runCli(['serve'], { PORT: 'eighty' });
    assert.match(p.stderr, /^khabar: PORT must be a whole number/);
  });
});

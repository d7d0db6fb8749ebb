import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SaxesParser } from 'saxes';
import { runCli, sharedDatabase } from '../support/cli.ts';
import { testSite, type TestSite } from '../support/app.ts';

/** The `<title>`s of the file's items, read by a strict XML parser (it throws on a malformed file). */
function itemTitles(xml: string): string[] {
  const titles: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  const path: string[] = [];
  let title = '';
  parser.on('opentag', (t) => {
    path.push(t.name);
    if (t.name === 'title') title = '';
  });
  parser.on('text', (t) => (title += t));
  parser.on('closetag', (t) => {
    path.pop();
    if (t.name === 'title' && path.at(-1) === 'item') titles.push(title);
  });
  parser.write(xml).close();
  return titles;
}

describe('khabar export (the CLI, in its own process)', () => {
  let dir: string;
  let env: Record<string, string>;
  let shared: Awaited<ReturnType<typeof sharedDatabase<TestSite>>>;
  before(async () => {
    shared = await sharedDatabase(testSite);
    ({ dir, env } = shared);
    const story = { id: 901, edition: 'ar', title: 'المعرض يفتح أبوابه', published: '2024-03-01T10:00:00+03:00', paragraphs: ['يفتح المعرض أبوابه اليوم.'] };
    writeFileSync(join(dir, 'story.json'), JSON.stringify([story, { ...story, id: 902, edition: 'en', title: 'The fair opens' }]));
    const r = await runCli(['import', join(dir, 'story.json')], env);
    assert.equal(r.code, 0, r.stderr);
  });
  after(() => shared.close());

  it('writes the default edition to the file and says what it wrote', async () => {
    const file = join(dir, 'site.xml');
    const r = await runCli(['export', file], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^khabar: exported the ar edition to .*site\.xml: 1 post, 0 pages, 0 comments, 0 attachments, \d+ categor(y|ies), 0 tags, 0 authors\n$/);
    assert.deepEqual(itemTitles(readFileSync(file, 'utf8')), ['المعرض يفتح أبوابه']);
    assert.ok(!existsSync(`${file}.partial`));
  });

  it('writes the edition asked for with --edition', async () => {
    const file = join(dir, 'en.xml');
    const r = await runCli(['export', file, '--edition', 'en'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(itemTitles(readFileSync(file, 'utf8')), ['The fair opens']);
  });

  it('refuses an unknown edition in one line and leaves no file', async () => {
    const file = join(dir, 'fr.xml');
    const r = await runCli(['export', file, '--edition', 'fr'], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^khabar: edition: unknown edition "fr" \(known: ar, en\)\n$/);
    assert.ok(!existsSync(file) && !existsSync(`${file}.partial`));
  });

  it('needs exactly one FILE, and says so when it cannot write there', async () => {
    const none = await runCli(['export'], env);
    assert.equal(none.code, 2);
    assert.equal(none.stderr, 'khabar: export needs a FILE (see khabar export --help)\n');
    mkdirSync(join(dir, 'folder'));
    const folder = await runCli(['export', join(dir, 'folder')], env);
    assert.equal(folder.code, 1);
    assert.equal(folder.stderr, `khabar: ${join(dir, 'folder')} is a folder, not a file\n`);
    const nowhere = await runCli(['export', join(dir, 'no', 'such', 'x.xml')], env);
    assert.equal(nowhere.code, 1);
    assert.equal(nowhere.stderr, `khabar: cannot write ${join(dir, 'no', 'such', 'x.xml')}: no such folder\n`);
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { POLICY_KEYS } from '../../src/services/comments/policy.ts';
import { EDITION_SETTINGS } from '../../src/services/editions/settings.ts';
import { ROOT, runCli } from '../support/cli.ts';

/** The `key=value` lines of a listing, as arguments `set` takes. */
const pairs = (text: string) => text.split('\n').filter((l) => /^ *[a-z-]+=/.test(l)).map((l) => l.trim());

// SQLite files only: the point is the names a person reads and types, the same on either database.
describe('settings: one spelling for reading and writing (SQLite)', () => {
  let dir: string;
  let env: Record<string, string>;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'khabar-settings-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'site.sqlite')}` };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('khabar editions lists every setting under the name editions set takes, and what it lists can be set back unchanged', async () => {
    const set = await runCli(['editions', 'set', 'en', 'month-style=levantine', 'hijri=true', 'logo-url=/logo.svg', 'tagline=News, views & more'], env);
    assert.equal(set.code, 0, set.stderr);
    const listed = await runCli(['editions', 'list', 'en'], env);
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal(listed.stdout.split('\n')[0], 'en');
    assert.deepEqual(pairs(listed.stdout).map((p) => p.slice(0, p.indexOf('='))), [...EDITION_SETTINGS]);
    assert.ok(pairs(listed.stdout).includes('month-style=levantine'));
    assert.ok(pairs(listed.stdout).includes('tagline=News, views & more'));
    const back = await runCli(['editions', 'set', 'en', ...pairs(listed.stdout)], env);
    assert.equal(back.code, 0, back.stderr);
    assert.equal((await runCli(['editions', 'list', 'en'], env)).stdout, listed.stdout);
    const json = JSON.parse((await runCli(['editions', '--json'], env)).stdout) as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(json), ['ar', 'en']);
    assert.deepEqual(Object.keys(json.en!), [...EDITION_SETTINGS]);
    assert.equal(json.en!['month-style'], 'levantine');
    assert.equal(json.en!.hijri, true);
    assert.equal(json.en!.host, null);
  });

  it('khabar comments policy shows every rule under the name it is set by, and what it shows can be set back unchanged', async () => {
    const set = await runCli(['comments', 'policy', 'ar', 'max-links=4', 'hold-words=رابط,إعلان', 'hold-all=yes'], env);
    assert.equal(set.code, 0, set.stderr);
    assert.deepEqual(pairs(set.stdout).map((p) => p.slice(0, p.indexOf('='))), [...POLICY_KEYS]);
    assert.ok(pairs(set.stdout).includes('hold-words=رابط,إعلان'));
    assert.ok(pairs(set.stdout).includes('hold-all=true'));
    const back = await runCli(['comments', 'policy', 'ar', ...pairs(set.stdout)], env);
    assert.equal(back.stdout, set.stdout);
    const json = JSON.parse((await runCli(['comments', 'policy', 'ar', '--json'], env)).stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json), [...POLICY_KEYS]);
    assert.deepEqual(json['hold-words'], ['رابط', 'إعلان']);
  });

  it('the README uses those names only', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const keysIn = (re: RegExp) => [...readme.matchAll(re)].flatMap((m) => [...m[1]!.matchAll(/(?:^|\s)([a-z-]+)=/g)].map((k) => k[1]!));
    const editionKeys = keysIn(/khabar editions set \w+ ([^#\n]*)/g);
    const policyKeys = keysIn(/khabar comments policy \w+ ([^#\n]*)/g);
    assert.ok(editionKeys.length && policyKeys.length, 'the README shows both commands');
    for (const k of editionKeys) assert.ok((EDITION_SETTINGS as readonly string[]).includes(k), k);
    for (const k of policyKeys) assert.ok((POLICY_KEYS as readonly string[]).includes(k), k);
    const listed = /Edition settings: ([^.]*)\./.exec(readme)?.[1] ?? '';
    for (const k of EDITION_SETTINGS) assert.ok(listed.includes(`\`${k}\``), `the README lists ${k}`);
  });
});

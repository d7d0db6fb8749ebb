import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../src/platform/clock.ts';
import { type AdminSite, adminSite, Agent } from '../support/admin.ts';
import { runCli, sharedDatabase } from '../support/cli.ts';

describe('khabar audit list (in its own process)', () => {
  let s: AdminSite;
  let env: Record<string, string>;
  let shared: Awaited<ReturnType<typeof sharedDatabase<AdminSite>>>;
  const cli = (...args: string[]) => runCli(['audit', ...args], env);
  before(async () => {
    shared = await sharedDatabase((o) => adminSite({ ...o, clock: fixedClock('2026-03-01T10:00:00Z') }));
    ({ site: s, env } = shared);
  });
  after(() => shared.close());

  it('prints the trail newest first, filtered by user, action, date, and limited', async () => {
    const ed = await s.user('editor');
    const a = new Agent(s.app, '192.0.2.44');
    await a.login(ed.email, 'wrong password!!');
    await a.login(ed.email);
    const all = await cli('list');
    assert.equal(all.code, 0, all.stderr);
    const lines = all.stdout.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, new RegExp(`^2026-03-01T10:00:00.000Z  ${ed.email}  sign-in  -  192\\.0\\.2\\.44`));
    assert.match(lines[1]!, new RegExp(`^2026-03-01T10:00:00.000Z  ${ed.email}  sign-in.failed  -  192\\.0\\.2\\.44$`));
    assert.equal((await cli('list', '--action', 'sign-in.failed')).stdout.trim().split('\n').length, 1);
    assert.equal((await cli('list', '--user', ed.email.toUpperCase(), '--limit', '1')).stdout.trim().split('\n').length, 1);
    assert.equal((await cli('list', '--since', '2026-03-02')).stdout.trim(), 'no audit entries');
    // An import from the command line is recorded too, as the command line's.
    const json = join(shared.dir, 'one.json');
    writeFileSync(json, JSON.stringify([{ id: 777, edition: 'ar', title: 'خبر مستورد', published: '2026-02-01T10:00:00Z', paragraphs: ['نص.'] }]));
    const imported = await runCli(['import', json], env);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match((await cli('list', '--action', 'import.json')).stdout, /cli:\S+ {2}import\.json {2}\S+one\.json {2}- {2}1 articles/);
    const bad = await cli('list', '--since', 'yesterday');
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /since/);
  });

  it('records the command line’s settings, role and moderation changes, as cli:<OS user>; a role change ends the account’s sessions', async () => {
    const ok = async (...args: string[]) => {
      const r = await runCli(args, env);
      assert.equal(r.code, 0, r.stderr);
      return r.stdout;
    };
    const w = await s.user('author');
    const agent = new Agent(s.app, '192.0.2.45');
    await agent.login(w.email);
    assert.equal((await agent.get('/admin/')).status, 200);
    await ok('user', 'set-role', '--email', w.email, '--role', 'editor');
    // Signed out everywhere: the next request asks for a sign-in under the new role.
    const after = await agent.get('/admin/');
    assert.notEqual(after.status, 200);
    assert.match(String(after.headers.location), /\/admin\/login/);
    await ok('user', 'add', '--email', 'new@example.org', '--name', 'New', '--role', 'contributor');
    await ok('editions', 'set', 'en', 'tagline=News and views', 'hijri=true');
    await ok('comments', 'policy', 'ar', 'max-links=3');
    await ok('comments', 'akismet', 'https://key123.rest.akismet.com/1.1/comment-check');
    assert.match(await ok('comments', 'digest'), /every 15 minutes/);
    assert.match(await ok('comments', 'digest', '30'), /every 30 minutes/);
    const bad = await runCli(['comments', 'digest', '0'], env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /digest/);

    const lines = (await cli('list', '--user', 'cli')).stdout.trim().split('\n');
    const entry = (action: string) => lines.find((l) => l.split('  ')[2] === action) ?? '';
    for (const l of lines) assert.match(l, /^\S+ {2}cli:\S+ {2}/);
    assert.match(entry('user.role'), new RegExp(`user\\.role {2}${w.email.replace(/\./g, '\\.')} {2}- {2}editor$`));
    assert.match(entry('user.add'), /user\.add {2}new@example\.org {2}- {2}contributor$/);
    assert.match(entry('settings.editions'), /settings\.editions {2}en {2}- {2}tagline="News and views" hijri=true$/);
    assert.match(entry('settings.comments-policy'), /settings\.comments-policy {2}ar {2}- {2}max-links=3$/);
    // The spam service's URL carries its key: the trail says on or off only.
    assert.match(entry('settings.akismet'), /settings\.akismet {2}- {2}- {2}on$/);
    assert.doesNotMatch(lines.join('\n'), /key123/);
    assert.match(entry('settings.comments-digest'), /settings\.comments-digest {2}- {2}- {2}30 minutes$/);
    assert.equal(lines.filter((l) => l.includes('settings.comments-digest')).length, 1, 'reading a setting records nothing');
  });
});

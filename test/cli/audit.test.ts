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
    assert.match((await cli('list', '--action', 'import.json')).stdout, /cli {2}import\.json {2}\S+one\.json {2}- {2}1 articles/);
    const bad = await cli('list', '--since', 'yesterday');
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /since/);
  });
});

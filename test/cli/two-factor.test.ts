import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { fixedClock } from '../../src/platform/clock.ts';
import { type AdminSite, adminSite, Agent } from '../support/admin.ts';
import { runCli, sharedDatabase } from '../support/cli.ts';

describe('khabar user reset-2fa (in its own process)', () => {
  const clock = fixedClock('2026-03-01T10:00:00Z');
  let s: AdminSite;
  let env: Record<string, string>;
  let shared: Awaited<ReturnType<typeof sharedDatabase<AdminSite>>>;
  before(async () => {
    shared = await sharedDatabase((o) => adminSite({ ...o, clock }));
    ({ site: s, env } = shared);
  });
  after(() => shared.close());

  it('removes a member’s factors and ends its sessions; the password alone signs in again; the trail says cli:<OS user>', async () => {
    const u = await s.user('editor');
    const a = new Agent(s.app);
    await a.login(u.email);
    const key = /class="totp-key">([A-Z2-7 ]+)</.exec((await a.get('/admin/profile/two-factor')).body)![1]!.replace(/ /g, '');
    const code = new TOTP({ secret: Secret.fromBase32(key) }).generate({ timestamp: clock.now().getTime() });
    assert.equal((await a.post('/admin/profile/two-factor/app', { code })).status, 200);
    assert.equal((await new Agent(s.app).login(u.email)).headers.location, '/admin/login/verify?next=%2Fadmin%2F', 'the app is asked for');

    const r = await runCli(['user', 'reset-2fa', '--email', u.email.toUpperCase()], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`two-factor sign-in reset for ${u.email}`));
    assert.equal((await a.get('/admin/')).status, 303, 'its sessions have ended');
    assert.equal((await new Agent(s.app).login(u.email)).headers.location, '/admin/', 'the password alone again');
    const line = await s.repos.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', 'two-factor.reset').executeTakeFirstOrThrow();
    // Like every command's change: cli:<the OS account that ran it>.
    assert.match(line.actor, /^cli:.+/);
    assert.equal(line.target, u.email);

    const unknown = await runCli(['user', 'reset-2fa', '--email', 'nobody@example.org'], env);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr.trim(), 'khabar: account nobody@example.org not found');
    const bare = await runCli(['user', 'reset-2fa'], env);
    assert.notEqual(bare.code, 0);
    assert.match(bare.stderr, /reset-2fa needs --email/);
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fixedClock } from '../../src/platform/clock.ts';
import { SESSION_TOUCH_MS } from '../../src/services/users/sessions.ts';
import { adminSite, Agent, type AdminSite, anotherInstance, loggedIn, PASSWORD } from '../support/admin.ts';

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36';

/** The same user signed in on three devices. */
async function threeDevices(s: AdminSite, role: 'author' | 'editor' = 'author') {
  const u = await s.user(role, 'مراسلة');
  const devices = [new Agent(s.app, '192.0.2.10', { 'user-agent': FIREFOX }), new Agent(s.app, '198.51.100.20', { 'user-agent': IPHONE }), new Agent(s.app, '203.0.113.30', { 'user-agent': ANDROID })];
  for (const d of devices) assert.equal((await d.login(u.email)).status, 303);
  return { u, devices: devices as [Agent, Agent, Agent] };
}
const signedIn = async (a: Agent) => (await a.get('/admin/')).status === 200;
const sessionCount = async (s: AdminSite, userId: number) => (await s.repos.db.kysely.selectFrom('sessions').select('id_hash').where('user_id', '=', userId).execute()).length;

describe('the profile lists the account’s sessions and ends them', () => {
  it('lists each device in plain words with its address and last use, marks this one, and ends one or all others', async () => {
    const s = await adminSite();
    const { devices: [laptop, phone, tablet] } = await threeDevices(s);
    const page = await laptop.get('/admin/profile');
    assert.match(page.body, /Firefox على Windows/);
    assert.match(page.body, /Safari على iPhone/);
    assert.match(page.body, /Chrome على Android/);
    assert.match(page.body, /198\.51\.100\.20/);
    assert.match(page.body, /<time datetime="\d{4}-\d\d-\d\dT[^"]+">/);
    assert.equal((page.body.match(/هذا الجهاز/g) ?? []).length, 1, 'this device is marked, once');
    assert.equal((page.body.match(/name="session"/g) ?? []).length, 2, 'the two others can be ended; this one logs out instead');
    assert.doesNotMatch(page.body, /[0-9a-f]{64}/, 'no stored session hash is shown');

    // End the phone's session: the phone is signed out, the others stay.
    const phoneRow = page.body.slice(page.body.indexOf('Safari على iPhone'));
    const handle = /name="session" value="([0-9a-f]+)"/.exec(phoneRow)![1]!;
    const end = await laptop.post('/admin/profile/sessions/end', { session: handle });
    assert.equal(end.headers.location, '/admin/profile?done=session-ended');
    assert.equal(await signedIn(phone), false);
    assert.equal(await signedIn(tablet), true);
    // A handle of someone else's session (or a stale one) ends nothing.
    const other = await loggedIn(s, 'editor');
    const otherHandle = /name="session" value="([0-9a-f]+)"/.exec((await laptop.get('/admin/profile')).body)![1]!;
    assert.equal((await other.a.post('/admin/profile/sessions/end', { session: otherHandle })).headers.location, '/admin/profile?done=session-gone');
    assert.equal(await signedIn(tablet), true);

    const all = await laptop.post('/admin/profile/sessions/end-others', {});
    assert.equal(all.status, 303);
    assert.match((await laptop.get(String(all.headers.location))).body, /انتهت كل الجلسات الأخرى/);
    assert.equal(await signedIn(tablet), false);
    assert.equal(await signedIn(laptop), true, 'the device that asked stays signed in');
    assert.match((await laptop.get('/admin/profile')).body, /لا جلسات أخرى/);
    await s.close();
  });

  it('a password change ends every other session at once and keeps this one', async () => {
    const s = await adminSite();
    const { devices: [laptop, phone, tablet] } = await threeDevices(s);
    await laptop.get('/admin/profile');
    const r = await laptop.post('/admin/profile/password', { current: PASSWORD, password: 'a brand new passphrase' });
    assert.equal(r.status, 303);
    assert.equal(await signedIn(laptop), true);
    assert.equal(await signedIn(phone), false);
    assert.equal(await signedIn(tablet), false);
    await s.close();
  });

  it('"last seen" is written at most once per interval, not on every request', async () => {
    const clock = fixedClock('2026-03-01T10:00:00Z');
    const s = await adminSite({ clock });
    const me = await loggedIn(s, 'author');
    const lastSeen = async () => (await s.repos.db.kysely.selectFrom('sessions').select('last_seen_at').where('user_id', '=', me.id).executeTakeFirstOrThrow()).last_seen_at;
    const first = await lastSeen();
    for (let i = 0; i < 5; i++) {
      clock.advance(SESSION_TOUCH_MS / 10);
      await me.a.get('/admin/');
    }
    assert.equal(await lastSeen(), first, 'within the interval nothing is written');
    clock.advance(SESSION_TOUCH_MS);
    await me.a.get('/admin/');
    assert.equal(await lastSeen(), clock.now().toISOString());
    await s.close();
  });
});

describe('sessions end on every instance', () => {
  it('a role change and a deactivation on one instance sign the account out on another at its next request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'khabar-sessions-'));
    const s = await adminSite({ sqliteFile: join(dir, 'site.db') });
    const b = await anotherInstance(s);
    try {
      const admin = await loggedIn(s, 'administrator');
      const u = await s.user('editor', 'محرر');
      const onB = [new Agent(b.app, '192.0.2.1'), new Agent(b.app, '192.0.2.2')];
      for (const a of onB) await a.login(u.email);
      for (const a of onB) assert.equal(await signedIn(a), true, 'signed in on instance B');

      await admin.a.get(`/admin/users/${u.id}`);
      assert.equal((await admin.a.post(`/admin/users/${u.id}/role`, { role: 'author' })).status, 303);
      for (const a of onB) assert.equal(await signedIn(a), false, 'a role change ends the sessions, seen by instance B at once');
      assert.equal(await sessionCount(s, u.id), 0);
      assert.equal(await signedIn(admin.a), true, 'the administrator’s own session stays');

      const again = new Agent(b.app, '192.0.2.1');
      await again.login(u.email);
      assert.equal(await signedIn(again), true);
      await admin.a.post(`/admin/users/${u.id}/deactivate`, {});
      assert.equal(await signedIn(again), false, 'deactivation too');
      const crossed = new Agent(b.app, '192.0.2.3');
      assert.notEqual((await crossed.login(u.email)).status, 303);
    } finally {
      await b.close();
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

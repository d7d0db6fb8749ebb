import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../../src/platform/clock.ts';
import { THROTTLE } from '../../src/services/users/sessions.ts';
import { adminSite, Agent, PASSWORD } from '../support/admin.ts';

const PROXY = '10.0.0.5';
const linkIn = (text: string) => /(http\S+password-reset\/confirm\S+)/.exec(text)![1]!;

describe('a guessing run cannot get in, nor lock the owner out', () => {
  it('rotating forwarded addresses behind a listed proxy: few guesses are checked, and the owner still signs in', async () => {
    const clock = fixedClock('2026-03-01T10:00:00Z');
    const s = await adminSite({ clock, config: { trustProxy: [PROXY] } });
    const owner = await s.user('administrator', 'المالكة');
    // The owner has signed in from her office before.
    const office = new Agent(s.app, PROXY, { 'x-forwarded-for': '192.0.2.10' });
    assert.equal((await office.login(owner.email)).status, 303);

    // 300 guesses, each from another address (a botnet), one second apart; the login form's own
    // per-address rate limit never triggers. None may succeed, and most are never even checked.
    const statuses = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      clock.advance(1000);
      const bot = new Agent(s.app, PROXY, { 'x-forwarded-for': `198.51.${Math.floor(i / 250)}.${i % 250}` });
      const r = await bot.login(owner.email, `guess number ${i}`);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      if (r.status === 429) assert.ok(Number(r.headers['retry-after']) > 0 && Number(r.headers['retry-after']) <= THROTTLE.delayMaxMs / 1000);
    }
    assert.equal(statuses.get(303), undefined, 'no guess got through');
    const checked = statuses.get(401) ?? 0;
    assert.ok(checked <= THROTTLE.accountFree + 8, `only ${checked} of 300 guesses had their password checked`);
    assert.ok((statuses.get(429) ?? 0) >= 280);
    const failures = await s.repos.db.kysely.selectFrom('audit_log').select('ip').where('action', 'in', ['sign-in.failed', 'sign-in.slowed']).execute();
    assert.equal(new Set(failures.map((f) => f.ip)).size, 300, 'each attempt is recorded with its real client address');

    // While the run goes on: the owner signs in from an address she has used before …
    const again = new Agent(s.app, PROXY, { 'x-forwarded-for': '192.0.2.10' });
    assert.equal((await again.login(owner.email)).status, 303, 'a known address is not slowed by the account-wide delay');
    // … and from a new one (a hotel), a reset link always works and signs her in.
    const hotel = new Agent(s.app, PROXY, { 'x-forwarded-for': '203.0.113.200' });
    assert.equal((await hotel.login(owner.email)).status, 429, 'a new address waits like the guessers');
    await hotel.get('/admin/password-reset');
    assert.equal((await hotel.post('/admin/password-reset', { email: owner.email })).status, 200);
    const link = linkIn(s.mailer.sent.at(-1)!.text);
    const token = new URL(link).searchParams.get('token')!;
    await hotel.get(new URL(link).pathname + new URL(link).search);
    const reset = await hotel.post('/admin/password-reset/confirm', { token, password: `${PASSWORD} renewed` });
    assert.equal(reset.status, 303);
    assert.equal((await hotel.get('/admin/')).status, 200, 'the link signed her in');
    // The guessers are still slowed after her reset.
    clock.advance(1000);
    assert.equal((await new Agent(s.app, PROXY, { 'x-forwarded-for': '198.51.9.9' }).login(owner.email, 'another guess')).status, 429);
    await s.close();
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../../src/platform/clock.ts';
import { accountDelayMs, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, THROTTLE } from '../../src/services/users/sessions.ts';
import { adminSite, Agent, PASSWORD } from '../support/admin.ts';

describe('newsroom login', () => {
  it('the login page is Arabic RTL by default, English on request, private and never indexed', async () => {
    const s = await adminSite();
    const a = new Agent(s.app);
    const ar = await a.get('/admin/login');
    assert.equal(ar.status, 200);
    assert.match(ar.body, /<html lang="ar" dir="rtl">/);
    assert.match(ar.body, /تسجيل الدخول/);
    assert.equal(ar.headers['cache-control'], 'no-store');
    assert.equal(ar.headers['x-robots-tag'], 'noindex, nofollow');
    assert.match(ar.body, /<meta name="robots" content="noindex, nofollow"\/>/);
    const en = await a.get('/admin/login?lang=en');
    assert.match(en.body, /<html lang="en" dir="ltr">/);
    assert.match(en.body, /Log in/);
    await s.close();
  });

  it('admin paths are not swallowed by the public catch-all', async () => {
    const s = await adminSite();
    const a = new Agent(s.app);
    const dash = await a.get('/admin/');
    assert.equal(dash.status, 303);
    assert.equal(dash.headers.location, '/admin/login?next=%2Fadmin%2F');
    assert.equal((await a.get('/admin')).headers.location, '/admin/');
    const missing = await a.get('/admin/no-such-page');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['cache-control'], 'no-store');
    assert.match(missing.body, /noindex/);
    await s.close();
  });

  it('logs in by e-mail (any case) with a hardened session cookie and lands on the dashboard', async () => {
    const s = await adminSite();
    const u = await s.user('editor', 'ليلى حداد');
    const a = new Agent(s.app);
    await a.get('/admin/login?next=%2Fadmin%2Farticles');
    const r = await a.post('/admin/login', { email: u.email.toUpperCase(), password: PASSWORD, next: '/admin/articles' });
    assert.equal(r.status, 303);
    assert.equal(r.headers.location, '/admin/articles');
    const cookie = String(r.headers['set-cookie']);
    assert.match(cookie, /khabar_session=[\w-]{43};/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/);
    const dash = await a.get('/admin/');
    assert.equal(dash.status, 200);
    assert.match(dash.body, /ليلى حداد/);
    // Only a hash of the session id is stored.
    const rows = await s.repos.db.kysely.selectFrom('sessions').select('id_hash').execute();
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0]!.id_hash, a.cookies.get('khabar_session'));
    await s.close();
  });

  it('the session cookie is Secure when SITE_URL is https', async () => {
    const s = await adminSite({ siteUrl: 'https://news.test' });
    const u = await s.user('author');
    const r = await new Agent(s.app).login(u.email);
    assert.match(String(r.headers['set-cookie']), /Secure/);
    await s.close();
  });

  it('a wrong password and an unknown e-mail get the same answer, and the form keeps the e-mail', async () => {
    const s = await adminSite();
    const u = await s.user('author');
    const a = new Agent(s.app);
    const wrong = await a.login(u.email, 'not the password');
    const unknown = await a.login('nobody@example.org', 'not the password');
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.match(wrong.body, /البريد الإلكتروني أو كلمة المرور غير صحيحة/);
    assert.match(wrong.body, new RegExp(`value="${u.email}"`));
    assert.doesNotMatch(wrong.body, /not the password/);
    const empty = await a.post('/admin/login', { email: 'x@example.org', password: '', lang: 'en' });
    assert.equal(empty.status, 400);
    assert.match(empty.body, /Enter your e-mail and password/);
    await s.close();
  });

  it('refuses a login without the CSRF token', async () => {
    const s = await adminSite();
    const u = await s.user('author');
    const a = new Agent(s.app);
    await a.get('/admin/login');
    const r = await a.post('/admin/login', { _csrf: 'forged', email: u.email, password: PASSWORD });
    assert.equal(r.status, 403);
    assert.match(r.body, /انتهت صلاحية النموذج/);
    assert.match(r.body, new RegExp(`value="${u.email}"`), 'the form comes back with the e-mail typed');
    assert.equal(a.cookies.has('khabar_session'), false);
    assert.equal((await a.post('/admin/login', { email: u.email, password: PASSWORD })).status, 303, 'and works with its fresh token');
    await s.close();
  });

  it(`after ${THROTTLE.accountFree} failures an account is slowed, not locked: a rising wait (429, Retry-After), unknown e-mails alike`, async () => {
    const clock = fixedClock('2026-03-01T10:00:00Z');
    const s = await adminSite({ clock });
    const u = await s.user('author');
    const a = new Agent(s.app, '198.51.100.20');
    for (let i = 1; i < THROTTLE.accountFree; i++) assert.equal((await a.login(u.email, 'wrong password!')).status, 401);
    // The failure that reaches the ceiling is still answered as a wrong password; the next attempt waits.
    assert.equal((await a.login(u.email, 'wrong password!')).status, 401);
    const slowed = await a.login(u.email);
    assert.equal(slowed.status, 429);
    assert.equal(slowed.headers['retry-after'], String(accountDelayMs(THROTTLE.accountFree) / 1000));
    assert.match(slowed.body, /انتظر 2 ثانية/);
    clock.advance(accountDelayMs(THROTTLE.accountFree));
    assert.equal((await a.login(u.email, 'wrong password!')).status, 401, 'after the wait, one more guess is checked');
    const longer = await a.login(u.email, 'wrong password!');
    assert.equal(longer.headers['retry-after'], String(accountDelayMs(THROTTLE.accountFree + 1) / 1000), 'and the wait doubles');
    assert.ok(accountDelayMs(1000) <= THROTTLE.delayMaxMs, 'up to a ceiling: a delay, never a block');
    // The same for an e-mail with no account: nothing tells them apart.
    for (let i = 0; i < THROTTLE.accountFree; i++) await a.login('ghost@example.org', 'wrong password!');
    assert.equal((await a.login('ghost@example.org', 'wrong password!')).status, 429);
    clock.advance(accountDelayMs(THROTTLE.accountFree + 1));
    assert.equal((await a.login(u.email)).status, 303, 'the wait ends');
    await s.close();
  });

  it(`locks out an address after ${THROTTLE.ipLimit} failures across accounts`, async () => {
    const s = await adminSite();
    const u = await s.user('author');
    const attacker = new Agent(s.app, '203.0.113.9');
    let last = 0;
    for (let i = 0; i < THROTTLE.ipLimit; i++) last = (await attacker.login(`guess${i}@example.org`, 'wrong password!')).status;
    assert.equal(last, 429);
    assert.equal((await attacker.login(u.email)).status, 429);
    assert.equal((await new Agent(s.app, '198.51.100.7').login(u.email)).status, 303, 'other addresses are not affected');
    await s.close();
  });

  it('rate-limits anonymous login posts per address', async () => {
    const s = await adminSite();
    const a = new Agent(s.app, '192.0.2.44');
    await a.get('/admin/login');
    let status = 0;
    for (let i = 0; i < 31; i++) status = (await a.post('/admin/login', { email: '', password: '' })).status;
    assert.equal(status, 429);
    await s.close();
  });

  it('logout ends the session on the server', async () => {
    const s = await adminSite();
    const u = await s.user('editor');
    const a = new Agent(s.app);
    await a.login(u.email);
    const stolen = a.cookies.get('khabar_session')!;
    await a.get('/admin/');
    const out = await a.post('/admin/logout', {});
    assert.equal(out.status, 303);
    assert.match(String(out.headers.location), /done=logout/);
    const replay = new Agent(s.app);
    replay.cookies.set('khabar_session', stolen);
    assert.equal((await replay.get('/admin/')).status, 303);
    assert.match((await a.get(String(out.headers.location))).body, /خرجت من حسابك/);
    await s.close();
  });

  it('sessions expire when idle and after an absolute lifetime', async () => {
    const clock = fixedClock('2026-03-01T10:00:00Z');
    const s = await adminSite({ clock });
    const u = await s.user('editor');
    const a = new Agent(s.app);
    await a.login(u.email);
    // Used every half idle-period, it stays alive until the absolute limit, then ends.
    const step = SESSION_IDLE_MS / 2;
    let elapsed = 0;
    while (elapsed + step < SESSION_ABSOLUTE_MS) {
      clock.advance(step);
      elapsed += step;
      assert.equal((await a.get('/admin/')).status, 200, `alive after ${elapsed / 3_600_000} h`);
    }
    clock.advance(SESSION_ABSOLUTE_MS - elapsed);
    const ended = await a.get('/admin/');
    assert.equal(ended.status, 303);
    assert.match(String(ended.headers.location), /done=expired/);

    const b = new Agent(s.app);
    await b.login(u.email);
    clock.advance(SESSION_IDLE_MS + 1);
    assert.equal((await b.get('/admin/')).status, 303, 'idle too long');
    await s.close();
  });

  it('the UI language is the user’s choice and sticks', async () => {
    const s = await adminSite();
    const u = await s.user('author');
    const a = new Agent(s.app);
    await a.login(u.email);
    await a.get('/admin/');
    const r = await a.post('/admin/locale', { locale: 'en', next: '/admin/articles' });
    assert.equal(r.headers.location, '/admin/articles');
    const page = await a.get('/admin/articles');
    assert.match(page.body, /<html lang="en" dir="ltr">/);
    assert.match(page.body, /Bulk actions/);
    await s.close();
  });
});

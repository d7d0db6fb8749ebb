import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { fixedClock } from '../../src/platform/clock.ts';
import { THROTTLE } from '../../src/services/users/sessions.ts';
import { PENDING_ATTEMPTS } from '../../src/services/users/two-factor.ts';
import { adminSite, Agent, type AdminSite, loggedIn } from '../support/admin.ts';

const START = '2026-03-01T10:00:00.000Z';

/** The code an authenticator app shows for `key` at the site's clock. */
const codeAt = (key: string, ms: number) => new TOTP({ secret: Secret.fromBase32(key), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: ms });
const keyOn = (html: string) => /class="totp-key">([A-Z2-7 ]+)</.exec(html)?.[1]!.replace(/ /g, '') ?? '';
const codesOn = (html: string) => [...html.matchAll(/<li><code>([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/g)].map((m) => m[1]!);
const signedIn = async (a: Agent) => (await a.get('/admin/')).status === 200;
const audited = async (s: AdminSite, action: string) => s.repos.db.kysely.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
const sessionsOf = async (s: AdminSite, userId: number) => s.repos.db.kysely.selectFrom('sessions').select('id_hash').where('user_id', '=', userId).execute();

/** Signs in `role`, turns the authenticator app on; returns its key and the recovery codes shown. */
async function enrolled(s: AdminSite, clock: ReturnType<typeof fixedClock>, role: 'author' | 'administrator' = 'author') {
  const u = await loggedIn(s, role);
  const page = await u.a.get('/admin/profile/two-factor');
  const key = keyOn(page.body);
  const done = await u.a.post('/admin/profile/two-factor/app', { code: codeAt(key, clock.now().getTime()) });
  assert.equal(done.status, 200, done.body.slice(0, 300));
  clock.advance(30_000); // the next sign-in's code is of a later step
  return { ...u, key, codes: codesOn(done.body) };
}

/** The password step of a sign-in: leaves the agent at the second step. */
async function password(s: AdminSite, email: string, ip = '127.0.0.1') {
  const a = new Agent(s.app, ip);
  const r = await a.login(email);
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/admin/login/verify?next=%2Fadmin%2F');
  return a;
}

describe('two-factor sign-in: the authenticator app', () => {
  it('enrols with a QR code and a key, confirmed by a code; shows ten recovery codes once; ends the other sessions', async () => {
    const clock = fixedClock(START);
    const s = await adminSite({ clock });
    const u = await loggedIn(s, 'author', 'سلمى');
    const phone = new Agent(s.app, '198.51.100.7');
    await phone.login(u.email);

    const page = await u.a.get('/admin/profile/two-factor');
    assert.equal(page.status, 200);
    assert.match(page.body, /<div class="qr" role="img" aria-label="[^"]+"><svg [^>]*viewBox/);
    assert.doesNotMatch(page.body, /style=/, 'no inline style: the CSP forbids it');
    const key = keyOn(page.body);
    assert.match(key, /^[A-Z2-7]{32}$/);
    // The same key on a reload: a QR code already scanned stays right.
    assert.equal(keyOn((await u.a.get('/admin/profile/two-factor')).body), key);
    // Stored sealed under SECRET, never as typed.
    const stored = await s.repos.db.kysely.selectFrom('two_factor_totp').select('secret').where('user_id', '=', u.id).executeTakeFirstOrThrow();
    assert.ok(stored.secret.startsWith('v1.') && !stored.secret.includes(key));

    const wrong = await u.a.post('/admin/profile/two-factor/app', { code: '000000' === codeAt(key, clock.now().getTime()) ? '111111' : '000000' });
    assert.equal(wrong.status, 400);
    assert.match(wrong.body, /الرمز غير صحيح أو انتهت صلاحيته/);
    assert.equal(await signedIn(phone), true, 'a refused code changes nothing');

    const ok = await u.a.post('/admin/profile/two-factor/app', { code: codeAt(key, clock.now().getTime()) });
    assert.equal(ok.status, 200);
    const codes = codesOn(ok.body);
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    assert.equal(await signedIn(u.a), true, 'the session that enrolled stays');
    assert.equal(await signedIn(phone), false, 'every other session has ended');
    const after = await u.a.get('/admin/profile/two-factor');
    assert.match(after.body, /مفعّل: يُطلب رمز من تطبيق المصادقة/);
    assert.doesNotMatch(after.body, /totp-key/, 'a confirmed key is never shown again');
    assert.match(after.body, /بقي لديك 10 من رموز الاسترداد/);
    assert.equal((await audited(s, 'two-factor.totp-add')).length, 1);
    await s.close();
  });

  it('a right password is not a session: the code step is, and a code is refused a second time within its window', async () => {
    const clock = fixedClock(START);
    const s = await adminSite({ clock });
    const u = await enrolled(s, clock);
    const before = (await sessionsOf(s, u.id)).length;

    const a = await password(s, u.email);
    assert.equal(a.cookies.has('khabar_session'), false);
    assert.equal((await sessionsOf(s, u.id)).length, before, 'no session exists for half a sign-in');
    assert.equal((await a.get('/admin/')).status, 303, 'nothing behind the login is reachable yet');
    const step = await a.get('/admin/login/verify?next=%2Fadmin%2F');
    assert.equal(step.status, 200);
    assert.match(step.body, /الخطوة الثانية/);

    const code = codeAt(u.key, clock.now().getTime());
    const wrong = await a.post('/admin/login/verify', { code: code === '123456' ? '654321' : '123456', next: '/admin/' });
    assert.equal(wrong.status, 401);
    assert.match(wrong.body, /الرمز غير صحيح أو استُخدم من قبل/);
    const right = await a.post('/admin/login/verify', { code, next: '/admin/articles' });
    assert.equal(right.status, 303);
    assert.equal(right.headers.location, '/admin/articles');
    assert.equal(await signedIn(a), true);
    assert.equal(a.cookies.has('khabar_2fa'), false);

    // The same code, a few seconds later, on another sign-in: refused.
    clock.advance(5_000);
    const b = await password(s, u.email);
    assert.equal((await b.post('/admin/login/verify', { code, next: '/admin/' })).status, 401);
    // So is the step before (still inside the window, but older than the code used).
    assert.equal((await b.post('/admin/login/verify', { code: codeAt(u.key, clock.now().getTime() - 30_000), next: '/admin/' })).status, 401);
    clock.advance(30_000);
    assert.equal((await b.post('/admin/login/verify', { code: codeAt(u.key, clock.now().getTime()), next: '/admin/' })).status, 303);
    const lines = (await audited(s, 'sign-in')).filter((e) => e.actor_id === u.id);
    assert.ok(lines.some((e) => e.detail.startsWith('totp')), 'the sign-in says it was by the app');
    assert.ok((await audited(s, 'sign-in.second-factor-failed')).length >= 3);
    await s.close();
  });

  it('a recovery code signs in once, in any case and with or without its dash', async () => {
    const clock = fixedClock(START);
    const s = await adminSite({ clock });
    const u = await enrolled(s, clock);
    const [first, second] = u.codes as [string, string];
    const a = await password(s, u.email);
    assert.equal((await a.post('/admin/login/verify', { code: first.toUpperCase(), next: '/admin/' })).status, 303);
    const b = await password(s, u.email);
    assert.equal((await b.post('/admin/login/verify', { code: first, next: '/admin/' })).status, 401, 'used once already');
    assert.equal((await b.post('/admin/login/verify', { code: second.replace('-', ''), next: '/admin/' })).status, 303);
    assert.match((await b.get('/admin/profile/two-factor')).body, /بقي لديك 8 من رموز الاسترداد/);
    await s.close();
  });

  it('the code step has its own per-account limit, and a half sign-in takes a few codes at most', async () => {
    const clock = fixedClock(START);
    const s = await adminSite({ clock });
    const u = await enrolled(s, clock);
    const a = await password(s, u.email);
    for (let i = 1; i < PENDING_ATTEMPTS; i++) assert.equal((await a.post('/admin/login/verify', { code: '000001', next: '/admin/' })).status, 401);
    const last = await a.post('/admin/login/verify', { code: '000001', next: '/admin/' });
    assert.equal(last.status, 303);
    assert.equal(last.headers.location, '/admin/login?done=second-gone', 'too many codes: the password is asked again');
    assert.match((await a.get(String(last.headers.location))).body, /سجّل الدخول من جديد/);

    // From another address, with the right password: the account's code limit holds even the right code.
    const b = await password(s, u.email, '203.0.113.9');
    const slowed = await b.post('/admin/login/verify', { code: codeAt(u.key, clock.now().getTime()), next: '/admin/' });
    assert.equal(THROTTLE.accountFree, PENDING_ATTEMPTS);
    assert.equal(slowed.status, 429);
    assert.ok(Number(slowed.headers['retry-after']) > 0);
    assert.match(slowed.body, /رموز خاطئة كثيرة لهذا الحساب/);
    clock.advance(Number(slowed.headers['retry-after']) * 1000);
    assert.equal((await b.post('/admin/login/verify', { code: codeAt(u.key, clock.now().getTime()), next: '/admin/' })).status, 303);
    await s.close();
  });

  it('a password-reset link never passes the second factor', async () => {
    const clock = fixedClock(START);
    const s = await adminSite({ clock });
    const u = await enrolled(s, clock);
    const a = new Agent(s.app);
    await a.get('/admin/password-reset');
    await a.post('/admin/password-reset', { email: u.email });
    const link = /(\/admin\/password-reset\/confirm\?token=[\w-]+)/.exec(s.mailer.sent[0]!.text)![1]!;
    await a.get(link);
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const done = await a.post('/admin/password-reset/confirm', { token, password: 'a brand new passphrase' });
    assert.equal(done.status, 303);
    assert.equal(done.headers.location, '/admin/login/verify?next=%2Fadmin%2Fprofile%3Fdone%3Dreset');
    assert.equal(a.cookies.has('khabar_session'), false);
    assert.equal((await a.get('/admin/profile')).status, 303, 'the link alone opens nothing');
    assert.equal(await signedIn(u.a), false, 'the reset still ended the old sessions');
    const right = await a.post('/admin/login/verify', { code: codeAt(u.key, clock.now().getTime()), next: '/admin/profile?done=reset' });
    assert.equal(right.headers.location, '/admin/profile?done=reset');
    assert.equal((await a.get('/admin/profile?done=reset')).status, 200);
    await s.close();
  });

  it('removing the app ends the other sessions; new recovery codes make the old ones stop working', async () => {
    const clock = fixedClock(START);
    const s = await adminSite({ clock });
    const u = await enrolled(s, clock);
    const other = await password(s, u.email, '192.0.2.44');
    assert.equal((await other.post('/admin/login/verify', { code: codeAt(u.key, clock.now().getTime()), next: '/admin/' })).status, 303);

    const fresh = await u.a.post('/admin/profile/two-factor/recovery-codes', {});
    assert.equal(fresh.status, 200);
    const codes = codesOn(fresh.body);
    assert.equal(codes.length, 10);
    assert.equal(await signedIn(other), false);
    const b = await password(s, u.email);
    assert.equal((await b.post('/admin/login/verify', { code: u.codes[0]!, next: '/admin/' })).status, 401, 'an old code');
    assert.equal((await b.post('/admin/login/verify', { code: codes[0]!, next: '/admin/' })).status, 303);

    const removed = await u.a.post('/admin/profile/two-factor/app/remove', {});
    assert.equal(removed.headers.location, '/admin/profile/two-factor?done=app-removed');
    assert.equal(await signedIn(b), false);
    assert.equal((await new Agent(s.app).login(u.email)).headers.location, '/admin/', 'the password alone again');
    assert.equal((await audited(s, 'two-factor.totp-remove')).length, 1);
    assert.equal((await audited(s, 'two-factor.recovery-codes')).length, 1);
    await s.close();
  });
});

describe('two-factor sign-in: a passkey as the way in', () => {
  it('the sign-in page offers a passkey (its challenge signed, nothing stored); an answer that does not verify is refused and recorded', async () => {
    const s = await adminSite();
    const a = new Agent(s.app);
    const page = await a.get('/admin/login?lang=en');
    const options = JSON.parse(/data-options="([^"]+)"/.exec(page.body)![1]!.replace(/&quot;/g, '"')) as { challenge: string; userVerification: string; rpId: string };
    assert.equal(options.rpId, 'news.test', 'the relying party is SITE_URL’s host');
    assert.equal(options.userVerification, 'required', 'a passkey alone must verify its user');
    assert.equal((await s.repos.db.kysely.selectFrom('two_factor_challenges').selectAll().execute()).length, 0, 'showing the page writes nothing');
    assert.match(page.body, /<script type="module" src="\/admin\/assets\/passkeys\.[0-9a-f]{10}\.js">/);
    const script = await a.get(/src="(\/admin\/assets\/passkeys\.[0-9a-f]{10}\.js)"/.exec(page.body)![1]!);
    assert.equal(script.status, 200);
    assert.match(String(script.headers['content-type']), /javascript/);

    for (const credential of ['', 'not json', JSON.stringify({ id: 'nobody', rawId: 'nobody', type: 'public-key', response: {} })]) {
      const r = await a.post('/admin/login/with-passkey', { credential, next: '/admin/', lang: 'en' });
      assert.equal(r.status, 401);
      assert.match(r.body, /The passkey could not be verified/);
      assert.equal(a.cookies.has('khabar_session'), false);
    }
    assert.equal((await audited(s, 'sign-in.failed')).filter((e) => e.detail === 'passkey').length, 3);
    await s.close();
  });
});

describe('two-factor sign-in: roles that require it, and a lost factor', () => {
  it('a role that requires two factors sends its members to enrolment before anything else', async () => {
    const clock = fixedClock(START);
    const s = await adminSite({ clock });
    const admin = await loggedIn(s, 'administrator');
    const page = await admin.a.get('/admin/security');
    assert.equal(page.status, 200);
    const saved = await admin.a.post('/admin/security', { roles: ['author', 'editor'] });
    assert.equal(saved.headers.location, '/admin/security?done=saved');
    assert.match((await admin.a.get('/admin/security')).body, /value="author" checked/);
    assert.equal((await audited(s, 'two-factor.require')).at(-1)!.detail, 'editor,author');

    const member = await loggedIn(s, 'author');
    const home = await member.a.get('/admin/');
    assert.equal(home.status, 303);
    assert.equal(home.headers.location, '/admin/profile/two-factor');
    assert.equal((await member.a.get('/admin/articles')).headers.location, '/admin/profile/two-factor');
    const enrol = await member.a.get('/admin/profile/two-factor');
    assert.equal(enrol.status, 200);
    assert.match(enrol.body, /دورك في غرفة الأخبار يتطلب التحقق بخطوتين/);
    assert.equal((await member.a.post('/admin/profile', { name: 'x', bio: '' })).status, 403, 'no other form either');
    assert.equal((await admin.a.get('/admin/')).status, 200, 'administrators are not in the chosen roles');

    const ok = await member.a.post('/admin/profile/two-factor/app', { code: codeAt(keyOn(enrol.body), clock.now().getTime()) });
    assert.equal(ok.status, 200);
    assert.equal(await signedIn(member.a), true, 'enrolled: the newsroom opens');
    // With the app as the last factor, the role keeps it from being removed.
    const refused = await member.a.post('/admin/profile/two-factor/app/remove', {});
    assert.equal(refused.status, 400);
    assert.match(refused.body, /دورك يتطلب التحقق بخطوتين/);
    await s.close();
  });

  it('an administrator resets a member’s factors: sessions end, the trail says who, the password alone works again', async () => {
    const clock = fixedClock(START);
    const s = await adminSite({ clock });
    const admin = await loggedIn(s, 'administrator');
    const u = await enrolled(s, clock);
    const before = await admin.a.get(`/admin/users/${u.id}`);
    assert.match(before.body, /التحقق بخطوتين: مفعّل \(تطبيق مصادقة\)/);
    const r = await admin.a.post(`/admin/users/${u.id}/reset-2fa`, {});
    assert.equal(r.status, 303);
    assert.match((await admin.a.get(String(r.headers.location))).body, /أُعيد ضبط التحقق بخطوتين/);
    assert.equal(await signedIn(u.a), false);
    const line = (await audited(s, 'two-factor.reset'))[0]!;
    assert.equal(line.actor_id, admin.id);
    assert.equal(line.target, u.email);
    assert.equal((await new Agent(s.app).login(u.email)).headers.location, '/admin/');
    // Not a member's own power: an author cannot reset anyone.
    const other = await loggedIn(s, 'editor');
    assert.equal((await other.a.post(`/admin/users/${u.id}/reset-2fa`, {})).status, 403);
    await s.close();
  });

  it('warns administrators while SECRET is not set in the environment', async () => {
    const bare = await adminSite();
    const admin = await loggedIn(bare, 'administrator');
    assert.match((await admin.a.get('/admin/')).body, /متغير البيئة SECRET غير مضبوط/);
    assert.match((await admin.a.get('/admin/security')).body, /متغير البيئة SECRET غير مضبوط/);
    const author = await loggedIn(bare, 'author');
    assert.doesNotMatch((await author.a.get('/admin/')).body, /SECRET/);
    await bare.close();

    const set = await adminSite({ config: { secret: 's'.repeat(40) } });
    const admin2 = await loggedIn(set, 'administrator');
    assert.doesNotMatch((await admin2.a.get('/admin/')).body, /SECRET/);
    await set.close();
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../../src/platform/clock.ts';
import { RESET_TTL_MS } from '../../src/services/users/password-reset.ts';
import { adminSite, Agent } from '../support/admin.ts';

const NEW_PASSWORD = 'a brand new passphrase';

function linkIn(text: string): string {
  const m = text.match(/http:\/\/news\.test(\/admin\/password-reset\/confirm\?token=[\w-]+)/);
  assert.ok(m, `no reset link in:\n${text}`);
  return m[1]!;
}

describe('password reset by e-mailed one-time token', () => {
  it('mails a link in the user’s language; the link sets a new password once and ends old sessions', async () => {
    const s = await adminSite();
    const u = await s.user('author', 'سلمى');
    const old = new Agent(s.app);
    await old.login(u.email);
    assert.equal((await old.get('/admin/')).status, 200);

    const a = new Agent(s.app);
    await a.get('/admin/password-reset');
    const sent = await a.post('/admin/password-reset', { email: u.email });
    assert.equal(sent.status, 200);
    assert.match(sent.body, /إن كان لهذا البريد حساب/);
    assert.equal(s.mailer.sent.length, 1);
    const mail = s.mailer.sent[0]!;
    assert.equal(mail.to, u.email);
    assert.match(mail.text, /مرحباً سلمى/);
    const link = linkIn(mail.text);
    // Only the hash of the token is stored.
    const stored = await s.repos.db.kysely.selectFrom('password_resets').select('token_hash').execute();
    assert.ok(!link.includes(stored[0]!.token_hash));

    const form = await a.get(link);
    assert.equal(form.status, 200);
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const short = await a.post('/admin/password-reset/confirm', { token, password: 'short' });
    assert.equal(short.status, 400);
    assert.match(short.body, /كلمة المرور قصيرة/);
    assert.match(short.body, new RegExp(`name="token" value="${token}"`), 'the form is shown again, still usable');

    const done = await a.post('/admin/password-reset/confirm', { token, password: NEW_PASSWORD });
    assert.equal(done.status, 303);
    assert.equal(done.headers.location, '/admin/profile?done=reset');
    const signedIn = await a.get('/admin/profile?done=reset');
    assert.equal(signedIn.status, 200, 'the link signs its holder in');
    assert.match(signedIn.body, /وأنت الآن داخل غرفة الأخبار/);
    assert.equal((await old.get('/admin/')).status, 303, 'the old session has ended');
    assert.equal((await new Agent(s.app).login(u.email, NEW_PASSWORD)).status, 303);

    const again = await a.post('/admin/password-reset/confirm', { token, password: 'yet another passphrase' });
    assert.equal(again.status, 410);
    assert.match(again.body, /انتهت صلاحية هذا الرابط/);
    assert.equal((await a.get(link)).status, 410);
    await s.close();
  });

  it('answers the same for an unknown e-mail and sends nothing', async () => {
    const s = await adminSite();
    const a = new Agent(s.app);
    await a.get('/admin/password-reset?lang=en');
    const r = await a.post('/admin/password-reset', { email: 'nobody@example.org', lang: 'en' });
    assert.equal(r.status, 200);
    assert.match(r.body, /If this e-mail has an account/);
    assert.equal(s.mailer.sent.length, 0);
    await s.close();
  });

  it('a link expires after an hour', async () => {
    const clock = fixedClock('2026-03-01T10:00:00Z');
    const s = await adminSite({ clock });
    const u = await s.user('editor');
    const a = new Agent(s.app);
    await a.get('/admin/password-reset');
    await a.post('/admin/password-reset', { email: u.email });
    const link = linkIn(s.mailer.sent[0]!.text);
    clock.advance(RESET_TTL_MS + 1);
    assert.equal((await a.get(link)).status, 410);
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    assert.equal((await a.post('/admin/password-reset/confirm', { token, password: NEW_PASSWORD })).status, 410);
    await s.close();
  });

  it('gives a deactivated account no way back: no new link, and the links sent before are void', async () => {
    const s = await adminSite();
    const admin = await s.user('administrator');
    const u = await s.user('editor', 'موظف سابق');
    const a = new Agent(s.app);
    await a.get('/admin/password-reset');
    await a.post('/admin/password-reset', { email: u.email });
    const before = linkIn(s.mailer.sent[0]!.text);
    const actor = (await s.repos.accounts.byId(admin.id))!;
    await s.app.services.users.deactivate(actor, u.id);

    const again = await a.post('/admin/password-reset', { email: u.email });
    assert.equal(again.status, 200, 'the answer is the same as for any address');
    assert.equal(s.mailer.sent.length, 1, 'no link is sent to a deactivated account');
    const token = new URL(before, 'http://x').searchParams.get('token')!;
    assert.equal((await a.post('/admin/password-reset/confirm', { token, password: NEW_PASSWORD })).status, 410);
    assert.equal((await new Agent(s.app).login(u.email, NEW_PASSWORD)).status, 401, 'still cannot log in');
    await s.close();
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adminSite, Agent, loggedIn, PASSWORD } from '../support/admin.ts';

/** A path for a registered route: each parameter filled with an id that may or may not exist. */
const pathOf = (url: string) => url.replace(/:\w+/g, '1').replace(/\*$/, 'x');

describe('newsroom requests from another site', () => {
  it('every state-changing newsroom route refuses a foreign Origin or Sec-Fetch-Site with a 403 in the user’s language', async () => {
    const s = await adminSite();
    const admin = await loggedIn(s, 'administrator');
    const posts = s.app.fastify.newsroomRoutes.filter((r) => r.method === 'POST');
    assert.ok(posts.length >= 25, `the newsroom's POST routes are all listed (${posts.length})`);
    const sessionsBefore = await s.repos.db.kysely.selectFrom('sessions').select('id_hash').execute();
    for (const r of posts) {
      for (const headers of [{ origin: 'https://attacker.example' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'null' }]) {
        const res = await s.app.fastify.inject({
          method: 'POST', url: pathOf(r.url),
          headers: { cookie: `khabar_session=${admin.a.cookies.get('khabar_session')}`, 'content-type': 'application/x-www-form-urlencoded', ...headers },
          payload: `_csrf=${encodeURIComponent(admin.a.csrf)}&title=x&email=${encodeURIComponent(admin.email)}`,
        });
        assert.equal(res.statusCode, 403, `${r.url} ${JSON.stringify(headers)}: ${res.statusCode}`);
        assert.match(res.body, /أُرسل من موقع آخر غير غرفة الأخبار/, r.url);
      }
    }
    // Nothing ran: the logout route, among others, did not end the session.
    assert.equal((await s.repos.db.kysely.selectFrom('sessions').select('id_hash').execute()).length, sessionsBefore.length);
    await s.close();
  });

  it('the message is in the account’s language; the newsroom’s own origin and same-origin requests pass', async () => {
    const s = await adminSite({ siteUrl: 'https://news.test' });
    const u = await s.user('editor');
    const a = new Agent(s.app);
    await a.get('/admin/login?lang=en');
    const own = await a.post('/admin/login', { email: u.email, password: PASSWORD }, { origin: 'https://news.test' });
    assert.equal(own.status, 303, 'the site’s own origin signs in');
    await s.repos.db.kysely.updateTable('users').set({ locale: 'en' }).where('id', '=', u.id).execute();
    await a.get('/admin/profile');
    const form = { name: 'New Name', bio: '' };
    const foreign = await a.post('/admin/profile', form, { origin: 'https://news.test.attacker.example' });
    assert.equal(foreign.status, 403);
    assert.match(foreign.body, /sent from a site other than the newsroom/);
    assert.match(foreign.body, /<html lang="en" dir="ltr">/);
    assert.equal((await a.post('/admin/profile', form, { 'sec-fetch-site': 'same-origin' })).status, 303);
    assert.equal((await a.post('/admin/profile', form, { origin: 'https://news.test' })).status, 303);
    await s.close();
  });
});

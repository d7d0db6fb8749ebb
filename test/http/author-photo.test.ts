import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { fixedClock } from '../../src/platform/clock.ts';
import { paragraphsToHtml } from '../../src/platform/html/sanitize.ts';
import { mediaItemUrl } from '../../src/services/media/media.ts';
import { AccountService } from '../../src/services/users/accounts.ts';
import { adminSite, type AdminSite, Agent, CHEAP_HASH, formFields, loggedIn, PASSWORD } from '../support/admin.ts';

const jsonLd = (html: string) => JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!) as { author: { name: string; image?: string }[] };

/** A library image, uploaded as a newsroom editor would. */
async function libraryImage(s: AdminSite): Promise<string> {
  const accounts = new AccountService({ repos: s.repos, clock: s.clock, hashCost: CHEAP_HASH });
  const { account } = await accounts.create({ email: 'pictures@example.org', name: 'محرر الصور', role: 'editor', password: PASSWORD });
  const data = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#3d5a80' } }).jpeg().toBuffer();
  return mediaItemUrl(await s.app.services.media.upload(account, { data, tooLarge: false, alt: 'صورة', caption: '', credit: '' }));
}

describe('an author\'s photo', () => {
  it('is chosen from the library on the profile, shown on the author page, in JSON-LD and wp-json, and removed', async () => {
    const s = await adminSite({ clock: fixedClock('2026-03-01T10:00:00.000Z') });
    const photo = await libraryImage(s);
    const me = await loggedIn(s, 'author', 'ليلى حداد');
    await s.articles.save({
      edition: 'ar', title: 'المياه تحت الصحراء', bodyHtml: paragraphsToHtml(['نص الخبر']), status: 'published',
      publishedAt: '2026-02-20T10:00:00Z', commentStatus: 'open', authorSlugs: [me.slug],
    });
    const before = await me.a.get(`/ar/author/${me.slug}/`);
    assert.doesNotMatch(before.body, /class="author-photo"/);

    const profile = await me.a.get('/admin/profile');
    assert.match(profile.body, /name="photo_url"/);
    const saved = await me.a.post('/admin/profile', { ...formFields(profile.body, 'profile-form'), photo_url: photo });
    assert.equal(saved.status, 303);
    assert.match((await me.a.get('/admin/profile')).body, /class="author-photo-thumb"/);

    // Saving purged the author's page: the photo is there at once, the smallest variant, square.
    const page = await me.a.get(`/ar/author/${me.slug}/`);
    const img = /<img class="author-photo" src="([^"]+)" alt="([^"]+)" width="96" height="96"\/>/.exec(page.body);
    assert.ok(img, `the author page shows the photo: ${/<header class="author-head">[\s\S]*?<\/header>/.exec(page.body)?.[0] ?? page.body.slice(0, 300)}`);
    assert.match(img[1]!, /\/media\/[0-9a-f]{20}-900x600\/480\.jpg$/);
    assert.equal(img[2], 'ليلى حداد');
    const article = await s.repos.db.kysely.selectFrom('articles').select('slug').executeTakeFirstOrThrow();
    const ld = jsonLd((await me.a.get(`/ar/2026/02/20/${encodeURIComponent(article.slug)}/`)).body);
    assert.deepEqual(ld.author.map((a) => a.image), [`http://news.test${photo}`]);
    const users = JSON.parse((await me.a.get('/ar/wp-json/wp/v2/users')).body) as { avatar_urls?: Record<string, string> }[];
    assert.equal(users[0]!.avatar_urls?.['96'], `http://news.test${photo}`);

    // Removing it: the field left empty.
    const again = await me.a.get('/admin/profile');
    assert.equal((await me.a.post('/admin/profile', { ...formFields(again.body, 'profile-form'), photo_url: '' })).status, 303);
    assert.doesNotMatch((await me.a.get(`/ar/author/${me.slug}/`)).body, /class="author-photo"/);
    assert.equal((await s.repos.users.profile(me.id))!.photoUrl, null);
    await s.close();
  });

  it('refuses an address outside the library, in the user\'s language, keeping what was typed and writing nothing; an administrator sets anyone\'s', async () => {
    const s = await adminSite({ clock: fixedClock('2026-03-01T10:00:00.000Z') });
    const photo = await libraryImage(s);
    const me = await loggedIn(s, 'author', 'عمر');
    const profile = await me.a.get('/admin/profile');
    const r = await me.a.post('/admin/profile', { ...formFields(profile.body, 'profile-form'), name: 'عمر الجديد', photo_url: 'https://elsewhere.example/me.jpg' });
    assert.equal(r.status, 400);
    assert.match(r.body, /id="pr-photo-error">اختر صورة من مكتبة الوسائط/);
    assert.match(r.body, /value="https:\/\/elsewhere\.example\/me\.jpg"/);
    const stored = (await s.repos.users.profile(me.id))!;
    assert.deepEqual([stored.name, stored.photoUrl], ['عمر', null], 'nothing was written');

    // A library-shaped address that names no image of the library, in English.
    const en = new Agent(s.app);
    const u = await s.user('author', 'Laila Haddad');
    await en.login(u.email);
    await en.post('/admin/locale', { locale: 'en' });
    const enProfile = await en.get('/admin/profile');
    const missing = '/media/0123456789abcdef0123-800x600/480.jpg';
    const r2 = await en.post('/admin/profile', { ...formFields(enProfile.body, 'profile-form'), photo_url: missing });
    assert.equal(r2.status, 400);
    assert.match(r2.body, /id="pr-photo-error">Choose an image from the media library/);
    assert.match(r2.body, new RegExp(`value="${missing}"`));

    const admin = await loggedIn(s, 'administrator');
    const page = await admin.a.get(`/admin/users/${me.id}`);
    assert.equal((await admin.a.post(`/admin/users/${me.id}/profile`, { ...formFields(page.body, 'byline-form'), photo_url: photo })).status, 303);
    assert.equal((await s.repos.users.profile(me.id))!.photoUrl, photo);
    const bad = await admin.a.post(`/admin/users/${me.id}/profile`, { ...formFields(page.body, 'byline-form'), photo_url: 'not an address' });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /id="u-photo-error"/);
    await s.close();
  });
});

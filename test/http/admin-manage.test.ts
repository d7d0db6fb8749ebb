import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Role } from '../../src/domain/user.ts';
import { ROLES } from '../../src/domain/user.ts';
import { SEED_LIKE_ID, writeNewsroom } from '../fixtures/newsroom.ts';
import { adminSite, Agent, type AdminSite } from '../support/admin.ts';

async function site(): Promise<AdminSite> {
  const s = await adminSite();
  await writeNewsroom(s);
  return s;
}

async function as(s: AdminSite, role: Role, name?: string): Promise<Agent> {
  const u = await s.user(role, name);
  const a = new Agent(s.app);
  await a.login(u.email);
  return a;
}

const db = (s: AdminSite) => s.repos.db.kysely;
const enc = encodeURIComponent;

describe('sections and tags', () => {
  it('only administrators and editors manage them; every other role is refused on the server', async () => {
    const s = await site();
    const economy = (await s.repos.taxonomies.categoryBySlug('ar', 'economy'))!;
    for (const role of ROLES) {
      const a = await as(s, role);
      const allowed = role === 'administrator' || role === 'editor';
      assert.equal((await a.get('/admin/taxonomy')).status, allowed ? 200 : 403, `${role}: list`);
      assert.equal((await a.get(`/admin/taxonomy/category/${economy.id}`)).status, allowed ? 200 : 403, `${role}: edit form`);
      assert.equal((await a.get('/admin/manage')).status, allowed ? 200 : 403, `${role}: hub`);
      if (allowed) continue;
      assert.equal((await a.post('/admin/taxonomy/category?edition=ar', { name: 'قسم' })).status, 403, `${role}: create`);
      assert.equal((await a.post(`/admin/taxonomy/category/${economy.id}`, { name: 'x', slug: 'x' })).status, 403, `${role}: update`);
      assert.equal((await a.post(`/admin/taxonomy/category/${economy.id}/delete`, {})).status, 403, `${role}: delete`);
    }
    assert.equal((await s.repos.taxonomies.categoryBySlug('ar', 'economy'))?.name, 'اقتصاد', 'unchanged');
    assert.equal((await db(s).selectFrom('categories').select('id').where('slug', '=', 'قسم').execute()).length, 0);
    await s.close();
  });

  it('adds a section with an Arabic slug made from its name; it shows in the public menu at the next request', async () => {
    const s = await site();
    const a = await as(s, 'editor');
    await a.get('/admin/taxonomy?edition=ar');
    const r = await a.post('/admin/taxonomy/category?edition=ar', { name: 'رياضة وشباب', slug: '', description: 'كرة القدم وغيرها', position: '5' });
    assert.equal(r.status, 303);
    assert.equal(r.headers.location, '/admin/taxonomy?edition=ar&done=created');
    const c = await s.repos.taxonomies.categoryBySlug('ar', 'رياضة-وشباب');
    assert.equal(c?.description, 'كرة القدم وغيرها');
    const home = await a.get('/ar/');
    assert.ok(home.body.includes(`href="/ar/category/${enc('رياضة-وشباب')}/"`), 'in the section menu');
    assert.match((await a.get(String(r.headers.location))).body, /أُضيف/);
    // A typed slug is tidied like a title: spaces become hyphens, Latin is lowercased.
    await a.post('/admin/taxonomy/tag?edition=en', { name: 'Climate', slug: 'Climate Change!' });
    assert.ok(await s.repos.taxonomies.tagBySlug('en', 'climate-change'));
    await s.close();
  });

  it('refuses a slug another section of the edition has, beside the field, keeping what was typed; other editions may share it', async () => {
    const s = await site();
    const a = await as(s, 'editor');
    await a.get('/admin/taxonomy');
    const taken = await a.post('/admin/taxonomy/category?edition=ar', { name: 'اقتصاد جديد', slug: 'economy', description: 'وصف محفوظ', position: 'x' });
    assert.equal(taken.status, 400);
    assert.match(taken.body, /<p class="field-error" id="new-category-slug-error">مستخدم من قبل: «اقتصاد».<\/p>/);
    assert.match(taken.body, /<p class="field-error" id="new-category-position-error">أدخل عدداً صحيحاً من 0 إلى 9999.<\/p>/);
    assert.match(taken.body, /value="اقتصاد جديد"/);
    assert.match(taken.body, /وصف محفوظ<\/textarea>/);
    assert.match(taken.body, /لم يُحفظ شيء/);
    const empty = await a.post('/admin/taxonomy/tag?edition=ar', { name: '  ', slug: '' });
    assert.equal(empty.status, 400);
    assert.match(empty.body, /id="new-tag-name-error">هذا الحقل مطلوب./);
    const punctuation = await a.post('/admin/taxonomy/tag?edition=ar', { name: 'وسم', slug: '؟!' });
    assert.match(punctuation.body, /id="new-tag-slug-error">اكتب حروفاً أو أرقاماً/);
    // The English edition has its own "economy"; the same slug in another edition is fine.
    assert.equal((await a.post('/admin/taxonomy/category?edition=en', { name: 'Business', slug: 'business' })).status, 303);
    assert.equal((await db(s).selectFrom('categories').select('id').where('edition', '=', 'ar').execute()).length, 2);
    const forged = await a.post('/admin/taxonomy/category?edition=ar', { _csrf: 'x', name: 'قسم بلا رمز' });
    assert.equal(forged.status, 403);
    assert.match(forged.body, /انتهت صلاحية النموذج/);
    assert.match(forged.body, /value="قسم بلا رمز"/);
    await s.close();
  });

  it('renames a section and changes its slug; the archive moves to the new URL', async () => {
    const s = await site();
    const a = await as(s, 'administrator');
    const economy = (await s.repos.taxonomies.categoryBySlug('ar', 'economy'))!;
    const science = (await s.repos.taxonomies.categoryBySlug('ar', 'science'))!;
    await a.get(`/admin/taxonomy/category/${economy.id}`);
    const clash = await a.post(`/admin/taxonomy/category/${economy.id}`, { name: 'مال', slug: 'science', description: '', position: '0' });
    assert.equal(clash.status, 400);
    assert.match(clash.body, /مستخدم من قبل: «علوم»/);
    assert.match(clash.body, /value="مال"/);
    const ok = await a.post(`/admin/taxonomy/category/${economy.id}`, { name: 'مال وأعمال', slug: 'مال-وأعمال', description: 'الأسواق', position: '3' });
    assert.equal(ok.status, 303);
    assert.equal((await a.get('/ar/category/economy/')).status, 404);
    const archive = await a.get(`/ar/category/${enc('مال-وأعمال')}/`);
    assert.equal(archive.status, 200);
    assert.match(archive.body, /مال وأعمال/);
    // Saving a section with its own slug is not a collision.
    assert.equal((await a.post(`/admin/taxonomy/category/${science.id}`, { name: 'علوم', slug: 'science', description: '', position: '1' })).status, 303);
    await s.close();
  });

  it('deleting a section or tag keeps its articles; they lose only the link', async () => {
    const s = await site();
    const a = await as(s, 'editor');
    const economy = (await s.repos.taxonomies.categoryBySlug('ar', 'economy'))!;
    const energy = (await s.repos.taxonomies.tagBySlug('ar', 'طاقة'))!;
    const edit = await a.get(`/admin/taxonomy/category/${economy.id}`);
    assert.match(edit.body, /المقالات \(2\) تبقى/);
    const r = await a.post(`/admin/taxonomy/category/${economy.id}/delete`, {});
    assert.equal(r.status, 303);
    assert.equal(await s.repos.taxonomies.categoryBySlug('ar', 'economy'), null);
    const article = await db(s).selectFrom('articles').select(['status', 'primary_category_id']).where('id', '=', SEED_LIKE_ID).executeTakeFirstOrThrow();
    assert.deepEqual(article, { status: 'published', primary_category_id: null });
    await a.get(`/admin/taxonomy/tag/${energy.id}`);
    await a.post(`/admin/taxonomy/tag/${energy.id}/delete`, {});
    assert.equal(await s.repos.taxonomies.tagBySlug('ar', 'طاقة'), null);
    assert.equal((await db(s).selectFrom('articles').select('id').where('status', '=', 'published').execute()).length, 4, 'no article deleted');
    assert.equal((await a.get('/?p=' + SEED_LIKE_ID)).status, 301, 'still on the site');
    assert.equal((await a.get('/admin/taxonomy/category/999999')).status, 404);
    assert.equal((await a.get('/admin/taxonomy/widget/1')).status, 404);
    await s.close();
  });
});

describe('users', () => {
  it('only administrators manage users; every role edits its own profile', async () => {
    const s = await site();
    const target = await s.user('author', 'هدف');
    for (const role of ROLES) {
      const a = await as(s, role);
      const allowed = role === 'administrator';
      assert.equal((await a.get('/admin/users')).status, allowed ? 200 : 403, `${role}: list`);
      assert.equal((await a.get('/admin/users/new')).status, allowed ? 200 : 403, `${role}: add form`);
      assert.equal((await a.get(`/admin/users/${target.id}`)).status, allowed ? 200 : 403, `${role}: account page`);
      assert.equal((await a.get('/admin/profile')).status, 200, `${role}: own profile`);
      if (allowed) continue;
      assert.equal((await a.post('/admin/users/new', { email: `x-${role}@example.org`, name: 'x', role: 'administrator' })).status, 403);
      assert.equal((await a.post(`/admin/users/${target.id}/role`, { role: 'administrator' })).status, 403, `${role}: role`);
      assert.equal((await a.post(`/admin/users/${target.id}/deactivate`, {})).status, 403);
      assert.equal((await a.post(`/admin/users/${target.id}/delete`, {})).status, 403);
    }
    const row = await db(s).selectFrom('users').select(['role', 'password_hash']).where('id', '=', target.id).executeTakeFirstOrThrow();
    assert.equal(row.role, 'author');
    assert.ok(row.password_hash);
    assert.equal((await db(s).selectFrom('users').select('id').where('email', 'like', 'x-%').execute()).length, 0);
    await s.close();
  });

  it('adds a user with a generated password shown once, which logs in; bad input is re-shown beside the fields', async () => {
    const s = await site();
    const a = await as(s, 'administrator');
    await a.get('/admin/users/new');
    const bad = await a.post('/admin/users/new', { email: 'not-an-address', name: 'نادية', role: 'editor' });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /id="u-email-error">أدخل بريداً إلكترونياً/);
    assert.match(bad.body, /value="not-an-address"/);
    assert.match(bad.body, /value="نادية"/);
    assert.match(bad.body, /<option value="editor" selected/);
    const badRole = await a.post('/admin/users/new', { email: 'n@example.org', name: '', role: 'owner' });
    assert.match(badRole.body, /id="u-name-error">هذا الحقل مطلوب/);
    assert.match(badRole.body, /id="u-role-error">اختر من القائمة/);

    const made = await a.post('/admin/users/new', { email: 'Nadia@Example.org', name: 'نادية', role: 'editor' });
    assert.equal(made.status, 201);
    const password = /كلمة المرور: ([\w-]{20})/.exec(made.body)?.[1];
    assert.ok(password, 'the password is on the page');
    const stored = await db(s).selectFrom('users').select(['role', 'password_hash']).where('email', '=', 'nadia@example.org').executeTakeFirstOrThrow();
    assert.equal(stored.role, 'editor');
    assert.ok(!stored.password_hash!.includes(password!), 'only a hash is kept');
    const nadia = new Agent(s.app);
    assert.equal((await nadia.login('nadia@example.org', password)).status, 303);
    assert.equal((await nadia.get('/admin/comments')).status, 200, 'an editor now');

    const forged = await a.post('/admin/users/new', { _csrf: 'x', email: 'kept@example.org', name: 'محفوظ', role: 'author' });
    assert.equal(forged.status, 403);
    assert.match(forged.body, /value="kept@example.org"/);
    const again = await a.post('/admin/users/new', { email: 'nadia@example.org', name: 'نادية', role: 'author' });
    assert.equal(again.status, 400);
    assert.match(again.body, /مستخدم من قبل: «nadia@example.org»/);
    await s.close();
  });

  it('changes a role at once, and never leaves the site without an administrator', async () => {
    const s = await site();
    const adminUser = await s.user('administrator', 'المدير');
    const a = new Agent(s.app);
    await a.login(adminUser.email);
    const writer = await s.user('author', 'كاتب');
    const w = new Agent(s.app);
    await w.login(writer.email);
    assert.equal((await w.get('/admin/comments')).status, 403);
    await a.get(`/admin/users/${writer.id}`);
    assert.equal((await a.post(`/admin/users/${writer.id}/role`, { role: 'editor' })).status, 303);
    assert.equal((await w.get('/admin/comments')).status, 303, 'a role change ends the account’s sessions (issue 18)');
    await w.login(writer.email);
    assert.equal((await w.get('/admin/comments')).status, 200, 'signed in again, the new role applies');
    const self = await a.post(`/admin/users/${adminUser.id}/role`, { role: 'editor' });
    assert.equal(self.status, 400);
    assert.match(self.body, /لا بد أن يبقى للموقع مدير واحد على الأقل/);
    assert.equal((await db(s).selectFrom('users').select('role').where('id', '=', adminUser.id).executeTakeFirstOrThrow()).role, 'administrator');
    const bogus = await a.post(`/admin/users/${writer.id}/role`, { role: 'owner' });
    assert.equal(bogus.status, 400);
    await s.close();
  });

  it('deactivating ends the sessions and the login; activating gives a new password shown once', async () => {
    const s = await site();
    const a = await as(s, 'administrator');
    const writer = await s.user('author');
    const w = new Agent(s.app);
    await w.login(writer.email);
    await a.get(`/admin/users/${writer.id}`);
    assert.equal((await a.post(`/admin/users/${writer.id}/deactivate`, {})).status, 303);
    assert.equal((await w.get('/admin/')).status, 303, 'logged out');
    assert.equal((await new Agent(s.app).login(writer.email)).status, 401);
    assert.match((await a.get('/admin/users')).body, /موقوف/);
    const on = await a.post(`/admin/users/${writer.id}/activate`, {});
    assert.equal(on.status, 200);
    const password = /كلمة المرور: ([\w-]{20})/.exec(on.body)?.[1];
    assert.equal((await new Agent(s.app).login(writer.email, password)).status, 303);
    // One's own account has no deactivate or delete buttons, and a forged post is refused.
    const me = (await db(s).selectFrom('users').select('id').where('role', '=', 'administrator').executeTakeFirstOrThrow()).id;
    const own = await a.get(`/admin/users/${me}`);
    assert.ok(!own.body.includes('/deactivate"') && !own.body.includes('/delete"'));
    const selfOff = await a.post(`/admin/users/${me}/deactivate`, {});
    assert.equal(selfOff.status, 400);
    assert.match(selfOff.body, /لا يمكنك فعل ذلك بحسابك أنت/);
    await s.close();
  });

  it('deleting a user hands their articles to another; the articles are never deleted', async () => {
    const s = await site();
    const a = await as(s, 'administrator');
    const salma = (await s.repos.users.authorBySlug('salma-nour'))!;
    const omar = (await s.repos.users.authorBySlug('omar-farid'))!;
    const page = await a.get(`/admin/users/${salma.id}`);
    assert.match(page.body, /مقالاته \(2\) لا تُحذف/);
    const noTarget = await a.post(`/admin/users/${salma.id}/delete`, { reassign: '' });
    assert.equal(noTarget.status, 400);
    assert.match(noTarget.body, /id="u-reassign-error">اختر من القائمة/);
    assert.ok(await s.repos.users.authorBySlug('salma-nour'));
    const done = await a.post(`/admin/users/${salma.id}/delete`, { reassign: String(omar.id) });
    assert.equal(done.status, 303);
    assert.equal(await s.repos.users.authorBySlug('salma-nour'), null);
    const byOmar = await db(s).selectFrom('article_authors').select('article_id').where('user_id', '=', omar.id).execute();
    assert.equal(byOmar.length, 4, 'both of her articles are his now');
    assert.equal((await a.get('/?p=' + SEED_LIKE_ID)).status, 301, 'still published');
    assert.equal((await a.get('/ar/author/salma-nour/')).status, 404);
    await s.close();
  });

  it('a member edits their own name, bio and password (the current password is required)', async () => {
    const s = await site();
    const me = await s.user('contributor', 'اسم قديم');
    const a = new Agent(s.app);
    await a.login(me.email);
    await a.get('/admin/profile');
    const empty = await a.post('/admin/profile', { name: ' ', bio: 'نبذة محفوظة' });
    assert.equal(empty.status, 400);
    assert.match(empty.body, /id="pr-name-error">هذا الحقل مطلوب/);
    assert.match(empty.body, /نبذة محفوظة<\/textarea>/);
    assert.equal((await a.post('/admin/profile', { name: 'اسم جديد', bio: 'أكتب عن العلوم.' })).status, 303);
    const row = await db(s).selectFrom('users').select(['display_name', 'bio']).where('id', '=', me.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { display_name: 'اسم جديد', bio: 'أكتب عن العلوم.' });

    const forged = await a.post('/admin/profile', { _csrf: 'x', name: 'اسم لم يُحفظ', bio: '' });
    assert.equal(forged.status, 403);
    assert.match(forged.body, /value="اسم لم يُحفظ"/);
    const wrong = await a.post('/admin/profile/password', { current: 'not my password', password: 'a new long passphrase' });
    assert.equal(wrong.status, 400);
    assert.match(wrong.body, /id="pr-current-error">كلمة المرور الحالية غير صحيحة/);
    assert.ok(!wrong.body.includes('a new long passphrase'), 'passwords are never written back');
    const short = await a.post('/admin/profile/password', { current: 'correct horse battery', password: 'short' });
    assert.match(short.body, /id="pr-new-error">كلمة المرور قصيرة: 10 أحرف على الأقل/);
    assert.equal((await a.post('/admin/profile/password', { current: 'correct horse battery', password: 'a new long passphrase' })).status, 303);
    assert.equal((await new Agent(s.app).login(me.email, 'a new long passphrase')).status, 303);
    assert.equal((await new Agent(s.app).login(me.email)).status, 401, 'the old one no longer works');
    await s.close();
  });
});

describe('edition settings', () => {
  /** The settings form of an edition as it is shown, as form fields (ticked boxes only). */
  async function shown(a: Agent, edition: string): Promise<Record<string, string>> {
    const html = (await a.get(`/admin/editions?edition=${edition}`)).body;
    const out: Record<string, string> = {};
    for (const m of html.matchAll(/<input id="ed-[^"]+" name="([^"]+)" type="(?:text|number)" value="([^"]*)"/g)) out[m[1]!] = m[2]!;
    for (const m of html.matchAll(/<input type="checkbox" name="([^"]+)" id="ed-[^"]+" value="1"( checked)?/g)) if (m[2]) out[m[1]!] = '1';
    for (const m of html.matchAll(/<select id="ed-[^"]+" name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) out[m[1]!] = /<option value="([^"]*)" selected/.exec(m[2]!)?.[1] ?? '';
    for (const m of html.matchAll(/<textarea id="ed-[^"]+" name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) out[m[1]!] = m[2]!;
    return out;
  }

  it('only administrators change edition settings', async () => {
    const s = await site();
    for (const role of ROLES) {
      const a = await as(s, role);
      const allowed = role === 'administrator';
      assert.equal((await a.get('/admin/editions?edition=ar')).status, allowed ? 200 : 403, `${role}: form`);
      if (!allowed) assert.equal((await a.post('/admin/editions?edition=ar', { 'site-name': 'مخترق', timezone: 'UTC' })).status, 403, `${role}: save`);
    }
    assert.equal((await s.repos.editions.all()).find((e) => e.code === 'ar')?.siteName, 'خبر');
    await s.close();
  });

  it('saves the edition and its comment policy together; the public site shows them at the next request', async () => {
    const s = await site();
    const a = await as(s, 'administrator');
    const form = await shown(a, 'ar');
    assert.equal(form.timezone, 'Asia/Riyadh');
    assert.equal(form['max-links'], '2');
    assert.equal(form['digest-minutes'], '15', 'the moderators’ digest, every 15 minutes unless set');
    const r = await a.post('/admin/editions?edition=ar', {
      ...form, 'site-name': 'خبر اليوم', digits: 'arab', 'month-style': 'levantine', hijri: '1', 'max-links': '5', 'block-words': 'كازينو\nقمار', 'digest-minutes': '30',
    });
    assert.equal(r.status, 303);
    assert.equal(r.headers.location, '/admin/editions?edition=ar&done=saved');
    const e = (await s.repos.editions.all()).find((x) => x.code === 'ar')!;
    assert.deepEqual([e.siteName, e.digits, e.monthStyle, e.showHijri], ['خبر اليوم', 'arab', 'levantine', true]);
    const policy = JSON.parse((await s.repos.settings.get('comments.policy.ar'))!);
    assert.equal(policy.maxLinks, 5);
    assert.deepEqual(policy.blockWords, ['كازينو', 'قمار']);
    // The digest's interval is the site's: every edition's form shows the one value.
    assert.equal(await s.repos.settings.get('comments.digest-minutes'), '30');
    assert.equal((await shown(a, 'en'))['digest-minutes'], '30');
    const article = await a.get('/?p=' + SEED_LIKE_ID).then((x) => a.get(String(x.headers.location)));
    assert.match(article.body, /<title>[^<]*خبر اليوم/);
    assert.match(article.body, /شباط/, 'Levantine month names');
    assert.match(article.body, /٢٠٢٢/, 'Arabic-Indic digits');
    // Unticking a box is a change too.
    const again = await shown(a, 'ar');
    delete again.hijri;
    await a.post('/admin/editions?edition=ar', again);
    assert.equal((await s.repos.editions.all()).find((x) => x.code === 'ar')?.showHijri, false);
    await s.close();
  });

  it('every bad value is re-shown with its own message, and nothing is saved', async () => {
    const s = await site();
    const a = await as(s, 'administrator');
    const form = await shown(a, 'en');
    const bad = await a.post('/admin/editions?edition=en', {
      ...form, 'site-name': '', timezone: 'Mars/Olympus', locale: 'not a locale!', host: 'bad host/', 'logo-url': 'javascript:alert(1)', 'max-links': 'many', 'thread-depth': '99', digits: 'roman', 'digest-minutes': '0',
    });
    assert.equal(bad.status, 400);
    const error = (key: string) => new RegExp(`id="ed-${key}-error">([^<]+)<`).exec(bad.body)?.[1];
    assert.equal(error('site-name'), 'هذا الحقل مطلوب.');
    assert.match(error('timezone') ?? '', /Asia\/Riyadh/);
    assert.match(error('locale') ?? '', /en-GB/);
    assert.match(error('host') ?? '', /en.example.org/);
    assert.match(error('logo-url') ?? '', /https:\/\//);
    assert.equal(error('max-links'), 'أدخل عدداً صحيحاً من 0 إلى 1000.');
    assert.equal(error('thread-depth'), 'أدخل عدداً صحيحاً من 1 إلى 10.');
    assert.equal(error('digest-minutes'), 'أدخل عدداً صحيحاً من 1 إلى 1440.');
    assert.ok(error('digits'));
    assert.match(bad.body, /value="Mars\/Olympus"/, 'what was typed is kept');
    assert.match(bad.body, /value="javascript:alert\(1\)"/);
    const e = (await s.repos.editions.all()).find((x) => x.code === 'en')!;
    assert.equal(e.timezone, 'Europe/London');
    assert.equal(await s.repos.settings.get('comments.policy.en'), null);
    assert.equal(await s.repos.settings.get('comments.digest-minutes'), null);
    const forged = await a.post('/admin/editions?edition=en', { ...form, _csrf: 'forged', tagline: 'نص لم يُحفظ' });
    assert.equal(forged.status, 403);
    assert.match(forged.body, /انتهت صلاحية النموذج/);
    assert.match(forged.body, /value="نص لم يُحفظ"/, 'typed values kept');
    // The default edition cannot be un-defaulted (another must become the default instead).
    const ar = await shown(a, 'ar');
    delete ar.default;
    const noDefault = await a.post('/admin/editions?edition=ar', ar);
    assert.equal(noDefault.status, 400);
    assert.match(noDefault.body, /id="ed-default-error">لا بد من طبعة افتراضية/);
    // Making English the default un-defaults Arabic.
    assert.equal((await a.post('/admin/editions?edition=en', { ...form, default: '1' })).status, 303);
    assert.deepEqual((await s.repos.editions.all()).map((x) => [x.code, x.isDefault]), [['ar', false], ['en', true]]);
    await s.close();
  });
});

describe('the home page lead story', () => {
  /** The headline of the home page's lead section. */
  const leadOf = (html: string) => /<section class="lead"[\s\S]*?<h2><a href="[^"]*">([^<]+)<\/a>/.exec(html)?.[1] ?? /<section class="lead"[\s\S]*?<a href="[^"]*">([^<]+)<\/a>/.exec(html)?.[1];

  it('editors choose which published story leads each edition; it leads at the next request until changed', async () => {
    const s = await site();
    const a = await as(s, 'editor');
    assert.equal(leadOf((await a.get('/ar/')).body), 'تلسكوب جديد يرصد مذنباً نادراً', 'the newest story leads by default');
    const form = await a.get('/admin/home-page?edition=ar');
    assert.equal(form.status, 200);
    assert.match(form.body, /<input type="radio" name="lead" value="auto" checked/);
    assert.match(form.body, new RegExp(`value="${SEED_LIKE_ID}"`));
    const r = await a.post('/admin/home-page?edition=ar', { lead: String(SEED_LIKE_ID) });
    assert.equal(r.status, 303);
    assert.equal(leadOf((await a.get('/ar/')).body), 'زيارة وفد إلى الرياض؛ توقيع مذكرة من 12 بنداً');
    assert.match((await a.get('/admin/home-page?edition=ar')).body, new RegExp(`value="${SEED_LIKE_ID}" checked`));
    // Choosing another replaces it; "automatic" gives the lead back to the newest story.
    await a.post('/admin/home-page?edition=ar', { lead: '3' });
    assert.equal(leadOf((await a.get('/ar/')).body), 'أسواق الطاقة تترقب قرارات الأسبوع المقبل');
    const sticky = await db(s).selectFrom('articles').select('id').where('sticky', '=', 1).execute();
    assert.deepEqual(sticky.map((x) => x.id), [3], 'one lead per edition');
    await a.post('/admin/home-page?edition=ar', { lead: 'auto' });
    assert.equal(leadOf((await a.get('/ar/')).body), 'تلسكوب جديد يرصد مذنباً نادراً');
    await s.close();
  });

  it('refuses a story of another edition, an unpublished one, or nonsense, re-showing the choice; other roles may not choose', async () => {
    const s = await site();
    const a = await as(s, 'administrator');
    await a.get('/admin/home-page?edition=ar');
    const other = await a.post('/admin/home-page?edition=ar', { lead: '2' });
    assert.equal(other.status, 400);
    assert.match(other.body, /id="lead-error">اختر من القائمة/);
    assert.equal((await a.post('/admin/home-page?edition=ar', { lead: 'x' })).status, 400);
    await s.articles.save({ edition: 'ar', title: 'مسودة', bodyHtml: '<p>نص</p>', status: 'draft', publishedAt: null, commentStatus: 'open' });
    const draft = (await db(s).selectFrom('articles').select('id').where('status', '=', 'draft').executeTakeFirstOrThrow()).id;
    assert.equal((await a.post('/admin/home-page?edition=ar', { lead: String(draft) })).status, 400);
    assert.equal((await db(s).selectFrom('articles').select('id').where('sticky', '=', 1).execute()).length, 0);
    for (const role of ['author', 'contributor'] as const) {
      const w = await as(s, role);
      assert.equal((await w.get('/admin/home-page')).status, 403);
      assert.equal((await w.post('/admin/home-page?edition=ar', { lead: String(SEED_LIKE_ID) })).status, 403);
    }
    assert.equal((await db(s).selectFrom('articles').select('id').where('sticky', '=', 1).execute()).length, 0);
    await s.close();
  });
});

describe('masthead menus', () => {
  /** The masthead menu of a public page: [label, href] pairs. */
  const navOf = (html: string) => {
    const nav = /<nav class="nav"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
    return [...nav.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((m) => [m[2]!, m[1]!]);
  };

  it('an edition without a menu shows its sections; a saved menu replaces them at the next request, in the chosen order', async () => {
    const s = await site();
    const a = await as(s, 'editor');
    assert.deepEqual(navOf((await a.get('/ar/')).body), [['الرئيسية', '/ar/'], ['اقتصاد', '/ar/category/economy/'], ['علوم', '/ar/category/science/']]);
    const form = await a.get('/admin/menus?edition=ar');
    assert.match(form.body, /القائمة الآن تلقائية/);
    const science = (await s.repos.taxonomies.categoryBySlug('ar', 'science'))!;
    const r = await a.post('/admin/menus?edition=ar', {
      position_0: '2', label_0: 'من نحن', url_0: '/ar/about/', category_0: '',
      position_1: '1', label_1: '', url_1: '', category_1: String(science.id),
      position_2: '', label_2: '', url_2: '', category_2: '',
      position_3: '3', label_3: 'Reuters', url_3: 'https://www.reuters.com/', category_3: '',
    });
    assert.equal(r.status, 303);
    assert.deepEqual(navOf((await a.get('/ar/')).body), [['الرئيسية', '/ar/'], ['علوم', '/ar/category/science/'], ['من نحن', '/ar/about/'], ['Reuters', 'https://www.reuters.com/']]);
    assert.deepEqual(navOf((await a.get('/en/')).body).map((x) => x[0]), ['Home', 'Economy'], 'the other edition keeps its own');
    // A renamed section keeps its place in the menu, under its new name and slug.
    await a.get(`/admin/taxonomy/category/${science.id}`);
    await a.post(`/admin/taxonomy/category/${science.id}`, { name: 'علوم وتقنية', slug: 'tech', description: '', position: '1' });
    assert.deepEqual(navOf((await a.get('/ar/')).body)[1], ['علوم وتقنية', '/ar/category/tech/']);
    const saved = await a.get('/admin/menus?edition=ar');
    assert.match(saved.body, /value="\/ar\/about\/"/);
    await a.post('/admin/menus?edition=ar', { clear: '1' });
    assert.deepEqual(navOf((await a.get('/ar/')).body).map((x) => x[0]), ['الرئيسية', 'اقتصاد', 'علوم وتقنية'], 'automatic again');
    await s.close();
  });

  it('refuses rows without a label or link, unsafe links and unknown sections, beside each field; only editors and administrators may', async () => {
    const s = await site();
    const a = await as(s, 'administrator');
    await a.get('/admin/menus?edition=ar');
    const bad = await a.post('/admin/menus?edition=ar', {
      label_0: 'بلا رابط', url_0: '', category_0: '',
      label_1: '', url_1: 'https://example.org/', category_1: '',
      label_2: 'خطر', url_2: 'javascript:alert(1)', category_2: '',
      label_3: 'قسم غريب', url_3: '', category_3: '999999',
      label_4: 'ترتيب', url_4: '/ar/', category_4: '', position_4: 'أول',
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /id="mn-url-0-error">هذا الحقل مطلوب/);
    assert.match(bad.body, /id="mn-label-1-error">هذا الحقل مطلوب/);
    assert.match(bad.body, /id="mn-url-2-error">أدخل رابطاً يبدأ بـ https:\/\//);
    assert.match(bad.body, /id="mn-category-3-error">اختر من القائمة/);
    assert.match(bad.body, /id="mn-position-4-error">أدخل عدداً صحيحاً/);
    assert.match(bad.body, /value="javascript:alert\(1\)"/, 'kept as typed, to be corrected');
    assert.equal((await s.repos.menus.all()).length, 0, 'nothing saved');
    const forged = await a.post('/admin/menus?edition=ar', { _csrf: 'forged', label_0: 'محفوظ', url_0: '/ar/x/' });
    assert.equal(forged.status, 403);
    assert.match(forged.body, /value="محفوظ"/);
    for (const role of ['author', 'contributor'] as const) {
      const w = await as(s, role);
      assert.equal((await w.get('/admin/menus')).status, 403);
      assert.equal((await w.post('/admin/menus?edition=ar', { label_0: 'x', url_0: '/x/' })).status, 403);
    }
    assert.equal((await s.repos.menus.all()).length, 0);
    await s.close();
  });
});

describe('static pages', () => {
  async function page(s: AdminSite, o: { slug: string; title: string; status: string; edition?: string }): Promise<number> {
    const now = '2024-01-01T00:00:00.000Z';
    const row = await db(s)
      .insertInto('articles')
      .values({
        edition: o.edition ?? 'ar', kind: 'page', slug: o.slug, title: o.title, excerpt: '', body_html: '<p>نحن غرفة أخبار مستقلة.</p>', body_text: 'نحن غرفة أخبار مستقلة.',
        status: o.status, published_at: o.status === 'published' ? now : null, created_at: now, updated_at: now, comment_status: 'closed', translation_group: null,
        featured_image_url: null, featured_image_alt: '', primary_category_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it('the public site serves a published page at /<edition>/<slug>/; drafts and posts are not pages', async () => {
    const s = await site();
    await page(s, { slug: 'من-نحن', title: 'من نحن', status: 'published' });
    await page(s, { slug: 'draft-page', title: 'مسودة صفحة', status: 'draft' });
    const a = new Agent(s.app);
    const about = await a.get(`/ar/${enc('من-نحن')}/`);
    assert.equal(about.status, 200);
    assert.match(about.body, /<h1>من نحن<\/h1>/);
    assert.match(about.body, /نحن غرفة أخبار مستقلة/);
    assert.match(about.body, /<link rel="canonical" href="http:\/\/news.test\/ar\/%D9%85%D9%86-%D9%86%D8%AD%D9%86\/"/);
    assert.equal((await a.get('/ar/draft-page/')).status, 404);
    assert.equal((await a.get('/en/من-نحن/'.replace('من-نحن', enc('من-نحن')))).status, 404, 'pages belong to one edition');
    assert.equal((await a.get('/ar/economy/')).status, 404);
    await s.close();
  });

  it('editors and administrators see the list of pages with their public addresses', async () => {
    const s = await site();
    await page(s, { slug: 'من-نحن', title: 'من نحن', status: 'published' });
    await page(s, { slug: 'contact', title: 'اتصل بنا', status: 'draft' });
    for (const role of ROLES) {
      const a = await as(s, role);
      const list = await a.get('/admin/pages?edition=ar');
      const allowed = role === 'administrator' || role === 'editor';
      assert.equal(list.status, allowed ? 200 : 403, role);
      if (!allowed) continue;
      assert.ok(list.body.includes(`<a href="/ar/${enc('من-نحن')}/"><bdi dir="ltr">/ar/من-نحن/</bdi></a>`));
      assert.match(list.body, /اتصل بنا[\s\S]*مسودة[\s\S]*لا تُعرض حتى تُنشر/);
      const hub = await a.get('/admin/manage');
      assert.ok(hub.body.includes('href="/admin/pages"'));
      assert.equal(hub.body.includes('href="/admin/users"'), role === 'administrator', 'the hub offers only what the role may use');
    }
    await s.close();
  });
});

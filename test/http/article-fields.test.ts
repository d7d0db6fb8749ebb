import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../../src/platform/clock.ts';
import { paragraphsToHtml } from '../../src/platform/html/sanitize.ts';
import { adminSite, type AdminSite, articleRow, formFields, loggedIn } from '../support/admin.ts';

const NOW = '2026-03-01T10:00:00.000Z';
const clock = () => fixedClock(NOW);

/** The JSON-LD data block of a page. */
const jsonLd = (html: string) => JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!) as { headline: string; description: string; author: { name: string }[] };
const meta = (html: string, attr: 'name' | 'property', key: string) => new RegExp(`<meta ${attr}="${key}" content="([^"]*)"`).exec(html)?.[1];
const enc = encodeURIComponent;

async function published(s: AdminSite, o: { edition?: 'ar' | 'en'; title: string; author: string; at?: string; breaking?: boolean; sticky?: boolean }): Promise<number> {
  return s.articles.save({
    edition: o.edition ?? 'ar', title: o.title, bodyHtml: paragraphsToHtml(['نص الخبر']), status: 'published',
    publishedAt: o.at ?? '2026-02-20T10:00:00Z', commentStatus: 'open', authorSlugs: [o.author],
    ...(o.breaking !== undefined && { breaking: o.breaking }), ...(o.sticky !== undefined && { sticky: o.sticky }),
  });
}

describe('the newsroom fields of an article', () => {
  it('saves the kicker, dateline, SEO title and description and the front page flags, and the site shows them', async () => {
    const s = await adminSite({ clock: clock() });
    const ed = await loggedIn(s, 'editor', 'ليلى');
    const page = await ed.a.get('/admin/articles/new');
    assert.match(page.body, /<input type="text" value id="kicker" name="kicker"/);
    assert.match(page.body, /name="breaking" value="1"/, 'an editor is offered the front page flags');
    assert.match(page.body, /<output data-word-count for="article-body">0<\/output>/);
    const r = await ed.a.post('/admin/articles/new', {
      ...formFields(page.body),
      title: 'انقطاع الكهرباء عن نصف المدينة',
      kicker: 'حصري',
      dateline: 'الدوحة',
      body: '<p>انقطعت الكهرباء صباح اليوم.</p>',
      seo_title: 'انقطاع واسع للكهرباء في الدوحة',
      seo_description: 'ما نعرفه عن انقطاع الكهرباء.',
      breaking: '1',
      pinned: '1',
      action: 'publish',
    });
    assert.equal(r.status, 303);
    const id = Number(/\/admin\/articles\/(\d+)\/edit/.exec(String(r.headers.location))![1]);
    const row = await articleRow(s, id);
    assert.deepEqual([row.kicker, row.dateline, row.seo_title, row.seo_description, row.breaking, row.sticky],
      ['حصري', 'الدوحة', 'انقطاع واسع للكهرباء في الدوحة', 'ما نعرفه عن انقطاع الكهرباء.', 1, 1]);

    const edit = await ed.a.get(`/admin/articles/${id}/edit`);
    assert.match(edit.body, /id="kicker" name="kicker"/);
    assert.match(edit.body, /value="حصري"/);
    assert.match(edit.body, /name="breaking" value="1" checked/);
    assert.match(edit.body, /name="pinned" value="1" checked/);
    assert.match(edit.body, /<output data-word-count for="article-body">4<\/output>/, 'the server counts the Arabic words too');

    // A story published after it, at the same minute: the newest, yet the pinned one leads.
    await published(s, { title: 'خبر أحدث لا يتصدر', author: ed.slug, at: NOW });
    const home = await ed.a.get('/ar/');
    assert.match(home.body, /<section class="breaking-strip" aria-labelledby="breaking-title"><h2 id="breaking-title" class="breaking-badge">عاجل<\/h2><ul><li><a href="[^"]+">انقطاع الكهرباء عن نصف المدينة<\/a>/);
    const lead = /<section class="lead[^"]*"[\s\S]*?<\/section>/.exec(home.body)![0];
    assert.match(lead, /انقطاع الكهرباء عن نصف المدينة/, 'pinned: it leads though a newer story exists');
    assert.match(lead, /<p class="kicker">حصري<\/p>/, 'the kicker replaces the section above the headline');

    const article = await ed.a.get(`/ar/2026/03/01/${enc(row.slug)}/`);
    assert.equal(article.status, 200);
    assert.match(article.body, /<p class="story-kicker"><span class="breaking-badge">عاجل<\/span> حصري<\/p><h1>انقطاع الكهرباء عن نصف المدينة<\/h1>/);
    assert.match(article.body, /<div class="article-body"><p><span class="dateline-place">الدوحة —<\/span> انقطعت الكهرباء/);
    assert.match(article.body, /<title>انقطاع واسع للكهرباء في الدوحة - /);
    assert.equal(meta(article.body, 'name', 'description'), 'ما نعرفه عن انقطاع الكهرباء.');
    assert.equal(meta(article.body, 'property', 'og:title'), 'انقطاع واسع للكهرباء في الدوحة');
    assert.equal(meta(article.body, 'name', 'twitter:title'), 'انقطاع واسع للكهرباء في الدوحة');
    assert.equal(meta(article.body, 'name', 'twitter:description'), 'ما نعرفه عن انقطاع الكهرباء.');
    const ld = jsonLd(article.body);
    assert.equal(ld.headline, 'انقطاع الكهرباء عن نصف المدينة', 'JSON-LD keeps the real headline');
    assert.equal(ld.description, 'ما نعرفه عن انقطاع الكهرباء.');

    // Unflagged: the strip goes, the newest story leads again.
    const again = await ed.a.get(`/admin/articles/${id}/edit`);
    const fields = formFields(again.body);
    delete fields.breaking;
    delete fields.pinned;
    assert.equal((await ed.a.post(`/admin/articles/${id}/edit`, { ...fields, action: 'update' })).status, 303);
    const after = await ed.a.get('/ar/');
    assert.doesNotMatch(after.body, /breaking-strip/);
    assert.match(/<section class="lead[^"]*"[\s\S]*?<\/section>/.exec(after.body)![0], /خبر أحدث لا يتصدر/);
    await s.close();
  });

  it('refuses fields that are too long with a message beside each, in the UI language, keeping what was typed', async () => {
    const s = await adminSite({ clock: clock() });
    for (const locale of ['ar', 'en'] as const) {
      const ed = await loggedIn(s, 'editor');
      await s.repos.accounts.setLocale(ed.id, locale);
      const page = await ed.a.get('/admin/articles/new');
      const long = 'ك'.repeat(101);
      const r = await ed.a.post('/admin/articles/new', {
        ...formFields(page.body), title: 'عنوان مقبول', kicker: long, dateline: 'د'.repeat(101), seo_title: 'س'.repeat(201), seo_description: 'و'.repeat(401), action: 'draft',
      });
      assert.equal(r.status, 400);
      assert.match(r.body, new RegExp(`value="${long}"`), 'the typed kicker comes back');
      assert.match(r.body, /value="عنوان مقبول"/);
      assert.match(r.body, new RegExp(`>${'و'.repeat(401)}</textarea>`));
      for (const f of ['kicker', 'dateline', 'seo_title', 'seo_description']) {
        assert.match(r.body, new RegExp(`id="${f}"[^>]*aria-invalid="true"`), f);
        assert.match(r.body, new RegExp(`<p class="field-error" id="${f}-error">`), f);
      }
      assert.match(r.body, locale === 'ar' ? /id="kicker-error">[^<]*100/ : /id="kicker-error">[^<]*(long|100)/);
      if (locale === 'en') assert.match(r.body, /id="kicker-error">[A-Za-z]/, 'in English for an English-speaking account');
      else assert.match(r.body, /id="kicker-error">[\u0600-\u06FF]/, 'in Arabic for an Arabic-speaking account');
    }
    assert.equal(await s.articles.list({ edition: 'ar', page: 1, perPage: 10 }).then((p) => p.total), 0, 'nothing was written');
    await s.close();
  });

  it('keeps the stored front page flags when someone who may not set them saves', async () => {
    const s = await adminSite({ clock: clock() });
    const au = await loggedIn(s, 'author');
    const id = await published(s, { title: 'خبر الكاتب', author: au.slug, breaking: true, sticky: true });
    const page = await au.a.get(`/admin/articles/${id}/edit`);
    assert.doesNotMatch(page.body, /name="breaking"/, 'an author is not offered the flags');
    const r = await au.a.post(`/admin/articles/${id}/edit`, { ...formFields(page.body), action: 'update' });
    assert.equal(r.status, 303);
    const row = await articleRow(s, id);
    assert.deepEqual([row.breaking, row.sticky], [1, 1], 'the flags stay as the editors set them');
    const forged = await au.a.post('/admin/articles/new', { ...formFields((await au.a.get('/admin/articles/new')).body), title: 'محاولة', breaking: '1', pinned: '1', action: 'publish' });
    const fid = Number(/\/admin\/articles\/(\d+)\/edit/.exec(String(forged.headers.location))![1]);
    const frow = await articleRow(s, fid);
    assert.deepEqual([frow.breaking, frow.sticky], [0, 0], 'a forged flag is not taken');
    await s.close();
  });
});

describe('abandoned autosave drafts (WordPress auto-drafts)', () => {
  it('hold no slug and no list shows them until a real save; a week later they are deleted', async () => {
    const c = clock();
    const s = await adminSite({ clock: c });
    const ed = await loggedIn(s, 'editor');
    const page = await ed.a.get('/admin/articles/new');
    const auto = JSON.parse((await ed.a.post('/admin/articles/new/autosave', { ...formFields(page.body), title: 'قمة المناخ', body: '<p>مسودة</p>' })).body);
    assert.equal(auto.ok, true);
    const row = await articleRow(s, auto.id);
    assert.equal(row.auto_draft, 1);
    assert.match(row.slug, /^_auto-draft-/, 'a placeholder no address can name');
    const list = await ed.a.get('/admin/articles');
    assert.doesNotMatch(list.body, /قمة المناخ/, 'the list does not show it');
    assert.doesNotMatch((await ed.a.get('/admin/')).body, /قمة المناخ/, 'nor does the dashboard');
    const edit = await ed.a.get(`/admin/articles/${auto.id}/edit`);
    assert.match(edit.body, /<input id="slug" name="slug" type="text" value lang/, 'its editor shows no slug');

    // Another article with the same title takes the plain slug.
    const other = await ed.a.post('/admin/articles/new', { ...formFields((await ed.a.get('/admin/articles/new')).body), title: 'قمة المناخ', body: '<p>نص</p>', action: 'publish' });
    const otherId = Number(/\/admin\/articles\/(\d+)\/edit/.exec(String(other.headers.location))![1]);
    assert.equal((await articleRow(s, otherId)).slug, 'قمة-المناخ');

    // A later autosave keeps it an auto-draft; a real save makes it a draft with a slug of its own.
    const again = formFields(edit.body);
    const second = JSON.parse((await ed.a.post(`/admin/articles/${auto.id}/autosave`, { ...again, body: '<p>مسودة أطول</p>' })).body);
    assert.equal(second.ok, true);
    assert.equal((await articleRow(s, auto.id)).auto_draft, 1);

    // Untouched for seven days: the clean-up job deletes it (a saved draft stays).
    const page3 = await ed.a.get('/admin/articles/new');
    const kept = JSON.parse((await ed.a.post('/admin/articles/new/autosave', { ...formFields(page3.body), title: 'مسودة محفوظة' })).body);
    const keptEdit = await ed.a.get(`/admin/articles/${kept.id}/edit`);
    assert.equal((await ed.a.post(`/admin/articles/${kept.id}/edit`, { ...formFields(keptEdit.body), action: 'draft' })).status, 303);
    const keptRow = await articleRow(s, kept.id);
    assert.deepEqual([keptRow.auto_draft, keptRow.slug], [0, 'مسودة-محفوظة']);
    assert.match((await ed.a.get('/admin/articles')).body, /مسودة محفوظة/);

    c.advance(6 * 86_400_000);
    await s.app.services.jobs.run('auto-draft-cleanup');
    assert.ok(await s.repos.articles.findById(auto.id), 'six days: still there');
    c.advance(2 * 86_400_000);
    await s.app.services.jobs.run('auto-draft-cleanup');
    assert.equal(await s.repos.articles.findById(auto.id), null, 'eight days: gone');
    assert.ok(await s.repos.articles.findById(kept.id), 'a saved draft is never deleted');
    await s.close();
  });
});

describe('authors per edition', () => {
  it('the English edition shows the English name in the byline, feeds, JSON-LD, the author page and wp-json; Arabic keeps the Arabic one', async () => {
    const s = await adminSite({ clock: clock() });
    const me = await loggedIn(s, 'author', 'ليلى حداد');
    const profile = await me.a.get('/admin/profile');
    assert.match(profile.body, /name="name_en"[^>]*lang="en"|lang="en"[^>]*name="name_en"|name="name_en"/);
    const saved = await me.a.post('/admin/profile', { ...formFields(profile.body, 'profile-form'), name: 'ليلى حداد', bio: 'محررة العلوم', name_en: 'Laila Haddad', bio_en: 'Science editor' });
    assert.equal(saved.status, 303);
    const en = await published(s, { edition: 'en', title: 'Water under the desert', author: me.slug });
    const ar = await published(s, { edition: 'ar', title: 'المياه تحت الصحراء', author: me.slug });
    const enRow = await articleRow(s, en);
    const arRow = await articleRow(s, ar);

    const enPage = await me.a.get(`/en/2026/02/20/${enRow.slug}/`);
    assert.match(enPage.body, /<p class="byline">By <a href="[^"]*" rel="author">Laila Haddad<\/a>/);
    assert.deepEqual(jsonLd(enPage.body).author.map((x) => x.name), ['Laila Haddad']);
    const arPage = await me.a.get(`/ar/2026/02/20/${enc(arRow.slug)}/`);
    assert.match(arPage.body, /rel="author">ليلى حداد<\/a>/);
    assert.deepEqual(jsonLd(arPage.body).author.map((x) => x.name), ['ليلى حداد']);

    const feed = await me.a.get('/en/feed/');
    assert.match(feed.body, /<dc:creator><!\[CDATA\[Laila Haddad\]\]><\/dc:creator>|<dc:creator>Laila Haddad<\/dc:creator>/);
    assert.doesNotMatch(feed.body, /ليلى/);
    assert.match((await me.a.get('/ar/feed/')).body, /ليلى حداد/);

    const archive = await me.a.get(`/en/author/${me.slug}/`);
    assert.match(archive.body, /Laila Haddad/);
    assert.match(archive.body, /Science editor/);
    const users = JSON.parse((await me.a.get('/en/wp-json/wp/v2/users')).body) as { name: string; description: string }[];
    assert.deepEqual(users.map((u) => [u.name, u.description]), [['Laila Haddad', 'Science editor']]);
    const arUsers = JSON.parse((await me.a.get('/ar/wp-json/wp/v2/users')).body) as { name: string }[];
    assert.deepEqual(arUsers.map((u) => u.name), ['ليلى حداد']);
    await s.close();
  });

  it('refuses a per-edition name that is too long, keeping what was typed; an administrator sets anyone\'s', async () => {
    const s = await adminSite({ clock: clock() });
    const me = await loggedIn(s, 'author', 'عمر');
    const profile = await me.a.get('/admin/profile');
    const r = await me.a.post('/admin/profile', { ...formFields(profile.body, 'profile-form'), name: 'عمر', name_en: 'O'.repeat(201), bio_en: 'kept bio' });
    assert.equal(r.status, 400);
    assert.match(r.body, new RegExp(`value="${'O'.repeat(201)}"`));
    assert.match(r.body, />kept bio<\/textarea>/);
    assert.match(r.body, /id="pr-name-en-error"/);
    assert.deepEqual(await s.repos.users.editionProfiles(me.id), [], 'nothing was written');

    const admin = await loggedIn(s, 'administrator');
    const page = await admin.a.get(`/admin/users/${me.id}`);
    assert.match(page.body, /name="name_en"/);
    const ok = await admin.a.post(`/admin/users/${me.id}/profile`, { ...formFields(page.body, 'byline-form'), name: 'عمر', name_en: 'Omar', bio_en: '' });
    assert.equal(ok.status, 303);
    assert.deepEqual(await s.repos.users.editionProfiles(me.id), [{ edition: 'en', name: 'Omar', bio: '' }]);
    const trail = await s.repos.db.kysely.selectFrom('audit_log').select('action').execute();
    assert.ok(trail.some((t) => t.action === 'user.profile'), 'the change is in the audit trail');
    await s.close();
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../../src/platform/clock.ts';
import { adminSite, Agent, type AdminSite, articleRow, formFields, loggedIn } from '../support/admin.ts';

const NOW = '2026-03-01T10:00:00.000Z';

const row = articleRow;

const idOf = (location: unknown) => Number(/\/admin\/articles\/(\d+)\/edit/.exec(String(location))![1]);

/** Creates an Arabic page (or post) through the newsroom's new-article form; answers the new row's id. */
async function create(a: Agent, kind: 'page' | 'post', form: Record<string, string>): Promise<number> {
  const page = await a.get(`/admin/articles/new?edition=ar${kind === 'page' ? '&kind=page' : ''}`);
  assert.equal(page.status, 200);
  const r = await a.post('/admin/articles/new', { ...formFields(page.body), body: '<p>نص</p>', action: 'draft', ...form });
  assert.equal(r.status, 303, r.body.slice(0, 300));
  return idOf(r.headers.location);
}

describe('static pages in the article editor', () => {
  it('an editor creates an Arabic page from /admin/pages, publishes it at /ar/<slug>/, and edits it with a revision kept', async () => {
    const s = await adminSite({ clock: fixedClock(NOW) });
    const { a } = await loggedIn(s, 'editor', 'ليلى');
    const list = await a.get('/admin/pages?edition=ar');
    assert.equal(list.status, 200);
    assert.match(list.body, /<a class="button" href="\/admin\/articles\/new\?edition=ar&amp;kind=page">/, '«New page» opens the editor for a page of this edition');

    const form = await a.get('/admin/articles/new?edition=ar&kind=page');
    assert.equal(form.status, 200);
    assert.match(form.body, /<input type="hidden" name="kind" value="page"/);
    assert.match(form.body, /صفحة ثابتة جديدة/);
    // A page has none of a news post's sections, tags, co-authors, comments or translations.
    for (const name of ['categories', 'tags', 'authors', 'comment_status', 'translation_en']) assert.doesNotMatch(form.body, new RegExp(`name="${name}"`), name);

    const r = await a.post('/admin/articles/new', { ...formFields(form.body), title: 'من نحن', slug: 'about', body: '<p>خبر <strong>منصة</strong> إخبارية.<script>alert(1)</script></p>', action: 'publish' });
    assert.equal(r.status, 303, r.body.slice(0, 300));
    assert.match(String(r.headers.location), /saved=published/);
    const id = idOf(r.headers.location);
    const stored = await row(s, id);
    assert.deepEqual([stored.kind, stored.edition, stored.slug, stored.status, stored.published_at], ['page', 'ar', 'about', 'published', NOW]);
    assert.doesNotMatch(stored.body_html, /script/);

    const pub = await a.get('/ar/about/');
    assert.equal(pub.status, 200);
    assert.match(pub.body, /من نحن/);
    assert.match(pub.body, /خبر <strong>منصة<\/strong> إخبارية./);
    assert.equal((await a.get('/ar/2026/03/01/about/')).status, 404, 'a page has no dated article address');
    const short = await a.get(`/?p=${id}`);
    assert.equal(short.status, 301, 'the short link of a page');
    assert.match(String(short.headers.location), /\/ar\/about\/$/);

    const edit = await a.get(`/admin/articles/${id}/edit?saved=published`);
    assert.equal(edit.status, 200);
    assert.match(edit.body, /تحرير الصفحة الثابتة/);
    assert.match(edit.body, /<a href="\/ar\/about\/">/, '«view on site» is the page address');
    assert.doesNotMatch(edit.body, /\/ar\/2026\/03\/01\/about\//);
    const preview = await a.get(`/admin/articles/${id}/preview`);
    assert.equal(preview.status, 200);
    assert.match(preview.body, /من نحن/);
    assert.match(preview.body, /<link rel="canonical" href="[^"]*\/ar\/about\/"/);

    const updated = await a.post(`/admin/articles/${id}/edit`, { ...formFields(edit.body), body: '<p>نص جديد عن المنصة.</p>', action: 'update' });
    assert.equal(updated.status, 303, updated.body.slice(0, 300));
    assert.equal((await row(s, id)).kind, 'page', 'the kind never changes');
    assert.match((await a.get('/ar/about/')).body, /نص جديد عن المنصة./);
    const revisions = await s.repos.revisions.list(id);
    assert.ok(revisions.some((x) => x.bodyHtml.includes('منصة</strong>')), 'the text before the edit is kept as a revision');
    assert.equal((await a.get(`/admin/articles/${id}/revisions`)).status, 200);

    // The list links each page to the editor.
    assert.match((await a.get('/admin/pages?edition=ar')).body, new RegExp(`<a href="/admin/articles/${id}/edit">\\s*<bdi lang="ar">من نحن</bdi>`));
    await s.close();
  });

  it('a page slug is unique among the edition\'s pages (-2), while a post may share it', async () => {
    const s = await adminSite({ clock: fixedClock(NOW) });
    const { a } = await loggedIn(s, 'administrator');
    const first = await create(a, 'page', { title: 'اتصل بنا', slug: 'contact' });
    const second = await create(a, 'page', { title: 'اتصل بنا مجدداً', slug: 'contact' });
    const post = await create(a, 'post', { title: 'خبر', slug: 'contact' });
    assert.deepEqual([(await row(s, first)).slug, (await row(s, second)).slug, (await row(s, post)).slug], ['contact', 'contact-2', 'contact']);
    assert.deepEqual([(await row(s, first)).kind, (await row(s, second)).kind, (await row(s, post)).kind], ['page', 'page', 'post']);
    // The form cannot turn a post into a page.
    const edit = await a.get(`/admin/articles/${post}/edit`);
    assert.match(edit.body, /name="kind" value="post"/);
    const r = await a.post(`/admin/articles/${post}/edit`, { ...formFields(edit.body), kind: 'page', action: 'draft' });
    assert.equal(r.status, 303);
    assert.equal((await row(s, post)).kind, 'post');
    // Words the site's addresses already use would make a page unreachable: refused beside the field, text kept.
    for (const slug of ['search', 'feed', '2024']) {
      const form = await a.get('/admin/articles/new?edition=ar&kind=page');
      const refused = await a.post('/admin/articles/new', { ...formFields(form.body), title: 'صفحة بعنوان محجوز', slug, action: 'draft' });
      assert.equal(refused.status, 400, slug);
      assert.match(refused.body, /صفحة بعنوان محجوز/);
      assert.match(refused.body, /id="slug"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="slug"/, slug);
    }
    await s.close();
  });

  it('authors and contributors get 403 for pages: the form, saves, autosaves, preview and revisions', async () => {
    const s = await adminSite({ clock: fixedClock(NOW) });
    const ed = await loggedIn(s, 'editor');
    const pageId = await create(ed.a, 'page', { title: 'سياسة الخصوصية', slug: 'privacy' });
    const before = await row(s, pageId);
    for (const role of ['author', 'contributor'] as const) {
      const { a, id: userId } = await loggedIn(s, role);
      // Even named on the page (as an import may leave it), they may not write it: pages take page.manage.
      await s.repos.db.kysely.insertInto('article_authors').values({ article_id: pageId, user_id: userId, position: 1 }).execute();
      assert.equal((await a.get('/admin/articles/new?edition=ar&kind=page')).status, 403, `${role}: the new-page form`);
      // The post form with the hidden field turned into a page.
      const postForm = await a.get('/admin/articles/new?edition=ar');
      assert.equal(postForm.status, 200);
      const fields = formFields(postForm.body);
      const created = await a.post('/admin/articles/new', { ...fields, kind: 'page', title: 'صفحة', body: '<p>نص</p>', action: 'draft' });
      assert.equal(created.status, 403, `${role}: creating a page`);
      const auto = await a.post('/admin/articles/new/autosave', { ...fields, kind: 'page', title: 'صفحة', body: '<p>نص</p>' });
      assert.equal(auto.status, 403, `${role}: autosaving a new page`);
      assert.equal((await a.get(`/admin/articles/${pageId}/edit`)).status, 403, `${role}: the page's editor`);
      const edited = await a.post(`/admin/articles/${pageId}/edit`, { ...fields, title: 'مخترقة', version: String(before.version), action: 'draft' });
      assert.equal(edited.status, 403, `${role}: saving a page`);
      const autoEdit = await a.post(`/admin/articles/${pageId}/autosave`, { ...fields, title: 'مخترقة', version: String(before.version) });
      assert.equal(autoEdit.status, 403, `${role}: autosaving a page`);
      assert.equal((await a.get(`/admin/articles/${pageId}/preview`)).status, 403, `${role}: previewing a page`);
      assert.equal((await a.get(`/admin/articles/${pageId}/revisions`)).status, 403, `${role}: a page's revisions`);
      assert.equal((await a.get(`/admin/articles/${pageId}/revisions/compare?from=current&to=current`)).status, 403, `${role}: comparing a page's revisions`);
      const rev = (await s.repos.revisions.list(pageId))[0]!;
      assert.equal((await a.post(`/admin/articles/${pageId}/revisions/${rev.id}/restore`, {})).status, 403, `${role}: restoring a page's revision`);
      // Their own posts still work.
      const own = await a.post('/admin/articles/new', { ...fields, title: 'خبر خاص', body: '<p>نص</p>', action: 'draft' });
      assert.equal(own.status, 303);
      const mine = await row(s, idOf(own.headers.location));
      assert.equal(mine.kind, 'post');
      assert.ok((await s.repos.articles.findById(mine.id))!.authors.some((x) => x.id === userId));
    }
    const after = await row(s, pageId);
    assert.deepEqual([after.title, after.version], [before.title, before.version], 'the page is untouched');
    assert.equal(Number(await s.repos.db.kysely.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'page').executeTakeFirstOrThrow().then((r) => r.n)), 1, 'no page was created');
    await s.close();
  });

  it('a published page stays out of the news: home page, feeds, sitemaps and search', async () => {
    const s = await adminSite({ clock: fixedClock(NOW) });
    const { a } = await loggedIn(s, 'editor');
    const pageId = await create(a, 'page', { title: 'صفحة الشروط والأحكام', slug: 'terms', action: 'publish' });
    await create(a, 'post', { title: 'خبر عاجل اليوم', slug: 'breaking', action: 'publish' });
    assert.equal((await row(s, pageId)).status, 'published');
    assert.equal((await a.get('/ar/terms/')).status, 200);

    const home = await a.get('/ar/');
    assert.match(home.body, /خبر عاجل اليوم/);
    assert.doesNotMatch(home.body, /صفحة الشروط والأحكام/);
    for (const url of ['/ar/feed/', '/ar/feed/atom/']) {
      const feed = await a.get(url);
      assert.equal(feed.status, 200, url);
      assert.match(feed.body, /breaking/, url);
      assert.doesNotMatch(feed.body, /terms|الشروط/, url);
    }
    const month = await a.get('/sitemaps/2026-03.xml');
    assert.equal(month.status, 200);
    assert.match(month.body, /breaking/);
    assert.doesNotMatch(month.body, /terms/);
    const news = await a.get('/news-sitemap.xml');
    assert.doesNotMatch(news.body, /terms|الشروط/);
    const found = await a.get(`/api/v1/search?edition=ar&q=${encodeURIComponent('الشروط والأحكام')}`);
    assert.doesNotMatch(found.body, new RegExp(`"id":${pageId}\\b`));
    await s.close();
  });
});

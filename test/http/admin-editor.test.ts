import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleStatus } from '../../src/domain/article.ts';
import type { Role } from '../../src/domain/user.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { paragraphsToHtml } from '../../src/platform/html/sanitize.ts';
import { editorScriptUrl } from '../../src/web/admin/editor-bundle.ts';
import { adminSite, Agent, type AdminSite, articleRow, formFields, loggedIn } from '../support/admin.ts';

const NOW = '2026-03-01T10:00:00.000Z';

async function site() {
  const s = await adminSite({ clock: fixedClock(NOW) });
  await s.repos.write((tx) => s.repos.taxonomies.upsertCategory(tx, { edition: 'ar', slug: 'economy', name: 'اقتصاد', description: '', position: 0 }), { invalidates: [] });
  return s;
}

async function article(s: AdminSite, authorSlug: string, status: ArticleStatus = 'draft', title = 'خبر قديم'): Promise<number> {
  return s.articles.save({
    edition: 'ar',
    title,
    bodyHtml: paragraphsToHtml(['النص الأول']),
    status,
    publishedAt: status === 'published' || status === 'trash' ? '2026-02-01T10:00:00Z' : null,
    commentStatus: 'open',
    authorSlugs: [authorSlug],
  });
}

const row = articleRow;

describe('the article editor', () => {
  it('writes an Arabic article in the plain form: sanitised body, sections, new tags, co-author, photo with alt, caption and credit', async () => {
    const s = await site();
    const { a, id: editorId } = await loggedIn(s, 'editor', 'ليلى');
    const coAuthor = await s.user('author', 'سامي');
    const list = await a.get('/admin/articles');
    assert.match(list.body, /href="\/admin\/articles\/new"/, 'the list offers «New article»');
    const page = await a.get('/admin/articles/new');
    assert.equal(page.status, 200);
    assert.match(page.body, /<form id="article-form"[^>]* method="post"[^>]* data-autosave-url="\/admin\/articles\/new\/autosave" data-media-url="\/admin\/media.json"/);
    assert.match(page.body, /<textarea id="article-body" name="body"[^>]*data-rich-editor/);
    const script = editorScriptUrl();
    // The rich-text bundle enhances the form when it is built; the form never depends on it.
    if (script) assert.ok(page.body.includes(`<script type="module" src="${script}"></script>`));
    else assert.doesNotMatch(page.body, /<script/);
    const economy = await s.repos.taxonomies.categoryBySlug('ar', 'economy');
    const r = await a.post('/admin/articles/new', {
      ...formFields(page.body),
      title: 'افتتاح معرض الكتاب في عمّان',
      body: '<p>افتُتح المعرض <strong>اليوم</strong>.<script>alert(1)</script></p><p onclick="x()">فقرة ثانية</p>',
      categories: String(economy!.id),
      tags: 'كتب، ثقافة, عمّان',
      authors: [String(editorId), String(coAuthor.id)],
      featured_image_url: '/media/2026/03/fair.jpg',
      featured_image_alt: 'زوار في أروقة المعرض',
      featured_image_caption: 'الجناح الرئيسي',
      featured_image_credit: 'تصوير: خبر',
      comment_status: 'closed',
      action: 'publish',
    });
    assert.equal(r.status, 303);
    const id = Number(/\/admin\/articles\/(\d+)\/edit\?saved=published/.exec(String(r.headers.location))?.[1]);
    const stored = await row(s, id);
    assert.equal(stored.status, 'published');
    assert.equal(stored.published_at, NOW, 'published now when no date is given');
    assert.equal(stored.slug, 'افتتاح-معرض-الكتاب-في-عمان');
    assert.doesNotMatch(stored.body_html, /script|onclick/);
    assert.match(stored.body_html, /<strong>اليوم<\/strong>/);
    assert.equal(stored.comment_status, 'closed');
    assert.deepEqual([stored.featured_image_url, stored.featured_image_alt, stored.featured_image_caption, stored.featured_image_credit], ['/media/2026/03/fair.jpg', 'زوار في أروقة المعرض', 'الجناح الرئيسي', 'تصوير: خبر']);
    const full = (await s.repos.articles.findById(id))!;
    assert.deepEqual(full.tags.map((t) => t.name).sort(), ['ثقافة', 'عمّان', 'كتب'].sort());
    assert.deepEqual(full.authors.map((x) => x.name), ['ليلى', 'سامي']);
    assert.deepEqual(full.categories.map((c) => c.slug), ['economy']);

    const edit = await a.get(String(r.headers.location));
    assert.match(edit.body, /نُشر المقال/);
    assert.match(edit.body, /name="version" value="\d+"/);
    const pub = await a.get(`/ar/2026/03/01/${encodeURIComponent(stored.slug)}/`);
    assert.equal(pub.status, 200);
    assert.match(pub.body, /افتتاح معرض الكتاب في عمّان/);
    // The search index follows the save.
    const found = await a.get(`/api/v1/search?edition=ar&q=${encodeURIComponent('معرض الكتاب')}`);
    assert.match(found.body, new RegExp(`"id":${id}`));
    // The list's titles open the editor.
    assert.match((await a.get('/admin/articles')).body, new RegExp(`<a href="/admin/articles/${id}/edit">افتتاح معرض`));
    await s.close();
  });

  it('refused input comes back with everything typed and a message beside the field', async () => {
    const s = await site();
    const { a } = await loggedIn(s, 'author');
    const page = await a.get('/admin/articles/new');
    const typed = { ...formFields(page.body), title: '   ', body: '<p>نص طويل كتبته <b>بعناية</b> & صبر</p>', tags: 'وسم', action: 'draft' };
    const noTitle = await a.post('/admin/articles/new', typed);
    assert.equal(noTitle.status, 400);
    assert.match(noTitle.body, /<p class="field-error" id="title-error">هذا الحقل مطلوب.<\/p>/);
    assert.match(noTitle.body, /aria-invalid="true" aria-describedby="title-error"/);
    assert.match(noTitle.body, /&lt;p>نص طويل كتبته &lt;b>بعناية&lt;\/b> &amp; صبر&lt;\/p>|&lt;p&gt;نص طويل كتبته &lt;b&gt;بعناية&lt;\/b&gt; &amp; صبر&lt;\/p&gt;/, 'the body is kept, escaped');
    assert.match(noTitle.body, /name="tags" type="text" value="وسم"/);

    const noAlt = await a.post('/admin/articles/new', { ...typed, title: 'عنوان', featured_image_url: 'https://img.example.org/a.jpg' });
    assert.equal(noAlt.status, 400);
    assert.match(noAlt.body, /id="featured_image_alt-error">النص البديل مطلوب مع الصورة/);
    assert.match(noAlt.body, /value="https:\/\/img.example.org\/a.jpg"/);
    const badUrl = await a.post('/admin/articles/new', { ...typed, title: 'عنوان', featured_image_url: 'javascript:alert(1)', featured_image_alt: 'x' });
    assert.match(badUrl.body, /id="featured_image_url-error"/);
    const badDate = await a.post('/admin/articles/new', { ...typed, title: 'عنوان', publish_at: '2026-02-30T10:00' });
    assert.equal(badDate.status, 400);
    assert.match(badDate.body, /id="publish_at-error">تاريخ ووقت غير صالحين/);
    const badSlug = await a.post('/admin/articles/new', { ...typed, title: 'عنوان', slug: '!!!' });
    assert.match(badSlug.body, /id="slug-error"/);
    const noAction = await a.post('/admin/articles/new', { ...typed, title: 'عنوان', action: 'explode' });
    assert.equal(noAction.status, 400);
    assert.equal(Number((await s.repos.articles.count())), 0, 'nothing was written');
    // An expired form token: the same form again, with the text.
    const expired = await a.post('/admin/articles/new', { ...typed, title: 'عنوان محفوظ', _csrf: 'stale' });
    assert.equal(expired.status, 403);
    assert.match(expired.body, /انتهت صلاحية النموذج/);
    assert.match(expired.body, /value="عنوان محفوظ"/);
    await s.close();
  });

  it('a taken slug gets -2, -3 in the same edition; another edition may use it', async () => {
    const s = await site();
    const { a } = await loggedIn(s, 'editor');
    const post = async (form: Record<string, string>) => {
      const page = await a.get(`/admin/articles/new?edition=${form.edition ?? 'ar'}`);
      const r = await a.post('/admin/articles/new', { ...formFields(page.body), body: '<p>نص</p>', action: 'draft', ...form });
      assert.equal(r.status, 303, r.body.slice(0, 200));
      return (await row(s, Number(/articles\/(\d+)\//.exec(String(r.headers.location))![1]))).slug;
    };
    assert.equal(await post({ title: 'أسعار النفط' }), 'أسعار-النفط');
    assert.equal(await post({ title: 'أسعار النفط' }), 'أسعار-النفط-2');
    assert.equal(await post({ title: 'عنوان آخر', slug: 'أسعار النفط' }), 'أسعار-النفط-3', 'a typed slug is made a slug and suffixed');
    assert.equal(await post({ title: 'Oil prices', slug: 'أسعار-النفط', edition: 'en' }), 'أسعار-النفط');
    await s.close();
  });

  it('schedules in the edition time zone: a future time is scheduled, converted to UTC', async () => {
    const s = await site();
    const { a } = await loggedIn(s, 'author');
    const page = await a.get('/admin/articles/new');
    // 14:30 in Riyadh (UTC+3) is 11:30 UTC, after NOW (10:00 UTC).
    const r = await a.post('/admin/articles/new', { ...formFields(page.body), title: 'موعد', body: '<p>نص</p>', publish_at: '2026-03-01T14:30', action: 'publish' });
    assert.equal(r.status, 303);
    assert.match(String(r.headers.location), /saved=scheduled/);
    const id = Number(/articles\/(\d+)\//.exec(String(r.headers.location))![1]);
    const stored = await row(s, id);
    assert.deepEqual([stored.status, stored.published_at], ['scheduled', '2026-03-01T11:30:00.000Z']);
    const edit = await a.get(`/admin/articles/${id}/edit`);
    assert.match(edit.body, /name="publish_at" type="datetime-local" value="2026-03-01T14:30"/, 'shown again in Riyadh time');
    await s.close();
  });

  it('links translations: both articles share a group and the public pages point at each other', async () => {
    const s = await site();
    const { a, slug } = await loggedIn(s, 'editor');
    const en = await s.articles.save({ edition: 'en', title: 'Book fair opens', bodyHtml: '<p>Text</p>', status: 'published', publishedAt: '2026-02-28T10:00:00Z', commentStatus: 'open', authorSlugs: [slug] });
    const page = await a.get('/admin/articles/new');
    assert.match(page.body, new RegExp(`<select id="translation_en" name="translation_en" lang="en" dir="ltr">[\\s\\S]*<option value="${en}">Book fair opens`));
    const r = await a.post('/admin/articles/new', { ...formFields(page.body), title: 'افتتاح المعرض', body: '<p>نص</p>', translation_en: String(en), action: 'publish' });
    const id = Number(/articles\/(\d+)\//.exec(String(r.headers.location))![1]);
    const [ar, other] = [await row(s, id), await row(s, en)];
    assert.ok(ar.translation_group);
    assert.equal(other.translation_group, ar.translation_group);
    const pub = await a.get(`/ar/2026/03/01/${encodeURIComponent(ar.slug)}/`);
    assert.match(pub.body, /hreflang="en"/);
    // Unlinking: choosing "none" takes the other article out of the group.
    const edit = await a.get(`/admin/articles/${id}/edit`);
    assert.match(edit.body, new RegExp(`<option value="${en}" selected`));
    await a.post(`/admin/articles/${id}/edit`, { ...formFields(edit.body), translation_en: '', action: 'update' });
    assert.equal((await row(s, en)).translation_group, null);
    await s.close();
  });
});

// Each role × each editor button, on the user's own article and on someone else's.
// ✓ = done (303), ✗ = refused (403). From WordPress's roles (see capabilities.ts).
const CASES: [string, ArticleStatus | 'new', ArticleStatus][] = [
  // action, stored status before, status after
  ['draft', 'new', 'draft'],
  ['submit', 'new', 'pending'],
  ['publish', 'new', 'published'],
  ['draft', 'draft', 'draft'],
  ['submit', 'draft', 'pending'],
  ['publish', 'pending', 'published'],
  ['update', 'published', 'published'],
  ['unpublish', 'published', 'draft'],
  ['trash', 'draft', 'trash'],
  ['trash', 'published', 'trash'],
  ['restore', 'trash', 'draft'],
];
const EXPECTED: Record<Role, { own: string; other: string }> = {
  // own: all 11 cases; other: the 8 on an existing article
  administrator: { own: '✓✓✓✓✓✓✓✓✓✓✓', other: '✓✓✓✓✓✓✓✓' },
  editor: { own: '✓✓✓✓✓✓✓✓✓✓✓', other: '✓✓✓✓✓✓✓✓' },
  author: { own: '✓✓✓✓✓✓✓✓✓✓✓', other: '✗✗✗✗✗✗✗✗' },
  contributor: { own: '✓✓✗✓✓✗✗✗✓✗✓', other: '✗✗✗✗✗✗✗✗' },
};

describe('server-side capability checks: each role × each editor action', () => {
  for (const role of Object.keys(EXPECTED) as Role[]) {
    it(role, async () => {
      const s = await site();
      const me = await loggedIn(s, role);
      const someone = await s.user('author', 'someone else');
      const got = { own: '', other: '' };
      for (const which of ['own', 'other'] as const) {
        for (const [action, from, to] of CASES) {
          if (from === 'new' && which === 'other') continue;
          const id = from === 'new' ? null : await article(s, which === 'own' ? me.slug : someone.slug, from);
          // Forms come from an editor page the user may not be allowed to open: build the fields.
          const version = id === null ? undefined : String((await row(s, id)).version);
          await me.a.get('/admin/articles/new');
          const r = await me.a.post(id === null ? '/admin/articles/new' : `/admin/articles/${id}/edit`, {
            title: `نص ${role} ${action}`, body: '<p>كتبت هذا</p>', edition: 'ar', comment_status: 'open', action, ...(version && { version }),
          });
          const after = id === null ? (r.status === 303 ? (await row(s, Number(/articles\/(\d+)\//.exec(String(r.headers.location))![1]))).status : null) : (await row(s, id)).status;
          if (r.status === 303) assert.equal(after, to, `${role} ${action} ${which} ${from}`);
          else {
            assert.equal(r.status, 403, `${role} ${action} ${which} ${from}: ${r.status}`);
            if (id !== null) assert.equal(after, from, 'refused: unchanged');
            assert.match(r.body, /لا تملك صلاحية/);
            assert.match(r.body, new RegExp(`value="نص ${role} ${action}"`), 'the typed title is shown again');
            assert.match(r.body, /&lt;p>كتبت هذا&lt;\/p>|&lt;p&gt;كتبت هذا/, 'and the typed body');
          }
          got[which] += r.status === 303 ? '✓' : r.status === 403 ? '✗' : `(${r.status})`;
        }
      }
      assert.deepEqual(got, EXPECTED[role]);
      await s.close();
    });
  }

  it('a button that does not apply to the state is refused (400), and another author’s article cannot be opened', async () => {
    const s = await site();
    const me = await loggedIn(s, 'author');
    const other = await s.user('author', 'other');
    const mine = await article(s, me.slug, 'published');
    const page = await me.a.get(`/admin/articles/${mine}/edit`);
    assert.match(page.body, /value="update"/);
    assert.doesNotMatch(page.body, /value="publish"/, 'a published article offers Update, not Publish');
    const r = await me.a.post(`/admin/articles/${mine}/edit`, { ...formFields(page.body), action: 'restore' });
    assert.equal(r.status, 400);
    assert.match(r.body, /id="action-error">هذا الإجراء لا ينطبق/);
    const theirs = await article(s, other.slug, 'draft');
    assert.equal((await me.a.get(`/admin/articles/${theirs}/edit`)).status, 403);
    assert.equal((await me.a.get('/admin/articles/999999/edit')).status, 404);
    const c = await loggedIn(s, 'contributor');
    const cPage = await c.a.get('/admin/articles/new');
    assert.doesNotMatch(cPage.body, /value="publish"/, 'a contributor is not offered Publish');
    await s.close();
  });
});

describe('two people saving the same article', () => {
  it('the second save is refused (409), keeps its text in the form and as a revision, and overwrites nothing', async () => {
    const s = await site();
    const first = await loggedIn(s, 'editor', 'الأولى');
    const second = await loggedIn(s, 'editor', 'الثاني');
    const id = await article(s, first.slug, 'draft', 'عنوان');
    const pageA = await first.a.get(`/admin/articles/${id}/edit`);
    const pageB = await second.a.get(`/admin/articles/${id}/edit`);
    const saved = await first.a.post(`/admin/articles/${id}/edit`, { ...formFields(pageA.body), body: '<p>نص الأولى</p>', action: 'draft' });
    assert.equal(saved.status, 303);
    const refused = await second.a.post(`/admin/articles/${id}/edit`, { ...formFields(pageB.body), body: '<p>نص الثاني</p>', action: 'draft' });
    assert.equal(refused.status, 409);
    assert.match(refused.body, /عدّل شخص آخر هذا المقال بعد أن فتحته/);
    assert.match(refused.body, /&lt;p>نص الثاني&lt;\/p>|&lt;p&gt;نص الثاني/, 'the refused text is still in the form');
    assert.equal((await row(s, id)).body_html, '<p>نص الأولى</p>', 'the first save stands');
    const revisions = await s.repos.revisions.list(id);
    assert.deepEqual(revisions.map((r) => [r.kind, r.bodyHtml]), [
      ['conflict', '<p>نص الثاني</p>'],
      ['save', '<p>نص الأولى</p>'],
      ['original', '<p>النص الأول</p>'], // the text it had before the editor first saved it
    ]);
    // The compare link shows both texts, the saved one first.
    const compareUrl = /href="(\/admin\/articles\/\d+\/revisions\/compare\?[^"]+)"/.exec(refused.body)![1]!.replace(/&amp;/g, '&');
    const compare = await second.a.get(compareUrl);
    assert.equal(compare.status, 200);
    assert.match(compare.body, /<del>الأولى<\/del>/);
    assert.match(compare.body, /<ins>الثاني<\/ins>/);
    // Saving the re-shown form again is a deliberate choice: it now carries the current version.
    const again = await second.a.post(`/admin/articles/${id}/edit`, { ...formFields(refused.body), action: 'draft' });
    assert.equal(again.status, 303);
    assert.equal((await row(s, id)).body_html, '<p>نص الثاني</p>');
    // A form without any version cannot overwrite either.
    const { version: _v, ...noVersion } = formFields((await first.a.get(`/admin/articles/${id}/edit`)).body);
    assert.equal((await first.a.post(`/admin/articles/${id}/edit`, { ...noVersion, action: 'draft' })).status, 409);
    await s.close();
  });

  it('of two saves arriving at the same moment from the same version, exactly one wins', async () => {
    const s = await site();
    const one = await loggedIn(s, 'editor');
    const two = await loggedIn(s, 'editor');
    const id = await article(s, one.slug, 'draft');
    const [f1, f2] = [formFields((await one.a.get(`/admin/articles/${id}/edit`)).body), formFields((await two.a.get(`/admin/articles/${id}/edit`)).body)];
    const results = await Promise.all([
      one.a.post(`/admin/articles/${id}/edit`, { ...f1, body: '<p>واحد</p>', action: 'draft' }),
      two.a.post(`/admin/articles/${id}/edit`, { ...f2, body: '<p>اثنان</p>', action: 'draft' }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), [303, 409]);
    const winner = results[0]!.status === 303 ? '<p>واحد</p>' : '<p>اثنان</p>';
    assert.equal((await row(s, id)).body_html, winner);
    assert.deepEqual((await s.repos.revisions.list(id)).map((r) => r.kind), ['conflict', 'save', 'original'], 'the loser’s text is kept too');
    await s.close();
  });

  it('a status change from the article list also makes an open form stale', async () => {
    const s = await site();
    const ed = await loggedIn(s, 'editor');
    const id = await article(s, ed.slug, 'draft');
    const page = await ed.a.get(`/admin/articles/${id}/edit`);
    await ed.a.get('/admin/articles');
    await ed.a.post('/admin/articles/bulk', { action: 'pending', ids: [String(id)] });
    const r = await ed.a.post(`/admin/articles/${id}/edit`, { ...formFields(page.body), action: 'draft' });
    assert.equal(r.status, 409);
    assert.equal((await row(s, id)).status, 'pending');
    await s.close();
  });
});

describe('revisions', () => {
  it('every save is kept; two compare side by side word by word (escaped, in the article’s direction); one can be restored', async () => {
    const s = await site();
    const ed = await loggedIn(s, 'editor');
    let page = await ed.a.get('/admin/articles/new');
    const created = await ed.a.post('/admin/articles/new', { ...formFields(page.body), title: 'زيارة الوفد', body: '<p>وصل الوفد إلى الرياض صباح الجمعة</p>', action: 'draft' });
    const id = Number(/articles\/(\d+)\//.exec(String(created.headers.location))![1]);
    page = await ed.a.get(`/admin/articles/${id}/edit`);
    await ed.a.post(`/admin/articles/${id}/edit`, { ...formFields(page.body), title: 'زيارة الوفد <script>', body: '<p>وصل الوفد الاقتصادي إلى جدة صباح الجمعة</p>', action: 'draft' });
    const list = await ed.a.get(`/admin/articles/${id}/revisions`);
    assert.equal(list.status, 200);
    const ids = [...list.body.matchAll(/data-revision="(\d+)"/g)].map((m) => Number(m[1]));
    assert.equal(ids.length, 2);
    assert.ok(ids[0]! > ids[1]!, 'newest first');
    const [newer, older] = ids as [number, number];
    const compare = await ed.a.get(`/admin/articles/${id}/revisions/compare?from=${newer}&to=${older}`);
    assert.equal(compare.status, 200);
    assert.match(compare.body, /<div class="diff-cell diff-before" lang="ar" dir="rtl">وصل الوفد إلى <del>الرياض<\/del> صباح الجمعة/);
    assert.match(compare.body, /<div class="diff-cell diff-after" lang="ar" dir="rtl">وصل الوفد <ins>الاقتصادي <\/ins>إلى <ins>جدة<\/ins> صباح الجمعة/);
    assert.match(compare.body, /<ins> &lt;script><\/ins>|<ins> &lt;script&gt;<\/ins>/, 'text is escaped');
    assert.doesNotMatch(compare.body, /<script>/);

    await ed.a.get(`/admin/articles/${id}/revisions`);
    const restored = await ed.a.post(`/admin/articles/${id}/revisions/${older}/restore`, {});
    assert.equal(restored.status, 303);
    const now = await row(s, id);
    assert.deepEqual([now.title, now.body_html], ['زيارة الوفد', '<p>وصل الوفد إلى الرياض صباح الجمعة</p>']);
    const kinds = (await s.repos.revisions.list(id)).map((r) => r.kind);
    assert.deepEqual(kinds, ['restore', 'save', 'save']);
    assert.equal((await ed.a.get(`/admin/articles/${id}/revisions/compare?from=${older}&to=99999`)).status, 404);
    await s.close();
  });

  it('only those who may edit the article see or restore its revisions', async () => {
    const s = await site();
    const owner = await loggedIn(s, 'author');
    const other = await loggedIn(s, 'author', 'other');
    const id = await article(s, owner.slug, 'draft');
    const page = await owner.a.get(`/admin/articles/${id}/edit`);
    await owner.a.post(`/admin/articles/${id}/edit`, { ...formFields(page.body), action: 'draft' });
    const [rev] = await s.repos.revisions.list(id);
    assert.equal((await other.a.get(`/admin/articles/${id}/revisions`)).status, 403);
    await other.a.get('/admin/articles');
    assert.equal((await other.a.post(`/admin/articles/${id}/revisions/${rev!.id}/restore`, {})).status, 403);
    assert.equal((await other.a.get(`/admin/articles/${id}/revisions/compare?from=${rev!.id}&to=current`)).status, 403);
    await s.close();
  });
});

describe('preview', () => {
  it('shows the saved draft in the public article template, privately, to those who may edit it', async () => {
    const s = await site();
    const owner = await loggedIn(s, 'author', 'كاتبة');
    const id = await article(s, owner.slug, 'draft', 'مسودة للمعاينة');
    const r = await owner.a.get(`/admin/articles/${id}/preview`);
    assert.equal(r.status, 200);
    assert.equal(r.headers['cache-control'], 'no-store');
    assert.match(String(r.headers['x-robots-tag']), /noindex/);
    assert.match(r.body, /<meta name="robots" content="noindex/);
    assert.match(r.body, /<article class="article" id="post-\d+">/);
    assert.match(r.body, /<h1>مسودة للمعاينة<\/h1>/);
    assert.match(r.body, /<html lang="ar" dir="rtl"/);
    const other = await loggedIn(s, 'author', 'other');
    assert.equal((await other.a.get(`/admin/articles/${id}/preview`)).status, 403);
    const editor = await loggedIn(s, 'editor');
    assert.equal((await editor.a.get(`/admin/articles/${id}/preview`)).status, 200);
    const anon = new Agent(s.app);
    assert.equal((await anon.get(`/admin/articles/${id}/preview`)).status, 303);
    // The draft itself is not public.
    assert.equal((await anon.get(`/?p=${id}`)).status, 404);
    await s.close();
  });
});

describe('autosave', () => {
  const autosave = (a: Agent, url: string, form: Record<string, string | string[]>) => a.post(url, form);

  it('updates a draft in place and answers JSON with the new version', async () => {
    const s = await site();
    const ed = await loggedIn(s, 'author');
    const id = await article(s, ed.slug, 'draft');
    const page = await ed.a.get(`/admin/articles/${id}/edit`);
    assert.match(page.body, new RegExp(`data-autosave-url="/admin/articles/${id}/autosave"`));
    const fields = formFields(page.body);
    const counter = await s.repos.changes.read();
    const r = await autosave(ed.a, `/admin/articles/${id}/autosave`, { ...fields, body: '<p>مسودة محفوظة تلقائياً</p>' });
    assert.equal(r.status, 200);
    const json = JSON.parse(r.body);
    assert.equal(json.ok, true);
    assert.equal(json.savedAt, NOW);
    assert.equal(json.version, Number(fields.version) + 1);
    assert.equal((await row(s, id)).body_html, '<p>مسودة محفوظة تلقائياً</p>');
    assert.equal(await s.repos.changes.read(), counter, 'a draft is not public: the public page caches stay warm');
    // The next autosave carries the new version; a stale one is a conflict.
    const again = JSON.parse((await autosave(ed.a, `/admin/articles/${id}/autosave`, { ...fields, version: String(json.version), body: '<p>ثانية</p>' })).body);
    assert.equal(again.ok, true);
    const stale = await autosave(ed.a, `/admin/articles/${id}/autosave`, { ...fields, body: '<p>قديمة</p>' });
    assert.equal(stale.status, 409);
    const sj = JSON.parse(stale.body);
    assert.deepEqual([sj.ok, sj.conflict], [false, true]);
    assert.equal((await row(s, id)).body_html, '<p>ثانية</p>');
    // Autosaves keep one rolling revision per writer, holding the latest text (the refused one too).
    const autos = (await s.repos.revisions.list(id)).filter((x) => x.kind === 'autosave');
    assert.deepEqual(autos.map((x) => x.bodyHtml), ['<p>قديمة</p>']);
    const bad = JSON.parse((await autosave(ed.a, `/admin/articles/${id}/autosave`, { ...fields, version: String(again.version), title: '' })).body);
    assert.deepEqual([bad.ok, bad.field], [false, 'title']);
    const noToken = await autosave(ed.a, `/admin/articles/${id}/autosave`, { ...fields, _csrf: 'x' });
    assert.equal(noToken.status, 403);
    assert.equal(JSON.parse(noToken.body).ok, false);
    await s.close();
  });

  it('never changes a published article: it keeps an autosave revision only', async () => {
    const s = await site();
    const ed = await loggedIn(s, 'editor');
    const id = await article(s, ed.slug, 'published', 'منشور');
    const before = await row(s, id);
    const page = await ed.a.get(`/admin/articles/${id}/edit`);
    const r = JSON.parse((await autosave(ed.a, `/admin/articles/${id}/autosave`, { ...formFields(page.body), title: 'منشور معدّل', body: '<p>تعديل لم يُنشر</p>' })).body);
    assert.deepEqual([r.ok, r.version], [true, before.version]);
    const after = await row(s, id);
    assert.deepEqual([after.title, after.body_html, after.version], [before.title, before.body_html, before.version]);
    const [rev] = await s.repos.revisions.list(id);
    assert.deepEqual([rev!.kind, rev!.title], ['autosave', 'منشور معدّل']);
    // Reopening the editor says there is a newer autosave, and compares it with the live text.
    const reopened = await ed.a.get(`/admin/articles/${id}/edit`);
    assert.match(reopened.body, /يوجد حفظ تلقائي أحدث/);
    const link = new RegExp(`href="/admin/articles/${id}/revisions/compare\\?from=current&amp;to=${rev!.id}"`);
    assert.match(reopened.body, link);
    await s.close();
  });

  it('creates the draft on the first autosave of a new article', async () => {
    const s = await site();
    const ed = await loggedIn(s, 'contributor');
    const page = await ed.a.get('/admin/articles/new');
    const r = await autosave(ed.a, '/admin/articles/new/autosave', { ...formFields(page.body), title: 'بداية', body: '<p>سطر</p>' });
    const json = JSON.parse(r.body);
    assert.equal(json.ok, true);
    assert.match(json.editUrl, /^\/admin\/articles\/\d+\/edit$/);
    assert.equal((await row(s, json.id)).status, 'draft');
    const other = await loggedIn(s, 'contributor', 'other');
    const page2 = await other.a.get('/admin/articles/new');
    const refused = await autosave(other.a, `/admin/articles/${json.id}/autosave`, { ...formFields(page2.body), title: 'x', version: '1' });
    assert.equal(refused.status, 403);
    await s.close();
  });
});

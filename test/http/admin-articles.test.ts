import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleStatus } from '../../src/domain/article.ts';
import type { Role } from '../../src/domain/user.ts';
import { paragraphsToHtml } from '../../src/platform/html/sanitize.ts';
import type { BulkAction } from '../../src/services/articles/workflow.ts';
import { SEED_LIKE_ID, writeNewsroom } from '../fixtures/newsroom.ts';
import { adminSite, Agent, type AdminSite } from '../support/admin.ts';

async function draft(s: AdminSite, title: string, authorSlug: string, edition = 'ar', status: ArticleStatus = 'draft'): Promise<number> {
  return s.articles.save({
    edition,
    title,
    bodyHtml: paragraphsToHtml(['نص']),
    status,
    publishedAt: status === 'published' ? '2026-01-01T10:00:00Z' : null,
    commentStatus: 'open',
    authorSlugs: [authorSlug],
  });
}

async function statusOf(s: AdminSite, id: number): Promise<string> {
  const row = await s.repos.db.kysely.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow();
  return row.status;
}

/** Titles of the rows in a list page, in order. */
function titles(html: string): string[] {
  return [...html.matchAll(/<th scope="row" class="title"><bdi lang="[\w-]+">(?:<a [^>]*>)?([^<]+)/g)].map((m) => m[1]!);
}

describe('the newsroom article list', () => {
  it('filters by status, edition, category, author and title text', async () => {
    const s = await adminSite();
    await writeNewsroom(s);
    const ed = await s.user('editor');
    await draft(s, 'مسودة عن الطاقة 100% تجريبية', ed.slug);
    const a = new Agent(s.app);
    await a.login(ed.email);

    const all = await a.get('/admin/articles');
    assert.equal(all.status, 200);
    assert.equal(titles(all.body).length, 5);
    assert.equal(titles((await a.get('/admin/articles?status=draft')).body).join(), 'مسودة عن الطاقة 100% تجريبية');
    assert.deepEqual(titles((await a.get('/admin/articles?edition=en')).body), ['Delegation signs a 12-point memorandum in Riyadh']);
    const science = await s.repos.taxonomies.categoryBySlug('ar', 'science');
    assert.deepEqual(titles((await a.get(`/admin/articles?category=${science!.id}`)).body), ['تلسكوب جديد يرصد مذنباً نادراً']);
    const salma = await s.repos.users.authorBySlug('salma-nour');
    assert.equal(titles((await a.get(`/admin/articles?author=${salma!.id}`)).body).length, 2);
    assert.equal(titles((await a.get(`/admin/articles?q=${encodeURIComponent('الطاقة')}`)).body).length, 2);
    assert.equal(titles((await a.get(`/admin/articles?q=${encodeURIComponent('100%')}`)).body).length, 1, '% is literal');
    assert.equal(titles((await a.get('/admin/articles?q=MEMORANDUM')).body).length, 1, 'case-insensitive');
    // Unknown filter values are ignored rather than failing the page.
    assert.equal((await a.get('/admin/articles?status=bogus&category=99999&page=-1')).status, 200);
    const typed = await a.get(`/admin/articles?q=${encodeURIComponent('<b>')}`);
    assert.match(typed.body, /value="&lt;b>"|value="&lt;b&gt;"/, 'the typed text is shown again, escaped');
    await s.close();
  });

  it('sorts newest first by default, and by title, author, status or date either way from the column headings', async () => {
    const s = await adminSite();
    const ed = await s.user('editor', 'Amal');
    const other = await s.user('author', 'Zaid');
    const save = (title: string, publishedAt: string, author: string, status: ArticleStatus = 'published') =>
      s.articles.save({ edition: 'ar', title, bodyHtml: paragraphsToHtml(['نص']), status, publishedAt: status === 'draft' ? null : publishedAt, commentStatus: 'open', authorSlugs: [author] });
    // Written oldest last: an id order would not be a date order.
    await save('بـ الثاني', '2026-02-01T10:00:00Z', other.slug);
    await save('جـ الأحدث', '2026-03-01T10:00:00Z', ed.slug);
    await save('أ الأقدم', '2026-01-01T10:00:00Z', ed.slug);
    const a = new Agent(s.app);
    await a.login(ed.email);

    const list = await a.get('/admin/articles');
    assert.deepEqual(titles(list.body), ['جـ الأحدث', 'بـ الثاني', 'أ الأقدم']);
    assert.match(list.body, /<th scope="col" aria-sort="descending" class="sortable"><a href="\/admin\/articles\?orderby=date&amp;order=asc"/, 'the date column says how the list is sorted, and its link reverses it');
    assert.deepEqual(titles((await a.get('/admin/articles?orderby=date&order=asc')).body), ['أ الأقدم', 'بـ الثاني', 'جـ الأحدث']);
    assert.deepEqual(titles((await a.get('/admin/articles?orderby=title')).body), ['أ الأقدم', 'بـ الثاني', 'جـ الأحدث'], 'in Arabic alphabetical order');
    assert.deepEqual(titles((await a.get('/admin/articles?orderby=title&order=desc')).body), ['جـ الأحدث', 'بـ الثاني', 'أ الأقدم']);
    const byAuthor = titles((await a.get('/admin/articles?orderby=author&order=desc')).body);
    assert.equal(byAuthor[0], 'بـ الثاني', `Zaid's article first (${byAuthor.join(' | ')})`);
    await save('د مسودة', '', ed.slug, 'draft');
    assert.equal(titles((await a.get('/admin/articles?orderby=status')).body)[0], 'د مسودة', 'draft before published');
    // Sorting keeps the filters, and a filter keeps the sort (and both survive paging).
    const filtered = await a.get(`/admin/articles?orderby=title&status=published&q=${encodeURIComponent('ال')}`);
    assert.deepEqual(titles(filtered.body), ['أ الأقدم', 'بـ الثاني', 'جـ الأحدث']);
    assert.match(filtered.body, /href="\/admin\/articles\?status=published&amp;q=[^"&]*&amp;orderby=author&amp;order=asc"/);
    assert.match(filtered.body, /href="\/admin\/articles\?status=published&amp;q=[^"&]*" title="[^"]*">التاريخ/, 'back to the default sort: no sort in the address');
    // Unknown sort values fall back to the default rather than failing.
    const fallback = await a.get('/admin/articles?orderby=bogus&order=sideways');
    assert.equal(fallback.status, 200);
    assert.deepEqual(titles(fallback.body), titles((await a.get('/admin/articles')).body));
    await s.close();
  });

  it('the dashboard shows what needs attention: held comments, waiting for review, my drafts, scheduled, published lately and how it is read', async () => {
    const s = await adminSite();
    await writeNewsroom(s);
    const ed = await s.user('editor', 'Amal');
    const au = await s.user('author', 'Zaid');
    await draft(s, 'مسودتي عن الطاقة', ed.slug);
    await draft(s, 'مسودة زيد', au.slug);
    await draft(s, 'مقال زيد للمراجعة', au.slug, 'ar', 'pending');
    await s.repos.views.add([{ articleId: SEED_LIKE_ID, day: '2026-01-01', views: 1234 }]);
    await s.repos.write((tx) => s.repos.comments.insert(tx, {
      articleId: SEED_LIKE_ID, parentId: null, authorName: 'قارئ', authorEmail: 'r@example.org', authorUrl: '', body: 'تعليق محجوز', status: 'pending',
      ip: '192.0.2.1', userAgent: 'test', createdAt: '2026-01-01T10:00:00.000Z', emailHash: 'a'.repeat(64), bodyHash: 'b'.repeat(64),
    }), { invalidates: [] });

    const editor = new Agent(s.app);
    await editor.login(ed.email);
    const page = (await editor.get('/admin/')).body;
    const block = (id: string) => page.slice(page.indexOf(`id="dash-${id}"`), page.indexOf('</section>', page.indexOf(`id="dash-${id}"`)));
    assert.match(page, /<a href="\/admin\/comments">تعليقات بانتظار الموافقة: 1<\/a>/);
    assert.ok(block('pending').includes('مقال زيد للمراجعة'), 'an editor reviews everyone’s submissions');
    assert.ok(block('drafts').includes('مسودتي عن الطاقة') && !block('drafts').includes('مسودة زيد'), 'my drafts are mine');
    assert.ok(block('published').includes('المشاهدات: 1234'), 'how it is read');
    assert.ok(block('scheduled').includes('لا شيء هنا الآن.'));
    assert.match(page, /<a class="button" href="\/admin\/articles\/new">مقال جديد<\/a>/);

    const author = new Agent(s.app);
    await author.login(au.email);
    const own = (await author.get('/admin/')).body;
    assert.ok(!own.includes('تعليقات بانتظار الموافقة'), 'no comment queue for those who do not moderate');
    assert.ok(own.includes('مقال زيد للمراجعة') && own.includes('مسودة زيد') && !own.includes('مسودتي عن الطاقة'));
    await s.close();
  });

  it('a bulk publish or trash is on the public site at the next request', async () => {
    const s = await adminSite();
    await writeNewsroom(s);
    const ed = await s.user('editor');
    const a = new Agent(s.app);
    await a.login(ed.email);
    const shortlink = `/?p=${SEED_LIKE_ID}`;
    assert.equal((await a.get(shortlink)).status, 301);
    await a.get('/admin/articles');
    const trashed = await a.post('/admin/articles/bulk', { action: 'trash', ids: [String(SEED_LIKE_ID)], f_edition: 'ar' });
    assert.equal(trashed.status, 303);
    assert.equal(trashed.headers.location, '/admin/articles?edition=ar&changed=1');
    assert.equal((await a.get(shortlink)).status, 404);
    assert.match((await a.get(String(trashed.headers.location))).body, /تغيّرت 1 من المقالات/);
    await a.post('/admin/articles/bulk', { action: 'restore', ids: [String(SEED_LIKE_ID)] });
    assert.equal(await statusOf(s, SEED_LIKE_ID), 'draft');
    assert.equal((await a.get(shortlink)).status, 404);
    await a.post('/admin/articles/bulk', { action: 'publish', ids: [String(SEED_LIKE_ID)] });
    assert.equal(await statusOf(s, SEED_LIKE_ID), 'published');
    assert.equal((await a.get(shortlink)).status, 301);
    await s.close();
  });

  it('bulk actions need the CSRF token, a selection and an action; errors re-show the form', async () => {
    const s = await adminSite();
    const ed = await s.user('editor');
    const id = await draft(s, 'خبر', ed.slug);
    const a = new Agent(s.app);
    await a.login(ed.email);
    await a.get('/admin/articles');
    const forged = await a.post('/admin/articles/bulk', { _csrf: 'nope', action: 'publish', ids: [String(id)] });
    assert.equal(forged.status, 403);
    assert.match(forged.body, /انتهت صلاحية النموذج/);
    assert.match(forged.body, new RegExp(`value="${id}" checked`));
    assert.equal(await statusOf(s, id), 'draft');
    const none = await a.post('/admin/articles/bulk', { action: 'publish', f_q: 'خبر' });
    assert.equal(none.status, 400);
    assert.match(none.body, /حدّد مقالاً واحداً على الأقل/);
    assert.match(none.body, /<option value="publish" selected/);
    assert.match(none.body, /name="q" type="search" value="خبر"/);
    const noAction = await a.post('/admin/articles/bulk', { action: '', ids: [String(id)] });
    assert.equal(noAction.status, 400);
    assert.match(noAction.body, new RegExp(`value="${id}" checked`));
    await s.close();
  });

  it('a refused item refuses the whole bulk action: nothing changes, the selection is kept', async () => {
    const s = await adminSite();
    const author = await s.user('author');
    const other = await s.user('author', 'another author');
    const mine = await draft(s, 'لي', author.slug);
    const theirs = await draft(s, 'لغيري', other.slug);
    const a = new Agent(s.app);
    await a.login(author.email);
    await a.get('/admin/articles');
    const r = await a.post('/admin/articles/bulk', { action: 'publish', ids: [String(mine), String(theirs)] });
    assert.equal(r.status, 403);
    assert.match(r.body, /فلم يتغير شيء/);
    assert.equal(await statusOf(s, mine), 'draft');
    assert.equal(await statusOf(s, theirs), 'draft');
    assert.match(r.body, new RegExp(`value="${mine}" checked`));
    await s.close();
  });

  it('every newsroom page and action needs a login', async () => {
    const s = await adminSite();
    const ed = await s.user('editor');
    const id = await draft(s, 'خبر', ed.slug);
    const anon = new Agent(s.app);
    await anon.get('/admin/login');
    for (const path of ['/admin/', '/admin/articles', '/admin/articles?status=draft']) {
      const r = await anon.get(path);
      assert.equal(r.status, 303, path);
      assert.match(String(r.headers.location), /^\/admin\/login\?next=/);
    }
    const post = await anon.post('/admin/articles/bulk', { action: 'publish', ids: [String(id)] });
    assert.equal(post.status, 303);
    assert.equal(await statusOf(s, id), 'draft');
    assert.equal((await anon.post('/admin/locale', { locale: 'en' })).status, 303);
    await s.close();
  });

  it('a contributor is not offered "publish", and the server refuses it anyway', async () => {
    const s = await adminSite();
    const c = await s.user('contributor');
    const id = await draft(s, 'مساهمة', c.slug);
    const a = new Agent(s.app);
    await a.login(c.email);
    const page = await a.get('/admin/articles');
    assert.doesNotMatch(page.body, /<option value="publish"/);
    assert.match(page.body, /<option value="pending"/);
    assert.equal((await a.post('/admin/articles/bulk', { action: 'publish', ids: [String(id)] })).status, 403);
    assert.equal(await statusOf(s, id), 'draft');
    assert.equal((await a.post('/admin/articles/bulk', { action: 'pending', ids: [String(id)] })).status, 303);
    assert.equal(await statusOf(s, id), 'pending');
    await s.close();
  });
});

// Each role × each bulk action, on the user's own article and on someone else's, over HTTP.
// ✓ = done (303), ✗ = refused (403). Written out from WordPress's role definitions.
const CASES: [BulkAction, ArticleStatus, ArticleStatus][] = [
  // action, starting status, status after
  ['publish', 'draft', 'published'],
  ['pending', 'draft', 'pending'],
  ['draft', 'published', 'draft'],
  ['trash', 'draft', 'trash'],
  ['trash', 'published', 'trash'],
  ['restore', 'trash', 'draft'],
];
const EXPECTED: Record<Role, { own: string; other: string }> = {
  administrator: { own: '✓✓✓✓✓✓', other: '✓✓✓✓✓✓' },
  editor: { own: '✓✓✓✓✓✓', other: '✓✓✓✓✓✓' },
  author: { own: '✓✓✓✓✓✓', other: '✗✗✗✗✗✗' },
  contributor: { own: '✗✓✗✓✗✓', other: '✗✗✗✗✗✗' },
};

describe('server-side capability checks: each role × each bulk action', () => {
  for (const role of Object.keys(EXPECTED) as Role[]) {
    it(role, async () => {
      const s = await adminSite();
      const me = await s.user(role);
      const someone = await s.user('author', 'someone else');
      const own = await draft(s, 'own', me.slug);
      const other = await draft(s, 'other', someone.slug);
      const a = new Agent(s.app);
      await a.login(me.email);
      await a.get('/admin/articles');
      const got = { own: '', other: '' };
      for (const [which, id] of [['own', own], ['other', other]] as const) {
        for (const [action, from, to] of CASES) {
          await s.repos.write((tx) => s.repos.newsroomArticles.setStatus(tx, id, from, from === 'draft' ? null : '2026-01-01T10:00:00.000Z', '2026-01-01T10:00:00.000Z'), { invalidates: [] });
          const r = await a.post('/admin/articles/bulk', { action, ids: [String(id)] });
          const after = await statusOf(s, id);
          if (r.status === 303) assert.equal(after, to, `${role} ${action} ${which}`);
          else assert.equal(after, from, `${role} ${action} ${which}: refused, unchanged`);
          got[which] += r.status === 303 ? '✓' : r.status === 403 ? '✗' : `(${r.status})`;
        }
      }
      assert.deepEqual(got, EXPECTED[role]);
      await s.close();
    });
  }
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../../src/platform/clock.ts';
import { paragraphsToHtml } from '../../src/platform/html/sanitize.ts';
import { adminSite, type AdminSite, formFields, loggedIn } from '../support/admin.ts';

async function published(s: AdminSite, authorSlugs: string[]): Promise<number> {
  return s.articles.save({
    edition: 'ar', title: 'خبر منشور', bodyHtml: paragraphsToHtml(['النص']), status: 'published',
    publishedAt: '2026-02-01T10:00:00Z', commentStatus: 'open', authorSlugs,
  });
}
const bylines = async (s: AdminSite, id: number) => (await s.repos.articles.findById(id))!.authors.map((a) => a.id).sort();

describe('co-authors (as WordPress: only those who may edit others’ articles credit other people)', () => {
  it('an author cannot credit someone else on their own published article: 400 beside the field, nothing saved, nobody offered', async () => {
    const s = await adminSite({ clock: fixedClock('2026-03-01T10:00:00Z') });
    const me = await loggedIn(s, 'author', 'كاتبة');
    const victim = await s.user('editor', 'رئيس التحرير');
    const id = await published(s, [me.slug]);
    const page = await me.a.get(`/admin/articles/${id}/edit`);
    assert.doesNotMatch(page.body, new RegExp(`name="authors" value="${victim.id}"`), 'the form offers nobody else');
    const r = await me.a.post(`/admin/articles/${id}/edit`, { ...formFields(page.body), title: 'عنوان جديد', authors: [String(me.id), String(victim.id)], action: 'update' });
    assert.equal(r.status, 400);
    assert.match(r.body, /id="authors-error">[^<]*لا يضيف كتّاباً آخرين/);
    assert.match(r.body, /value="عنوان جديد"/, 'what was typed is kept');
    assert.deepEqual(await bylines(s, id), [me.id]);
    assert.equal((await s.repos.articles.findById(id))!.title, 'خبر منشور', 'no partial write');
    // A new article too (a contributor's draft).
    const c = await loggedIn(s, 'contributor');
    const blank = await c.a.get('/admin/articles/new');
    const n = await c.a.post('/admin/articles/new', { ...formFields(blank.body), title: 'مسودة', body: '<p>x</p>', authors: [String(c.id), String(victim.id)], action: 'draft' });
    assert.equal(n.status, 400);
    await s.close();
  });

  it('an author keeps the co-authors an editor gave the article; an editor credits anyone', async () => {
    const s = await adminSite({ clock: fixedClock('2026-03-01T10:00:00Z') });
    const me = await loggedIn(s, 'author');
    const ed = await loggedIn(s, 'editor');
    const other = await s.user('author', 'زميل');
    const id = await published(s, [me.slug]);
    const edPage = await ed.a.get(`/admin/articles/${id}/edit`);
    const byEditor = await ed.a.post(`/admin/articles/${id}/edit`, { ...formFields(edPage.body), authors: [String(me.id), String(other.id)], action: 'update' });
    assert.equal(byEditor.status, 303);
    assert.deepEqual(await bylines(s, id), [me.id, other.id].sort());
    const page = await me.a.get(`/admin/articles/${id}/edit`);
    const mine = await me.a.post(`/admin/articles/${id}/edit`, { ...formFields(page.body), title: 'تحديث', action: 'update' });
    assert.equal(mine.status, 303);
    assert.deepEqual(await bylines(s, id), [me.id, other.id].sort());
    await s.close();
  });
});

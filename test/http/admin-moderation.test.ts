import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { CommentModeration } from '../../src/domain/comment.ts';
import { ROLES } from '../../src/domain/user.ts';
import { SEED_LIKE_ID, writeNewsroom } from '../fixtures/newsroom.ts';
import { adminSite, Agent, type AdminSite } from '../support/admin.ts';
import { AR_ARTICLE, section, textOf } from '../support/comments.ts';

let seq = 0;
/** A reader's comment written straight into storage (the public form has its own tests). */
async function comment(s: AdminSite, o: { status?: CommentModeration; body?: string; name?: string; email?: string; article?: number; parent?: number; ip?: string } = {}): Promise<number> {
  const body = o.body ?? `تعليق رقم ${++seq}`;
  return s.repos.write((tx) =>
    s.repos.comments.insert(tx, {
      articleId: o.article ?? SEED_LIKE_ID,
      parentId: o.parent ?? null,
      authorName: o.name ?? 'قارئ',
      authorEmail: o.email ?? 'reader@example.org',
      authorUrl: '',
      body,
      status: o.status ?? 'pending',
      ip: o.ip ?? '192.0.2.7',
      userAgent: 'test',
      createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, seq)).toISOString(),
      emailHash: createHash('sha256').update(o.email ?? 'reader@example.org').digest('hex'),
      bodyHash: createHash('sha256').update(body).digest('hex'),
    }),
  { invalidates: [] });
}

async function statusOf(s: AdminSite, id: number): Promise<string | undefined> {
  return (await s.repos.db.kysely.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirst())?.status;
}

async function site(): Promise<AdminSite> {
  const s = await adminSite();
  await writeNewsroom(s);
  return s;
}

async function as(s: AdminSite, role: (typeof ROLES)[number]): Promise<Agent> {
  const u = await s.user(role);
  const a = new Agent(s.app);
  await a.login(u.email);
  return a;
}

/** The ids of the comments listed on a queue page, in order. */
const listed = (html: string) => [...html.matchAll(/<li id="c-(\d+)" class="queued-comment"/g)].map((m) => Number(m[1]));

describe('the comment moderation queue', () => {
  it('is for administrators and editors only: every other role is refused on the server, and anonymous visitors go to the login', async () => {
    const s = await site();
    const id = await comment(s);
    const anonymous = await new Agent(s.app).get('/admin/comments');
    assert.equal(anonymous.status, 303);
    assert.match(String(anonymous.headers.location), /^\/admin\/login\?next=%2Fadmin%2Fcomments/);
    for (const role of ROLES) {
      const a = await as(s, role);
      const home = await a.get('/admin/');
      const allowed = role === 'administrator' || role === 'editor';
      assert.equal(home.body.includes('href="/admin/comments"'), allowed, `${role}: menu entry`);
      assert.equal((await a.get('/admin/comments')).status, allowed ? 200 : 403, `${role}: queue`);
      assert.equal((await a.get(`/admin/comments/${id}/reply`)).status, allowed ? 200 : 403, `${role}: reply form`);
      if (allowed) continue;
      // A forged form from a refused role changes nothing.
      const bulk = await a.post('/admin/comments/bulk', { action: 'approve', ids: [String(id)] });
      assert.equal(bulk.status, 403, `${role}: bulk`);
      assert.match(bulk.body, /لا تملك صلاحية/);
      assert.equal((await a.post('/admin/comments/bulk', { row: `approve:${id}` })).status, 403);
      assert.equal((await a.post(`/admin/comments/${id}/reply`, { comment: 'ردّ' })).status, 403, `${role}: reply`);
      assert.equal(await statusOf(s, id), 'pending', `${role} changed nothing`);
    }
    await s.close();
  });

  it('opens on the pending tab with a count per status; shows e-mail and IP to moderators, and the body as text', async () => {
    const s = await site();
    const held = await comment(s, { body: '<script>alert(1)</script>\nسطر ثان', name: 'Mallory <b>', email: 'mallory@example.org', ip: '198.51.100.9' });
    await comment(s, { status: 'approved' });
    await comment(s, { status: 'approved' });
    await comment(s, { status: 'spam' });
    const a = await as(s, 'editor');
    const page = await a.get('/admin/comments');
    assert.equal(page.status, 200);
    assert.deepEqual(listed(page.body), [held]);
    assert.match(page.body, /aria-current="page">بانتظار المراجعة <span class="count">\(1\)/);
    assert.match(page.body, /منشورة <span class="count">\(2\)/);
    assert.match(page.body, /مزعجة <span class="count">\(1\)/);
    assert.match(page.body, /المهملات <span class="count">\(0\)/);
    assert.ok(!page.body.includes('<script>alert'), 'the body is escaped');
    assert.match(page.body, /&lt;script>alert\(1\)&lt;\/script>\nسطر ثان|&lt;script&gt;alert\(1\)&lt;\/script&gt;\nسطر ثان/);
    assert.match(page.body, /Mallory &lt;b>|Mallory &lt;b&gt;/);
    assert.ok(page.body.includes('mallory@example.org') && page.body.includes('198.51.100.9'), 'private details for the moderator');
    assert.ok(page.body.includes('زيارة وفد إلى الرياض'), 'the article title');
    // The public page never shows them, even once the comment is approved.
    await a.post('/admin/comments/bulk', { row: `approve:${held}` });
    const pub = await a.get(AR_ARTICLE);
    assert.ok(textOf(section(pub.body)).includes('سطر ثان'));
    assert.ok(!pub.body.includes('mallory@example.org') && !pub.body.includes('198.51.100.9'));
    await s.close();
  });

  it('approving a held comment puts it on the public article at the next request; each row offers only what applies', async () => {
    const s = await site();
    const id = await comment(s, { body: 'رأيي في الخبر' });
    const a = await as(s, 'editor');
    assert.ok(!textOf(section((await a.get(AR_ARTICLE)).body)).includes('رأيي في الخبر'));
    const queue = await a.get('/admin/comments');
    for (const action of ['approve', 'spam', 'trash']) assert.ok(queue.body.includes(`value="${action}:${id}"`), action);
    assert.ok(!queue.body.includes(`value="delete:${id}"`), 'no permanent delete outside spam and trash');
    assert.ok(!queue.body.includes(`value="unapprove:${id}"`));

    const approved = await a.post('/admin/comments/bulk', { row: `approve:${id}`, f_status: 'pending' });
    assert.equal(approved.status, 303);
    assert.equal(approved.headers.location, '/admin/comments?status=pending&changed=1');
    assert.match((await a.get(String(approved.headers.location))).body, /تغيّر 1 من التعليقات/);
    assert.equal(await statusOf(s, id), 'approved');
    assert.ok(textOf(section((await a.get(AR_ARTICLE)).body)).includes('رأيي في الخبر'), 'shown at once (the change counter moved)');

    const tab = await a.get('/admin/comments?status=approved');
    assert.ok(tab.body.includes(`value="unapprove:${id}"`) && !tab.body.includes(`value="approve:${id}"`));
    await a.post('/admin/comments/bulk', { row: `unapprove:${id}` });
    assert.equal(await statusOf(s, id), 'pending');
    assert.ok(!textOf(section((await a.get(AR_ARTICLE)).body)).includes('رأيي في الخبر'), 'gone from the page again');

    await a.post('/admin/comments/bulk', { row: `trash:${id}` });
    assert.equal(await statusOf(s, id), 'trash');
    const binned = await a.get('/admin/comments?status=trash');
    assert.ok(binned.body.includes(`value="restore:${id}"`) && binned.body.includes(`value="delete:${id}"`));
    await a.post('/admin/comments/bulk', { row: `restore:${id}` });
    assert.equal(await statusOf(s, id), 'pending', 'restored to the queue');
    await a.post('/admin/comments/bulk', { row: `spam:${id}` });
    assert.match((await a.get('/admin/comments?status=spam')).body, new RegExp(`value="restore:${id}"[^>]*>ليس مزعجاً`));
    const deleted = await a.post('/admin/comments/bulk', { row: `delete:${id}`, f_status: 'spam' });
    assert.equal(deleted.status, 303);
    assert.equal(await statusOf(s, id), undefined, 'deleted for good');
    await s.close();
  });

  it('bulk actions: all selected change in one go, or nothing does; refusals re-show the selection with a message', async () => {
    const s = await site();
    const [one, two, three] = [await comment(s), await comment(s), await comment(s)];
    const a = await as(s, 'administrator');
    await a.get('/admin/comments');
    const spam = await a.post('/admin/comments/bulk', { action: 'spam', ids: [String(one), String(two)], f_status: 'pending' });
    assert.equal(spam.status, 303);
    assert.deepEqual([await statusOf(s, one), await statusOf(s, two), await statusOf(s, three)], ['spam', 'spam', 'pending']);

    // A permanent delete that includes a pending comment is refused as a whole.
    const mixed = await a.post('/admin/comments/bulk', { action: 'delete', ids: [String(one), String(three)], f_status: 'spam' });
    assert.equal(mixed.status, 400);
    assert.match(mixed.body, /لا يُحذف نهائياً إلا ما في المهملات أو المزعج/);
    assert.match(mixed.body, new RegExp(`value="${one}" checked`));
    assert.equal(await statusOf(s, one), 'spam');

    const none = await a.post('/admin/comments/bulk', { action: 'approve', f_q: 'رقم' });
    assert.equal(none.status, 400);
    assert.match(none.body, /حدّد تعليقاً واحداً على الأقل/);
    assert.match(none.body, /name="q" type="search" value="رقم"/);
    const noAction = await a.post('/admin/comments/bulk', { action: 'explode', ids: [String(three)] });
    assert.equal(noAction.status, 400);
    assert.match(noAction.body, /اختر إجراءً/);
    const forged = await a.post('/admin/comments/bulk', { _csrf: 'forged', action: 'approve', ids: [String(three)] });
    assert.equal(forged.status, 403);
    assert.match(forged.body, /انتهت صلاحية النموذج/);
    assert.match(forged.body, new RegExp(`value="${three}" checked`));
    const gone = await a.post('/admin/comments/bulk', { action: 'approve', ids: [String(three), '999999'] });
    assert.equal(gone.status, 404);
    assert.equal(await statusOf(s, three), 'pending');
    await s.close();
  });

  it('filters by article and by text (body, name, e-mail or IP), and pages through long queues', async () => {
    const s = await site();
    const onEnglish = await comment(s, { article: 2, body: 'A view from London', name: 'Alice', email: 'alice@example.org' });
    for (let i = 0; i < 22; i++) await comment(s);
    const byIp = await comment(s, { ip: '203.0.113.5' });
    const a = await as(s, 'editor');
    const first = await a.get('/admin/comments');
    assert.equal(listed(first.body).length, 20);
    assert.match(first.body, /\(24\)/);
    const second = await a.get('/admin/comments?page=2');
    assert.equal(listed(second.body).length, 4);
    assert.ok(listed(second.body).includes(onEnglish), 'oldest last');

    const scoped = await a.get('/admin/comments?article=2');
    assert.deepEqual(listed(scoped.body), [onEnglish]);
    assert.match(scoped.body, /التعليقات على «Delegation signs a 12-point memorandum in Riyadh»/);
    assert.deepEqual(listed((await a.get('/admin/comments?q=LONDON')).body), [onEnglish], 'case-insensitive');
    assert.deepEqual(listed((await a.get('/admin/comments?q=alice%40example')).body), [onEnglish]);
    assert.deepEqual(listed((await a.get('/admin/comments?q=203.0.113.5')).body), [byIp]);
    assert.deepEqual(listed((await a.get('/admin/comments?q=100%25')).body), [], '% is literal');
    // Nonsense filters are ignored, not a failure.
    assert.equal((await a.get('/admin/comments?status=bogus&article=x&page=-3')).status, 200);
    await s.close();
  });

  it('a staff reply is approved at once under the staff name, approves a held parent, and is checked like a reader comment', async () => {
    const s = await site();
    const parent = await comment(s, { body: 'سؤال للمحرر' });
    const editor = await s.user('editor', 'ليلى المحررة');
    const a = new Agent(s.app);
    await a.login(editor.email);
    const form = await a.get(`/admin/comments/${parent}/reply`);
    assert.equal(form.status, 200);
    assert.match(form.body, /سؤال للمحرر/);
    assert.match(form.body, /نشرُ ردّك يوافق عليه أيضاً/);

    const empty = await a.post(`/admin/comments/${parent}/reply`, { comment: '   ' });
    assert.equal(empty.status, 400);
    assert.match(empty.body, /aria-invalid="true"/);
    assert.match(empty.body, /<p class="field-error" id="reply-body-error">اكتب نص الردّ.<\/p>/);
    const tooLong = await a.post(`/admin/comments/${parent}/reply`, { comment: 'ب'.repeat(65526) });
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.body, /الردّ طويل جداً/);
    assert.ok(tooLong.body.includes('ب'.repeat(100)), 'the typed text is kept');
    const forged = await a.post(`/admin/comments/${parent}/reply`, { _csrf: 'x', comment: 'نص محفوظ' });
    assert.equal(forged.status, 403);
    assert.match(forged.body, /انتهت صلاحية النموذج/);
    assert.match(forged.body, /نص محفوظ/);

    await a.get(`/admin/comments/${parent}/reply`);
    const done = await a.post(`/admin/comments/${parent}/reply`, { comment: 'شكراً لسؤالك <b>هنا</b>\u202E' });
    assert.equal(done.status, 303);
    assert.equal(done.headers.location, `/admin/comments?status=approved&article=${SEED_LIKE_ID}&replied=1`);
    assert.match((await a.get(String(done.headers.location))).body, /نُشر ردّك/);
    assert.equal(await statusOf(s, parent), 'approved');
    const reply = await s.repos.db.kysely.selectFrom('comments').selectAll().where('parent_id', '=', parent).executeTakeFirstOrThrow();
    assert.equal(reply.status, 'approved');
    assert.equal(reply.author_name, 'ليلى المحررة');
    assert.equal(reply.body, 'شكراً لسؤالك <b>هنا</b>', 'cleaned like a reader comment (bidi override removed), kept as text');
    const pub = section((await a.get(AR_ARTICLE)).body);
    assert.ok(pub.includes(`id="comment-${reply.id}"`));
    assert.ok(!pub.includes('<b>هنا</b>'), 'escaped on the page');
    assert.ok(textOf(pub).includes('ليلى المحررة'));

    const spam = await comment(s, { status: 'spam' });
    await a.get(`/admin/comments/${spam}/reply`);
    const refused = await a.post(`/admin/comments/${spam}/reply`, { comment: 'ردّ' });
    assert.equal(refused.status, 400);
    assert.match(refused.body, /استعده أولاً/);
    assert.equal((await a.get('/admin/comments/999999/reply')).status, 404);
    await s.close();
  });
});

describe('the moderation queue in English', () => {
  it('reads left to right with English labels for a moderator who chose English', async () => {
    const s = await site();
    await comment(s, { body: 'Hello from London' });
    const a = await as(s, 'editor');
    await a.get('/admin/comments');
    await a.post('/admin/locale', { locale: 'en', next: '/admin/comments' });
    const page = await a.get('/admin/comments');
    assert.match(page.body, /<html lang="en" dir="ltr">/);
    assert.match(page.body, /aria-current="page">Pending <span class="count">\(1\)/);
    assert.match(page.body, />Approve<\/button>/);
    assert.match(page.body, /Comments: 1/);
    await s.close();
  });
});

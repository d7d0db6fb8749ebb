import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../../src/platform/clock.ts';
import { adminSite, Agent, type AdminSite, formFields, loggedIn } from '../support/admin.ts';

const PROXY = '10.0.0.5';
const trail = (s: AdminSite) => s.repos.db.kysely.selectFrom('audit_log').selectAll().orderBy('id').execute();

describe('the audit trail', () => {
  it('records a publish and a failed sign-in: who, what, when, and the client address through TRUST_PROXY', async () => {
    const clock = fixedClock('2026-03-01T10:00:00Z');
    const s = await adminSite({ clock, config: { trustProxy: [PROXY] } });
    const ed = await s.user('editor', 'ليلى');
    const a = new Agent(s.app, PROXY, { 'x-forwarded-for': '203.0.113.77' });
    assert.equal((await a.login(ed.email, 'not the password')).status, 401);
    assert.equal((await a.login(ed.email)).status, 303);
    const page = await a.get('/admin/articles/new');
    const r = await a.post('/admin/articles/new', { ...formFields(page.body), title: 'خبر عاجل', body: '<p>نص</p>', action: 'publish' });
    assert.equal(r.status, 303);
    const id = /articles\/(\d+)\/edit/.exec(String(r.headers.location))![1];
    const rows = await trail(s);
    const of = (action: string) => rows.find((x) => x.action === action);
    assert.deepEqual({ ...of('sign-in.failed'), id: 0 }, { id: 0, at: '2026-03-01T10:00:00.000Z', actor_id: null, actor: ed.email, action: 'sign-in.failed', target: '', detail: '', ip: '203.0.113.77' });
    assert.equal(of('sign-in')?.actor_id, ed.id);
    assert.deepEqual([of('article.publish')?.actor, of('article.publish')?.actor_id, of('article.publish')?.target, of('article.publish')?.ip], [ed.email, ed.id, `/admin/articles/${id}/edit`, '203.0.113.77']);
    // A refused change (400) is not recorded as done.
    const before = (await trail(s)).length;
    await a.post('/admin/articles/new', { ...formFields(page.body), title: '', action: 'publish' });
    assert.equal((await trail(s)).length, before);
    await s.close();
  });

  it('is append-only: the database refuses to change or delete a line', async () => {
    const s = await adminSite();
    await s.app.services.audit.record({ account: null, ip: '192.0.2.1', label: 'x@example.org' }, { action: 'sign-in.failed' });
    const db = s.repos.db.kysely;
    await assert.rejects(db.updateTable('audit_log').set({ action: 'nothing' }).execute(), /append-only/);
    await assert.rejects(db.deleteFrom('audit_log').execute(), /append-only/);
    assert.equal((await trail(s)).length, 1);
    // No newsroom route but the screen itself reaches it, and that one only reads.
    assert.deepEqual(s.app.fastify.newsroomRoutes.filter((r) => r.url.startsWith('/admin/audit')).map((r) => r.method).sort(), ['GET', 'HEAD']);
    await s.close();
  });

  it('administrators read it with filters (who, action, dates) and pages; no one else sees it', async () => {
    const clock = fixedClock('2026-03-01T10:00:00Z');
    const s = await adminSite({ clock });
    const admin = { ...(await s.user('administrator')), a: new Agent(s.app) };
    const { audit } = s.app.services;
    for (let i = 0; i < 60; i++) {
      clock.advance(60_000);
      await audit.record({ account: null, ip: `198.51.100.${i}`, label: 'target@example.org' }, { action: 'sign-in.failed' });
    }
    clock.set('2026-03-03T09:00:00Z');
    await audit.record({ account: { id: admin.id, email: admin.email }, ip: '192.0.2.9' }, { action: 'user.role', target: '/admin/users/7', detail: 'author' });
    await admin.a.login(admin.email);

    const all = await admin.a.get('/admin/audit');
    assert.equal(all.status, 200);
    assert.match(all.body, /سجل التدقيق/);
    assert.equal((all.body.match(/<tr>/g) ?? []).length - 1, 50, 'fifty a page');
    const older = /<a href="([^"]+)" rel="next">/.exec(all.body)![1]!.replace(/&amp;/g, '&');
    const page2 = await admin.a.get(older);
    assert.equal((page2.body.match(/<tr>/g) ?? []).length - 1, 62 - 50, 'the rest on the next page (with the sign-in of the administrator)');
    assert.doesNotMatch(page2.body, /rel="next"/);

    const failed = await admin.a.get('/admin/audit?action=sign-in.failed&since=2026-03-01&until=2026-03-02');
    assert.equal((failed.body.match(/<code>sign-in.failed<\/code>/g) ?? []).length, 50);
    assert.doesNotMatch(failed.body, /<code>user.role<\/code>/);
    const mine = await admin.a.get(`/admin/audit?actor=${encodeURIComponent(admin.email.toUpperCase())}&since=2026-03-03`);
    assert.match(mine.body, /<code>user.role<\/code>/);
    assert.doesNotMatch(mine.body, /<code>sign-in.failed<\/code>/);
    const bad = await admin.a.get('/admin/audit?since=yesterday');
    assert.equal(bad.status, 400);
    assert.match(bad.body, /value="yesterday"/);
    assert.match(bad.body, /تاريخ ووقت غير صالحين/);

    assert.match((await admin.a.get('/admin/manage')).body, /href="\/admin\/audit"/);
    const ed = await loggedIn(s, 'editor');
    assert.equal((await ed.a.get('/admin/audit')).status, 403);
    assert.doesNotMatch((await ed.a.get('/admin/manage')).body, /href="\/admin\/audit"/);
    assert.equal((await new Agent(s.app).get('/admin/audit')).status, 303);
    await s.close();
  });
});

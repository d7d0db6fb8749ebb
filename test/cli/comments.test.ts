import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ModeratedComment } from '../../src/domain/comment.ts';
import { runCli, sharedDatabase } from '../support/cli.ts';
import { AR_ARTICLE, commentSite, reader, type CommentSite } from '../support/comments.ts';

const idOf = (location: string | undefined) => Number(/#comment-(\d+)$/.exec(location ?? '')?.[1]);

describe('khabar comments (moderation from the CLI, in its own process)', () => {
  let s: CommentSite;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runCli(['comments', ...args], env);

  let shared: Awaited<ReturnType<typeof sharedDatabase<CommentSite>>>;
  before(async () => {
    shared = await sharedDatabase(commentSite);
    ({ site: s, env } = shared);
  });
  after(() => shared.close());

  it('lists held comments (as JSON too), and an approval shows on the running site’s next request', async () => {
    const r = await s.post({ ...reader(1), comment: 'بانتظار المحرر' });
    const id = idOf(r.location);
    const list = await cli('list', '--status', 'pending', '--json');
    assert.equal(list.code, 0, list.stderr);
    const rows = JSON.parse(list.stdout) as ModeratedComment[];
    assert.deepEqual(rows.map((c) => [c.id, c.status, c.authorEmail]), [[id, 'pending', 'reader1@example.org']]);
    assert.ok(!list.stdout.includes('emailHash'));
    assert.match((await cli('list')).stdout, new RegExp(`#${id} \\[pending\\] article \\d+`));
    const ok = await cli('approve', String(id));
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok((await s.page(AR_ARTICLE)).html.includes('بانتظار المحرر'));
    assert.equal((await cli('spam', String(id))).code, 0);
    assert.ok(!(await s.page(AR_ARTICLE)).html.includes('بانتظار المحرر'));
    assert.equal((await cli('trash', String(id))).code, 0);
    assert.equal((await s.repos.comments.find(id))?.status, 'trash');
    assert.equal((await cli('delete', String(id))).code, 0);
    assert.equal(await s.repos.comments.find(id), null);
    // Each is in the audit trail as the command line's, oldest first here.
    const trail = (await s.repos.auditLog.list({ actor: 'cli', limit: 10 })).items.reverse();
    assert.deepEqual(trail.map((e) => [e.action, e.target]), ['approve', 'spam', 'trash', 'delete'].map((a) => [`comment.${a}`, `comment ${id}`]));
    assert.ok(trail.every((e) => e.actor.startsWith('cli:') && e.actorId === null && e.ip === ''));
  });

  it('erases every comment of one address on request', async () => {
    s.clock.advance(20_000);
    const a = await s.post({ ...reader(2), comment: 'الأول' });
    s.clock.advance(20_000);
    const b = await s.post({ ...reader(2), comment: 'الثاني' });
    s.clock.advance(20_000);
    const other = await s.post({ ...reader(3), comment: 'لشخص آخر' });
    const r = await cli('erase', '--email', 'READER2@example.org');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /erased 2 comments/);
    assert.equal(await s.repos.comments.find(idOf(a.location)), null);
    assert.equal(await s.repos.comments.find(idOf(b.location)), null);
    assert.ok(await s.repos.comments.find(idOf(other.location)));
    // Recorded without the address: erasing someone's data must not keep it in the trail.
    const [erased] = (await s.repos.auditLog.list({ action: 'comment.erase', limit: 1 })).items;
    assert.equal(erased?.detail, '2 comments');
    assert.ok(!JSON.stringify(erased).toLowerCase().includes('reader2'));
  });

  it('refuses a bad status or id with a one-line message', async () => {
    const bad = await cli('list', '--status', 'maybe');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--status: must be one of pending, approved, spam, trash/);
    assert.equal((await cli('approve', '999999')).code, 1);
  });

  it('changes an edition’s policy, and a configured spam service that is down holds comments (fails open)', async () => {
    const p = await cli('policy', 'ar', 'max-links=5', 'hold-words=مراجعة');
    assert.equal(p.code, 0, p.stderr);
    // Shown under the names it is set by.
    assert.match(p.stdout, /^max-links=5$/m);
    assert.match(p.stdout, /^hold-words=مراجعة$/m);
    const json = await cli('policy', 'ar', '--json');
    assert.equal((JSON.parse(json.stdout) as { 'max-links': number })['max-links'], 5);
    const known = await s.post({ ...reader(4), comment: 'أول' });
    await s.comments.setStatus(idOf(known.location), 'approved');
    // The running site has read its settings for this content version; the CLI's change must still reach it.
    assert.equal((await s.post({ ...reader(5), comment: 'قبل تشغيل خدمة مكافحة الرسائل المزعجة' })).status, 303);
    assert.equal((await cli('akismet', 'http://127.0.0.1:9/1.1/comment-check')).code, 0);
    s.clock.advance(20_000);
    const r = await s.post({ ...reader(4), comment: 'والخدمة معطلة' });
    assert.equal(r.status, 303);
    assert.equal((await s.repos.comments.find(idOf(r.location)))?.status, 'pending');
    assert.equal((await cli('akismet', 'off')).code, 0);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MailMessage } from '../../src/platform/mailer.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { createServices } from '../../src/services/services.ts';
import { writeNewsroom } from '../fixtures/newsroom.ts';
import { adminSite, Agent, type AdminSite } from '../support/admin.ts';
import { AR_ARTICLE_ID, EN_ARTICLE_ID } from '../support/comments.ts';

const MIN = 60_000;
/** The count a digest's subject gives. */
const countOf = (m: MailMessage) => Number(/(\d+)$/.exec(m.subject)?.[1]);
/** The comment ids a digest lists, in its order. */
const listed = (m: MailMessage) => [...m.text.matchAll(/^#(\d+) /gm)].map((x) => Number(x[1]));

describe('moderator notices: a digest per moderator per interval, not an e-mail per held comment (issue 18)', () => {
  const clock = fixedClock('2024-05-01T09:00:00Z');
  let s: AdminSite;
  let admin: { id: number; email: string };
  let editor: { id: number; email: string };
  let author: { email: string };
  let gone: { email: string };
  let n = 0;
  const services = () => s.app.services;
  const run = () => services().jobs.run('moderator-notices');
  const mailTo = (email: string, from = 0) => s.mailer.sent.slice(from).filter((m) => m.to === email);

  /** A first-time reader's comment through the comment service (what the form calls): held. */
  async function hold(articleId = AR_ARTICLE_ID): Promise<number> {
    const i = ++n;
    const comments = services().comments;
    const target = await comments.target(articleId);
    const token = comments.formToken(articleId);
    clock.advance(5000); // the form's minimum fill time
    const posted = await comments.post(target!, {
      authorName: `قارئ ${i}`, authorEmail: `reader${i}@example.org`, authorUrl: '', body: `تعليق رقم ${i}`,
      ip: `10.${(i >> 8) & 255}.${i & 255}.9`, userAgent: 'test', parentId: null, token, trap: '',
    });
    assert.equal(posted.status, 'pending');
    return posted.id;
  }

  before(async () => {
    s = await adminSite({ clock });
    await writeNewsroom(s);
    admin = await s.user('administrator');
    editor = await s.user('editor');
    await s.repos.accounts.setLocale(editor.id, 'en');
    author = await s.user('author');
    const deactivated = await s.user('editor');
    await s.repos.write((tx) => s.repos.users.setPasswordHash(tx, deactivated.id, null), { invalidates: [] });
    gone = deactivated;
  });
  after(() => s.close());

  it('turns 1,000 held comments over 83 minutes into a handful of e-mails per moderator, each the count and the newest, in their language', async () => {
    assert.ok(services().jobs.names.includes('moderator-notices'));
    const heldBefore = Number((await s.repos.db.kysely.selectFrom('comments').select((e) => e.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow()).n);
    const sentAt = new Map<string, number[]>();
    const ids: number[] = [];
    const tick = async () => {
      const seen = s.mailer.sent.length;
      await run();
      for (const m of s.mailer.sent.slice(seen)) sentAt.set(m.to, [...(sentAt.get(m.to) ?? []), clock.now().getTime()]);
    };
    // A flood: a comment every 5 seconds; the job runs each minute, as its timer would.
    for (let i = 1; i <= 1000; i++) {
      ids.push(await hold());
      if (i % 12 === 0) await tick();
    }
    clock.advance(15 * MIN);
    await tick();

    for (const [who, locale] of [[admin.email, 'ar'], [editor.email, 'en']] as const) {
      const mails = mailTo(who);
      assert.ok(mails.length >= 2 && mails.length <= 7, `${who}: ${mails.length} e-mails`);
      const times = sentAt.get(who)!;
      for (let k = 1; k < times.length; k++) assert.ok(times[k]! - times[k - 1]! >= 15 * MIN, 'at most one e-mail per 15 minutes');
      // Every held comment is counted exactly once across the digests.
      assert.equal(mails.reduce((sum, m) => sum + countOf(m), 0), 1000 + heldBefore);
      const last = mails.at(-1)!;
      assert.deepEqual(listed(last), ids.slice(-5).reverse(), 'the newest five, newest first');
      assert.match(last.text, /http:\/\/news\.test\/admin\/comments\b/);
      assert.match(last.text, new RegExp(`http://news\\.test/admin/comments\\?article=${AR_ARTICLE_ID}`));
      if (locale === 'ar') {
        assert.match(last.subject, /^تعليقات بانتظار الموافقة: \d+$/);
        assert.match(last.text, /قائمة المراجعة/);
      } else {
        assert.match(last.subject, /^Comments awaiting approval: \d+$/);
        assert.match(last.text, /The moderation queue/);
      }
    }
    // Neither an author nor a deactivated editor moderates.
    assert.equal(mailTo(author.email).length, 0);
    assert.equal(mailTo(gone.email).length, 0);
    // Everything told: nothing more, however long it waits.
    const quiet = s.mailer.sent.length;
    clock.advance(60 * MIN);
    await run();
    assert.equal(s.mailer.sent.length, quiet);
  });

  it('tells a comment held after a digest when the interval ends — not before, not later — and a restart changes neither', async () => {
    // Quiet for longer than the interval: the next held comment is told at the next run.
    const first = await hold();
    const from = s.mailer.sent.length;
    await run();
    assert.deepEqual(mailTo(admin.email, from).map(listed), [[first]]);
    const toldAt = clock.now().getTime();

    clock.advance(MIN);
    const second = await hold();
    clock.set(new Date(toldAt + 14 * MIN));
    await run();
    assert.equal(mailTo(admin.email, from).length, 1, 'not within the interval');
    // The leader's timer is set to wake when the interval ends, not a whole minute after.
    assert.ok(services().moderatorNotices.nextWaitMs() <= MIN);

    // Another process (a restart, another leader) reads what was told from the database.
    const restarted = createServices({ config: s.config, repos: s.repos, clock, secret: s.secret, mailer: s.mailer });
    await restarted.jobs.run('moderator-notices');
    assert.equal(mailTo(admin.email, from).length, 1, 'a restart does not reset the interval');
    clock.set(new Date(toldAt + 15 * MIN));
    await restarted.jobs.run('moderator-notices');
    const told = mailTo(admin.email, from);
    assert.equal(told.length, 2);
    assert.deepEqual(listed(told[1]!), [second], 'the second digest tells only what is new');
    assert.equal(countOf(told[1]!), 1);
    await restarted.jobs.stop();
  });

  it('leaves out comments handled before the digest goes, and what a moderator saw in the queue', async () => {
    clock.advance(16 * MIN);
    const approved = await hold();
    const waiting = await hold();
    await services().comments.setStatus(approved, 'approved');
    // The administrator opens the held queue: what waits there is no news to them.
    const a = new Agent(s.app);
    await a.login(admin.email);
    assert.equal((await a.get('/admin/comments')).status, 200);
    const from = s.mailer.sent.length;
    await run();
    assert.equal(mailTo(admin.email, from).length, 0);
    const toEditor = mailTo(editor.email, from);
    assert.equal(toEditor.length, 1);
    assert.deepEqual(listed(toEditor[0]!), [waiting]);
    assert.equal(countOf(toEditor[0]!), 1);
    // What is held after the visit is told to them as to anyone.
    clock.advance(16 * MIN);
    const later = await hold();
    await run();
    assert.deepEqual(mailTo(admin.email, from).map(listed), [[later]]);
  });

  it('sends an edition’s extra notify address the digest of that edition only, in its language', async () => {
    await services().comments.updatePolicy('en', [['notify', 'Desk@Example.org']]);
    clock.advance(16 * MIN);
    const from = s.mailer.sent.length;
    await hold(AR_ARTICLE_ID);
    await run();
    assert.equal(mailTo('desk@example.org', from).length, 0);
    clock.advance(16 * MIN);
    const en = await hold(EN_ARTICLE_ID);
    await run();
    const desk = mailTo('desk@example.org', from);
    assert.equal(desk.length, 1);
    assert.deepEqual(listed(desk[0]!), [en]);
    assert.match(desk[0]!.subject, /^Comments awaiting approval: 1$/);
  });

  it('keeps the interval as a site setting (15 minutes unless set), from 1 minute to a day', async () => {
    const notices = services().moderatorNotices;
    assert.equal(await notices.minutes(), 15);
    assert.equal(await notices.setMinutes('60'), 60);
    assert.equal(await notices.minutes(), 60);
    await assert.rejects(notices.setMinutes('0'), /number|Invalid/i);
    await assert.rejects(notices.setMinutes('ten'), /number|Invalid/i);
    // A longer interval is honoured: 30 minutes after the last digest is too soon.
    clock.advance(61 * MIN);
    const one = await hold();
    const from = s.mailer.sent.length;
    await run();
    assert.deepEqual(mailTo(editor.email, from).map(listed), [[one]]);
    clock.advance(30 * MIN);
    await hold();
    await run();
    assert.equal(mailTo(editor.email, from).length, 1);
    clock.advance(30 * MIN);
    await run();
    assert.equal(mailTo(editor.email, from).length, 2);
    await notices.setMinutes('15');
  });
});

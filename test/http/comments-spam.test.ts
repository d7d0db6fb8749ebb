import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AR_ARTICLE, commentSite, reader, type CommentSite } from '../support/comments.ts';

const idOf = (location: string | undefined) => Number(/#comment-(\d+)$/.exec(location ?? '')?.[1]);

describe('reader comments: spam and abuse defence, moderation policy', () => {
  let s: CommentSite;
  let n = 100;
  /** A fresh commenter each time, so flood and duplicate rules do not interfere. */
  const someone = () => reader(n++);
  /** A commenter with an approved comment already (known, so only the rule under test can hold them). */
  const known = async (site: CommentSite = s) => {
    const who = someone();
    const r = await site.post({ ...who, comment: `أول تعليق ${who.author}` });
    await site.comments.setStatus(idOf(r.location), 'approved');
    site.clock.advance(20_000);
    return who;
  };
  const statusOf = async (location: string | undefined) => (await s.repos.comments.find(idOf(location)))?.status;

  before(async () => {
    s = await commentSite();
  });
  after(() => s.close());

  it('stores a bot that filled the honeypot as spam (never published, never lost)', async () => {
    const r = await s.post({ ...someone(), comment: 'buy now', reference_code: 'filled by a bot' });
    assert.equal(r.status, 303);
    assert.equal(await statusOf(r.location), 'spam');
    assert.ok(!(await s.page(AR_ARTICLE)).html.includes('buy now'));
  });

  it('re-shows the form, text kept, when the form was sent faster than the minimum fill time', async () => {
    const r = await s.post({ ...someone(), comment: 'سريع جداً' }, { wait: 1000 });
    assert.equal(r.status, 400);
    assert.ok(r.body.includes('أُرسل النموذج أسرع مما يلزم'));
    assert.ok(r.body.includes('>سريع جداً</textarea>'));
  });

  it('re-shows the form, text kept, when the token has expired (after 24 h)', async () => {
    const r = await s.post({ ...someone(), comment: 'صفحة قديمة' }, { wait: 24 * 3600_000 + 1000 });
    assert.equal(r.status, 400);
    assert.ok(r.body.includes('انتهت صلاحية النموذج'));
    assert.ok(r.body.includes('>صفحة قديمة</textarea>'));
  });

  it('refuses forged tokens and tokens for another article with 403, text kept', async () => {
    const forged = await s.post({ ...someone(), comment: 'مزور' }, { token: '1714554000.AAAAAAAAAAAAAAAAAAAAAAAA' });
    assert.equal(forged.status, 403);
    assert.ok(forged.body.includes('>مزور</textarea>'));
    const other = (await s.page('/ar/2022/03/01/' + encodeURIComponent('أسواق-الطاقة-تترقب-قرارات-الأسبوع-المقبل') + '/')).token;
    assert.ok(other);
    const wrong = await s.post({ ...someone(), comment: 'رمز مقال آخر' }, { token: other });
    assert.equal(wrong.status, 403);
  });

  it('refuses a cross-site post (Origin of another site) with 403; no Origin at all still needs the token', async () => {
    const cross = await s.post({ ...someone(), comment: 'من موقع آخر' }, { origin: 'https://evil.example' });
    assert.equal(cross.status, 403);
    assert.ok(cross.body.includes('>من موقع آخر</textarea>'));
    const none = await s.post({ ...someone(), comment: 'بلا أصل' }, { origin: null });
    assert.equal(none.status, 303);
  });

  it('answers 429 "too quickly", text kept, for a second comment within 15 s from one IP or one e-mail', async () => {
    const who = someone();
    assert.equal((await s.post({ ...who, comment: 'الأول' }, { ip: '192.0.2.7' })).status, 303);
    const sameIp = await s.post({ ...someone(), comment: 'من العنوان نفسه' }, { ip: '192.0.2.7' });
    assert.equal(sameIp.status, 429);
    assert.ok(sameIp.body.includes('أنت ترسل التعليقات بسرعة كبيرة'));
    // How long to wait: the 15 s rule less the 5 s the second reader spent filling the form.
    assert.match(sameIp.body, /انتظر (10|١٠) ث ثم أعد الإرسال/);
    assert.ok(sameIp.body.includes('>من العنوان نفسه</textarea>'));
    const sameEmail = await s.post({ ...who, comment: 'من البريد نفسه' }, { ip: '192.0.2.8' });
    assert.equal(sameEmail.status, 429);
    s.clock.advance(16_000);
    assert.equal((await s.post({ ...who, comment: 'بعد المهلة' }, { ip: '192.0.2.7' })).status, 303);
  });

  it('lets only one of three comments sent at the same moment by one reader through (no race past the flood rule)', async () => {
    const who = someone();
    const statuses = await Promise.all(
      ['في اللحظة نفسها ١', 'في اللحظة نفسها ٢', 'في اللحظة نفسها ٣'].map((comment) => s.post({ ...who, comment }, { ip: '192.0.2.9' }).then((r) => r.status)),
    );
    assert.deepEqual(statuses.sort(), [303, 429, 429]);
  });

  it('refuses a duplicate comment with 409', async () => {
    const who = someone();
    assert.equal((await s.post({ ...who, comment: 'قلتها مرة' })).status, 303);
    s.clock.advance(20_000);
    const again = await s.post({ ...who, comment: 'قلتها مرة' });
    assert.equal(again.status, 409);
    assert.ok(again.body.includes('تعليق مكرر'));
  });

  it('approves a known commenter at once, but holds comments with 2 or more links', async () => {
    const who = await known();
    const plain = await s.post({ ...who, comment: 'تعليق عادي' });
    assert.equal(await statusOf(plain.location), 'approved');
    s.clock.advance(20_000);
    const links = await s.post({ ...who, comment: 'انظر https://a.example/x و http://b.example/y' });
    assert.equal(await statusOf(links.location), 'pending');
  });

  it('matches hold and block words on normalised Arabic: tashkeel, tatweel and letter variants do not dodge them', async () => {
    await s.comments.updatePolicy('ar', [['hold-words', 'مراجعة'], ['block-words', 'إعلان مدفوع, كازينو']]);
    const who = await known();
    const held = await s.post({ ...who, comment: 'هذا يحتاج مُراجـــعة' });
    assert.equal(await statusOf(held.location), 'pending');
    s.clock.advance(20_000);
    const blocked = await s.post({ ...who, comment: 'اعلان مَدفُوع هنا' });
    assert.equal(blocked.status, 303);
    assert.equal(await statusOf(blocked.location), 'trash');
    s.clock.advance(20_000);
    const variant = await s.post({ ...who, comment: 'كــازينــو' });
    assert.equal(await statusOf(variant.location), 'trash');
    await s.comments.updatePolicy('ar', [['hold-words', ''], ['block-words', '']]);
  });

  it('holds everything when the edition says "hold all"', async () => {
    const who = await known();
    await s.comments.updatePolicy('ar', [['hold-all', 'true']]);
    const r = await s.post({ ...who, comment: 'حتى المعروفون' });
    assert.equal(await statusOf(r.location), 'pending');
    await s.comments.updatePolicy('ar', [['hold-all', 'false']]);
  });

  it('tells moderators (editors and administrators) about a held comment in their next digest, not at once', async () => {
    // An editor who can sign in (a byline without a password moderates nothing).
    await s.repos.write((tx) => s.repos.users.upsert(tx, { email: 'editor@example.org', slug: 'ed', name: 'Ed', role: 'editor', bio: '', passwordHash: 'x' }, '2024-01-01T00:00:00Z'), { invalidates: [] });
    const before = s.mailer.sent.length;
    const r = await s.post({ ...someone(), comment: 'ينتظر المراجعة' });
    assert.equal(s.mailer.sent.length, before, 'no e-mail per post');
    await s.app.services.jobs.run('moderator-notices');
    const mail = s.mailer.sent.slice(before);
    assert.equal(mail.length, 1);
    assert.equal(mail[0]!.to, 'editor@example.org');
    assert.ok(mail[0]!.text.includes('ينتظر المراجعة'));
    assert.ok(mail[0]!.text.includes(`#${idOf(r.location)} `));
  });

  it('answers the enhanced (JavaScript) form with JSON, the same rules applied', async () => {
    const r = await s.post({ ...someone(), comment: 'عبر fetch' }, { json: true });
    assert.equal(r.status, 201);
    const body = JSON.parse(r.body) as { id: number; status: string; location: string };
    assert.equal(body.status, 'held');
    assert.ok(body.location.endsWith(`#comment-${body.id}`));
    assert.deepEqual(Object.keys(r.cookies), ['khabar_held']);
  });

  it('nests replies at most 5 deep, and pages long threads (?cpage=)', async () => {
    // A site of its own: which page a thread lands on depends on every comment on the article.
    const own = await commentSite();
    try {
      await own.comments.updatePolicy('ar', [['per-page', '2']]);
      // Two threads before this one (the known commenter's first comment and another reader's),
      // so that it starts the second page.
      const who = await known(own);
      const other = await own.post({ ...someone(), comment: 'تعليق قارئ آخر' });
      await own.comments.setStatus(idOf(other.location), 'approved');
      own.clock.advance(20_000);
      let parent = '0';
      const ids: number[] = [];
      for (let i = 0; i < 7; i++) {
        const r = await own.post({ ...who, comment: `مستوى ${i + 1}`, comment_parent: parent });
        assert.equal(r.status, 303, r.body.slice(0, 200));
        ids.push(idOf(r.location));
        parent = String(ids.at(-1));
        own.clock.advance(20_000);
      }
      const all = (await own.page(`${AR_ARTICLE}?cpage=2`)).html + (await own.page(AR_ARTICLE)).html + (await own.page(`${AR_ARTICLE}?cpage=3`)).html;
      for (const [i, id] of ids.entries()) assert.match(all, new RegExp(`<li id="comment-${id}" class="comment depth-${Math.min(i + 1, 5)}">`));
      // At the depth limit there is no reply link; deeper replies sit beside it.
      assert.ok(all.includes(`replytocom=${ids[3]}#respond`));
      assert.ok(!all.includes(`replytocom=${ids[4]}#respond`));
      const first = (await own.page(AR_ARTICLE)).html;
      assert.match(first, /<nav class="pagination"/);
      assert.match(first, /\?cpage=2#comments/);
    } finally {
      await own.close();
    }
  });
});

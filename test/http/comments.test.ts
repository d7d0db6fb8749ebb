import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { anotherInstance } from '../support/app.ts';
import { scratchDir } from '../support/scratch-dir.ts';
import { AR_ARTICLE, AR_ARTICLE_ID, commentSite, EN_ARTICLE, EN_ARTICLE_ID, reader, section, textOf, type CommentSite } from '../support/comments.ts';

describe('reader comments: the section and posting without JavaScript', () => {
  // Each test gets a site of its own: comments, the flood clock and the article's open/closed
  // state all change as tests post, and no test may count on another having run.
  let s: CommentSite;
  beforeEach(async () => {
    s = await commentSite();
  });
  afterEach(() => s.close());

  /** A reader's comment on the Arabic article, approved; returns its id. */
  const approvedComment = async (n: number, comment: string) => {
    const r = await s.post({ ...reader(n), comment });
    assert.equal(r.status, 303);
    const id = Number(/#comment-(\d+)$/.exec(r.location ?? '')?.[1]);
    await s.comments.setStatus(id, 'approved');
    return id;
  };

  it('shows WordPress’s form: fields by WordPress’s names, labels, required marks and the two notes in Arabic', async () => {
    const { html } = await s.page(AR_ARTICLE);
    const sec = section(html);
    assert.match(sec, /<h3 id="reply-title"[^>]*>اترك تعليقاً/);
    assert.ok(textOf(sec).includes('لن يتم نشر عنوان بريدك الإلكتروني.'));
    assert.ok(textOf(sec).includes('الحقول الإلزامية مشار إليها بـ *'));
    for (const [name, label] of [['author', 'الاسم'], ['email', 'البريد الإلكتروني'], ['comment', 'التعليق']]) {
      assert.match(sec, new RegExp(`<label for="${name}">${label} <span class="required" aria-hidden="true">\\*</span></label>`));
      assert.match(sec, new RegExp(`name="${name}"[^>]*required aria-required="true"`));
    }
    assert.match(sec, /<label for="url">الموقع الإلكتروني <\/label><input type="url" id="url" name="url"/);
    assert.match(sec, /name="comment_parent" id="comment_parent" value="0"/);
    assert.match(sec, /<h2 class="section-title comments-title" id="comments-title">لا توجد تعليقات<\/h2>/);
  });

  it('hides the honeypot from people and assistive technology, under a name like no real field', async () => {
    const sec = section((await s.page(AR_ARTICLE)).html);
    const trap = /<div class="comment-form-extra" aria-hidden="true">.*?<\/div>/.exec(sec)?.[0] ?? '';
    assert.match(trap, /name="reference_code"[^>]*tabindex="-1" autocomplete="off"/);
    const name = /name="([^"]+)"/.exec(trap)?.[1] ?? '';
    assert.doesNotMatch(name, /author|name|mail|url|site|comment/);
  });

  it('gives every response a fresh signed token while the page itself stays cached', async () => {
    const a = await s.page(AR_ARTICLE);
    s.clock.advance(2000);
    const b = await s.page(AR_ARTICLE);
    assert.match(a.token, /^\d+\.[\w-]{24}$/);
    assert.notEqual(a.token, b.token);
    assert.equal(a.headers['cache-control'], 'public, max-age=0, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400');
    const again = await s.app.fastify.inject({ url: AR_ARTICLE, headers: { 'if-none-match': String(b.headers.etag) } });
    assert.equal(again.statusCode, 304);
  });

  it('holds a first comment: 303 to its anchor, shown only to its author as awaiting moderation, privately', async () => {
    const r = await s.post({ ...reader(1), comment: 'تعليق أول من قارئ جديد' });
    assert.equal(r.status, 303);
    const id = Number(/#comment-(\d+)$/.exec(r.location ?? '')?.[1]);
    assert.ok(id > 0);
    assert.ok(r.location!.startsWith(AR_ARTICLE));
    const mine = await s.page(AR_ARTICLE, r.cookies);
    assert.equal(mine.headers['cache-control'], 'private, no-store');
    assert.match(section(mine.html), new RegExp(`<li id="comment-${id}" class="comment depth-1 is-pending">`));
    assert.ok(mine.html.includes('تعليقك بانتظار المراجعة.'));
    const others = await s.page(AR_ARTICLE);
    assert.ok(!others.html.includes('تعليق أول من قارئ جديد'));
    assert.match(String(others.headers['cache-control']), /^public/);
    // A forged cookie shows nothing.
    const forged = await s.page(AR_ARTICLE, { khabar_held: String(id) });
    assert.ok(!forged.html.includes('تعليق أول من قارئ جديد'));
    assert.match(String(forged.headers['cache-control']), /^public/);
  });

  it('keeps every held comment of a reader in ONE fixed cookie on the article’s path (a cache bypasses on its name); the private page’s form carries the list', async () => {
    const first = await s.post({ ...reader(3), comment: 'أول تعليق محجوز' });
    const firstId = Number(/#comment-(\d+)$/.exec(first.location ?? '')?.[1]);
    const mine = await s.page(AR_ARTICLE, first.cookies);
    const list = /name="held" value="([^"]+)"/.exec(mine.html)?.[1];
    assert.ok(list, 'the private page’s form carries the signed list');
    // The form posts to /wp-comments-post.php, which the article-scoped cookie does not reach.
    // Past the flood interval: the same reader may post again.
    const second = await s.post({ ...reader(3), comment: 'ثاني تعليق محجوز', held: list! }, { wait: 60_000 });
    assert.equal(second.status, 303);
    const secondId = Number(/#comment-(\d+)$/.exec(second.location ?? '')?.[1]);
    const raw = await s.app.fastify.inject({ method: 'GET', url: AR_ARTICLE });
    assert.ok(!raw.headers['set-cookie'], 'a reader without held comments gets no cookie');
    assert.deepEqual(Object.keys(second.cookies), ['khabar_held']);
    const both = await s.page(AR_ARTICLE, second.cookies);
    for (const id of [firstId, secondId]) assert.match(section(both.html), new RegExp(`<li id="comment-${id}" class="comment depth-1 is-pending">`));
    assert.equal(both.headers['cache-control'], 'private, no-store');
    // A list the site did not sign adds nothing.
    const forged = await s.post({ ...reader(4), comment: 'تعليق ثالث محجوز', held: `${firstId}.${secondId}` });
    const theirs = await s.page(AR_ARTICLE, forged.cookies);
    assert.ok(!theirs.html.includes('أول تعليق محجوز'));
  });

  it('sets the held cookie on the article’s own path, httpOnly and signed', async () => {
    const r = await s.post({ ...reader(5), comment: 'تعليق محجوز آخر' });
    assert.ok(r.headers['set-cookie']);
    const cookie = String(r.headers['set-cookie']);
    assert.match(cookie, /^khabar_held=[^;]+; Max-Age=604800; Path=\/ar\/2022\/02\/25\/[^;]+\/; HttpOnly; SameSite=Lax$/);
  });

  it('an approved comment appears on the next request (the write bumps the cache), then the commenter is known', async () => {
    const first = await s.post({ ...reader(2), comment: 'رأي القارئ الثاني' });
    const id = Number(/#comment-(\d+)$/.exec(first.location ?? '')?.[1]);
    await s.comments.setStatus(id, 'approved');
    const page = await s.page(AR_ARTICLE);
    assert.match(section(page.html), new RegExp(`<li id="comment-${id}" class="comment depth-1">`));
    assert.ok(textOf(section(page.html)).includes('رأي القارئ الثاني'));
    s.clock.advance(20_000);
    const second = await s.post({ ...reader(2), comment: 'تعليق ثانٍ يظهر مباشرة' });
    assert.equal(second.status, 303);
    assert.deepEqual(second.cookies, {}, 'no held cookie for an approved comment');
    assert.ok((await s.page(AR_ARTICLE)).html.includes('تعليق ثانٍ يظهر مباشرة'));
  });

  it('counts approved comments with Arabic plural forms and the edition’s digits', async () => {
    await approvedComment(2, 'رأي القارئ الثاني');
    await approvedComment(3, 'رأي القارئ الثالث');
    // A held comment is not counted.
    assert.equal((await s.post({ ...reader(4), comment: 'ينتظر المراجعة' })).status, 303);
    const { html } = await s.page(AR_ARTICLE);
    assert.match(html, /id="comments-title">تعليقان<\/h2>/);
  });

  it('threads replies (?replytocom works without JavaScript) and never shows an e-mail address', async () => {
    await approvedComment(2, 'رأي القارئ الثاني');
    s.clock.advance(20_000);
    const parent = (await s.comments.list({ status: 'approved' })).at(-1)!;
    const form = await s.page(`${AR_ARTICLE}?replytocom=${parent.id}`);
    assert.match(form.html, new RegExp(`name="comment_parent" id="comment_parent" value="${parent.id}"`));
    assert.ok(form.html.includes(`اترك رداً على ${parent.authorName}`));
    assert.match(form.html, /id="cancel-comment-reply-link"/);
    s.clock.advance(20_000);
    const r = await s.post({ ...reader(2), comment: 'رد على نفسي', comment_parent: String(parent.id) }, { url: `${AR_ARTICLE}?replytocom=${parent.id}` });
    assert.equal(r.status, 303);
    const html = (await s.page(AR_ARTICLE)).html;
    assert.match(html, new RegExp(`<li id="comment-${parent.id}"[^>]*>.*<ol class="children"><li id="comment-\\d+" class="comment depth-2">`));
    assert.match(html, new RegExp(`href="${AR_ARTICLE.replace(/[.?]/g, '\\$&')}\\?replytocom=${parent.id}#respond"`));
    assert.ok(!html.includes('@example.org'));
  });

  it('re-shows the form with messages beside the fields and everything typed kept (400, Arabic)', async () => {
    const typed = { author: '', email: 'ليس-بريداً', url: 'javascript:alert(1)', comment: 'نص طويل كتبه القارئ\n\nفقرة ثانية' };
    const r = await s.post(typed);
    assert.equal(r.status, 400);
    assert.equal(r.headers['cache-control'], 'no-store');
    const sec = section(r.body);
    assert.match(sec, /<span class="field-error" id="author-error">هذا الحقل مطلوب.<\/span>/);
    assert.match(sec, /<span class="field-error" id="email-error">أدخل عنوان بريد إلكتروني صحيحاً.<\/span>/);
    assert.match(sec, /id="url-error">أدخل رابطاً صحيحاً/);
    assert.match(sec, /value="ليس-بريداً"/);
    assert.match(sec, /value="javascript:alert\(1\)"/);
    assert.ok(sec.includes('>نص طويل كتبه القارئ\n\nفقرة ثانية</textarea>'));
    assert.match(sec, /aria-invalid="true" aria-describedby="author-error"/);
    assert.match(sec, /<div class="form-errors" id="comment-errors" role="alert"/);
    // The token is the body's last element, tied to the form by its id (cached pages are compressed up to it once).
    assert.match(r.body, /<input type="hidden" name="form_token" value="\d+\.[\w-]{24}" form="commentform"\/><\/body><\/html>$/);
  });

  it('answers in English on the English edition, with English plurals', async () => {
    const r = await s.post({ author: 'Ann', email: '', comment: 'Hello' }, { url: EN_ARTICLE, articleId: EN_ARTICLE_ID });
    assert.equal(r.status, 400);
    assert.match(r.body, /<html lang="en" dir="ltr">/);
    assert.match(r.body, /id="email-error">This field is required.</);
    assert.ok(textOf(section(r.body)).includes('Your email address will not be published.'));
    assert.ok(textOf(section(r.body)).includes('Required fields are marked *'));
    assert.match(r.body, /id="reply-title"[^>]*>Leave a Reply/);
    const ok = await s.post({ author: 'Ann', email: 'ann@example.org', comment: 'Hello there' }, { url: EN_ARTICLE, articleId: EN_ARTICLE_ID });
    const id = Number(/#comment-(\d+)$/.exec(ok.location ?? '')?.[1]);
    await s.comments.setStatus(id, 'approved');
    assert.match((await s.page(EN_ARTICLE)).html, /id="comments-title">One comment<\/h2>/);
  });

  it('keeps WordPress’s length limits, with the text kept', async () => {
    const long = 'ب'.repeat(65_526);
    const r = await s.post({ ...reader(3), author: 'ن'.repeat(246), comment: long });
    assert.equal(r.status, 400);
    assert.match(r.body, /id="author-error">النص أطول من المسموح به \(245 حرفاً\)/);
    assert.match(r.body, /id="comment-error">النص أطول من المسموح به \(65525 حرفاً\)/);
    assert.ok(r.body.includes(long));
  });

  it('refuses posts to unknown articles (404) and, when closed, shows “comments are closed” and answers 403', async () => {
    const unknown = await s.post({ ...reader(4), comment: 'x' }, { articleId: 999_999 });
    assert.equal(unknown.status, 404);
    const token = (await s.page(AR_ARTICLE)).token;
    await s.repos.write(async (tx) => {
      await tx.updateTable('articles').set({ comment_status: 'closed' }).where('id', '=', AR_ARTICLE_ID).execute();
    }, { invalidates: ['edition:ar'] });
    const closed = await s.post({ ...reader(4), comment: 'متأخر' }, { token });
    assert.equal(closed.status, 403);
    const page = (await s.page(AR_ARTICLE)).html;
    assert.ok(page.includes('التعليقات مغلقة.'));
    assert.ok(!page.includes('id="commentform"'));
  });

  it('closes comments after N days when the edition’s policy says so', async () => {
    assert.ok((await s.page(AR_ARTICLE)).html.includes('id="commentform"'));
    await s.comments.updatePolicy('ar', [['close-after-days', '30']]);
    const r = await s.post({ ...reader(5), comment: 'بعد الإغلاق' });
    assert.equal(r.status, 403);
    assert.ok((await s.page(AR_ARTICLE)).html.includes('التعليقات مغلقة.'));
  });
});

describe('comment counts in lists', () => {
  it('a card shows its approved comments, in Arabic plural, linking to the thread', async () => {
    const site = await commentSite();
    try {
      const before = await site.app.fastify.inject('/ar/category/economy/');
      assert.ok(!before.body.includes('#comments"'), 'no count without comments');
      for (const n of [1, 2, 3]) {
        const r = await site.post({ ...reader(n), comment: `تعليق القارئ ${n} على الخبر.` });
        assert.equal(r.status, 303);
      }
      // Held first comments count only once approved.
      const held = await site.comments.list({ status: 'pending' });
      for (const c of held.slice(0, 2)) await site.comments.setStatus(c.id, 'approved');
      const after = await site.app.fastify.inject('/ar/category/economy/');
      assert.match(after.body, /<a href="\/ar\/2022\/02\/25\/[^"]+\/#comments">تعليقان<\/a>/);
    } finally {
      await site.close();
    }
  });
});

describe('a comment POST after a write from another process (the CLI, another instance)', () => {
  // Writes this process cannot hear of: what posting reads is kept per content version, so the
  // POST must see the version move, as every page does.
  let s: CommentSite;
  // On a file, so that another instance (another connection, as another process has) can write to it.
  const dir = scratchDir('khabar-comments-');
  let sites = 0;
  beforeEach(async () => {
    s = await commentSite({ sqliteFile: join(dir, `site-${sites++}.db`) });
  });
  afterEach(() => s.close());

  /**
   * A reader posts (what posting reads is then known at this version), another instance makes
   * `write`, and a second reader posts with the same page's token: that second answer.
   */
  const postAround = async (write: (other: Awaited<ReturnType<typeof anotherInstance>>['app']) => Promise<unknown>, second: { n: number; comment: string }) => {
    const { token } = await s.page(AR_ARTICLE);
    assert.equal((await s.post({ ...reader(39), comment: 'قبل التغيير' }, { token })).status, 303);
    const other = await anotherInstance(s);
    try {
      await write(other.app);
    } finally {
      await other.close();
    }
    return s.post({ ...reader(second.n), comment: second.comment }, { token });
  };

  it('is refused when comments were closed there since the page was read', async () => {
    const r = await postAround((other) => other.services.comments.updatePolicy('ar', [['close-after-days', '30']]), { n: 40, comment: 'بعد الإغلاق في مكان آخر' });
    assert.equal(r.status, 403);
    assert.ok(r.body.includes('التعليقات مغلقة.'));
    assert.deepEqual((await s.comments.list({ status: 'pending' })).map((c) => c.authorName), [reader(39).author]);
  });

  it('is taken, once, when something else changed there meanwhile', async () => {
    const r = await postAround((other) => other.services.comments.updatePolicy('en', [['close-after-days', '30']]), { n: 41, comment: 'تعليق بعد تغيير في طبعة أخرى' });
    assert.equal(r.status, 303);
    const held = (await s.comments.list({ status: 'pending' })).filter((c) => c.authorName === reader(41).author);
    assert.deepEqual(held.map((c) => c.id), [Number(/#comment-(\d+)$/.exec(r.location ?? '')?.[1])]);
  });
});

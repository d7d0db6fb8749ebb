import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Page } from 'playwright-core';
import { fixedClock } from '../../src/platform/clock.ts';
import { CommentService } from '../../src/services/comments/comments.ts';
import { SEED_LIKE_ID, SEED_LIKE_SLUG, writeNewsroom } from '../fixtures/newsroom.ts';
import { describeInBrowser, launchBrowser, liveSite, openPage, screenshot, slantedArabic, type Browser, type LiveSite } from '../support/browser.ts';

const ARTICLE = `/ar/2022/02/25/${encodeURIComponent(SEED_LIKE_SLUG)}/`;

describeInBrowser('comments in Chromium, with JavaScript off and on', () => {
  let live: LiveSite;
  let service: CommentService;
  let noJs: Browser;
  let js: Browser;
  // The site's clock: a person's time filling in the form passes on it, not in real time. It
  // starts at today's date, so the cookies the site sets are current for the browser.
  const clock = fixedClock(new Date());

  before(async () => {
    live = await liveSite({ clock });
    await writeNewsroom(live.site);
    service = new CommentService({ repos: live.site.repos, clock, secret: live.site.secret });
    // One person posts several comments from 127.0.0.1: relax the flood limit (the rule has its
    // own HTTP tests).
    await service.updatePolicy('ar', [['flood-seconds', '0'], ['min-fill-seconds', '1']]);
    noJs = await launchBrowser({ javaScriptEnabled: false });
    js = await launchBrowser();
  });
  after(async () => {
    await noJs?.close();
    await js?.close();
    await live?.close();
  });

  const fill = async (page: Page, f: { author: string; email: string; comment: string }) => {
    await page.fill('#author', f.author);
    await page.fill('#email', f.email);
    await page.fill('#comment', f.comment);
    clock.advance(5000); // a person takes longer than the minimum fill time
  };

  /** An approved comment on the article, posted through the service; returns its id. */
  const approvedComment = async (authorName: string, authorEmail: string, body: string) => {
    const target = await service.target(SEED_LIKE_ID);
    assert.ok(target);
    const token = service.formToken(SEED_LIKE_ID);
    clock.advance(5000);
    const posted = await service.post(target, { authorName, authorEmail, authorUrl: '', body, ip: '127.0.0.1', userAgent: 'test', parentId: null, token, trap: '' });
    await service.setStatus(posted.id, 'approved');
    return posted.id;
  };

  it('posts with JavaScript disabled: a 303 back to the comment, held and shown to its author only', async () => {
    const page = await openPage(noJs, live.origin + ARTICLE);
    await fill(page, { author: 'سارة', email: 'sara@example.org', comment: 'تعليق من دون جافاسكربت.\n\nفقرة ثانية.' });
    await Promise.all([page.waitForURL(/#comment-\d+$/), page.click('#submit')]);
    const firstId = Number(/#comment-(\d+)$/.exec(page.url())![1]);
    const item = page.locator(`#comment-${firstId}`);
    assert.equal(await item.locator('.comment-awaiting-moderation').textContent(), 'تعليقك بانتظار المراجعة.');
    assert.equal(await item.locator('.comment-content p').count(), 2);
    // Not «no comments» above the reader's own comment.
    assert.equal(await page.locator('#comments-title').textContent(), 'التعليقات');
    assert.deepEqual(await slantedArabic(page), [], 'no Arabic text is drawn in italics');
    await screenshot(page, 'comments-held-for-author-ar');
    const stranger = await openPage(js, live.origin + ARTICLE);
    assert.equal(await stranger.locator(`#comment-${firstId}`).count(), 0);
    await stranger.close();
  });

  it('re-shows the form with the errors beside the fields and the text kept (JavaScript off)', async () => {
    const page = await openPage(noJs, live.origin + ARTICLE);
    await fill(page, { author: 'سارة', email: 'sara@localhost', comment: 'نص محفوظ رغم الخطأ' });
    await Promise.all([page.waitForLoadState('load'), page.click('#submit')]);
    assert.equal(await page.locator('#email-error').textContent(), 'أدخل عنوان بريد إلكتروني صحيحاً.');
    assert.equal(await page.inputValue('#comment'), 'نص محفوظ رغم الخطأ');
    assert.equal(await page.inputValue('#author'), 'سارة');
    await screenshot(page, 'comments-form-errors-ar');
  });

  it('replies with JavaScript enabled, without a reload, and the thread nests', async () => {
    // Its own comment to reply to (the one posted above is still held).
    const firstId = await approvedComment('ريم', 'reem@example.org', 'تعليق يردّ عليه قارئ آخر.');
    const page = await openPage(js, live.origin + ARTICLE);
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await page.evaluate(() => { (window as unknown as { marker: number }).marker = 42; });
    await page.click(`#comment-${firstId} .comment-reply-link`);
    assert.equal(await page.locator(`#comment-${firstId} > #respond`).count(), 1, 'the form moved under the comment');
    assert.equal(await page.inputValue('#comment_parent'), String(firstId));
    await fill(page, { author: 'Mallory', email: 'mallory@example.org', comment: 'رد: <img src=x onerror="alert(1)"> <script>alert(2)</script>' });
    await page.click('#submit');
    const reply = page.locator(`#comment-${firstId} > ol.children > li.comment.depth-2`);
    await reply.waitFor();
    assert.equal(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 42, 'no page load happened');
    assert.match((await reply.locator('.comment-content').textContent()) ?? '', /<img src=x onerror="alert\(1\)"> <script>alert\(2\)<\/script>/);
    assert.equal(await reply.locator('.comment-awaiting-moderation').count(), 1);

    const replyId = Number((await reply.getAttribute('id'))!.replace('comment-', ''));
    await service.setStatus(replyId, 'approved');
    const fresh = await openPage(js, live.origin + ARTICLE);
    fresh.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    assert.equal(await fresh.locator(`#comment-${firstId} > ol.children > #comment-${replyId}`).count(), 1);
    assert.equal(await fresh.locator('.comment-content img, .comment-content script').count(), 0);
    assert.equal(await fresh.locator('#comments-title').textContent(), 'تعليقان');
    assert.deepEqual(dialogs, [], 'nothing executed');
    await screenshot(fresh, 'comments-thread-ar');
  });

  it('with JavaScript, a reply started in place can be cancelled: the form goes back, answering no one', async () => {
    const target = await approvedComment('هالة', 'hala@example.org', 'تعليق لرد يُلغى.');
    const page = await openPage(js, live.origin + ARTICLE);
    const cancel = page.locator('#cancel-comment-reply-link');
    assert.equal(await cancel.isVisible(), false, 'no cancel link before a reply starts');
    const title = await page.locator('#reply-title').textContent();
    await page.click(`#comment-${target} .comment-reply-link`);
    assert.equal(await page.locator(`#comment-${target} > #respond`).count(), 1);
    assert.equal(await cancel.isVisible(), true, 'the cancel link shows while replying');
    await cancel.click();
    assert.equal(await page.locator(`#comment-${target} #respond`).count(), 0, 'the form left the comment');
    assert.equal(await page.locator('#comments > #respond').count(), 1, 'and is back under the thread');
    assert.equal(await page.inputValue('#comment_parent'), '0');
    assert.equal(await page.locator('#reply-title').textContent(), title);
    assert.equal(await cancel.isVisible(), false);
    assert.equal(await page.evaluate(() => document.activeElement?.closest('li')?.id), `comment-${target}`, 'focus returns to the comment');
    await page.close();
  });

  it('posts a top-level comment with JavaScript enabled and shows it in place', async () => {
    const page = await openPage(js, live.origin + ARTICLE);
    await fill(page, { author: 'Omar', email: 'omar@example.org', comment: 'With JavaScript on.' });
    await page.click('#submit');
    const added = page.locator('li.comment.depth-1.is-pending');
    await added.waitFor();
    assert.equal(await added.locator('.comment-content').textContent(), 'With JavaScript on.');
    assert.ok(page.url().endsWith(ARTICLE), 'still on the article, no navigation');
  });
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, it } from 'node:test';
import type { CommentModeration } from '../../src/domain/comment.ts';
import { AccountService } from '../../src/services/users/accounts.ts';
import { SEED_LIKE_ID, writeNewsroom } from '../fixtures/newsroom.ts';
import { CHEAP_HASH, PASSWORD } from '../support/admin.ts';
import { atBothWidths, describeInBrowser, launchBrowser, liveSite, openPage, type Browser, type LiveSite, seriousA11yViolations, signIn } from '../support/browser.ts';
import { AR_ARTICLE } from '../support/comments.ts';

describeInBrowser('comment moderation in Chromium', () => {
  let live: LiveSite;
  let browser: Browser;
  let editor: string;
  let administrator: string;
  const held: number[] = [];
  const url = (path: string) => live.origin + path;

  const comment = async (name: string, body: string, status: CommentModeration = 'pending') => {
    const { repos } = live.site;
    return repos.write((tx) =>
      repos.comments.insert(tx, {
        articleId: SEED_LIKE_ID, parentId: null, authorName: name, authorEmail: `${name.length}@example.org`, authorUrl: '', body, status,
        ip: '192.0.2.44', userAgent: 'test', createdAt: new Date(Date.UTC(2024, 0, 1, 8, held.length)).toISOString(),
        emailHash: createHash('sha256').update(name).digest('hex'), bodyHash: createHash('sha256').update(body).digest('hex'),
      }),
    { invalidates: [] });
  };

  before(async () => {
    live = await liveSite();
    const rt = live.site;
    await writeNewsroom(rt);
    const accounts = new AccountService({ repos: rt.repos, clock: rt.clock, hashCost: CHEAP_HASH });
    editor = (await accounts.create({ email: 'editor@example.org', name: 'ليلى حداد', role: 'editor', password: PASSWORD })).account.email;
    administrator = (await accounts.create({ email: 'admin@example.org', name: 'مدير الموقع', role: 'administrator', password: PASSWORD })).account.email;
    held.push(await comment('سامر', 'تعليق ينتظر الموافقة: شكراً على هذا التقرير المفصّل عن زيارة الوفد.\nوسطر ثانٍ.'));
    held.push(await comment('cheap-pills', 'buy cheap pills https://spam.example/ now'));
    held.push(await comment('casino-bot', 'best casino bonus https://casino.example/'));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await live?.close();
  });

  it('an editor approves a held comment from the queue and it appears on the article; two spam comments go in one bulk action', async () => {
    const page = await openPage(browser, url('/admin/login'));
    await signIn(page, editor);
    await Promise.all([page.waitForURL(/\/admin\/comments$/), page.click('nav a[href="/admin/comments"]')]);
    assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['ar', 'rtl']);
    assert.equal(await page.locator('.queued-comment').count(), 3);
    await atBothWidths(page, 'admin-moderation-ar');
    assert.deepEqual(await seriousA11yViolations(page), []);

    const [first, second, third] = held as [number, number, number];
    await Promise.all([page.waitForURL(/changed=1/), page.click(`button[name=row][value="approve:${first}"]`)]);
    assert.match((await page.textContent('.notice')) ?? '', /تغيّر 1 من التعليقات/);
    assert.equal(await page.locator('.queued-comment').count(), 2);

    const article = await openPage(browser, url(AR_ARTICLE));
    assert.match((await article.textContent(`#comment-${first}`)) ?? '', /تعليق ينتظر الموافقة/);
    await article.close();

    await page.check(`input[name=ids][value="${second}"]`);
    await page.check(`input[name=ids][value="${third}"]`);
    await page.selectOption('#bulk-action', 'spam');
    await Promise.all([page.waitForURL(/changed=2/), page.click('#moderate .bulk-bar button[type=submit]')]);
    assert.equal(await page.locator('.queued-comment').count(), 0);
    await page.click('.status-links a[href*="status=spam"]');
    await page.waitForURL(/status=spam/);
    assert.equal(await page.locator('.queued-comment').count(), 2);
    const statuses = await live.site.repos.db.kysely.selectFrom('comments').select(['id', 'status']).orderBy('id').execute();
    assert.deepEqual(statuses.map((r) => r.status), ['approved', 'spam', 'spam']);
    await page.close();
  });

  it('an administrator finds the management screens from the menu; they read right to left and fit a phone', async () => {
    const page = await openPage(browser, url('/admin/login'));
    await page.context().clearCookies();
    await page.goto(url('/admin/login'));
    await signIn(page, administrator);
    await Promise.all([page.waitForURL(/\/admin\/manage$/), page.click('nav a[href="/admin/manage"]')]);
    await atBothWidths(page, 'admin-manage-ar');
    await Promise.all([page.waitForURL(/\/admin\/editions$/), page.click('.manage-links a[href="/admin/editions"]')]);
    assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['ar', 'rtl']);
    // A bad time zone comes back with its message beside the field and the typed value kept.
    await page.fill('#ed-timezone', 'Asia/Nowhere');
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().includes('/admin/editions') && r.request().method() === 'POST'), page.click('form.form-grid > div > button[type=submit]')]);
    assert.equal(res.status(), 400);
    assert.match((await page.textContent('#ed-timezone-error')) ?? '', /Asia\/Riyadh/);
    assert.equal(await page.inputValue('#ed-timezone'), 'Asia/Nowhere');
    await atBothWidths(page, 'admin-editions-ar');
    assert.deepEqual(await seriousA11yViolations(page), []);
    for (const [path, name] of [
      ['/admin/taxonomy?edition=ar', 'admin-taxonomy-ar'],
      ['/admin/users', 'admin-users-ar'],
      ['/admin/home-page?edition=ar', 'admin-home-lead-ar'],
      ['/admin/menus?edition=ar', 'admin-menus-ar'],
      [`/admin/comments/${held[0]}/reply`, 'admin-staff-reply-ar'],
    ] as const) {
      await page.goto(url(path));
      await atBothWidths(page, name);
      assert.deepEqual(await seriousA11yViolations(page), [], name);
    }
    await page.close();
  });
});

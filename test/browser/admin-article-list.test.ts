import assert from 'node:assert/strict';
import { it } from 'node:test';
import { SEED_LIKE_ID, writeNewsroom } from '../fixtures/newsroom.ts';
import { describeInBrowser, newsroomInBrowser, openPage, screenshot, type Browser, type LiveSite, seriousA11yViolations, signIn } from '../support/browser.ts';

describeInBrowser('the newsroom dashboard and article list in Chromium', () => {
  let live: LiveSite;
  let browser: Browser;

  newsroomInBrowser({
    accounts: [{ email: 'editor@example.org', name: 'ليلى حداد', role: 'editor' }],
    prepare: writeNewsroom,
  }, (s) => ({ live, browser } = s));

  const rowTitles = (page: import('playwright-core').Page) => page.locator('table.articles tbody th.title').allInnerTexts();

  it('sorts by a column heading, both ways, and says so to screen readers', async () => {
    const page = await openPage(browser, `${live.origin}/admin/login`);
    await signIn(page, 'editor@example.org');
    await page.goto(`${live.origin}/admin/articles`);
    const newestFirst = await rowTitles(page);
    assert.equal(await page.locator('th[aria-sort="descending"]').innerText(), 'التاريخ ▼');
    await page.getByRole('link', { name: 'العنوان' }).click();
    const byTitle = await rowTitles(page);
    assert.deepEqual(byTitle, [...newestFirst].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'by title, A to Z (binary order, as the database sorts)');
    assert.equal(await page.locator('th[aria-sort="ascending"] a').getAttribute('title'), 'رتّب تنازلياً');
    await page.getByRole('link', { name: 'العنوان' }).click();
    assert.deepEqual(await rowTitles(page), [...byTitle].reverse());
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.close();
  });

  it('the dashboard: what needs attention, a held comment counted and led to, readable at 1200 and 360 px, without accessibility faults', async () => {
    const page = await openPage(browser, `${live.origin}/admin/`);
    if (new URL(page.url()).pathname === '/admin/login') await signIn(page, 'editor@example.org');
    assert.equal(await page.locator('#dash-published ~ ul li').count(), 4, 'the newsroom’s four published articles');
    assert.equal(await page.locator('.held-alert').count(), 0, 'no held comment yet');

    // A reader's comment is held for moderation: the dashboard counts it and leads to it.
    const { repos } = live.site;
    const held = await repos.write((tx) => repos.comments.insert(tx, {
      articleId: SEED_LIKE_ID, parentId: null, authorName: 'قارئة', authorEmail: 'reader@example.org', authorUrl: '', body: 'تعليق ينتظر الموافقة', status: 'pending',
      ip: '192.0.2.7', userAgent: 'test', createdAt: live.site.clock.now().toISOString(), emailHash: 'a'.repeat(64), bodyHash: 'b'.repeat(64),
    }), { invalidates: [] });
    await page.reload();
    assert.equal(await page.locator('.held-alert a').innerText(), 'تعليقات بانتظار الموافقة: 1');
    await page.locator('.held-alert a').click();
    await page.waitForURL(/\/admin\/comments/);
    assert.match(await page.locator(`#c-${held}`).innerText(), /تعليق ينتظر الموافقة/);
    await page.goBack();
    await screenshot(page, 'admin-dashboard-1200');
    await page.setViewportSize({ width: 360, height: 800 });
    await screenshot(page, 'admin-dashboard-360');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.close();
  });

  it('fits a 360 px phone: each article a card with labelled facts, nothing sticking out sideways', async () => {
    // The browser's session may be signed in already (the tests share it).
    const page = await openPage(browser, `${live.origin}/admin/articles`, { width: 360 });
    if (new URL(page.url()).pathname === '/admin/login') {
      await signIn(page, 'editor@example.org');
      await page.goto(`${live.origin}/admin/articles`);
    }
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await screenshot(page, 'admin-article-list-360');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `the page is ${await page.evaluate(() => document.documentElement.scrollWidth)} px wide`);
    // The column's name is shown beside each fact, as the heading row no longer lines up with it.
    assert.equal(await page.locator('table.articles tbody td[data-label="الحالة"]').first().evaluate((td) => getComputedStyle(td, '::before').content), '"الحالة: "');
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.close();
  });
});

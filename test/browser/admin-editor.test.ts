import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Page } from 'playwright-core';
import { fixedClock } from '../../src/platform/clock.ts';
import { localDateTime } from '../../src/services/articles/editor-form.ts';
import { AccountService } from '../../src/services/users/accounts.ts';
import { CHEAP_HASH, PASSWORD } from '../support/admin.ts';
import { describeInBrowser, launchBrowser, liveSite, openPage, screenshot, type Browser, type LiveSite, seriousA11yViolations, logIn } from '../support/browser.ts';

const TITLE = 'افتتاح الدورة الجديدة لمعرض الكتاب في عمّان';
const FIRST = 'افتُتح معرض الكتاب صباح اليوم بمشاركة ثلاثمئة دار نشر.';
const SECOND = 'افتُتح معرض الكتاب مساء أمس بمشاركة أربعمئة دار نشر.';

describeInBrowser('the article editor in Chromium, JavaScript off', () => {
  const clock = fixedClock('2026-03-01T10:00:00Z');
  let live: LiveSite;
  let browser: Browser;
  let editor: string;
  const url = (path: string) => live.origin + path;

  before(async () => {
    live = await liveSite({ clock });
    const rt = live.site;
    await rt.repos.write((tx) => rt.repos.taxonomies.upsertCategory(tx, { edition: 'ar', slug: 'culture', name: 'ثقافة', description: '', position: 0 }), { invalidates: [] });
    const accounts = new AccountService({ repos: rt.repos, clock: rt.clock, hashCost: CHEAP_HASH });
    editor = (await accounts.create({ email: 'editor@example.org', name: 'ليلى حداد', role: 'editor', password: PASSWORD })).account.email;
    browser = await launchBrowser({ javaScriptEnabled: false });
  });
  after(async () => {
    await browser?.close();
    await live?.close();
  });

  it('writes an Arabic article in the plain form, schedules it a minute ahead, and it appears on time; then restores an old revision', async () => {
    const page = await logIn(browser, live.origin, editor);
    await page.goto(url('/admin/articles'));
    await Promise.all([page.waitForURL(/\/admin\/articles\/new$/), page.click('a.button[href="/admin/articles/new"]')]);
    assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['ar', 'rtl']);

    await page.fill('#title', TITLE);
    await page.fill('#article-body', `<p>${FIRST}</p>`);
    await page.fill('#tags', 'كتب، ثقافة');
    await page.check('input[name=categories]');
    await page.fill('#featured_image_url', '/media/fair.jpg');
    await page.fill('#featured_image_alt', 'زوار في المعرض');
    // A minute ahead, in the edition's time zone (Riyadh, UTC+3).
    const due = new Date(clock.now().getTime() + 60_000).toISOString();
    await page.fill('#publish_at', localDateTime(due, 'Asia/Riyadh'));
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await screenshot(page, 'admin-editor-ar-1200');
    await page.setViewportSize({ width: 360, height: 800 });
    await screenshot(page, 'admin-editor-ar-360');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling at 360 px (${overflow}px too wide)`);
    await page.setViewportSize({ width: 1200, height: 800 });

    await Promise.all([page.waitForURL(/saved=scheduled/), page.click('button[value=publish]')]);
    assert.match((await page.textContent('.notice')) ?? '', /جُدول المقال/);
    const id = Number(/articles\/(\d+)\/edit/.exec(page.url())![1]);

    const home = await openPage(browser, url('/ar/'));
    assert.doesNotMatch(await home.content(), new RegExp(TITLE));
    clock.advance(61_000);
    await home.reload();
    assert.match(await home.content(), new RegExp(TITLE), 'published on time by the next request');
    await Promise.all([home.waitForURL(/\/ar\/2026\/03\/01\//), home.click(`a:has-text("${TITLE}")`)]);
    assert.equal(await home.textContent('h1'), TITLE);
    assert.match((await home.textContent('.article-body')) ?? '', new RegExp(FIRST));

    // Update the body, then bring the first text back from the revisions page.
    await page.goto(url(`/admin/articles/${id}/edit`));
    await page.fill('#article-body', `<p>${SECOND}</p>`);
    await Promise.all([page.waitForURL(/saved=updated/), page.click('button[value=update]')]);
    await home.reload();
    assert.match((await home.textContent('.article-body')) ?? '', new RegExp(SECOND));

    await page.click('a[href$="/revisions"]');
    await page.waitForURL(/\/revisions$/);
    await Promise.all([page.waitForURL(/\/revisions\/compare\?/), page.click('#compare-button')]);
    const removed = (await page.locator('.diff-before del').allTextContents()).join(' ');
    const added = (await page.locator('.diff-after ins').allTextContents()).join(' ');
    for (const w of ['صباح', 'اليوم', 'ثلاثمئة']) assert.ok(removed.includes(w), `removed: ${removed}`);
    for (const w of ['مساء', 'أمس', 'أربعمئة']) assert.ok(added.includes(w), `added: ${added}`);
    assert.ok(!removed.includes('معرض'), 'unchanged words are not marked');
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await screenshot(page, 'admin-editor-compare-ar');
    await page.goto(url(`/admin/articles/${id}/revisions`));
    const oldest = page.locator('tbody tr').last();
    await Promise.all([page.waitForURL(/saved=restored/), oldest.locator('button').click()]);
    await home.reload();
    assert.match((await home.textContent('.article-body')) ?? '', new RegExp(FIRST), 'the restored text is live');
    assert.match((await home.textContent('.dateline.updated')) ?? '', /آخر تحديث/);
    await home.close();
    await page.close();
  });

  it('the plain form has no serious accessibility problems (axe; the rich-text bundle held back)', async () => {
    // axe runs in the page, so this browser has JavaScript on; the editor bundle is blocked so the
    // plain form is what gets checked.
    const js = await launchBrowser();
    try {
      await js.context.route('**/admin/assets/editor.*', (r) => r.abort());
      const page = await logIn(js, live.origin, editor);
      await page.goto(url('/admin/articles/new'));
      await page.click('button[value=draft]');
      await page.waitForSelector('.field-error');
      assert.deepEqual(await seriousA11yViolations(page), []);
    } finally {
      await js.close();
    }
  });
});

import assert from 'node:assert/strict';
import { it } from 'node:test';
import sharp from 'sharp';
import { fixedClock } from '../../src/platform/clock.ts';
import { localDateTime } from '../../src/services/articles/editor-form.ts';
import { describeInBrowser, logIn, type Browser, type LiveSite, newsroomInBrowser } from '../support/browser.ts';

const TITLE = 'مهرجان الزيتون يعود إلى القرية بعد غياب خمس سنوات';
const LEAD = 'عاد مهرجان الزيتون هذا العام بمشاركة مئة مزارع من القرى المجاورة.';

/** A small JPEG drawn here (Khabar's own fixture): olive grove colours. */
const photo = () =>
  sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1000">
    <rect width="100%" height="100%" fill="#c9d6a3"/><rect y="650" width="100%" height="350" fill="#5b6b2f"/>
    <circle cx="1100" cy="300" r="120" fill="#f4c430"/></svg>`)).jpeg().toBuffer();

/**
 * The newsroom's day, end to end as a journalist meets it, JavaScript on: log in, put a photo in
 * the media library, write an Arabic article in the rich-text editor with that photo, schedule
 * it a minute ahead, and see it appear on the public site on time, photo and all.
 */
describeInBrowser('a journalist’s journey through the newsroom, in Chromium', () => {
  const clock = fixedClock('2026-05-10T07:00:00Z');
  let live: LiveSite;
  let browser: Browser;
  const url = (path: string) => live.origin + path;

  newsroomInBrowser({
    clock,
    // An author: publishes their own articles and uploads images (WordPress's meaning).
    accounts: [{ email: 'author@example.org', name: 'سلمى خوري', role: 'author' }],
    prepare: (rt) => rt.repos.write((tx) => rt.repos.taxonomies.upsertCategory(tx, { edition: 'ar', slug: 'rural', name: 'ريف', description: '', position: 0 }), { invalidates: [] }),
  }, (s) => ({ live, browser } = s));

  it('uploads a photo, writes and illustrates an article in the editor, schedules it, and it goes live on time', async () => {
    const page = await logIn(browser, live.origin, 'author@example.org');

    await page.goto(url('/admin/media'));
    await page.setInputFiles('#up-file', { name: 'olives.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    await page.fill('#up-alt', 'مزارعون يقطفون الزيتون');
    await Promise.all([page.waitForURL(/done=uploaded/), page.click('.media-upload button[type=submit]')]);

    await page.goto(url('/admin/articles/new'));
    await page.fill('#title', TITLE);
    await page.click('.rich-editor-content');
    await page.keyboard.type(LEAD);
    await page.keyboard.press('Enter');
    await page.click('.rich-tool-image');
    await page.waitForSelector('dialog.rich-media .rich-media-item');
    await page.check('.rich-media-item input');
    assert.equal(await page.inputValue('dialog.rich-media input[name=alt]'), 'مزارعون يقطفون الزيتون', 'the library’s alt text is offered');
    await page.click('dialog.rich-media button[type=submit]');
    await page.waitForSelector('dialog.rich-media', { state: 'detached' });
    await page.waitForSelector('.rich-editor-content img');
    await page.check('input[name=categories]');
    const due = new Date(clock.now().getTime() + 60_000).toISOString();
    await page.fill('#publish_at', localDateTime(due, 'Asia/Riyadh'));
    await Promise.all([page.waitForURL(/saved=scheduled/), page.click('button[value=publish]')]);

    const home = await browser.context.newPage();
    await home.goto(url('/ar/'));
    assert.doesNotMatch(await home.content(), new RegExp(TITLE), 'not before its time');
    clock.advance(61_000);
    await home.reload();
    await Promise.all([home.waitForURL(/\/ar\/2026\/05\/10\//), home.click(`a:has-text("${TITLE}")`)]);
    assert.equal(await home.textContent('h1'), TITLE);
    assert.match((await home.textContent('.article-body')) ?? '', new RegExp(LEAD));
    // The photo is served from the library in responsive sizes, and really loads.
    const img = home.locator('.article-body img');
    assert.equal(await img.getAttribute('alt'), 'مزارعون يقطفون الزيتون');
    assert.match((await img.getAttribute('srcset')) ?? (await home.locator('.article-body picture source').first().getAttribute('srcset')) ?? '', /\/media\/.+ 480w/);
    await img.evaluate((i: HTMLImageElement) => (i.complete ? undefined : new Promise((r) => i.addEventListener('load', r, { once: true }))));
    assert.ok(await img.evaluate((i: HTMLImageElement) => i.naturalWidth > 0), 'the photo loaded');
    await home.close();
    await page.close();
  });
});

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { AccountService } from '../../src/services/users/accounts.ts';
import { CHEAP_HASH, PASSWORD } from '../support/admin.ts';
import { describeInBrowser, launchBrowser, liveSite, logIn, openPage, screenshot, seriousA11yViolations, type Browser, type LiveSite } from '../support/browser.ts';

const TITLE = 'أسواق حلب القديمة تستعيد زوارها بعد الترميم';

/** A JPEG drawn here (Khabar's own fixture): a sky, a ground and a sun where the focal point will be. */
const photo = (sky: string, w = 1600, h = 900) =>
  sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <rect width="100%" height="100%" fill="${sky}"/><rect y="${h * 0.6}" width="100%" height="${h * 0.4}" fill="#6b4f2a"/>
    <circle cx="${w * 0.2}" cy="${h * 0.8}" r="${h * 0.12}" fill="#f4c430"/></svg>`)).jpeg().toBuffer();

/** Hands `bytes` to the page as a File inside a DataTransfer, and fires `kind` (a drop or a paste) at the editor. */
async function giveFile(page: Page, kind: 'drop' | 'paste', bytes: Buffer, name: string, type: string): Promise<void> {
  await page.evaluate(({ kind, b64, name, type }) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([data], name, { type }));
    const target = document.querySelector('.rich-editor-content')!;
    const r = target.getBoundingClientRect();
    const ev = kind === 'drop'
      ? new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true, clientX: r.left + 20, clientY: r.top + 10 })
      : new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
    target.dispatchEvent(ev);
  }, { kind, b64: bytes.toString('base64'), name, type });
}

/** Fills the upload dialog's alt text and sends it; resolves when the dialog is gone. */
async function answerDialog(page: Page, alt: string): Promise<void> {
  await page.waitForSelector('dialog.rich-media[open]');
  await page.fill('dialog.rich-media input[name=alt]', alt);
  await page.click('dialog.rich-media button[type=submit]');
  await page.waitForSelector('dialog.rich-media', { state: 'detached' });
}

/**
 * Issue 17's media part as a journalist meets it, JavaScript on: images uploaded from the editor's
 * dialog, dropped and pasted onto the text (each asking its alt text), a refused file that loses
 * nothing, a gallery and a table, and a featured image uploaded on the spot with a focal point
 * that the home page's card crops around.
 */
describeInBrowser('uploading and placing images from the editor, in Chromium', () => {
  let live: LiveSite;
  let browser: Browser;
  const url = (path: string) => live.origin + path;

  before(async () => {
    // A small upload limit, so that a "too big" file is cheap to make.
    live = await liveSite({ config: { mediaMaxBytes: 400_000 } });
    const rt = live.site;
    await rt.repos.write((tx) => rt.repos.taxonomies.upsertCategory(tx, { edition: 'ar', slug: 'cities', name: 'مدن', description: '', position: 0 }), { invalidates: [] });
    const accounts = new AccountService({ repos: rt.repos, clock: rt.clock, hashCost: CHEAP_HASH });
    await accounts.create({ email: 'reporter@example.org', name: 'سلمى خوري', role: 'author', password: PASSWORD });
    const desk = (await accounts.create({ email: 'desk@example.org', name: 'Laila Haddad', role: 'author', password: PASSWORD })).account;
    await accounts.setLocale(desk.id, 'en');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await live?.close();
  });

  it('uploads from the dialog, by drop and by paste, keeps the text when a file is refused, adds a gallery and a table, and crops the home card around the focal point', async () => {
    const page = await logIn(browser, live.origin, 'reporter@example.org');
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(url('/admin/articles/new'));
    await page.fill('#title', TITLE);
    await page.click('.rich-editor-content');
    await page.keyboard.type('عادت الحركة إلى أسواق المدينة القديمة.');
    await page.keyboard.press('Enter');

    // 1. The image dialog's own upload.
    await page.click('.rich-tool-image');
    await page.waitForSelector('dialog.rich-media[open]');
    await page.setInputFiles('dialog.rich-media input[type=file]', { name: 'souk.jpg', mimeType: 'image/jpeg', buffer: await photo('#9ec1d9') });
    await answerDialog(page, 'مدخل سوق المدينة');
    await page.waitForSelector('.rich-editor-content img[alt="مدخل سوق المدينة"]');

    // 2. Dropped on the text, 3. pasted: each asks its alt text, then is inserted.
    await giveFile(page, 'drop', await photo('#e07a5f'), 'dropped.jpg', 'image/jpeg');
    await answerDialog(page, 'خان الشونة بعد الترميم');
    await page.waitForSelector('.rich-editor-content img[alt="خان الشونة بعد الترميم"]');
    await giveFile(page, 'paste', await photo('#81b29a'), 'pasted.png', 'image/png');
    await answerDialog(page, 'باعة الصابون في سوق الزرب');
    await page.waitForSelector('.rich-editor-content img[alt="باعة الصابون في سوق الزرب"]');
    const srcs = await page.$$eval('.rich-editor-content img', (imgs) => imgs.map((i) => i.getAttribute('src')));
    assert.equal(srcs.length, 3);
    for (const src of srcs) assert.match(src ?? '', /^\/media\/[0-9a-f]{20}-/, 'each image is the library’s, by its site path');

    // A file that is no image: the server's reason in Arabic, the dialog stays, the text is untouched.
    const before = await page.inputValue('#article-body');
    await giveFile(page, 'paste', Buffer.from('not a picture at all'), 'notes.png', 'image/png');
    await page.waitForSelector('dialog.rich-media[open]');
    await page.fill('dialog.rich-media input[name=alt]', 'ملف');
    await page.click('dialog.rich-media button[type=submit]');
    const refused = page.locator('dialog.rich-media [role=alert]');
    await refused.waitFor();
    assert.match((await refused.textContent()) ?? '', /[\u0600-\u06FF]/, 'the reason is worded in Arabic');
    await page.click('dialog.rich-media .rich-media-cancel');
    await page.waitForSelector('dialog.rich-media', { state: 'detached' });
    assert.equal(await page.inputValue('#article-body'), before, 'nothing of the body was lost or added');
    // A file over the limit: the limit is said, in Arabic; the text again untouched.
    await giveFile(page, 'drop', Buffer.alloc(600_000, 7), 'huge.jpg', 'image/jpeg');
    await page.waitForSelector('dialog.rich-media[open]');
    await page.fill('dialog.rich-media input[name=alt]', 'صورة كبيرة');
    await page.click('dialog.rich-media button[type=submit]');
    await refused.waitFor();
    assert.match((await refused.textContent()) ?? '', /أكبر من الحد المسموح/);
    await page.click('dialog.rich-media .rich-media-cancel');
    await page.waitForSelector('dialog.rich-media', { state: 'detached' });
    assert.equal(await page.inputValue('#article-body'), before, 'nothing of the body was lost or added');

    // A gallery of two library images, and a table.
    await page.click('.rich-editor-content p:last-of-type');
    await page.keyboard.press('End');
    await page.click('.rich-tool-gallery');
    await page.waitForSelector('dialog.rich-media .rich-media-item input[type=checkbox]');
    const boxes = page.locator('dialog.rich-media .rich-media-item input[type=checkbox]');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.click('dialog.rich-media button[type=submit]');
    await page.waitForSelector('.rich-editor-content .rich-gallery img');
    await page.click('.rich-tool-table');
    await page.waitForSelector('.rich-editor-content table th');
    await page.keyboard.type('السوق');
    await page.keyboard.press('Tab');
    await page.keyboard.type('المحلات المفتوحة');
    await page.keyboard.press('Tab');
    await page.keyboard.type('قبل الترميم');
    for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Tab'); // the last cell: a new row
    assert.equal(await page.locator('.rich-editor-content table tr').count(), 4, `Tab in the last cell adds a row: ${await page.inputValue('#article-body')}`);
    const body = await page.inputValue('#article-body');
    assert.match(body, /<figure class="gallery"><figure><img [^>]*src="\/media\//);
    assert.match(body, /<table><tbody><tr><th>السوق<\/th>/);

    // The featured image, uploaded on the spot, and its focal point set by a click on the preview.
    await page.setInputFiles('.featured-file', { name: 'citadel.jpg', mimeType: 'image/jpeg', buffer: await photo('#3d5a80', 1600, 1000) });
    await answerDialog(page, 'قلعة حلب عند الغروب');
    assert.match(await page.inputValue('#featured_image_url'), /^\/media\//);
    assert.equal(await page.inputValue('#featured_image_alt'), 'قلعة حلب عند الغروب');
    await page.fill('#featured_image_caption', 'القلعة من ساحة الحطب');
    await page.fill('#featured_image_credit', 'وكالة خبر');
    const preview = page.locator('.featured-preview .focus-image');
    await preview.evaluate((i: HTMLImageElement) => (i.complete ? undefined : new Promise((r) => i.addEventListener('load', r, { once: true }))));
    await preview.scrollIntoViewIfNeeded();
    const box = (await preview.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.8);
    assert.ok(Math.abs(Number(await page.inputValue('#featured_image_focus_x')) - 20) <= 1, 'x from the click');
    assert.ok(Math.abs(Number(await page.inputValue('#featured_image_focus_y')) - 80) <= 1, 'y from the click');
    assert.match((await page.getAttribute('.focus-marker', 'class')) ?? '', /\bfx-2\b.*\bfy-8\b/);
    // The keyboard way: the two number fields.
    await page.fill('#featured_image_focus_x', '20');
    await page.fill('#featured_image_focus_y', '80');
    await page.check('input[name=categories]');

    assert.deepEqual(await seriousA11yViolations(page), [], 'axe: the Arabic editor with its images');
    await screenshot(page, 'editor-media-ar-1366');
    await page.setViewportSize({ width: 360, height: 800 });
    await screenshot(page, 'editor-media-ar-360');
    await page.setViewportSize({ width: 1366, height: 900 });

    await Promise.all([page.waitForURL(/saved=published/), page.click('button[value=publish]')]);

    // The home page: the lead card shows the photo cropped around the focal point.
    const home = await openPage(browser, url('/ar/'), { width: 1366 });
    // The only article is the lead story: the home page's largest photo.
    const card = home.locator('.lead', { hasText: TITLE }).locator('.card-image img');
    assert.match((await card.getAttribute('class')) ?? '', /\bfx-2 fy-8\b/);
    assert.equal(await card.evaluate((i) => getComputedStyle(i).objectPosition), '20% 80%');
    assert.equal(await card.evaluate((i) => getComputedStyle(i).objectFit), 'cover');
    await screenshot(home, 'home-focal-card-ar-1366');
    await home.setViewportSize({ width: 360, height: 800 });
    await screenshot(home, 'home-focal-card-ar-360');

    // The article: its gallery and table, within a 360 px phone's width.
    await Promise.all([home.waitForURL(/\/ar\/\d{4}\//), home.click(`a:has-text("${TITLE}")`)]);
    assert.equal(await home.locator('.article-body .gallery img').count(), 2);
    assert.equal(await home.locator('.article-body table th').first().textContent(), 'السوق');
    assert.equal(await home.locator('.article-body table th').first().evaluate((th) => getComputedStyle(th).textAlign), 'start');
    assert.ok(await home.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling at 360 px');
    assert.deepEqual(await seriousA11yViolations(home), [], 'axe: the article with its gallery and table');
    await screenshot(home, 'article-gallery-table-ar-360');
    await home.close();
    await page.close();
  });

  it('the English editor with its image controls has no accessibility violations', async () => {
    // Another browser: the first one is signed in as the Arabic reporter.
    const en = await launchBrowser();
    after(() => en.close());
    const page = await logIn(en, live.origin, 'desk@example.org');
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(url('/admin/articles/new?edition=en'));
    await page.waitForSelector('.featured-actions button');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.locator('.featured-actions button').first().textContent(), 'Choose from the library');
    await page.click('.rich-tool-image');
    await page.waitForSelector('dialog.rich-media[open]');
    assert.deepEqual(await seriousA11yViolations(page), [], 'axe: the image dialog in English');
    await page.click('dialog.rich-media .rich-media-cancel');
    assert.deepEqual(await seriousA11yViolations(page), [], 'axe: the English editor');
    await screenshot(page, 'editor-media-en-1366');
    await page.close();
  });
});

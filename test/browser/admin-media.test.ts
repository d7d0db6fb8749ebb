import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { AccountService } from '../../src/services/users/accounts.ts';
import { mediaItemUrl, MediaService } from '../../src/services/media/media.ts';
import { CHEAP_HASH, PASSWORD } from '../support/admin.ts';
import { describeInBrowser, launchBrowser, liveSite, openPage, screenshot, type Browser, type LiveSite, seriousA11yViolations, logIn } from '../support/browser.ts';
import { configuredMediaStore } from '../../src/services/media/open-media-store.ts';

/** A picture worth looking at in a screenshot: a gradient sky over a darker ground. */
function scene(width: number, height: number, sky: string, ground: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${sky}"/><stop offset="1" stop-color="#fff"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/><rect y="${height * 0.65}" width="100%" height="${height * 0.35}" fill="${ground}"/>
    <circle cx="${width * 0.7}" cy="${height * 0.3}" r="${height * 0.1}" fill="#f4c430"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg().toBuffer();
}

describeInBrowser('the media library in Chromium', () => {
  let live: LiveSite;
  let browser: Browser;
  let js: Browser;
  let editor: string;
  let editorSlug: string;
  let seeded: { url: string }[] = [];
  let upload: (alt: string, caption: string) => Promise<void>;
  const url = (path: string) => live.origin + path;

  before(async () => {
    live = await liveSite();
    const rt = live.site;
    const accounts = new AccountService({ repos: rt.repos, clock: rt.clock, hashCost: CHEAP_HASH });
    const ed = (await accounts.create({ email: 'photo-editor@example.org', name: 'ليلى حداد', role: 'editor', password: PASSWORD })).account;
    editor = ed.email;
    editorSlug = ed.slug;
    // A library that already has a few images, as a newsroom's would.
    const media = new MediaService({ repos: rt.repos, clock: rt.clock, store: configuredMediaStore(rt.config), maxBytes: rt.config.mediaMaxBytes });
    const seeds: [string, string, string, number, number][] = [
      ['غروب فوق الميناء القديم في صور', '#e07a5f', '#3d405b', 1600, 1000],
      ['ساحة المدينة صباح يوم السوق', '#81b29a', '#6b705c', 1200, 900],
      ['A delegation arrives in Riyadh', '#3d5a80', '#293241', 1000, 1300],
      ['حقول القمح قبل الحصاد في سهل حوران', '#f2cc8f', '#a98467', 1400, 800],
    ];
    seeded = [];
    for (const [alt, sky, ground, w, h] of seeds) {
      const m = await media.upload(ed, { data: await scene(w, h, sky, ground), tooLarge: false, alt, caption: '', credit: '' });
      seeded.push({ url: mediaItemUrl(m) });
    }
    upload = async (alt, caption) => {
      await media.upload(ed, { data: await scene(1800, 1200, '#98c1d9', '#bc6c25'), tooLarge: false, alt, caption, credit: 'وكالة خبر' });
    };
    // Uploading through the page: JavaScript off, the plain form.
    browser = await launchBrowser({ javaScriptEnabled: false });
    // axe runs in the page: the accessibility checks need a browser with JavaScript.
    js = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await js?.close();
    await live?.close();
  });

  it('an editor uploads an image through the form without JavaScript and sees it in the grid', async () => {
    const page = await logIn(browser, live.origin, editor);
    await Promise.all([page.waitForURL(/\/admin\/media$/), page.click('nav a[href="/admin/media"]')]);
    assert.equal(await page.locator('.media-grid li').count(), 4);

    await page.setInputFiles('#up-file', { name: 'market.jpg', mimeType: 'image/jpeg', buffer: await scene(1800, 1200, '#98c1d9', '#bc6c25') });
    await page.fill('#up-alt', 'باعة الخضار في سوق باب توما');
    await page.fill('#up-caption', 'السوق في الساعات الأولى من الصباح');
    await page.fill('#up-credit', 'وكالة خبر');
    await Promise.all([page.waitForURL(/\/admin\/media\?done=uploaded$/), page.click('.media-upload button[type=submit]')]);
    assert.match((await page.textContent('.notice')) ?? '', /رُفعت الصورة/);
    assert.equal(await page.locator('.media-grid li').count(), 5);
    const first = page.locator('.media-grid li').first();
    assert.equal(await first.locator('img').getAttribute('alt'), 'باعة الخضار في سوق باب توما');
    // The thumbnail really loaded (a 480-wide JPEG variant).
    assert.equal(await first.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth), 480);

    // A refused upload: alt text missing (the browser's own check bypassed), the caption typed is kept.
    await page.setInputFiles('#up-file', { name: 'x.jpg', mimeType: 'image/jpeg', buffer: await scene(600, 400, '#ccc', '#333') });
    await page.fill('#up-caption', 'تعليق سيبقى');
    await page.locator('#up-alt').evaluate((el) => el.removeAttribute('required'));
    await page.click('.media-upload button[type=submit]');
    await page.waitForSelector('#up-alt-error');
    assert.equal(await page.inputValue('#up-caption'), 'تعليق سيبقى');
    await screenshot(page, 'admin-media-ar-refused');
    await page.close();
  });

  it('the library and an image page in Arabic, at 1200 and 360 px: right-to-left, no sideways scroll, no serious axe findings', async () => {
    // Its own newest image, whichever tests ran before: the grid shows the newest first.
    await upload('باعة الخضار في سوق باب توما', 'السوق في الساعات الأولى من الصباح');
    const page = await logIn(js, live.origin, editor);
    await page.goto(url('/admin/media'));
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['ar', 'rtl']);
    // RTL: the first thumbnail is on the right.
    const [a, b] = await page.locator('.media-grid li').evaluateAll((lis) => lis.slice(0, 2).map((li) => li.getBoundingClientRect().x));
    assert.ok(a! > b!, 'the grid runs right to left');
    await screenshot(page, 'admin-media-ar-1200');
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.setViewportSize({ width: 360, height: 800 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no horizontal scroll at 360 px');
    await screenshot(page, 'admin-media-ar-360');

    await page.setViewportSize({ width: 1200, height: 800 });
    await Promise.all([page.waitForURL(/\/admin\/media\/\d+$/), page.locator('.media-grid li a').first().click()]);
    assert.equal(await page.inputValue('#ed-alt'), 'باعة الخضار في سوق باب توما');
    await screenshot(page, 'admin-media-edit-ar-1200');
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.setViewportSize({ width: 360, height: 800 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no horizontal scroll at 360 px (image page)');
    await screenshot(page, 'admin-media-edit-ar-360');
    await page.close();
  });

  it('a reader sees the AVIF source of an article photo at the right size, with its caption and credit', async () => {
    const id = await live.site.articles.save({
      edition: 'ar',
      title: 'غروب فوق الميناء',
      bodyHtml: `<p>فقرة أولى من الخبر.</p><figure><img src="${seeded[1]!.url}" alt="ساحة المدينة"><figcaption>الساحة صباح السوق</figcaption></figure><p>فقرة أخيرة.</p>`,
      status: 'published',
      publishedAt: '2026-01-01T10:00:00Z',
      commentStatus: 'open',
      authorSlugs: [editorSlug],
      featuredImage: { url: seeded[0]!.url, alt: 'غروب فوق الميناء القديم', caption: 'الميناء القديم عند الغروب', credit: 'وكالة خبر' },
    });
    const page = await openPage(js, url(`/?p=${id}`), { width: 360 });
    const featured = page.locator('.featured-image img');
    await featured.evaluate((img: HTMLImageElement) => (img.complete ? undefined : new Promise((r) => img.addEventListener('load', r))));
    const chosen = await featured.evaluate((img: HTMLImageElement) => ({ src: img.currentSrc, w: img.naturalWidth, box: img.getBoundingClientRect().width }));
    // 360 CSS px at device scale 1: the 480-wide AVIF is enough (naturalWidth is density-corrected: the slot's width).
    assert.match(chosen.src, /\/480\.avif$/);
    assert.ok(chosen.w > 0);
    assert.ok(chosen.box > 300 && chosen.box <= 360, `shown ${chosen.box} px wide`);
    assert.match((await page.textContent('.featured-image figcaption')) ?? '', /الميناء القديم عند الغروب\s*الصورة: وكالة خبر/);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no horizontal scroll at 360 px');
    await page.locator('.article-body picture img').scrollIntoViewIfNeeded();
    await page.locator('.article-body picture img').evaluate((img: HTMLImageElement) => (img.complete ? undefined : new Promise((r) => img.addEventListener('load', r))));
    assert.match(await page.locator('.article-body picture img').evaluate((img: HTMLImageElement) => img.currentSrc), /\.avif$/);
    await screenshot(page, 'public-article-photo-ar-360');
    await page.close();
    // At 1200 px the column is 42rem: a wider source is chosen.
    const wide = await openPage(js, url(`/?p=${id}`), { width: 1200 });
    await wide.locator('.article-body picture img').scrollIntoViewIfNeeded();
    await wide.evaluate(() => Promise.all(Array.from(document.images, (img) => (img.complete ? undefined : new Promise((r) => img.addEventListener('load', r))))));
    assert.match(await wide.locator('.featured-image img').evaluate((img: HTMLImageElement) => img.currentSrc), /\/(800|1200|1600)\.avif$/);
    await screenshot(wide, 'public-article-photo-ar-1200');
    await wide.close();
  });
});

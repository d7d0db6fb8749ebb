import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describeInBrowser, launchBrowser, liveSite, openPage, screenshot, seriousA11yViolations, slantedArabic, type Browser, type LiveSite } from '../support/browser.ts';

/**
 * Starts counting layout shifts before the page's first byte (buffered entries are kept from the
 * start anyway; the observer only makes sure the entry type is recorded).
 */
async function watchLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __shift: number };
    w.__shift = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!e.hadRecentInput) w.__shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/**
 * Scrolls to the end (lazy photos start loading), waits for every image to settle (loaded or
 * failed: events, not time), and returns the sum of the layout shifts seen since the start.
 */
async function shiftAfterAllImages(page: Page): Promise<number> {
  return page.evaluate(async () => {
    window.scrollTo(0, document.body.scrollHeight);
    const pending = Array.from(document.images).map((img) => {
      img.loading = 'eager';
      return img.complete ? Promise.resolve() : new Promise<void>((r) => { img.addEventListener('load', () => r(), { once: true }); img.addEventListener('error', () => r(), { once: true }); });
    });
    await Promise.all(pending);
    // One more frame: a shift caused by the last image is reported after it is laid out.
    await new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
    return (window as unknown as { __shift: number }).__shift;
  });
}

/** axe's landmark rules (best practice, beyond WCAG A/AA): every landmark told apart by its name. */
async function landmarkProblems(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withRules(['landmark-unique', 'landmark-no-duplicate-main', 'landmark-one-main', 'region']).analyze();
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A photo on the page: loaded (naturalWidth > 0), with the box its width and height reserve. */
async function photo(page: Page, selector: string) {
  return page.locator(selector).first().evaluate((img: HTMLImageElement) =>
    (img.complete ? Promise.resolve() : new Promise<void>((r) => { img.addEventListener('load', () => r(), { once: true }); img.addEventListener('error', () => r(), { once: true }); })).then(() => ({
      naturalWidth: img.naturalWidth,
      currentSrc: img.currentSrc,
      width: img.getAttribute('width'),
      height: img.getAttribute('height'),
      loading: img.getAttribute('loading'),
      fetchpriority: img.getAttribute('fetchpriority'),
    })),
  );
}

describeInBrowser('photographs on the front page and the article, in Chromium', () => {
  let live: LiveSite;
  let browser: Browser;
  const articles: Record<string, string> = {};

  before(async () => {
    // The demo with its photographs drawn (seconds per picture on a busy machine).
    live = await liveSite({ demo: true, pictures: true });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await live?.close();
  });

  for (const edition of ['ar', 'en'] as const) {
    for (const width of [1366, 360]) {
      describe(`${edition === 'ar' ? 'Arabic' : 'English'} edition at ${width} px`, () => {
        it('the front page leads with its story’s photo, fetched first, and lists cards with thumbnails, without a layout shift', async () => {
          const p = await openPage(browser, `${live.origin}/${edition}/`, { width });
          try {
            const lead = await photo(p, '.lead .card-image img');
            assert.ok(lead.naturalWidth > 0, `the lead photo loaded (${lead.currentSrc})`);
            assert.equal(lead.loading, null, 'the lead photo is not lazy');
            assert.equal(lead.fetchpriority, 'high');
            assert.ok(lead.width && lead.height, 'its box is reserved');
            // A modern format was chosen from the <picture>'s sources.
            assert.match(lead.currentSrc, /\.(avif|webp)$/);
            const thumbs = await p.locator('main .card .card-image img').count();
            assert.ok(thumbs >= 3, `cards carry thumbnails (${thumbs})`);
            assert.equal(await p.locator('main .card .card-image img:not([loading="lazy"])').count(), 0, 'card thumbnails wait until they are near');
            articles[edition] = await p.locator('.lead h2 a').getAttribute('href') ?? '';
            assert.deepEqual(await seriousA11yViolations(p), []);
            assert.deepEqual(await slantedArabic(p), []);
            assert.deepEqual(await landmarkProblems(p), []);
            await screenshot(p, `photos-home-${edition}-${width}`);
          } finally {
            await p.close();
          }
          const q = await browser.context.newPage();
          try {
            await watchLayoutShifts(q);
            await q.setViewportSize({ width, height: 800 });
            await q.goto(`${live.origin}/${edition}/`, { waitUntil: 'load' });
            const shift = await shiftAfterAllImages(q);
            assert.ok(shift < 0.01, `layout shift ${shift}`);
            const broken = await q.evaluate(() => Array.from(document.images).filter((i) => i.naturalWidth === 0).map((i) => i.currentSrc || i.src));
            assert.deepEqual(broken, [], 'every photo on the page loaded');
          } finally {
            await q.close();
          }
        });

        it('the article shows its photo with caption and credit, without a layout shift', async () => {
          assert.ok(articles[edition], 'the front page named its lead story');
          const p = await browser.context.newPage();
          try {
            await watchLayoutShifts(p);
            await p.setViewportSize({ width, height: 800 });
            await p.goto(live.origin + articles[edition], { waitUntil: 'load' });
            await p.evaluate(() => document.fonts.ready.then(() => undefined));
            const img = await photo(p, '.featured-image img');
            assert.ok(img.naturalWidth > 0, `the article's photo loaded (${img.currentSrc})`);
            assert.equal(img.fetchpriority, 'high');
            const caption = await p.locator('.featured-image figcaption').innerText();
            assert.match(caption, edition === 'ar' ? /خبر \(رسم توضيحي\)/ : /Khabar \(illustration\)/);
            assert.deepEqual(await seriousA11yViolations(p), []);
            assert.deepEqual(await slantedArabic(p), []);
            assert.deepEqual(await landmarkProblems(p), []);
            await screenshot(p, `photos-article-${edition}-${width}`);
            const shift = await shiftAfterAllImages(p);
            assert.ok(shift < 0.01, `layout shift ${shift}`);
          } finally {
            await p.close();
          }
        });
      });
    }
  }
});

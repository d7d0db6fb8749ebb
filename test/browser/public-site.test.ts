import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { SEED_LIKE_ID, SEED_LIKE_SLUG, SEED_LIKE_TITLE, writeNewsroom } from '../fixtures/newsroom.ts';
import { describeInBrowser, launchBrowser, liveSite, openPage, screenshot, type Browser, type LiveSite, seriousA11yViolations } from '../support/browser.ts';

const AR_HOME = '/ar/';
const AR_ARTICLE = `/ar/2022/02/25/${encodeURIComponent(SEED_LIKE_SLUG)}/`;
const AR_CATEGORY = '/ar/category/economy/';
const EN_HOME = '/en/';
const EN_ARTICLE = '/en/2022/02/25/delegation-signs-a-12-point-memorandum-in-riyadh/';
const PHONE = 360;

/** Where the h1's text (not its block box) sits, against the article column and the viewport. */
async function titleGeometry(page: Page) {
  return page.evaluate(() => {
    const h1 = document.querySelector('.article h1')!;
    const column = h1.closest('.article')!.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(h1);
    // One rect per bidi run (the "12" in an Arabic title is its own run): join the first line's.
    const rects = Array.from(range.getClientRects());
    const top = Math.min(...rects.map((r) => r.top));
    const firstLine = rects.filter((r) => r.top - top < 1);
    return {
      textLeft: Math.min(...firstLine.map((r) => r.left)),
      textRight: Math.max(...firstLine.map((r) => r.right)),
      columnLeft: column.left,
      columnRight: column.right,
      pageCentre: window.innerWidth / 2,
      textAlign: getComputedStyle(h1).textAlign,
    };
  });
}

/**
 * The leftmost and rightmost columns of a greyscale image's rows [top, bottom) holding ink:
 * pixels far from the band's most common shade (its background).
 */
function inkSpan(grey: Buffer, width: number, top: number, bottom: number): { left: number; right: number } | null {
  const counts = new Array<number>(256).fill(0);
  for (let i = top * width; i < bottom * width; i++) counts[grey[i]!]!++;
  const background = counts.indexOf(Math.max(...counts));
  let left = width;
  let right = -1;
  for (let y = top; y < bottom; y++) {
    for (let x = 0; x < width; x++) {
      if (Math.abs(grey[y * width + x]! - background) < 96) continue;
      left = Math.min(left, x);
      right = Math.max(right, x + 1);
    }
  }
  return right < 0 ? null : { left, right };
}

/** The platform fonts Chromium actually drew the node's glyphs with (DevTools' "Rendered Fonts"). */
async function renderedFonts(page: Page, selector: string) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts;
  } finally {
    await cdp.detach();
  }
}

describeInBrowser('the public site in Chromium', () => {
  let live: LiveSite;
  let browser: Browser;
  const url = (path: string) => live.origin + path;

  before(async () => {
    live = await liveSite({ demo: true });
    await writeNewsroom(live.site);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await live?.close();
  });

  describe('an Arabic article', () => {
    let page: Page;
    before(async () => {
      page = await openPage(browser, url(AR_ARTICLE));
    });
    after(() => page?.close());

    it('is a right-to-left Arabic document', async () => {
      const root = await page.evaluate(() => ({ dir: document.documentElement.dir, lang: document.documentElement.lang }));
      assert.deepEqual(root, { dir: 'rtl', lang: 'ar' });
      assert.equal(await page.textContent('h1'), SEED_LIKE_TITLE);
    });

    it('sets its title against the right edge of the column, right of the page centre', async () => {
      const g = await titleGeometry(page);
      assert.equal(g.textAlign, 'start');
      assert.ok(Math.abs(g.textRight - g.columnRight) <= 1, `title ends at ${g.textRight}, column at ${g.columnRight}`);
      assert.ok(g.textRight > g.pageCentre, `title's right edge ${g.textRight} is not right of the centre ${g.pageCentre}`);
    });

    it('shows the date line in the edition’s words', async () => {
      assert.equal(await page.textContent('.dateline'), 'الجمعة 25 فبراير 2022 - 18:50');
    });

    it('draws its title in an Arabic font, not boxes', async () => {
      const fonts = await renderedFonts(page, '.article h1');
      const main = [...fonts].sort((a, b) => b.glyphCount - a.glyphCount)[0];
      assert.match(main?.familyName ?? '', /^Noto Naskh Arabic$/, JSON.stringify(fonts));
    });

    it('has no serious accessibility problems', async () => {
      assert.deepEqual(await seriousA11yViolations(page), []);
    });

    it('is saved as a screenshot of the whole page at desktop width, its title drawn from the right (before the copy link changes its label)', async () => {
      const doc = await page.evaluate(() => {
        const h1 = document.querySelector('.article h1')!;
        const column = h1.closest('.article')!.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(h1);
        // The title's last line, in page coordinates (one rect per bidi run on it), below the
        // line before it: line boxes overlap, and that line's descenders reach into this one's.
        const rects = Array.from(range.getClientRects());
        const lastTop = Math.max(...rects.map((r) => r.top));
        const last = rects.filter((r) => lastTop - r.top < 1);
        const above = Math.max(lastTop, ...rects.filter((r) => lastTop - r.top >= 1).map((r) => r.bottom));
        return {
          height: document.documentElement.scrollHeight,
          columnLeft: column.left,
          columnRight: column.right,
          lastLine: {
            top: Math.round(above + scrollY),
            bottom: Math.round(Math.max(...last.map((r) => r.bottom)) + scrollY),
            left: Math.min(...last.map((r) => r.left)),
            right: Math.max(...last.map((r) => r.right)),
          },
        };
      });
      const { data, info } = await sharp(await screenshot(page, 'ar-article-1200')).greyscale().raw().toBuffer({ resolveWithObject: true });
      assert.deepEqual({ width: info.width, height: info.height }, { width: 1200, height: doc.height });
      // What the image shows, not what the DOM says: the title's last line (a short word here) is
      // inked against the column's right edge, far from its left one.
      const ink = inkSpan(data, info.width, doc.lastLine.top, doc.lastLine.bottom);
      assert.ok(ink, 'the screenshot shows the title');
      assert.ok(Math.abs(ink.right - doc.columnRight) <= 4, `the last line's ink ends at ${ink.right}, the column at ${doc.columnRight}`);
      assert.ok(Math.abs(ink.left - doc.lastLine.left) <= 4, `the last line's ink starts at ${ink.left}, its text at ${doc.lastLine.left}`);
      assert.ok(ink.left - doc.columnLeft > (doc.columnRight - doc.columnLeft) / 2, `the last line's ink starts at ${ink.left}, in the right half of the column ${doc.columnLeft}–${doc.columnRight}`);
    });

    it('copies its short link without leaving the page', async () => {
      await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: live.origin });
      await page.click('a[data-copy]');
      await page.waitForFunction(() => document.querySelector('a[data-copy]')?.textContent === '✓');
      assert.equal(page.url(), url(AR_ARTICLE));
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${live.origin}/?p=${SEED_LIKE_ID}`);
    });
  });

  it('the Arabic home page has no serious accessibility problems', async () => {
    const page = await openPage(browser, url(AR_HOME));
    try {
      assert.deepEqual(await seriousA11yViolations(page), []);
      await screenshot(page, 'ar-home-1200');
    } finally {
      await page.close();
    }
  });

  // Regression: with the body as a column flexbox, the masthead shrank to its content and the
  // search box to a 96 px sliver ("Search for a st…").
  it('gives the masthead the full column and its search box room to type', async () => {
    const page = await openPage(browser, url(AR_HOME));
    try {
      const [masthead, box] = await page.evaluate(() => [
        document.querySelector('.masthead')!.getBoundingClientRect().width,
        document.querySelector('.search-form input')!.getBoundingClientRect().width,
      ]);
      assert.ok(masthead > 900, `masthead ${masthead} px wide in a 1200 px window`);
      assert.ok(box >= 240, `search box ${box} px wide`);
    } finally {
      await page.close();
    }
  });

  it('the English edition reads left to right, its title at the left edge of the column', async () => {
    const page = await openPage(browser, url(EN_ARTICLE));
    try {
      const root = await page.evaluate(() => ({ dir: document.documentElement.dir, lang: document.documentElement.lang }));
      assert.deepEqual(root, { dir: 'ltr', lang: 'en' });
      const g = await titleGeometry(page);
      assert.ok(Math.abs(g.textLeft - g.columnLeft) <= 1, `title starts at ${g.textLeft}, column at ${g.columnLeft}`);
      assert.ok(g.textLeft < g.pageCentre);
      await screenshot(page, 'en-article-1200');
    } finally {
      await page.close();
    }
    const home = await openPage(browser, url(EN_HOME));
    await screenshot(home, 'en-home-1200');
    await home.close();
  });

  it('fits a 360 px phone with no sideways scrolling', async () => {
    for (const path of [AR_HOME, AR_ARTICLE, AR_CATEGORY, EN_HOME, EN_ARTICLE]) {
      const page = await openPage(browser, url(path), { width: PHONE });
      try {
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
        assert.ok(scrollWidth <= innerWidth, `${decodeURIComponent(path)} is ${scrollWidth} px wide in a ${innerWidth} px window`);
        if (path === AR_ARTICLE) await screenshot(page, 'ar-article-360');
      } finally {
        await page.close();
      }
    }
  });

  it('keeps a section page’s headlines smaller than its title, even on a phone', async () => {
    const page = await openPage(browser, url(AR_CATEGORY), { width: PHONE });
    try {
      const px = await page.evaluate(() => ({
        title: parseFloat(getComputedStyle(document.querySelector('.page-title')!).fontSize),
        headline: parseFloat(getComputedStyle(document.querySelector('.card h2')!).fontSize),
      }));
      assert.ok(px.headline < px.title, `headline ${px.headline}px, page title ${px.title}px`);
      await screenshot(page, 'ar-category-360');
    } finally {
      await page.close();
    }
  });

  it('answers an unknown address with a page in the edition’s language', async () => {
    const page = await openPage(browser, url('/ar/no-such-page/'), { status: 404 });
    try {
      assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
      assert.ok((await page.textContent('h1'))?.trim());
      await screenshot(page, 'ar-404-1200');
    } finally {
      await page.close();
    }
  });

  it('counts one view per article page shown, through its beacon (the page may come from a CDN)', async () => {
    const mostRead = live.site.app.mostRead;
    const before = mostRead.pendingViews;
    const page = await browser.context.newPage();
    const beacons: string[] = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/views/')) beacons.push(`${r.method()} ${new URL(r.url()).pathname}`); });
    try {
      const counted = page.waitForResponse((r) => new URL(r.url()).pathname === `/views/${SEED_LIKE_ID}`);
      await page.goto(url(AR_ARTICLE), { waitUntil: 'load' });
      assert.equal((await counted).status(), 204);
      assert.deepEqual(beacons, [`POST /views/${SEED_LIKE_ID}`], 'the script’s beacon, not the <noscript> image too');
      assert.equal(mostRead.pendingViews, before + 1);
    } finally {
      await page.close();
    }
  });

  it('reads fully with JavaScript turned off', async () => {
    const noJs = await launchBrowser({ javaScriptEnabled: false });
    try {
      const page = await openPage(noJs, url(AR_ARTICLE));
      assert.equal(await page.textContent('h1'), SEED_LIKE_TITLE);
      const body = await page.innerText('.article-body');
      assert.ok(body.includes('وتشمل المذكرة التعاون في مجالات الطاقة المتجددة'), body);
      assert.ok(await page.isVisible('.article-body p'));
      // The view is counted by the <noscript> image.
      assert.equal(await page.evaluate(() => document.querySelector('img.view-beacon')?.getAttribute('src') ?? null), `/views/${SEED_LIKE_ID}`);
      // Proof that no script ran: the copy link is followed as a plain link to the short link.
      const followed = page.waitForRequest((r) => r.url() === `${live.origin}/?p=${SEED_LIKE_ID}`);
      await page.click('a[data-copy]');
      await followed;
    } finally {
      await noJs.close();
    }
  });
});

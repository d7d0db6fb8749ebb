import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { writeSearchArticles } from '../fixtures/search-articles.ts';
import { describeInBrowser, launchBrowser, liveSite, openPage, screenshot, type Browser, type LiveSite } from '../support/browser.ts';

describeInBrowser('the search page in Chromium', () => {
  let live: LiveSite;
  let browser: Browser;
  before(async () => {
    live = await liveSite();
    await writeSearchArticles(live.site);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await live?.close();
  });

  it('searches from the masthead box and highlights the matches, right to left', async () => {
    const page = await openPage(browser, `${live.origin}/ar/`);
    await page.fill('#site-search', 'الاتِّفاقية');
    await Promise.all([page.waitForURL(/\/ar\/search\/\?q=/), page.press('#site-search', 'Enter')]);
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    assert.equal(await page.locator('#search-q').inputValue(), 'الاتِّفاقية', 'the query stays as typed');
    const marks = await page.locator('.search-result mark').allTextContents();
    assert.ok(marks.includes('الاتفاقية'));
    assert.ok(marks.includes('الاتِّفاقيَّة'));
    const bg = await page.locator('.search-result mark').first().evaluate((m) => getComputedStyle(m).backgroundColor);
    assert.notEqual(bg, 'rgba(0, 0, 0, 0)', 'marks are visibly highlighted');
    // Results run right to left: a result's kicker starts at the right edge of its card.
    const box = await page.locator('.search-result').first().boundingBox();
    const kicker = await page.locator('.search-result .kicker').first().boundingBox();
    assert.ok(box && kicker && Math.abs(box.x + box.width - (kicker.x + kicker.width)) < 40);
    await screenshot(page, 'search-ar-desktop');
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    assert.deepEqual(axe.violations.map((v) => v.id), []);
    await page.close();
  });

  it('filters by section, date range and order with JavaScript off, keeping every choice in the form', async () => {
    const noJs = await launchBrowser({ javaScriptEnabled: false });
    try {
      const page = await openPage(noJs, `${live.origin}/ar/search/?q=${encodeURIComponent('اتفاقية')}`, { width: 360 });
      const titles = () => page.locator('.search-result h2').allTextContents();
      assert.equal((await titles()).length, 4);
      // Section: one economy story holds the word.
      await page.selectOption('select[name="category"]', 'economy');
      await Promise.all([page.waitForURL(/category=economy/), page.click('.search-page-form button')]);
      assert.deepEqual(await titles(), ['توقيع الاتفاقية التجارية بين البلدين']);
      assert.equal(await page.locator('select[name="category"]').inputValue(), 'economy');
      // Date range, all sections: only the 2020 story.
      await page.selectOption('select[name="category"]', '');
      await page.fill('input[name="from"]', '2020-01-01');
      await page.fill('input[name="to"]', '2020-12-31');
      await Promise.all([page.waitForURL(/from=2020-01-01/), page.click('.search-page-form button')]);
      assert.deepEqual(await titles(), ['اتفاقية قديمة تعود إلى الواجهة']);
      assert.equal(await page.locator('input[name="from"]').inputValue(), '2020-01-01');
      assert.equal(await page.locator('input[name="to"]').inputValue(), '2020-12-31');
      // Newest first, over every date again.
      await page.fill('input[name="from"]', '');
      await page.fill('input[name="to"]', '');
      await page.selectOption('select[name="sort"]', 'date');
      await Promise.all([page.waitForURL(/sort=date/), page.click('.search-page-form button')]);
      const dates = await page.locator('.search-result time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''));
      assert.equal(dates.length, 4);
      assert.deepEqual(dates, [...dates].sort().reverse());
      assert.equal(await page.locator('select[name="sort"]').inputValue(), 'date');
      assert.equal(await page.locator('#search-q').inputValue(), 'اتفاقية');
      await screenshot(page, 'search-ar-phone');
    } finally {
      await noJs.close();
    }
  });

  it('shows an empty page, not an error, for a hostile query', async () => {
    const page = await openPage(browser, `${live.origin}/ar/search/?q=${encodeURIComponent('NEAR("*" -) OR 1=1; --')}`);
    assert.match((await page.locator('.empty').textContent()) ?? '', /لا توجد نتائج/);
    await page.close();
  });
});

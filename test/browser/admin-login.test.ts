import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Page } from 'playwright-core';
import { paragraphsToHtml } from '../../src/platform/html/sanitize.ts';
import { AccountService } from '../../src/services/users/accounts.ts';
import { writeNewsroom } from '../fixtures/newsroom.ts';
import { CHEAP_HASH, PASSWORD } from '../support/admin.ts';
import { describeInBrowser, launchBrowser, liveSite, openPage, screenshot, type Browser, type LiveSite, seriousA11yViolations, signIn } from '../support/browser.ts';

const rowTitles = (page: Page) => page.locator('table.articles th.title').allTextContents();

describeInBrowser('the newsroom in Chromium', () => {
  let live: LiveSite;
  let browser: Browser;
  let editor: string;
  let contributor: string;
  let contributorDraft: number;
  const url = (path: string) => live.origin + path;

  before(async () => {
    live = await liveSite();
    const rt = live.site;
    await writeNewsroom(rt);
    const accounts = new AccountService({ repos: rt.repos, clock: rt.clock, hashCost: CHEAP_HASH });
    editor = (await accounts.create({ email: 'editor@example.org', name: 'ليلى حداد', role: 'editor', password: PASSWORD })).account.email;
    const c = (await accounts.create({ email: 'contrib@example.org', name: 'Sami Contributor', role: 'contributor', password: PASSWORD })).account;
    contributor = c.email;
    contributorDraft = await rt.articles.save({
      edition: 'ar', title: 'مسودة المساهم', bodyHtml: paragraphsToHtml(['نص']), status: 'draft', publishedAt: null, commentStatus: 'open', authorSlugs: [c.slug],
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await live?.close();
  });

  it('an editor logs in, sees the article list and filters it (Arabic RTL, then English LTR)', async () => {
    const login = await openPage(browser, url('/admin/login'));
    assert.deepEqual(await login.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['ar', 'rtl']);
    await screenshot(login, 'admin-login-ar');
    assert.deepEqual(await seriousA11yViolations(login), []);
    const english = await openPage(browser, url('/admin/login?lang=en'));
    await screenshot(english, 'admin-login-en');
    await english.close();

    await signIn(login, editor);
    const page = login;
    await page.click('nav a[href="/admin/articles"]');
    await page.waitForURL(/\/admin\/articles$/);
    assert.equal((await rowTitles(page)).length, 5);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await screenshot(page, 'admin-articles-ar');
    assert.deepEqual(await seriousA11yViolations(page), []);

    await page.selectOption('#f-edition', 'en');
    await Promise.all([page.waitForURL(/edition=en/), page.click('form.filters button[type=submit]')]);
    assert.deepEqual(await rowTitles(page), ['Delegation signs a 12-point memorandum in Riyadh']);

    await Promise.all([page.waitForURL(/\/admin\/articles\?edition=en/), page.click('.admin-user button[lang=en]')]);
    assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['en', 'ltr']);
    await page.goto(url('/admin/articles'));
    await screenshot(page, 'admin-articles-en');
    await page.close();
  });

  it('a contributor cannot publish, even by forcing the form', async () => {
    const page = await openPage(browser, url('/admin/login?lang=en'));
    // The editor's session is in this profile too: log out first.
    await page.context().clearCookies();
    await page.goto(url('/admin/login'));
    await signIn(page, contributor);
    await page.goto(url('/admin/articles'));
    const options = await page.locator('#bulk-action option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    assert.ok(!options.includes('publish'), `offered: ${options.join(', ')}`);
    // Only their own draft can be selected.
    assert.equal(await page.locator('input[name=ids]').count(), 1);
    await page.check(`input[name=ids][value="${contributorDraft}"]`);
    await page.evaluate(() => {
      const o = document.createElement('option');
      o.value = 'publish';
      o.textContent = 'publish';
      document.querySelector('#bulk-action')!.append(o);
    });
    await page.selectOption('#bulk-action', 'publish');
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/admin/articles/bulk')), page.click('#bulk button[type=submit]')]);
    assert.equal(res.status(), 403);
    assert.match((await page.textContent('.notice-error')) ?? '', /لا تملك صلاحية/);
    await screenshot(page, 'admin-contributor-refused');
    const row = await live.site.repos.db.kysely.selectFrom('articles').select('status').where('id', '=', contributorDraft).executeTakeFirstOrThrow();
    assert.equal(row.status, 'draft');
    await page.close();
  });
});

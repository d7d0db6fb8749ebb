import assert from 'node:assert/strict';
import { it } from 'node:test';
import { writeNewsroom } from '../fixtures/newsroom.ts';
import { atBothWidths, describeInBrowser, openPage, type Browser, type LiveSite, seriousA11yViolations, signIn, newsroomInBrowser } from '../support/browser.ts';

describeInBrowser('the moderators’ digest interval in the settings form', () => {
  let live: LiveSite;
  let browser: Browser;
  let administrator: { id: number; email: string };

  newsroomInBrowser({
    accounts: [{ email: 'admin@example.org', name: 'مدير الموقع', role: 'administrator' }],
    prepare: writeNewsroom,
  }, (s) => ({ live, browser, accounts: [administrator] } = s));

  it('an administrator sets it beside the comment policy, in Arabic and in English; the form passes axe', async () => {
    const page = await openPage(browser, `${live.origin}/admin/login`);
    await signIn(page, administrator.email);
    await page.goto(`${live.origin}/admin/editions?edition=ar`);
    assert.equal(await page.inputValue('#ed-digest-minutes'), '15');
    assert.match((await page.textContent('label[for="ed-digest-minutes"]')) ?? '', /مشرف/);
    await page.fill('#ed-digest-minutes', '30');
    await Promise.all([page.waitForURL(/done=saved/), page.click('form.form-grid > div > button[type=submit]')]);
    assert.equal(await page.inputValue('#ed-digest-minutes'), '30');
    await page.locator('#ed-digest-minutes').scrollIntoViewIfNeeded();
    await atBothWidths(page, 'admin-editions-digest-ar');
    assert.deepEqual(await seriousA11yViolations(page), []);

    await live.site.repos.accounts.setLocale(administrator.id, 'en');
    await page.goto(`${live.origin}/admin/editions?edition=en`);
    assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['en', 'ltr']);
    assert.equal(await page.inputValue('#ed-digest-minutes'), '30', 'one value for every edition');
    await page.fill('#ed-digest-minutes', '0');
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().includes('/admin/editions') && r.request().method() === 'POST'), page.click('form.form-grid > div > button[type=submit]')]);
    assert.equal(res.status(), 400);
    assert.match((await page.textContent('#ed-digest-minutes-error')) ?? '', /1440/);
    assert.equal(await page.inputValue('#ed-digest-minutes'), '0', 'what was typed is kept');
    await atBothWidths(page, 'admin-editions-digest-en');
    assert.deepEqual(await seriousA11yViolations(page), []);
  });
});

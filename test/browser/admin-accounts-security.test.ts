import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AccountService } from '../../src/services/users/accounts.ts';
import { writeNewsroom } from '../fixtures/newsroom.ts';
import { Agent, CHEAP_HASH, PASSWORD } from '../support/admin.ts';
import { atBothWidths, describeInBrowser, openPage, type Browser, type LiveSite, seriousA11yViolations, signIn, newsroomInBrowser } from '../support/browser.ts';

const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0';

// Issue 18 in a browser: the session list and ending a session, then the audit trail that records it.
describeInBrowser('a newsroom account under attack, in Chromium', () => {
  let live: LiveSite;
  let browser: Browser;
  let editor: { id: number; email: string };
  let administrator: { id: number; email: string };

  newsroomInBrowser({
    accounts: [
      { email: 'editor@example.org', name: 'ليلى حداد', role: 'editor' },
      { email: 'admin@example.org', name: 'مدير الموقع', role: 'administrator' },
    ],
    prepare: writeNewsroom,
  }, (s) => ({ live, browser, accounts: [editor, administrator] } = s));

  it('the profile lists the account’s sessions in plain words and ends another one', async () => {
    // Someone else holds the editor's password, on another device and address.
    const intruder = new Agent(live.site.app, '198.51.100.23', { 'user-agent': FIREFOX_ON_WINDOWS });
    await intruder.login(editor.email);
    assert.equal((await intruder.get('/admin/')).status, 200);

    const page = await openPage(browser, `${live.origin}/admin/login`);
    await signIn(page, editor.email);
    await page.goto(`${live.origin}/admin/profile`);
    const rows = page.locator('table.sessions tbody tr');
    assert.equal(await rows.count(), 2);
    const other = rows.filter({ hasText: '198.51.100.23' });
    assert.match((await other.textContent()) ?? '', /Firefox/);
    assert.equal(await rows.filter({ hasText: 'هذا الجهاز' }).count(), 1);
    await atBothWidths(page, 'admin-profile-sessions-ar');
    assert.deepEqual(await seriousA11yViolations(page), []);

    await Promise.all([page.waitForLoadState('load'), other.locator('button[type=submit]').click()]);
    await page.waitForSelector('text=انتهت الجلسة.');
    assert.equal(await page.locator('table.sessions tbody tr').count(), 1);
    // The intruder is out at their next request.
    const next = await intruder.get('/admin/');
    assert.notEqual(next.status, 200);
    assert.match(String(next.headers.location), /\/admin\/login/);

    await live.site.repos.accounts.setLocale(editor.id, 'en');
    await page.goto(`${live.origin}/admin/profile`);
    assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['en', 'ltr']);
    assert.equal(await page.locator('table.sessions tbody tr', { hasText: 'This device' }).count(), 1);
    await atBothWidths(page, 'admin-profile-sessions-en');
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.close();
  });

  it('an administrator finds the ended session and the failed sign-ins in the audit trail, filtered', async () => {
    // A guess at the administrator's password, from a far address.
    await new Agent(live.site.app, '203.0.113.9').login(administrator.email, 'not the password!');
    await browser.context.clearCookies();
    const page = await openPage(browser, `${live.origin}/admin/login`);
    await signIn(page, administrator.email);
    await page.goto(`${live.origin}/admin/audit`);
    await page.selectOption('#au-action', 'session.end');
    await Promise.all([page.waitForURL(/action=session\.end/), page.click('form.filters button[type=submit]')]);
    const rows = page.locator('table.audit tbody tr');
    assert.equal(await rows.count(), 1);
    assert.match((await rows.first().textContent()) ?? '', /editor@example\.org/);
    await page.goto(`${live.origin}/admin/audit?action=sign-in.failed`);
    assert.match((await page.locator('table.audit tbody tr').first().textContent()) ?? '', /203\.0\.113\.9/);
    await atBothWidths(page, 'admin-audit-ar');
    assert.deepEqual(await seriousA11yViolations(page), []);

    await live.site.repos.accounts.setLocale(administrator.id, 'en');
    await page.goto(`${live.origin}/admin/audit`);
    assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['en', 'ltr']);
    await atBothWidths(page, 'admin-audit-en');
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.close();
  });

  it('the article form offers an author nobody but themselves as a co-author; an editor, everyone', async () => {
    const accounts = new AccountService({ repos: live.site.repos, clock: live.site.clock, hashCost: CHEAP_HASH });
    const author = (await accounts.create({ email: 'author@example.org', name: 'كاتب', role: 'author', password: PASSWORD })).account;
    const offered = async (email: string) => {
      await browser.context.clearCookies();
      const page = await openPage(browser, `${live.origin}/admin/login`);
      await signIn(page, email);
      await page.goto(`${live.origin}/admin/articles/new`);
      const ids = await page.locator('input[name="authors"]').evaluateAll((xs) => xs.map((x) => Number((x as HTMLInputElement).value)));
      await page.close();
      return ids.sort((a, b) => a - b);
    };
    assert.deepEqual(await offered(author.email), [author.id]);
    const everyone = await offered(editor.email);
    assert.ok([author.id, editor.id, administrator.id].every((id) => everyone.includes(id)), everyone.join(','));
  });
});

import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { UiLocale } from '../../src/domain/account.ts';
import type { Role } from '../../src/domain/user.ts';
import { AccountService } from '../../src/services/users/accounts.ts';
import { CHEAP_HASH, PASSWORD } from '../support/admin.ts';
import { type Browser, describeInBrowser, launchBrowser, liveSite, type LiveSite, openPage, screenshot, seriousA11yViolations, slantedArabic } from '../support/browser.ts';

/**
 * Chromium's virtual authenticator (the DevTools protocol's WebAuthn domain) stands in for a
 * phone or a laptop's fingerprint reader: a platform authenticator that keeps resident keys and
 * verifies its user.
 */
async function withAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
}

describeInBrowser('two-factor sign-in in Chromium', () => {
  let live: LiveSite;
  let browser: Browser;
  const url = (path: string) => live.origin + path;
  const account = async (role: Role, locale: UiLocale, name: string) => {
    const accounts = new AccountService({ repos: live.site.repos, clock: live.site.clock, hashCost: CHEAP_HASH });
    const email = `${role}-${locale}-${Math.random().toString(36).slice(2, 7)}@example.org`;
    const { account: a } = await accounts.create({ email, name, role, password: PASSWORD });
    await accounts.setLocale(a.id, locale);
    return email;
  };
  /** The password step from a fresh login page; `then` is the path the browser should land on. */
  const password = async (page: Page, email: string, then: RegExp) => {
    await page.context().clearCookies();
    await page.goto(url('/admin/login'));
    await page.fill('#email', email);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(then), page.click('button[type=submit]')]);
  };
  const check = async (page: Page, name: string, width: number) => {
    await page.setViewportSize({ width, height: 800 });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await screenshot(page, name);
    assert.deepEqual(await seriousA11yViolations(page), [], name);
    assert.deepEqual(await slantedArabic(page), [], name);
  };

  before(async () => {
    live = await liveSite({ hostName: 'localhost' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await live?.close();
  });

  for (const [locale, width, name, passkeyName] of [['ar', 360, 'سلمى الكاتبة', 'هاتفي'], ['en', 1366, 'Sam Writer', 'Work laptop']] as const) {
    it(`registers a passkey and signs in with it as the second factor (${locale}, ${width} px)`, async () => {
      const email = await account('author', locale, name);
      const page = await openPage(browser, url('/admin/login'), { width });
      await withAuthenticator(page);
      await password(page, email, /\/admin\/$/);

      await page.goto(url('/admin/profile/two-factor'));
      assert.equal(await page.locator('#passkey-add').isVisible(), true, 'the script shows the passkey form');
      await check(page, `admin-two-factor-${locale}-${width}`, width);
      await page.fill('#passkey-name', passkeyName);
      await Promise.all([page.waitForURL(/\/admin\/profile\/two-factor\/passkeys$/), page.click('#passkey-add button[type=submit]')]);
      assert.equal(await page.locator('.recovery-codes li').count(), 10, 'a first factor comes with ten recovery codes');
      await check(page, `admin-two-factor-recovery-${locale}-${width}`, width);
      await Promise.all([page.waitForURL(/done=passkey/), page.click('a.button')]);
      assert.match((await page.textContent('.passkey-list')) ?? '', new RegExp(passkeyName));
      await check(page, `admin-two-factor-passkeys-${locale}-${width}`, width);

      // Signing in again: the password is half of it; the passkey is the other half.
      await password(page, email, /\/admin\/login\/verify/);
      assert.equal(await page.evaluate(() => document.documentElement.lang), locale, 'the second step speaks the account’s language');
      assert.equal(await page.locator('#passkey-sign-in').isVisible(), true);
      await check(page, `admin-two-factor-verify-${locale}-${width}`, width);
      await Promise.all([page.waitForURL(/\/admin\/$/), page.click('#passkey-sign-in button[type=submit]')]);
      const used = await live.site.repos.db.kysely.selectFrom('two_factor_passkeys').select('last_used_at').where('name', '=', passkeyName).executeTakeFirstOrThrow();
      assert.ok(used.last_used_at, 'the passkey’s use is recorded');

      // And as the way in by itself: no e-mail, no password.
      await page.context().clearCookies();
      await page.goto(url(`/admin/login?lang=${locale}`));
      assert.equal(await page.locator('#passkey-login').isVisible(), true);
      await check(page, `admin-login-passkey-${locale}-${width}`, width);
      await Promise.all([page.waitForURL(/\/admin\/$/), page.click('#passkey-login button[type=submit]')]);
      const lines = await live.site.repos.db.kysely.selectFrom('audit_log').select('detail').where('action', '=', 'sign-in').where('actor', '=', email).execute();
      assert.ok(lines.some((l) => l.detail.startsWith('passkey without password')), 'the trail says how');
      await page.close();
    });
  }

  it('keeps several passkeys, each named, renamed and removed on its own', async () => {
    const email = await account('author', 'en', 'Rana Reporter');
    const laptop = await openPage(browser, url('/admin/login'), { width: 1366 });
    await withAuthenticator(laptop);
    await password(laptop, email, /\/admin\/$/);
    const add = async (page: Page, name: string, then: RegExp) => {
      await page.goto(url('/admin/profile/two-factor'));
      await page.fill('#passkey-name', name);
      await Promise.all([page.waitForURL(then), page.click('#passkey-add button[type=submit]')]);
    };
    await add(laptop, 'Laptop', /\/passkeys$/);
    // A second device: another page, with an authenticator of its own, in the same session.
    const key = await browser.context.newPage();
    await withAuthenticator(key);
    await add(key, 'Security key', /done=passkey$/);
    assert.deepEqual(await key.locator('.passkey-list li strong').allTextContents(), ['Laptop', 'Security key']);

    await key.fill('.passkey-list li:first-child input[name=name]', 'Old laptop');
    await Promise.all([key.waitForURL(/done=renamed$/), key.click('.passkey-list li:first-child .inline-fields button')]);
    await Promise.all([key.waitForURL(/done=passkey-removed$/), key.click('.passkey-list li:first-child button[aria-label="Remove Old laptop"]')]);
    assert.deepEqual(await key.locator('.passkey-list li strong').allTextContents(), ['Security key']);
    assert.deepEqual(await seriousA11yViolations(key), []);
    const trail = await live.site.repos.db.kysely.selectFrom('audit_log').select(['action', 'detail']).where('action', 'like', 'two-factor.passkey-%').orderBy('id').execute();
    assert.deepEqual(trail.map((e) => `${e.action} ${e.detail}`).slice(-4), [
      'two-factor.passkey-add Laptop', 'two-factor.passkey-add Security key', 'two-factor.passkey-rename Old laptop', 'two-factor.passkey-remove Old laptop',
    ]);
    await key.close();
    await laptop.close();
  });

  it('a role that requires two factors sends a new member to enrolment; the app’s QR code is drawn as SVG', async () => {
    await live.site.repos.settings.set('two_factor_roles', 'editor');
    const email = await account('editor', 'ar', 'ليلى المحررة');
    const page = await openPage(browser, url('/admin/login'), { width: 360 });
    await password(page, email, /\/admin\/profile\/two-factor$/);
    assert.match((await page.textContent('.notice-error')) ?? '', /دورك في غرفة الأخبار يتطلب التحقق بخطوتين/);
    assert.equal(await page.locator('.qr svg').count(), 1);
    const box = await page.locator('.qr svg').boundingBox();
    assert.ok(box && box.width > 100 && box.width <= 360, `the QR code fits a phone: ${box?.width}`);
    await check(page, 'admin-two-factor-required-ar-360', 360);
    await page.goto(url('/admin/articles'));
    assert.match(page.url(), /\/admin\/profile\/two-factor$/, 'nothing else opens first');
    await page.setViewportSize({ width: 1366, height: 800 });
    await screenshot(page, 'admin-two-factor-required-ar-1366');
    await live.site.repos.settings.set('two_factor_roles', '');
    await page.close();
  });

  it('administrators choose the roles and reset a member (the security page and a member’s page, ar 360 px and en 1366 px)', async () => {
    const member = await account('author', 'ar', 'مازن المراسل');
    const memberId = (await live.site.repos.accounts.byEmail(member))!.id;
    // A passkey on record (its key is never checked here): the member's page offers the reset.
    const { repos } = live.site;
    await repos.write((tx) => repos.twoFactor.addPasskey(tx, {
      userId: memberId, credentialId: 'test-credential', publicKey: 'AA', counter: 0, transports: ['internal'], name: 'هاتف مازن', createdAt: live.site.clock.now().toISOString(),
    }), { invalidates: [] });
    for (const [locale, width] of [['ar', 360], ['en', 1366]] as const) {
      const email = await account('administrator', locale, locale === 'ar' ? 'هدى المديرة' : 'Hoda Admin');
      const page = await openPage(browser, url('/admin/login'), { width });
      await password(page, email, /\/admin\/$/);
      await page.goto(url('/admin/security'));
      await check(page, `admin-two-factor-security-${locale}-${width}`, width);
      await page.goto(url(`/admin/users/${memberId}`));
      assert.equal(await page.locator(`form[action="/admin/users/${memberId}/reset-2fa"]`).count(), 1);
      await check(page, `admin-two-factor-member-${locale}-${width}`, width);
      await page.close();
    }
  });
});

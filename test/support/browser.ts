import assert from 'node:assert/strict';
import type { Config } from '../../src/config.ts';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath, isCi } from '../../src/config.ts';
import type { Clock } from '../../src/platform/clock.ts';
import { AccountService } from '../../src/services/users/accounts.ts';
import type { Role } from '../../src/domain/user.ts';
import { CHEAP_HASH, PASSWORD } from './admin.ts';
import { testSite, type TestSite } from './app.ts';

/** Full-page screenshots for a human to look at (gitignored). */
export const SCREENSHOT_DIR = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

/**
 * `describe` for a browser suite. Without Chromium it is one skipped test whose reason says so
 * (a skipped `describe` would not show in the skip count). Under CI=true a missing Chromium is
 * a failing test instead, so CI cannot go green without having run the suite (the same rule
 * scripts/test.mjs applies to PostgreSQL).
 */
export function describeInBrowser(name: string, fn: () => void): void {
  const path = chromiumPath();
  if (existsSync(path)) {
    describe(name, fn);
    return;
  }
  const reason = `Chromium not found at ${path}`;
  if (isCi()) {
    it(name, () => {
      throw new Error(`${reason}; CI=true, so the browser suite must run (install chromium or set CHROMIUM_PATH)`);
    });
  } else {
    it(name, { skip: reason }, () => {});
  }
}

/**
 * How long any one Playwright wait may take before the test fails instead of hanging. A guard,
 * never a measure: every wait is for an event (a navigation, a selector), and on a busy 2-core
 * machine one can take many times its usual second (an upload's AVIF variants took over 15 s
 * while two other processes kept both cores busy).
 */
const WAIT_GUARD_MS = 180_000;

// The flags keep a headless Chromium off the network and quiet on a 2-core machine.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium with a fresh, throwaway profile (nothing cached from an earlier run). */
export async function launchBrowser(options: { javaScriptEnabled?: boolean } = {}): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath} (set CHROMIUM_PATH)`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'khabar-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1200, height: 800 },
      javaScriptEnabled: options.javaScriptEnabled ?? true,
    });
    context.setDefaultTimeout(WAIT_GUARD_MS);
    return {
      context,
      close: async () => {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
}

/** A free loopback port, so SITE_URL can name the origin before the app is built. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface LiveSite {
  site: TestSite;
  /** http://127.0.0.1:<port>, which is also the site's SITE_URL. */
  origin: string;
  close(): Promise<void>;
}

/**
 * The real site listening on loopback, with its SITE_URL equal to the origin the browser uses
 * (absolute links such as the copy-link short link then stay on this server).
 */
export async function liveSite(options: { demo?: boolean; pictures?: boolean; clock?: Clock; config?: Partial<Config>; hostName?: 'localhost' } = {}): Promise<LiveSite> {
  // Another process may take the port between the probe and listen(): try a few times.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    // A passkey's relying party is a domain, never an address: WebAuthn tests name the site `localhost`.
    const origin = `http://${options.hostName ?? '127.0.0.1'}:${port}`;
    const { hostName: _name, ...siteOptions } = options;
    const site = await testSite({ ...siteOptions, siteUrl: origin });
    try {
      await site.app.fastify.listen({ port, host: '127.0.0.1' });
      return { site, origin, close: () => site.close() };
    } catch (err) {
      await site.close();
      if (attempt >= 3 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    }
  }
}

type NewAccount = { email: string; name: string; role: Role };

export interface NewsroomInBrowser<A extends readonly NewAccount[]> {
  live: LiveSite;
  browser: Browser;
  /** The accounts asked for, in their order (password: PASSWORD). */
  accounts: { [K in keyof A]: { id: number; email: string } };
}

/**
 * The set-up of a newsroom suite, for the `describe` it is called in: before its tests a live
 * site (`prepare` writes what they start from) with these accounts and a Chromium, handed to
 * `started`; after them, both closed.
 */
export function newsroomInBrowser<const A extends readonly NewAccount[]>(
  options: { clock?: Clock; accounts: A; prepare?: (site: TestSite) => Promise<unknown> },
  started: (s: NewsroomInBrowser<A>) => void,
): void {
  let live: LiveSite | undefined;
  let browser: Browser | undefined;
  before(async () => {
    live = await liveSite({ ...(options.clock && { clock: options.clock }) });
    await options.prepare?.(live.site);
    const service = new AccountService({ repos: live.site.repos, clock: live.site.clock, hashCost: CHEAP_HASH });
    const accounts: { id: number; email: string }[] = [];
    for (const a of options.accounts) accounts.push((await service.create({ ...a, password: PASSWORD })).account);
    browser = await launchBrowser();
    started({ live, browser, accounts: accounts as NewsroomInBrowser<A>['accounts'] });
  });
  after(async () => {
    await browser?.close();
    await live?.close();
  });
}

/**
 * The page at a desktop and a phone width (1366 and 360 px), screenshotted as `<name>-<width>`;
 * fails if anything sticks out sideways at either. Leaves the page at 1366 px.
 */
export async function atBothWidths(page: Page, name: string, height = 800): Promise<void> {
  for (const width of [1366, 360]) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await screenshot(page, `${name}-${width}`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${name}: no sideways scrolling at ${width} px`);
  }
  await page.setViewportSize({ width: 1366, height });
}

/** A new tab of the given width, loaded with its fonts; fails unless the answer has `status`. */
export async function openPage(browser: Browser, url: string, options: { width?: number; status?: number } = {}): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: options.width ?? 1200, height: 800 });
  const res = await page.goto(url, { waitUntil: 'load' });
  const status = options.status ?? 200;
  if (res?.status() !== status) throw new Error(`${url} answered ${res?.status() ?? 'nothing'}, expected ${status}`);
  // Fonts are part of the layout being measured.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** axe's serious and critical WCAG 2 A/AA findings on the page, one line each (none is the goal). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Fills the newsroom's login form already on `page` (test accounts share PASSWORD) and waits for the dashboard. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.fill('#email', email);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL(/\/admin\/$/), page.click('button[type=submit]')]);
}

/** A new page, logged in to the newsroom at `origin`. */
export async function logIn(b: Browser, origin: string, email: string): Promise<Page> {
  const page = await openPage(b, `${origin}/admin/login`);
  await signIn(page, email);
  return page;
}

/** Elements whose own text is Arabic and whose computed style slants it (none may). */
export async function slantedArabic(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const arabic = /[\u0600-\u06FF]/;
    return Array.from(document.body.querySelectorAll('*'))
      .filter((el) => Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && arabic.test(n.textContent ?? '')))
      .filter((el) => getComputedStyle(el).fontStyle !== 'normal')
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${getComputedStyle(el).fontStyle}`);
  });
}

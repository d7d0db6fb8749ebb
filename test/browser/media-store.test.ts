import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import sharp from 'sharp';
import { AccountService } from '../../src/services/users/accounts.ts';
import { CHEAP_HASH, PASSWORD } from '../support/admin.ts';
import { describeInBrowser, launchBrowser, liveSite, logIn, screenshot, type Browser, type LiveSite } from '../support/browser.ts';
import { startS3, type S3Server } from '../support/s3.ts';

const photo = () => sharp({ create: { width: 1400, height: 900, channels: 3, background: '#3d5a80' } }).jpeg().toBuffer();

describeInBrowser('uploading in the newsroom with the media in a bucket (Chromium, s3rver)', () => {
  let s3: S3Server;
  let live: LiveSite;
  let browser: Browser;
  let editor: string;

  before(async () => {
    s3 = await startS3();
    live = await liveSite({ config: { mediaBucket: s3.location('newsroom') } });
    const accounts = new AccountService({ repos: live.site.repos, clock: live.site.clock, hashCost: CHEAP_HASH });
    editor = (await accounts.create({ email: 'bucket-editor@example.org', name: 'سلمى', role: 'editor', password: PASSWORD })).account.email;
    browser = await launchBrowser({ javaScriptEnabled: false });
  });
  after(async () => {
    await browser?.close();
    await live?.close();
    await s3?.close();
  });

  it('an upload lands in the bucket and its thumbnail loads from it; when the store stops answering, the form says so and keeps what was typed', async () => {
    const page = await logIn(browser, live.origin, editor);
    await page.goto(`${live.origin}/admin/media`);
    await page.setInputFiles('#up-file', { name: 'port.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    await page.fill('#up-alt', 'سفن في ميناء اللاذقية');
    await Promise.all([page.waitForURL(/\/admin\/media\?done=uploaded$/), page.click('.media-upload button[type=submit]')]);
    const thumb = page.locator('.media-grid li img').first();
    await thumb.evaluate((img: HTMLImageElement) => (img.complete ? undefined : new Promise((r) => img.addEventListener('load', r))));
    assert.equal(await thumb.evaluate((img: HTMLImageElement) => img.naturalWidth), 480);
    const [row] = await live.site.repos.db.kysely.selectFrom('media').select('name').execute();
    const keys: string[] = [];
    for await (const o of live.site.app.services.media.store.list()) keys.push(o.key);
    assert.ok(keys.includes(`${row!.name}/480.jpg`) && keys.includes(`${row!.name}/original.jpg`));

    s3.failAfterPuts(2);
    await page.setInputFiles('#up-file', { name: 'x.jpg', mimeType: 'image/jpeg', buffer: await photo() });
    await page.fill('#up-alt', 'نص بديل يبقى في الخانة');
    await page.fill('#up-caption', 'تعليق يبقى أيضاً');
    const answer = page.waitForResponse((r) => r.url().endsWith('/admin/media') && r.request().method() === 'POST');
    await page.click('.media-upload button[type=submit]');
    assert.equal((await answer).status(), 503);
    s3.heal();
    await page.waitForSelector('.notice');
    assert.match((await page.textContent('.notice')) ?? '', /تعذّر الوصول إلى مخزن الصور/);
    assert.equal(await page.inputValue('#up-alt'), 'نص بديل يبقى في الخانة');
    assert.equal(await page.inputValue('#up-caption'), 'تعليق يبقى أيضاً');
    assert.equal(await page.locator('.media-grid li').count(), 1, 'no row for the refused upload');
    await screenshot(page, 'admin-media-store-unavailable-ar');
    await page.close();
  });
});

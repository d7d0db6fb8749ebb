import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import sharp from 'sharp';
import { importWxr } from '../../src/services/importer/import-wxr.ts';
import { describeInBrowser, launchBrowser, liveSite, screenshot, seriousA11yViolations, type Browser, type LiveSite } from '../support/browser.ts';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'wxr', 'port-story-ar.xml');

/** A copy of the old site's wp-content/uploads: three photographs (drawn here, nothing downloaded). */
async function uploads(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-uploads-'));
  mkdirSync(join(dir, '2022', '03'), { recursive: true });
  const colours = { port: '#2d5f8b', cranes: '#c0612b', containers: '#3f8f5a' };
  for (const [name, background] of Object.entries(colours)) {
    await sharp({ create: { width: 900, height: 600, channels: 3, background } }).jpeg().toFile(join(dir, '2022', '03', `${name}.jpg`));
  }
  return dir;
}

describeInBrowser('an article brought over from WordPress, read in Chromium (Arabic)', () => {
  let live: LiveSite;
  let browser: Browser;
  let dir: string;
  before(async () => {
    live = await liveSite();
    dir = await uploads();
    const s = live.site;
    const report = await importWxr(FIXTURE, { repos: s.repos, articles: s.articles, clock: s.clock, secret: s.secret, media: s.app.services.media }, { edition: 'ar', uploads: dir });
    assert.equal(report.counts.post.imported, 1);
    assert.equal(report.externalImages, 0, 'every image came from --uploads');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await live?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the captioned photo, the gallery right to left, and the discussion threaded, reached by its old short link', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    try {
      // The old site's short link: a 301 to the article's Khabar address.
      const res = await page.goto(`${live.origin}/?p=310`, { waitUntil: 'load' });
      assert.equal(res?.status(), 200);
      assert.match(page.url(), /\/ar\/2022\/03\/02\/[^/]+\/$/);
      await page.evaluate(() => Promise.all(Array.from(document.images).map((img) => (img.complete ? null : new Promise((r) => { img.onload = img.onerror = r; })))));

      const figure = page.locator('article figure', { has: page.locator('figcaption', { hasText: 'سفن راسية في ميناء المدينة صباح الأربعاء' }) }).first();
      assert.ok(await figure.isVisible(), 'the [caption] is a figure with its caption');
      const photo = await figure.locator('img').evaluate((img: HTMLImageElement) => ({ w: img.naturalWidth, src: img.getAttribute('src') ?? '', alt: img.alt }));
      assert.ok(photo.w > 0, `the photo loaded from the library (${photo.src})`);
      assert.ok(!photo.src.includes('alwaha.example'), 'it no longer points at the old site');
      assert.equal(photo.alt, 'سفن راسية في الميناء عند الفجر');

      const gallery = page.locator('figure.gallery img');
      assert.equal(await gallery.count(), 2, 'the [gallery] shows both pictures');
      const boxes = await gallery.evaluateAll((imgs) => imgs.map((i) => { const r = (i as HTMLImageElement).getBoundingClientRect(); return { x: r.x, y: r.y, w: (i as HTMLImageElement).naturalWidth }; }));
      assert.ok(boxes.every((b) => b.w > 0), 'both gallery pictures loaded');
      assert.ok(Math.abs(boxes[0]!.y - boxes[1]!.y) < 2 && boxes[0]!.x > boxes[1]!.x, `side by side, the first on the right (${JSON.stringify(boxes)})`);

      // A thread's items hold their replies: the last match is the comment itself, not an ancestor.
      const reply = page.locator('li.comment', { hasText: 'شكراً، وسننشر جدول الرحلات قريباً' }).last();
      const deepest = page.locator('li.comment', { hasText: 'بانتظاره' }).last();
      assert.match((await reply.getAttribute('class')) ?? '', /depth-2/);
      assert.match((await deepest.getAttribute('class')) ?? '', /depth-3/);
      assert.equal(await page.locator('li.comment').count(), 4);
      // In RTL a reply is indented from the right: it starts further left than its parent's start edge.
      const [parentBox, replyBox] = await Promise.all([page.locator('li.comment.depth-1').first().boundingBox(), reply.boundingBox()]);
      assert.ok(parentBox && replyBox && replyBox.x + replyBox.width < parentBox.x + parentBox.width, 'the reply is indented from the right');

      assert.deepEqual(await seriousA11yViolations(page), []);
      await screenshot(page, 'imported-article-ar-1366');
    } finally {
      await page.close();
    }
  });
});

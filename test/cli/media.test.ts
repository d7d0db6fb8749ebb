import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { configuredMediaStore } from '../../src/services/media/open-media-store.ts';
import { anotherInstance, testSite, type TestSite } from '../support/app.ts';
import { runCli, sharedDatabase } from '../support/cli.ts';
import { startS3, type S3Server } from '../support/s3.ts';

const CDN = 'https://cdn.example.org/m';

describe('khabar media migrate and check (the CLI, in its own process, against s3rver)', () => {
  let s3: S3Server;
  let site: TestSite;
  let shared: Awaited<ReturnType<typeof sharedDatabase<TestSite>>>;
  let env: Record<string, string>;
  const names: string[] = [];
  const back = mkdtempSync(join(tmpdir(), 'khabar-media-back-'));

  before(async () => {
    s3 = await startS3();
    shared = await sharedDatabase((o) => testSite({ ...o, config: { mediaPublicUrl: CDN } }));
    site = shared.site;
    env = { ...shared.env, MEDIA_DIR: site.config.mediaDir, SITE_URL: 'http://news.test', MEDIA_PUBLIC_URL: CDN, KHABAR_DEMO: 'false' };
    const media = site.app.services.media;
    for (const colour of ['#2a6f97', '#973f2a']) {
      const data = await sharp({ create: { width: 1000, height: 600, channels: 3, background: colour } }).jpeg().toBuffer();
      const m = await site.repos.write((tx) => media.importImage(tx, data, { alt: 'صورة', caption: '', credit: '' }, null, '2024-01-01T00:00:00.000Z'), { invalidates: [] });
      names.push(m!.name);
    }
    // Addresses as they get into articles: the site's own absolute one pasted back, a CDN one
    // copied from a page, and the form the library hands out.
    const [a, b] = names;
    await site.repos.write(async (tx, touch) => {
      await site.articles.save({
        edition: 'ar', title: 'صورتان', status: 'published', commentStatus: 'open', publishedAt: '2024-01-02T08:00:00.000Z',
        bodyHtml: `<p>نص.</p><img src="http://news.test/media/${a}/800.jpg" alt="أ"><img src="${CDN}/${b}/480.jpg" alt="ب">`,
        featuredImage: { url: `${CDN}/${b}/1000.jpg`, alt: 'ب', caption: '', credit: '' },
      }, tx, touch);
      await site.articles.save({
        edition: 'en', title: 'Already canonical', status: 'published', commentStatus: 'open', publishedAt: '2024-01-02T09:00:00.000Z',
        bodyHtml: `<p>Text.</p><img src="/media/${a}/1000.jpg" alt="a">`,
      }, tx, touch);
    }, { invalidates: [] });
  });
  after(async () => {
    await shared?.close();
    await s3?.close();
    rmSync(back, { recursive: true, force: true });
  });

  const keys = async (store: ReturnType<typeof configuredMediaStore>) => {
    const out: string[] = [];
    for await (const o of store.list()) out.push(o.key);
    return out.sort();
  };
  const article = (slug: string) => site.repos.db.kysely.selectFrom('articles').select(['body_html', 'featured_image_url', 'card_image_url']).where('slug', '=', slug).executeTakeFirstOrThrow();

  it('moves the library from the folder to the bucket, and every address in articles into the form that names no store; again, it skips what is there', async () => {
    const to = s3.env('library');
    const r = await runCli(['media', 'migrate', '--to', to.MEDIA_STORE!], { ...env, ...to, MEDIA_STORE: '' });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, new RegExp(`media moved from file:${site.config.mediaDir} to s3://${s3.bucket}/library`));
    assert.match(r.stdout, /images: 2\n {2}files copied: 20 \([\d.]+ MiB\); already there: 0; missing from .+: 0/);
    assert.match(r.stdout, /addresses rewritten: 1 article, 0 revisions, 0 editions/);
    assert.match(r.stdout, /Now set MEDIA_STORE=s3:\/\/khabar-media\/library on every instance/);
    assert.match(r.stderr, /\[#{30}\] 100% 2\/2/);

    const bucket = configuredMediaStore({ mediaDir: '/nonexistent', mediaBucket: s3.location('library') });
    const disk = configuredMediaStore(site.config);
    assert.deepEqual(await keys(bucket), await keys(disk));
    const [a, b] = names;
    const moved = await article('صورتان');
    assert.deepEqual([...moved.body_html.matchAll(/src="([^"]+)"/g)].map((m) => m[1]), [`/media/${a}/800.jpg`, `/media/${b}/480.jpg`]);
    assert.equal(moved.featured_image_url, `/media/${b}/1000.jpg`);
    assert.equal(moved.card_image_url, `/media/${b}/1000.jpg`);

    const again = await runCli(['media', 'migrate', '--to', to.MEDIA_STORE!], { ...env, ...to, MEDIA_STORE: '' });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /files copied: 0 \(0\.0 MiB\); already there: 20/);
    assert.match(again.stdout, /addresses rewritten: 0 articles/);

    // An instance reading the bucket serves them, pointing pages at MEDIA_PUBLIC_URL.
    const b2 = await anotherInstance(site, { mediaBucket: s3.location('library'), mediaDir: back });
    const img = await b2.app.fastify.inject(`/media/${b}/480.webp`);
    assert.equal(img.statusCode, 200);
    assert.equal(img.headers['content-type'], 'image/webp');
    const page = await b2.app.fastify.inject('/ar/');
    assert.match(page.body, new RegExp(`srcset="${CDN}/${b}/480\\.avif 480w`));
    await b2.close();
  });

  it('moves it back to a folder', async () => {
    const from = s3.env('library');
    const r = await runCli(['media', 'migrate', '--to', `file:${back}`], { ...env, ...from });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /files copied: 20 /);
    assert.deepEqual(readdirSync(back).sort(), [...names].sort());
    assert.ok(existsSync(join(back, names[0]!, 'original.jpg')));
  });

  it('check lists objects with no image and images with files missing', async () => {
    const at = s3.env('library');
    const clean = await runCli(['media', 'check'], { ...env, ...at });
    assert.equal(clean.code, 0, clean.stderr + clean.stdout);
    assert.match(clean.stdout, /s3:\/\/khabar-media\/library: 2 images in the library, 20 objects in the store\n\nevery object belongs to an image, and every image has its files/);

    const bucket = configuredMediaStore({ mediaDir: '/nonexistent', mediaBucket: s3.location('library') });
    await bucket.put('0123456789abcdef0123-10x10/10.jpg', Buffer.from('x'), 'image/jpeg');
    await bucket.delete([`${names[1]}/800.webp`]);
    const r = await runCli(['media', 'check', '--json'], { ...env, ...at });
    assert.equal(r.code, 2, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.orphans, ['0123456789abcdef0123-10x10/10.jpg']);
    assert.deepEqual(report.missing, [`${names[1]}/800.webp`]);
    const text = await runCli(['media', 'check'], { ...env, ...at });
    assert.match(text.stdout, /objects with no image in the library \(1\):\n {2}0123456789abcdef0123-10x10\/10\.jpg/);
    assert.match(text.stdout, new RegExp(`files the library lists that the store does not have \\(1\\):\\n {2}${names[1]}/800\\.webp`));
  });

  it('refuses a --to it cannot use, and the store it already uses', async () => {
    const bad = await runCli(['media', 'migrate', '--to', 'ftp://x'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--to must be file:<folder> or s3:\/\/bucket\/prefix/);
    const same = await runCli(['media', 'migrate', '--to', `file:${site.config.mediaDir}`], env);
    assert.equal(same.code, 1);
    assert.match(same.stderr, /the media store is file:.* already/);
  });
});

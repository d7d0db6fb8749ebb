import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { Config } from '../../src/config.ts';
import { checkMedia } from '../../src/services/media/media-migration.ts';
import { configuredMediaStore } from '../../src/services/media/open-media-store.ts';
import { adminSite, Agent, type AdminSite } from '../support/admin.ts';
import { anotherInstance } from '../support/app.ts';
import { freePort } from '../support/ports.ts';
import { testDialect } from '../support/runtime.ts';
import { startS3, type S3Server } from '../support/s3.ts';

const photo = (width = 1000, height = 700) => sharp({ create: { width, height, channels: 3, background: '#2a6f97' } }).jpeg().toBuffer();

function multipart(fields: Record<string, string>, file: Buffer): { payload: Buffer; contentType: string } {
  const boundary = `----khabar${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`), file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(s: AdminSite, a: Agent, fields: Record<string, string>, file: Buffer, headers: Record<string, string> = {}) {
  const { payload, contentType } = multipart({ _csrf: a.csrf, ...fields }, file);
  return s.app.fastify.inject({
    method: 'POST', url: '/admin/media', payload,
    headers: { cookie: [...a.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType, ...headers },
  });
}

async function signedIn(s: AdminSite, role: 'editor' | 'author' = 'editor', locale?: 'en') {
  const u = await s.user(role);
  if (locale) await s.repos.db.kysely.updateTable('users').set({ locale }).where('id', '=', u.id).execute();
  const a = new Agent(s.app);
  await a.login(u.email);
  await a.get('/admin/media');
  return a;
}

const rows = (s: AdminSite) => s.repos.db.kysely.selectFrom('media').selectAll().execute();
let n = 0;
/** A key prefix of its own for each site: the tests share one bucket. */
const prefix = () => `site-${process.pid}-${++n}`;

/** A site whose images are in the bucket (a SQLite file, so a second instance can open it too). */
async function bucketSite(s3: S3Server, p: string, config: Partial<Config> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-s3-site-'));
  const site = await adminSite({ ...(testDialect() === 'sqlite' && { sqliteFile: join(dir, 'site.sqlite') }), config: { mediaBucket: s3.location(p), ...config } });
  return { site, close: async () => { await site.close(); rmSync(dir, { recursive: true, force: true }); } };
}

async function keysIn(s3: S3Server, p: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of configuredMediaStore({ mediaDir: '/nonexistent', mediaBucket: s3.location(p) }).list()) keys.push(o.key);
  return keys.sort();
}

describe('media in object storage (an S3-compatible server on loopback)', () => {
  let s3: S3Server;
  before(async () => {
    s3 = await startS3();
  });
  after(() => s3?.close());

  it('an image uploaded on instance A is served by instance B, from the bucket, with the same caching; deleting it deletes its objects', async () => {
    const p = prefix();
    const { site: a, close } = await bucketSite(s3, p);
    const b = await anotherInstance(a, { mediaBucket: s3.location(p) });
    const ed = await signedIn(a);
    const res = await upload(a, ed, { alt: 'ميناء بيروت عند الفجر' }, await photo(), { accept: 'application/json' });
    assert.equal(res.statusCode, 201, res.body);
    const { url } = JSON.parse(res.body) as { url: string };
    const [row] = await rows(a);
    assert.equal(url, `/media/${row!.name}/1000.jpg`);
    // Made once, at upload, beside the original: every width and format in the bucket.
    assert.deepEqual(await keysIn(s3, p), ['1000.avif', '1000.jpg', '1000.webp', '480.avif', '480.jpg', '480.webp', '800.avif', '800.jpg', '800.webp', 'original.jpg'].map((f) => `${row!.name}/${f}`).sort());
    // Nothing on A's disk.
    assert.ok(!existsSync(a.config.mediaDir) || readdirSync(a.config.mediaDir).length === 0);

    for (const [file, type] of [['1000.jpg', 'image/jpeg'], ['480.avif', 'image/avif'], ['800.webp', 'image/webp']] as const) {
      const got = await b.app.fastify.inject(`/media/${row!.name}/${file}`);
      assert.equal(got.statusCode, 200, file);
      assert.equal(got.headers['content-type'], type);
      assert.equal(got.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal(got.headers['x-content-type-options'], 'nosniff');
      assert.equal(Number(got.headers['content-length']), got.rawPayload.length);
      assert.equal((await sharp(got.rawPayload).metadata()).width, Number(file.split('.')[0]));
    }
    // The original (with its EXIF) is kept, never served; nor is anything of another shape.
    assert.equal((await b.app.fastify.inject(`/media/${row!.name}/original.jpg`)).statusCode, 404);
    assert.equal((await b.app.fastify.inject(`/media/${row!.name}/1200.jpg`)).statusCode, 404);

    const del = await ed.post(`/admin/media/${row!.id}/delete`, {});
    assert.equal(del.status, 303);
    assert.deepEqual(await keysIn(s3, p), []);
    assert.equal((await b.app.fastify.inject(`/media/${row!.name}/1000.jpg`)).statusCode, 404);
    await b.close();
    await close();
  });

  it('a store that fails part-way through an upload: a 503 in the uploader\'s language, the form as typed, no row; media check lists what could not be removed', async () => {
    const p = prefix();
    const { site, close } = await bucketSite(s3, p);
    const ed = await signedIn(site);
    s3.failAfterPuts(3);
    const res = await upload(site, ed, { alt: 'نص بديل كتبه المحرر', caption: 'تعليق الصورة' }, await photo());
    s3.heal();
    assert.equal(res.statusCode, 503);
    assert.match(res.body, /لم تُرفع الصورة: تعذّر الوصول إلى مخزن الصور لعطل مؤقت، ولم يُحفظ شيء/);
    assert.match(res.body, /value="نص بديل كتبه المحرر"/);
    assert.match(res.body, /تعليق الصورة/);
    assert.deepEqual(await rows(site), [], 'no half-written row');
    // The store died before the clean-up could reach it: the three files it took are orphans,
    // and `media check` lists them.
    const check = await checkMedia({ repos: site.repos, store: configuredMediaStore(site.config) });
    const left = await keysIn(s3, p);
    assert.equal(left.length, 3);
    assert.deepEqual(check.orphans.sort(), left);
    assert.deepEqual(check.missing, []);

    // The editor's picker (JSON) is told in English when that is the user's language.
    const en = await signedIn(site, 'author', 'en');
    s3.failAfterPuts(0);
    const json = await upload(site, en, { alt: 'A quay' }, await photo(), { accept: 'application/json' });
    s3.heal();
    assert.equal(json.statusCode, 503);
    assert.match(JSON.parse(json.body).error, /^The image was not uploaded: the image store could not be reached/);
    assert.deepEqual(await rows(site), []);
    await close();
  });

  it('a store that cannot be reached costs each image a 503 (not cached), and the pages are still served', async () => {
    const closed = await freePort();
    const p = prefix();
    const { site, close } = await bucketSite(s3, p, { mediaBucket: { ...s3.location(p), endpoint: `http://127.0.0.1:${closed}` } });
    const res = await site.app.fastify.inject('/media/0123456789abcdef0123-800x600/480.jpg');
    assert.equal(res.statusCode, 503);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['retry-after'], '5');
    assert.equal((await site.app.fastify.inject('/ar/')).statusCode, 200);
    assert.equal((await site.app.fastify.inject('/admin/login')).statusCode, 200);
    await close();
  });

  it('with MEDIA_PUBLIC_URL, pages point src and srcset at it; articles keep the /media/ address', async () => {
    const p = prefix();
    const cdn = 'https://cdn.example.org/khabar';
    const { site, close } = await bucketSite(s3, p, { mediaPublicUrl: cdn });
    const img = '/media/0123456789abcdef0123-1600x900/1600.jpg';
    await site.repos.write((tx, touch) => site.articles.save(
      { edition: 'en', title: 'Quay at dawn', bodyHtml: `<p>Text.</p><img src="${img}" alt="A quay">`, publishedAt: '2020-01-01T08:00:00.000Z', status: 'published', commentStatus: 'open', featuredImage: { url: img, alt: 'A quay', caption: '', credit: '' } },
      tx, touch,
    ), { invalidates: [] });
    const page = await site.app.fastify.inject('/en/2020/01/01/quay-at-dawn/');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<source type="image\/avif" srcset="https:\/\/cdn\.example\.org\/khabar\/0123456789abcdef0123-1600x900\/480\.avif 480w, /);
    assert.match(page.body, /<img src="https:\/\/cdn\.example\.org\/khabar\/0123456789abcdef0123-1600x900\/1600\.jpg" srcset="https:\/\/cdn\.example\.org\/khabar\/[^"]+800\.jpg 800w/);
    assert.match(page.body, /<meta property="og:image" content="https:\/\/cdn\.example\.org\/khabar\/0123456789abcdef0123-1600x900\/1600\.jpg"/);
    assert.doesNotMatch(page.body, /src="\/media\//);
    const row = await site.repos.db.kysely.selectFrom('articles').select(['body_html', 'featured_image_url']).where('slug', '=', 'quay-at-dawn').executeTakeFirstOrThrow();
    assert.equal(row.featured_image_url, img);
    assert.match(row.body_html, /src="\/media\//);
    await close();
  });
});

import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { adminSite, Agent, type AdminSite } from '../support/admin.ts';

/** A JPEG; `phone`: as a phone makes it, with EXIF orientation (turned 90°) and a GPS position. */
async function photo(width: number, height: number, options: { phone?: boolean } = {}): Promise<Buffer> {
  const img = sharp({ create: { width, height, channels: 3, background: '#2a6f97' } }).jpeg();
  if (!options.phone) return img.toBuffer();
  return img
    .withExif({ IFD0: { Copyright: 'Khabar test' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '33/1 30/1 0/1' } })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

async function transparentPng(): Promise<Buffer> {
  return sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 200, g: 30, b: 30, alpha: 0.5 } } }).png().toBuffer();
}

interface FilePart {
  name?: string;
  type?: string;
  data: Buffer;
}

function multipartBody(fields: Record<string, string>, file?: FilePart): { payload: Buffer; contentType: string } {
  const boundary = `----khabar${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name ?? 'photo.jpg'}"\r\nContent-Type: ${file.type ?? 'image/jpeg'}\r\n\r\n`));
    chunks.push(file.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POSTs the upload form as a browser does (the agent's cookies; its CSRF token as a field unless given). */
async function upload(s: AdminSite, a: Agent, fields: Record<string, string>, file?: FilePart, headers: Record<string, string> = {}) {
  const { payload, contentType } = multipartBody({ _csrf: a.csrf, ...fields }, file);
  const res = await s.app.fastify.inject({
    method: 'POST',
    url: '/admin/media',
    headers: { cookie: [...a.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType, ...headers },
    payload,
  });
  return { status: res.statusCode, body: res.body, headers: res.headers };
}

async function loggedIn(s: AdminSite, role: 'administrator' | 'editor' | 'author' | 'contributor', name?: string) {
  const u = await s.user(role, name);
  const a = new Agent(s.app);
  await a.login(u.email);
  await a.get('/admin/media');
  return { ...u, a };
}

const rows = (s: AdminSite) => s.repos.db.kysely.selectFrom('media').selectAll().execute();
/** Image folders under MEDIA_DIR (temporary ones included: a refused upload must leave none). */
const folders = (s: AdminSite) => (existsSync(s.config.mediaDir) ? readdirSync(s.config.mediaDir) : []);

describe('the media library: uploads', () => {
  it('an upload through the plain form is stored upright, without EXIF, in every width and format', async () => {
    const s = await adminSite();
    const ed = await loggedIn(s, 'editor', 'ليلى حداد');
    const res = await upload(s, ed.a, { alt: 'سوق الحميدية في الصباح', caption: 'السوق قبل افتتاح المحال', credit: 'وكالة خبر' }, { data: await photo(2000, 1300, { phone: true }) });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/admin/media?done=uploaded');

    const [row, ...more] = await rows(s);
    assert.ok(row);
    assert.equal(more.length, 0);
    assert.equal(row.alt, 'سوق الحميدية في الصباح');
    assert.equal(row.caption, 'السوق قبل افتتاح المحال');
    assert.equal(row.credit, 'وكالة خبر');
    assert.equal(row.uploaded_by, ed.id);
    // 2000×1300 with orientation 6 is a 1300×2000 portrait.
    assert.deepEqual([row.original_width, row.original_height, row.width, row.height], [1300, 2000, 1300, 2000]);
    assert.match(row.name, /^[0-9a-f]{20}-1300x2000$/);

    const dir = join(s.config.mediaDir, row.name);
    const files = readdirSync(dir).sort();
    // 480 and 800 below the upload's width, then its own; never upscaled to 1600.
    const widths = [480, 800, 1300];
    assert.deepEqual(files, ['original.jpg', ...widths.flatMap((w) => [`${w}.avif`, `${w}.jpg`, `${w}.webp`])].sort());
    for (const w of widths) {
      for (const [ext, format] of [['avif', 'heif'], ['webp', 'webp'], ['jpg', 'jpeg']] as const) {
        const m = await sharp(join(dir, `${w}.${ext}`)).metadata();
        assert.equal(m.format, format, `${w}.${ext}`);
        assert.equal(m.width, w);
        assert.equal(m.height, Math.round((2000 * w) / 1300));
        assert.equal(m.exif, undefined, `${w}.${ext} has no EXIF (no GPS)`);
        assert.equal(m.orientation, undefined);
      }
    }
    assert.equal((await sharp(join(dir, '480.avif')).metadata()).compression, 'av1');
    assert.equal(folders(s).length, 1, 'no temporary folder left behind');

    const page = await ed.a.get('/admin/media?done=uploaded');
    assert.match(page.body, /رُفعت الصورة/);
    assert.match(page.body, new RegExp(`<img src="/media/${row.name}/480.jpg" width="480" height="738" alt="سوق الحميدية في الصباح"`));
    await s.close();
  });

  it('a transparent PNG keeps a PNG fallback; a small image is not enlarged', async () => {
    const s = await adminSite();
    const au = await loggedIn(s, 'author');
    const res = await upload(s, au.a, { alt: 'شعار' }, { name: 'logo.png', type: 'image/png', data: await transparentPng() }, { accept: 'application/json' });
    assert.equal(res.status, 201);
    const json = JSON.parse(res.body);
    const [row] = await rows(s);
    assert.deepEqual(json, { id: row!.id, url: `/media/${row!.name}/300.png`, alt: 'شعار', width: 300, height: 200 });
    assert.deepEqual(readdirSync(join(s.config.mediaDir, row!.name)).sort(), ['300.avif', '300.png', '300.webp', 'original.png']);
    await s.close();
  });

  it('refuses what is not an image, whatever its name and declared type, and writes nothing', async () => {
    const s = await adminSite();
    const ed = await loggedIn(s, 'editor');
    const text = Buffer.from('this is a text file, not a photograph\n'.repeat(20));
    const r1 = await upload(s, ed.a, { alt: 'نص', caption: 'تعليقي' }, { name: 'photo.jpg', type: 'image/jpeg', data: text });
    assert.equal(r1.status, 400);
    assert.match(r1.body, /هذا الملف ليس صورة مقبولة/);
    assert.match(r1.body, /aria-invalid="true"/);
    assert.match(r1.body, /تعليقي/, 'the caption typed is shown again');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    const r2 = await upload(s, ed.a, { alt: 'رسم' }, { name: 'a.png', type: 'image/png', data: svg }, { accept: 'application/json' });
    assert.equal(r2.status, 400);
    assert.equal(JSON.parse(r2.body).field, 'file');
    // JPEG magic bytes, then garbage: the decoder must agree with the magic.
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
    assert.equal((await upload(s, ed.a, { alt: 'x' }, { data: fake })).status, 400);
    assert.equal((await upload(s, ed.a, { alt: 'x' })).status, 400, 'no file at all');
    assert.equal((await rows(s)).length, 0);
    assert.deepEqual(folders(s), []);
    await s.close();
  });

  it('refuses a file over the size limit (10 MB) with a message, and writes nothing', async () => {
    const s = await adminSite();
    const ed = await loggedIn(s, 'editor');
    const big = Buffer.concat([await photo(50, 50), Buffer.alloc(10 * 1024 * 1024)]);
    const res = await upload(s, ed.a, { alt: 'كبيرة', caption: 'ما زال هنا' }, { data: big });
    assert.equal(res.status, 413);
    assert.match(res.body, /الملف أكبر من الحد المسموح \(10 ميغابايت\)/);
    assert.match(res.body, /ما زال هنا/);
    assert.equal((await rows(s)).length, 0);
    assert.deepEqual(folders(s), []);
    await s.close();
  });

  it('refuses a decompression bomb (a huge canvas in a small file)', async () => {
    const s = await adminSite();
    const ed = await loggedIn(s, 'editor');
    // 10000×5000 of one colour compresses to a few kilobytes; 50 megapixels is over the limit.
    const bomb = await sharp({ create: { width: 10000, height: 5000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer();
    assert.ok(bomb.length < 1024 * 1024);
    const res = await upload(s, ed.a, { alt: 'قنبلة' }, { name: 'b.png', data: bomb }, { accept: 'application/json' });
    assert.equal(res.status, 400);
    assert.match(JSON.parse(res.body).error, /ميغابكسل/);
    assert.equal((await rows(s)).length, 0);
    await s.close();
  });

  it('without alt text the form comes back with what was typed and a message beside the field', async () => {
    const s = await adminSite();
    const ed = await loggedIn(s, 'editor');
    const res = await upload(s, ed.a, { alt: '   ', caption: 'تعليق كتبته', credit: 'مصوّر <b>' }, { data: await photo(600, 400) });
    assert.equal(res.status, 400);
    assert.match(res.body, /<p id="up-alt-error" class="field-error">اكتب نصاً بديلاً يصف الصورة.<\/p>/);
    assert.match(res.body, />تعليق كتبته<\/textarea>/);
    assert.match(res.body, /value="مصوّر &lt;b>"|value="مصوّر &lt;b&gt;"/);
    assert.match(res.body, /اختر الملف مرة أخرى/);
    assert.equal((await rows(s)).length, 0);
    assert.deepEqual(folders(s), []);
    await s.close();
  });

  it('the CSRF token is checked: missing or forged is refused; the x-csrf-token header works for scripts', async () => {
    const s = await adminSite();
    const ed = await loggedIn(s, 'editor');
    const file = { data: await photo(600, 400) };
    const missing = await upload(s, ed.a, { _csrf: '', alt: 'بلا رمز', caption: 'أبقِه' }, file);
    assert.equal(missing.status, 403);
    assert.match(missing.body, /انتهت صلاحية النموذج/);
    assert.match(missing.body, /value="بلا رمز"/, 'the form is shown again with what was typed');
    const forged = await upload(s, ed.a, { _csrf: 'forged-token', alt: 'مزوّر' }, file, { accept: 'application/json' });
    assert.equal(forged.status, 403);
    assert.ok(JSON.parse(forged.body).error);
    // From another site there is no session cookie pairing: a token from a different session fails.
    const other = await loggedIn(s, 'editor');
    const crossed = await upload(s, ed.a, { _csrf: other.a.csrf, alt: 'x' }, file);
    assert.equal(crossed.status, 403);
    assert.equal((await rows(s)).length, 0);
    assert.deepEqual(folders(s), []);

    const { payload, contentType } = multipartBody({ alt: 'من السكربت' }, file);
    const res = await s.app.fastify.inject({
      method: 'POST',
      url: '/admin/media',
      headers: { cookie: [...ed.a.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType, accept: 'application/json', 'x-csrf-token': ed.a.csrf },
      payload,
    });
    assert.equal(res.statusCode, 201);
    assert.equal((await rows(s)).length, 1);
    await s.close();
  });

  it('contributors and visitors cannot upload or list', async () => {
    const s = await adminSite();
    const c = await loggedIn(s, 'contributor');
    const file = { data: await photo(300, 200) };
    assert.equal((await c.a.get('/admin/media')).status, 403);
    assert.equal((await upload(s, c.a, { alt: 'x' }, file)).status, 403);
    const json = await upload(s, c.a, { alt: 'x' }, file, { accept: 'application/json' });
    assert.equal(json.status, 403);
    assert.ok(JSON.parse(json.body).error);
    const list = await c.a.get('/admin/media.json');
    assert.equal(list.status, 403);
    assert.match(String(list.headers['content-type']), /application\/json/);
    assert.ok(!(await c.a.get('/admin/')).body.includes('href="/admin/media"'), 'no Media menu entry');

    const anon = new Agent(s.app);
    assert.equal((await anon.get('/admin/media.json')).status, 403);
    const page = await anon.get('/admin/media');
    assert.equal(page.status, 303);
    assert.match(String(page.headers.location), /^\/admin\/login/);
    assert.equal((await rows(s)).length, 0);
    await s.close();
  });
});

describe('the media library: serving files', () => {
  it('serves variants with their type, a year of caching and nosniff; the original and anything else is 404', async () => {
    const s = await adminSite();
    const ed = await loggedIn(s, 'editor');
    await upload(s, ed.a, { alt: 'صورة' }, { data: await photo(1000, 600) });
    const [row] = await rows(s);
    const name = row!.name;
    for (const [file, type] of [['1000.jpg', 'image/jpeg'], ['480.webp', 'image/webp'], ['800.avif', 'image/avif']] as const) {
      const res = await s.app.fastify.inject({ method: 'GET', url: `/media/${name}/${file}` });
      assert.equal(res.statusCode, 200, file);
      assert.equal(res.headers['content-type'], type);
      assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal((await sharp(res.rawPayload).metadata()).width, Number(file.split('.')[0]));
    }
    const bad = [
      `/media/${name}/original.jpg`,
      `/media/${name}/1600.jpg`,
      `/media/${name}/480.gif`,
      `/media/00000000000000000000-1000x600/1000.jpg`,
      `/media/${name}/..%2Foriginal.jpg`,
      `/media/${name}/%2e%2e%2f%2e%2e%2fkhabar.sqlite`,
      '/media/../../etc/passwd',
      '/media/..%2F..%2Fetc/passwd',
      '/media/%2e%2e/%2e%2e/etc/passwd',
      `/media/${name}%2F..%2F${name}/1000.jpg`,
      `/media/${name}`,
      '/media/',
    ];
    for (const url of bad) assert.equal((await s.app.fastify.inject({ method: 'GET', url })).statusCode, 404, url);
    await s.close();
  });
});

describe('the media library: the picker JSON, search, edit and delete', () => {
  it('lists newest first with alt/caption search and pages', async () => {
    const s = await adminSite();
    const ed = await loggedIn(s, 'editor');
    const img = await photo(500, 300);
    await upload(s, ed.a, { alt: 'مجلس النواب', caption: 'جلسة الثلاثاء', credit: 'أ ف ب' }, { data: img });
    await upload(s, ed.a, { alt: 'Football final', caption: '' }, { data: img });
    await upload(s, ed.a, { alt: 'مدرج الملعب', caption: 'نهائي كرة القدم 100%' }, { data: img });
    const all = await ed.a.get('/admin/media.json');
    assert.equal(all.status, 200);
    const items = JSON.parse(all.body) as { id: number; url: string; alt: string; width: number; height: number; caption: string; credit: string }[];
    assert.deepEqual(items.map((i) => i.alt), ['مدرج الملعب', 'Football final', 'مجلس النواب']);
    assert.deepEqual(Object.keys(items[2]!).sort(), ['alt', 'caption', 'credit', 'height', 'id', 'url', 'width']);
    assert.equal(items[2]!.credit, 'أ ف ب');
    assert.match(items[2]!.url, /^\/media\/[0-9a-f]{20}-500x300\/500\.jpg$/);
    assert.equal(all.headers['x-total-count'], '3');
    const q = async (text: string) => (JSON.parse((await ed.a.get(`/admin/media.json?q=${encodeURIComponent(text)}`)).body) as { alt: string }[]).map((i) => i.alt);
    assert.deepEqual(await q('الثلاثاء'), ['مجلس النواب'], 'caption');
    assert.deepEqual(await q('FOOTBALL'), ['Football final'], 'case-insensitive');
    assert.deepEqual(await q('100%'), ['مدرج الملعب'], '% is literal');
    assert.deepEqual(await q('لا شيء'), []);
    assert.equal(JSON.parse((await ed.a.get('/admin/media.json?page=2')).body).length, 0);
    const page = await ed.a.get(`/admin/media?q=${encodeURIComponent('مجلس')}`);
    assert.equal(page.status, 200);
    assert.equal([...page.body.matchAll(/<li data-id=/g)].length, 1);
    await s.close();
  });

  it('authors change and delete only their own images; editors any; delete removes files and row', async () => {
    const s = await adminSite();
    const ed = await loggedIn(s, 'editor');
    const au = await loggedIn(s, 'author');
    const img = await photo(400, 300);
    await upload(s, ed.a, { alt: 'صورة المحرر' }, { data: img });
    await upload(s, au.a, { alt: 'صورة الكاتب' }, { data: img });
    const [edRow, auRow] = (await rows(s)).sort((x, y) => x.id - y.id);

    // The author sees the editor's image but may not change it.
    await au.a.get(`/admin/media/${edRow!.id}`);
    const page = await au.a.get(`/admin/media/${edRow!.id}`);
    assert.equal(page.status, 200);
    assert.ok(!page.body.includes(`/admin/media/${edRow!.id}/delete`));
    assert.equal((await au.a.post(`/admin/media/${edRow!.id}`, { alt: 'تغيير' })).status, 403);
    assert.equal((await au.a.post(`/admin/media/${edRow!.id}/delete`, {})).status, 403);
    assert.ok(existsSync(join(s.config.mediaDir, edRow!.name)));

    // Their own: alt text is required on edit too, and what was typed comes back.
    await au.a.get(`/admin/media/${auRow!.id}`);
    const refused = await au.a.post(`/admin/media/${auRow!.id}`, { alt: '', caption: 'تعليق جديد' });
    assert.equal(refused.status, 400);
    assert.match(refused.body, /اكتب نصاً بديلاً/);
    assert.match(refused.body, />تعليق جديد<\/textarea>/);
    const saved = await au.a.post(`/admin/media/${auRow!.id}`, { alt: 'وصف أدق', caption: 'تعليق جديد', credit: 'الكاتب' });
    assert.equal(saved.status, 303);
    const after = (await rows(s)).find((r) => r.id === auRow!.id)!;
    assert.deepEqual([after.alt, after.caption, after.credit], ['وصف أدق', 'تعليق جديد', 'الكاتب']);
    assert.equal((await au.a.post(`/admin/media/${auRow!.id}/delete`, {})).status, 303);
    assert.ok(!existsSync(join(s.config.mediaDir, auRow!.name)));
    assert.equal((await s.app.fastify.inject({ method: 'GET', url: `/media/${auRow!.name}/400.jpg` })).statusCode, 404);

    // The editor deletes anyone's; a deleted image is 404 in the newsroom.
    await ed.a.get(`/admin/media/${edRow!.id}`);
    assert.equal((await ed.a.post(`/admin/media/${edRow!.id}/delete`, {})).status, 303);
    assert.equal((await rows(s)).length, 0);
    assert.deepEqual(folders(s), []);
    assert.equal((await ed.a.get(`/admin/media/${edRow!.id}`)).status, 404);
    await s.close();
  });

  it('a delete without a valid CSRF token is refused', async () => {
    const s = await adminSite();
    const ed = await loggedIn(s, 'editor');
    await upload(s, ed.a, { alt: 'تبقى' }, { data: await photo(300, 200) });
    const [row] = await rows(s);
    assert.equal((await ed.a.post(`/admin/media/${row!.id}/delete`, { _csrf: 'nope' })).status, 403);
    assert.equal((await rows(s)).length, 1);
    await s.close();
  });
});

describe('the media library on the public site', () => {
  it('an article shows our images with AVIF/WebP sources, srcset, width and height, and the photo caption and credit', async () => {
    const s = await adminSite();
    const ed = await loggedIn(s, 'editor');
    const a = JSON.parse((await upload(s, ed.a, { alt: 'الميناء' }, { data: await photo(2000, 1200) }, { accept: 'application/json' })).body) as { url: string };
    const b = JSON.parse((await upload(s, ed.a, { alt: 'السوق' }, { data: await photo(900, 600) }, { accept: 'application/json' })).body) as { url: string };
    const id = await s.articles.save({
      edition: 'ar',
      title: 'صور من الميناء',
      bodyHtml: `<p>نص</p><figure><img src="${b.url}" alt="السوق القديم"><figcaption>السوق</figcaption></figure><p><img src="https://cdn.example/x.jpg" alt="خارجية"></p>`,
      status: 'published',
      publishedAt: '2026-01-01T10:00:00Z',
      commentStatus: 'open',
      authorSlugs: [ed.slug],
      featuredImage: { url: a.url, alt: 'سفن في الميناء', caption: 'الميناء صباح الثلاثاء', credit: 'وكالة خبر' },
    });
    const short = await s.app.fastify.inject({ method: 'GET', url: `/?p=${id}` });
    const page = await s.app.fastify.inject({ method: 'GET', url: String(short.headers.location) });
    assert.equal(page.statusCode, 200);
    const html = page.body;
    const name = a.url.split('/')[2]!;
    const featured = html.match(/<figure class="featured-image">.*?<\/figure>/s)?.[0] ?? '';
    assert.match(featured, new RegExp(`<source type="image/avif" srcset="/media/${name}/480.avif 480w, /media/${name}/800.avif 800w, /media/${name}/1200.avif 1200w, /media/${name}/1600.avif 1600w"`));
    assert.match(featured, /<source type="image\/webp" srcset="[^"]+1600\.webp 1600w"/);
    assert.match(featured, new RegExp(`<img src="/media/${name}/1600.jpg" srcset="[^"]+" sizes="[^"]+" width="1600" height="960" alt="سفن في الميناء" class="fx-5 fy-5" fetchpriority="high"`));
    assert.match(featured, /<figcaption>الميناء صباح الثلاثاء <span class="credit">الصورة: وكالة خبر<\/span><\/figcaption>/);
    // A body image of ours becomes a <picture>; someone else's stays as it was.
    assert.match(html, /<figure><picture><source type="image\/avif" srcset="[^"]+900\.avif 900w"[^>]*><source type="image\/webp"[^>]*><img src="\/media\/[^"]+\/900\.jpg" srcset="[^"]+" sizes="[^"]+" width="900" height="600" alt="السوق القديم"/);
    assert.match(html, /<img src="https:\/\/cdn.example\/x.jpg" alt="خارجية"/);
    // Every URL in those srcsets answers.
    for (const url of new Set([...featured.matchAll(/\/media\/[^\s"]+/g)].map((m) => m[0]))) {
      assert.equal((await s.app.fastify.inject({ method: 'GET', url })).statusCode, 200, url);
    }
    await s.close();
  });
});

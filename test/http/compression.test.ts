import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { testSite, type TestSite } from '../support/app.ts';
import { AR_ARTICLE, commentSite, type CommentSite, reader } from '../support/comments.ts';

describe('the theme’s CSS and JavaScript are sent compressed', () => {
  let site: TestSite;
  let assets: string[];
  before(async () => {
    site = await testSite();
    const home = await site.app.fastify.inject('/ar/');
    assets = [/<link rel="stylesheet" href="([^"]+)"/.exec(home.body)![1]!, /<script src="([^"]+)" defer/.exec(home.body)![1]!];
  });
  after(() => site.close());

  const get = (url: string, encoding?: string) => site.app.fastify.inject({ url, headers: encoding === undefined ? {} : { 'accept-encoding': encoding } });

  it('in brotli when asked (made by the build, npm test builds first), gzip otherwise, the same bytes either way', async () => {
    for (const url of assets) {
      const plain = await get(url);
      assert.equal(plain.headers['content-encoding'], undefined, url);
      assert.equal(plain.headers.vary, 'accept-encoding');
      const br = await get(url, 'gzip, deflate, br');
      assert.equal(br.headers['content-encoding'], 'br', url);
      assert.equal(br.headers.vary, 'accept-encoding');
      assert.ok(br.rawPayload.length < plain.rawPayload.length / 2, `${url}: ${br.rawPayload.length} of ${plain.rawPayload.length} bytes`);
      assert.deepEqual(brotliDecompressSync(br.rawPayload), plain.rawPayload);
      const gz = await get(url, 'gzip');
      assert.equal(gz.headers['content-encoding'], 'gzip', url);
      assert.deepEqual(gunzipSync(gz.rawPayload), plain.rawPayload);
    }
  });

  it('fonts and images, already compressed, are sent as they are', async () => {
    const home = await site.app.fastify.inject('/ar/');
    const font = /<link rel="preload" href="([^"]+\.woff2)"/.exec(home.body)![1]!;
    const r = await get(font, 'gzip, br');
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['content-encoding'], undefined);
  });
});

describe('the article page with its comment form, as Chromium asks for it (brotli)', () => {
  let site: CommentSite;
  before(async () => {
    site = await commentSite();
  });
  after(() => site.close());

  const CHROMIUM = 'gzip, deflate, br, zstd';
  const get = (encoding?: string) => site.app.fastify.inject({ url: AR_ARTICLE, headers: encoding === undefined ? {} : { 'accept-encoding': encoding } });
  const tokenOf = (html: string) => /name="form_token" value="([^"]+)"/.exec(html)?.[1];

  it('is sent in brotli: the same page as uncompressed, with a fresh token of its own', async () => {
    const plain = await get();
    assert.equal(plain.headers['content-encoding'], undefined);
    site.clock.advance(2000);
    const br = await get(CHROMIUM);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers.vary, 'Accept-Encoding');
    const html = brotliDecompressSync(br.rawPayload).toString();
    const token = tokenOf(html);
    assert.ok(token && token !== tokenOf(plain.body), 'a token issued for this response');
    assert.equal(html, plain.body.replace(tokenOf(plain.body)!, token));
    const gz = await get('gzip');
    assert.ok(br.rawPayload.length < gz.rawPayload.length, `brotli ${br.rawPayload.length} bytes, gzip ${gz.rawPayload.length}`);
  });

  it('carries a token the comment form posts with (no JavaScript: the 303 back to the comment)', async () => {
    const token = tokenOf(brotliDecompressSync((await get(CHROMIUM)).rawPayload).toString())!;
    const r = await site.post({ ...reader(1), comment: 'شكراً على الخبر' }, { token });
    assert.equal(r.status, 303, r.body);
  });

  it('keeps a forged or stale token refused (403) with the text kept', async () => {
    const token = tokenOf(brotliDecompressSync((await get(CHROMIUM)).rawPayload).toString())!;
    const forged = `${token.slice(0, -2)}xx`;
    const r = await site.post({ ...reader(2), comment: 'نص محفوظ' }, { token: forged });
    assert.equal(r.status, 403);
    assert.ok(r.body.includes('نص محفوظ'));
  });
});

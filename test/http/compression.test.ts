import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { testSite, type TestSite } from '../support/app.ts';

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

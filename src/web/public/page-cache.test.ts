import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { TOKEN_PLACEHOLDER } from './comments-view.ts';
import { bodyOf, type CachedPage, PageCache, toCached } from './page-cache.ts';

const html = `<!doctype html><p>${'نص عربي طويل '.repeat(300)}</p><input name="t" value="${TOKEN_PLACEHOLDER}"><p>${'after '.repeat(200)}</p>`;

describe('the public page cache', () => {
  it('splices a fresh form token into the page, plain and gzipped, byte for byte', () => {
    const page = toCached({ kind: 'page', status: 200, html, commentFormFor: 7 }, 1) as CachedPage;
    for (const token of ['1700000000.abc', '1700000001.def-ghi_JKL']) {
      const expected = html.replace(TOKEN_PLACEHOLDER, token);
      assert.equal(bodyOf(page, false, token).body.toString(), expected);
      const gz = bodyOf(page, true, token);
      assert.ok(gz.gzip);
      assert.equal(gunzipSync(gz.body).toString(), expected);
    }
  });

  it('gzips pages without a form once', () => {
    const page = toCached({ kind: 'page', status: 200, html: html.replace(TOKEN_PLACEHOLDER, '') }, 1) as CachedPage;
    const a = bodyOf(page, true, '');
    assert.equal(a.body, bodyOf(page, true, '').body);
    assert.equal(bodyOf(page, false, '').body.length, Buffer.byteLength(html) - TOKEN_PLACEHOLDER.length);
  });

  it('renders a page once for requests that miss together, and again after a write', async () => {
    const cache = new PageCache(10);
    let renders = 0;
    const render = async () => {
      renders++;
      await new Promise((r) => setTimeout(r, 5));
      return { kind: 'page' as const, status: 200, html: 'x' };
    };
    await Promise.all(Array.from({ length: 16 }, () => cache.get('/ar/', 1, render)));
    assert.equal(renders, 1);
    await cache.get('/ar/', 2, render);
    assert.equal(renders, 2);
  });

  it('remembers an address that rendered nothing (a 404) until the next write', async () => {
    const cache = new PageCache(10);
    let renders = 0;
    const nothing = async () => {
      renders++;
      return null;
    };
    for (let i = 0; i < 3; i++) assert.equal(await cache.get('/ar/no-such-page/', 1, nothing), null);
    assert.equal(renders, 1);
    await cache.get('/ar/no-such-page/', 2, nothing);
    assert.equal(renders, 2);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { type AdminSite, adminSite } from '../../../test/support/admin.ts';
import { editorBundle, editorScriptUrl } from './editor-bundle.ts';

describe('the rich-text editor bundle', () => {
  let site: AdminSite;
  before(async () => {
    site = await adminSite();
  });
  after(async () => site?.close());

  it('is built, and stays under 250 KB gzipped (the issue’s budget)', () => {
    const bundle = editorBundle();
    assert.ok(bundle, 'dist/editor.js exists');
    const gzipped = bundle.gzip.length;
    assert.ok(gzipped < 250 * 1024, `${(gzipped / 1024).toFixed(1)} KB gzipped`);
    // TipTap and ProseMirror are inside: the browser fetches one file.
    assert.doesNotMatch(bundle.body.toString(), /^\s*import\s/m);
  });

  it('needs no eval under the admin’s CSP (script-src self)', () => {
    const text = editorBundle()!.body.toString();
    assert.doesNotMatch(text, /\beval\(|new Function\(/);
  });

  it('is served under a content-hashed URL, cacheable for ever, as JavaScript', async () => {
    const url = editorScriptUrl();
    assert.match(url ?? '', /^\/admin\/assets\/editor\.[0-9a-f]{10}\.js$/);
    const res = await site.app.fastify.inject({ method: 'GET', url: url! });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/javascript/);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(res.body, editorBundle()!.body.toString());
    assert.equal(res.headers['content-encoding'], undefined);
  });

  it('is sent gzipped to a browser that takes gzip', async () => {
    const res = await site.app.fastify.inject({ method: 'GET', url: editorScriptUrl()!, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.equal(res.headers.vary, 'Accept-Encoding');
    assert.ok(res.rawPayload.length < 250 * 1024);
    assert.equal(gunzipSync(res.rawPayload).toString(), editorBundle()!.body.toString());
  });

  it('answers 404 for any other script name under /admin/assets/', async () => {
    const res = await site.app.fastify.inject({ method: 'GET', url: '/admin/assets/editor.0000000000.js' });
    assert.equal(res.statusCode, 404);
  });
});

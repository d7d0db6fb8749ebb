import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { TOKEN_PLACEHOLDER } from './comments-view.ts';
import { bodyOf, type CachedPage, isDeferred, PageCache, SOFT_MAX_AGE_MS, toCached, weightOf } from './page-cache.ts';

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

  it('keeps a page without a form in brotli too, sent to a client that asks for it', () => {
    const plain = html.replace(TOKEN_PLACEHOLDER, '');
    const page = toCached({ kind: 'page', status: 200, html: plain }, 1) as CachedPage;
    const br = bodyOf(page, true, '', true);
    assert.equal(br.br, true);
    assert.equal(brotliDecompressSync(br.body).toString(), plain);
    assert.ok(br.body.length <= page.gzip!.length, 'no larger than the gzip');
    assert.equal(bodyOf(page, true, '', false).gzip, true);
  });

  // The layout renders the token last in the body, so only the closing tags follow it.
  const tokenLast = `<!doctype html><html><body><p>${'نص عربي طويل '.repeat(300)}</p><input type="hidden" name="form_token" value="${TOKEN_PLACEHOLDER}" form="commentform"/></body></html>`;

  it('keeps a form page (token last) in brotli, compressed once: each response appends its fresh token', () => {
    const page = toCached({ kind: 'page', status: 200, html: tokenLast, commentFormFor: 7 }, 1) as CachedPage;
    const kept = page.form!.beforeBrotli!;
    assert.ok(kept, 'a brotli copy of the page up to the token');
    for (const token of ['1700000000.abcdefghijklmnopqrstuvwx', '1700000001.ABCDEFGHIJKLMNOPQRSTUV-_']) {
      const r = bodyOf(page, true, token, true);
      assert.equal(r.br, true);
      assert.equal(brotliDecompressSync(r.body).toString(), tokenLast.replace(TOKEN_PLACEHOLDER, token));
      assert.deepEqual(r.body.subarray(0, kept.length), kept, 'the kept bytes, as they are: nothing compressed per response');
      assert.ok(r.body.length < page.form!.beforeDeflate!.length + 200, `${r.body.length} bytes: about the gzip's size or less`);
    }
    assert.equal(bodyOf(page, true, 'tok', false).gzip, true, 'gzip still, for a client without brotli');
  });

  it('splices a form page whose token is not last (a long tail) as gzip only', () => {
    const form = toCached({ kind: 'page', status: 200, html: `${html}${'<p>tail</p>'.repeat(200)}`, commentFormFor: 7 }, 1) as CachedPage;
    assert.equal(form.form!.beforeBrotli, undefined);
    const r = bodyOf(form, true, 'tok', true);
    assert.equal(r.br, undefined);
    assert.equal(r.gzip, true);
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

  it('keeps pages compressed, and answers a client without gzip from them', () => {
    const page = toCached({ kind: 'page', status: 200, html, commentFormFor: 7 }, 1) as CachedPage;
    assert.ok(weightOf(page) < Buffer.byteLength(html) / 2, `${weightOf(page)} bytes kept for a ${Buffer.byteLength(html)}-byte page`);
    const plain = toCached({ kind: 'page', status: 200, html: html.replace(TOKEN_PLACEHOLDER, '') }, 1) as CachedPage;
    assert.equal(plain.body, undefined);
    assert.ok(plain.gzip && plain.gzip.length < Buffer.byteLength(html) / 2);
  });

  it('holds no more memory than its byte budget counts: every kept buffer owns exactly its bytes', () => {
    // zlib's one-shot functions hand back a slice of a 16 KiB output chunk, and small Buffers
    // are slices of a shared 8 KiB pool: kept as they are, a 5 KB page held three times what the
    // budget counted, so the page cache's 24 MiB was really about 70.
    const tokenLast = `<!doctype html><p>${'نص عربي طويل '.repeat(300)}</p><input name="t" value="${TOKEN_PLACEHOLDER}"/></body></html>`;
    const pages = [
      toCached({ kind: 'page', status: 200, html: html.replace(TOKEN_PLACEHOLDER, '') }, 1),
      toCached({ kind: 'page', status: 200, html, commentFormFor: 7 }, 1),
      toCached({ kind: 'page', status: 200, html: tokenLast, commentFormFor: 7 }, 1),
      toCached({ kind: 'page', status: 404, html: '<!doctype html><p>small</p>' }, 1),
    ] as CachedPage[];
    for (const page of pages) {
      const kept = [page.body, page.gzip, page.br, ...Object.values(page.form ?? {}).filter((v) => Buffer.isBuffer(v))] as (Buffer | undefined)[];
      for (const b of kept.filter((b) => b !== undefined)) assert.equal(b.buffer.byteLength, b.length, `a ${b.length}-byte buffer keeps ${b.buffer.byteLength} bytes alive`);
    }
  });

  it('drops the least recently used pages when the byte budget is spent', async () => {
    const one = toCached({ kind: 'page', status: 200, html }, 1);
    const cache = new PageCache(100, weightOf(one) * 2.5);
    const render = async () => ({ kind: 'page' as const, status: 200, html });
    let renders = 0;
    const counted = async () => (renders++, render());
    for (const key of ['/a/', '/b/', '/a/', '/c/']) await cache.get(key, 1, counted);
    assert.equal(renders, 3, '/a/ was served from the cache the second time');
    await cache.get('/a/', 1, counted); // used after /b/: /b/ went to make room for /c/
    assert.equal(renders, 3);
    await cache.get('/b/', 1, counted);
    assert.equal(renders, 4);
  });

  it('serves the kept page when only the "most read" list moved, and renders it again in the background once it is a few minutes old', async (t) => {
    // Background renders are spaced out by a timer. It is faked here and the test fires it
    // itself: a real one fires late on a busy machine, and waiting for "long enough" is a guess.
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let now = 0;
    const cache = new PageCache(10, Number.POSITIVE_INFINITY, () => now);
    let renders = 0;
    const render = async () => ({ kind: 'page' as const, status: 200, html: `render ${++renders}` });
    const text = (c: Awaited<ReturnType<PageCache['get']>>) => (c?.kind === 'page' && c.body ? c.body.toString() : '');
    const nextTurn = () => new Promise((r) => setImmediate(r));
    /** Whatever the cache queued runs to its end: its timer is fired, every promise settles. */
    const settle = async () => {
      await nextTurn();
      t.mock.timers.runAll();
      await nextTurn();
    };
    assert.equal(text(await cache.get('/ar/', 1, render, 0)), 'render 1');
    // The list changed a moment later: the kept page goes on answering, nothing is rendered.
    now = 60_000;
    assert.equal(text(await cache.get('/ar/', 1, render, 1)), 'render 1');
    await settle();
    assert.equal(renders, 1);
    // Minutes later: still the kept page at once, and one render behind it.
    now = SOFT_MAX_AGE_MS;
    assert.equal(text(await cache.get('/ar/', 1, render, 1)), 'render 1');
    assert.equal(text(await cache.get('/ar/', 1, render, 1)), 'render 1');
    await settle();
    assert.equal(renders, 2);
    assert.equal(text(await cache.get('/ar/', 1, render, 1)), 'render 2');
    // A content write is never served stale.
    assert.equal(text(await cache.get('/ar/', 2, render, 1)), 'render 3');
  });

  describe('a page rendered for a waiting reader', () => {
    const nextTurn = () => new Promise((r) => setImmediate(r));
    const plain = html.replace(TOKEN_PLACEHOLDER, '');

    for (const [kind, page, token] of [['without a form', plain, ''], ['with a form (token last)', tokenLast, '1700000000.abcdef']] as const) {
      it(`${kind}: is kept in brotli at once, answers gzip and plain clients from its UTF-8, and gets its gzip after the response`, async () => {
        const cache = new PageCache(10);
        const render = async () => ({ kind: 'page' as const, status: 200, html: page, ...(token && { commentFormFor: 7 }) });
        const expected = page.replace(TOKEN_PLACEHOLDER, token);
        const first = (await cache.get('/ar/x/', 1, render)) as CachedPage;
        assert.ok(isDeferred(first), 'no gzip made before the first reader is answered');
        assert.equal(first.gzip ?? first.form?.beforeDeflate, undefined);
        assert.equal(brotliDecompressSync(bodyOf(first, true, token, true).body).toString(), expected);
        // A client without brotli in that moment still gets the page, gzipped or plain.
        const gz = bodyOf(first, true, token);
        assert.ok(gz.gzip);
        assert.equal(gunzipSync(gz.body).toString(), expected);
        assert.equal(bodyOf(first, false, token).body.toString(), expected);

        await nextTurn();
        const kept = (await cache.get('/ar/x/', 1, render)) as CachedPage;
        assert.ok(!isDeferred(kept), 'gzip made once the response has gone');
        assert.ok(kept.gzip ?? kept.form?.beforeDeflate);
        assert.equal(kept.source ?? kept.form?.before, undefined, 'the UTF-8 let go');
        assert.equal(gunzipSync(bodyOf(kept, true, token).body).toString(), expected);
        assert.equal(brotliDecompressSync(bodyOf(kept, true, token, true).body).toString(), expected);
      });
    }

    it('is not put back by its late gzip once a write has replaced it', async () => {
      const cache = new PageCache(10);
      await cache.get('/ar/', 1, async () => ({ kind: 'page' as const, status: 200, html: plain }));
      const next = await cache.get('/ar/', 2, async () => ({ kind: 'page' as const, status: 200, html: `${plain}<p>new</p>` }));
      await nextTurn();
      const now = (await cache.get('/ar/', 2, async () => ({ kind: 'page' as const, status: 200, html: 'rendered again' }))) as CachedPage;
      assert.equal(gunzipSync(bodyOf(now, true, '').body).toString(), `${plain}<p>new</p>`);
      assert.notEqual(now, next, 'the version 2 page, completed');
    });
  });

  it('keeps no page rendered for a version that a write has since replaced', async () => {
    const cache = new PageCache(10);
    let release = () => {};
    const slow = new Promise<void>((r) => (release = r));
    const late = cache.get('/ar/', 1, async () => (await slow, { kind: 'page' as const, status: 200, html: 'old' }));
    await cache.get('/ar/', 2, async () => ({ kind: 'page' as const, status: 200, html: 'new' }));
    release();
    await late;
    const now = await cache.get('/ar/', 2, async () => ({ kind: 'page' as const, status: 200, html: 'rendered again' }));
    assert.equal(now?.kind === 'page' && now.body?.toString(), 'new');
  });
});

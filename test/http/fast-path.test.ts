import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { fixedClock } from '../../src/platform/clock.ts';
import { paragraphsToHtml } from '../../src/platform/html/sanitize.ts';
import { anotherInstance, testSite, type TestSite } from '../support/app.ts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A real HTTP request (the fast path sits in the server's request event, which inject skips). */
function get(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const decoded = (a: Answer) => {
  const e = a.headers['content-encoding'];
  const text = (e === 'br' ? brotliDecompressSync(a.body) : e === 'gzip' ? gunzipSync(a.body) : a.body).toString();
  // The comment form's token is fresh per second.
  return text.replace(/\d{9,12}\.[A-Za-z0-9_-]{24}/g, '<token>');
};
const withoutDate = (h: Answer['headers']) => Object.fromEntries(Object.entries(h).filter(([k]) => k !== 'date'));

describe('kept public pages answered before Fastify (web/public/fast-path.ts)', () => {
  let site: TestSite;
  let dir: string;
  let base: string;
  /** Requests that reached Fastify (the fast path answers the others). */
  let throughFastify = 0;
  /** SQLite reads the content version without yielding; PostgreSQL without Redis needs a round trip, so Fastify answers. */
  let fast: boolean;

  before(async () => {
    // On a file, so that another instance (another connection, as another process has) can write to it.
    dir = mkdtempSync(join(tmpdir(), 'khabar-fast-path-'));
    // A clock that stands still: the form token, and the ETag that carries its hour, cannot change between two requests.
    site = await testSite({ demo: true, sqliteFile: join(dir, 'site.db'), clock: fixedClock(new Date()) });
    site.app.fastify.addHook('onRequest', (_req, _reply, done) => {
      throughFastify++;
      done();
    });
    await site.app.fastify.listen({ port: 0, host: '127.0.0.1' });
    const address = site.app.fastify.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    fast = site.repos.changes.readSync() !== undefined;
  });
  after(async () => {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The same request twice: the first through Fastify (a new site renders it), the second from the page kept. */
  async function twice(path: string, headers: Record<string, string> = {}) {
    const first = await get(base, path, headers);
    const before = throughFastify;
    const second = await get(base, path, headers);
    return { first, second, secondViaFastify: throughFastify - before };
  }

  /** An Arabic article published `msAgo` before now by another instance (another connection, as another process has). */
  async function publishElsewhere(title: string, msAgo: number) {
    const b = await anotherInstance(site);
    try {
      await b.app.articles.save({
        edition: 'ar', title, bodyHtml: paragraphsToHtml(['نص']), status: 'published',
        publishedAt: new Date(site.clock.now().getTime() - msAgo).toISOString(), commentStatus: 'open',
      });
    } finally {
      await b.close();
    }
  }

  /** The demo's newest Arabic article, which has the comment form. */
  const article = async () => /href="(\/ar\/20\d\d\/[^"]+)"/.exec((await get(base, '/ar/')).body.toString())![1]!;

  for (const [what, path] of [['an article page with its comment form', article], ['a front page', '/ar/'], ['a section', '/en/']] as const) {
    for (const encoding of ['gzip, deflate, br, zstd', 'gzip', '']) {
      it(`${what}, asked with Accept-Encoding "${encoding}": the same status, headers and bytes either way`, async () => {
        const url = typeof path === 'string' ? path : await path();
        const { first, second, secondViaFastify } = await twice(url, encoding ? { 'accept-encoding': encoding } : {});
        assert.equal(first.status, 200);
        assert.equal(secondViaFastify, fast ? 0 : 1, fast ? 'the second answer came from the fast path' : 'PostgreSQL: through Fastify');
        assert.deepEqual(withoutDate(second.headers), withoutDate(first.headers));
        assert.equal(decoded(second), decoded(first));
        assert.match(decoded(second), /<html lang="(ar|en)"/);
        if (typeof path !== 'string') assert.match(decoded(second), /<token>/, 'the comment form carries a token');
      });
    }
  }

  it('leaves to Fastify what needs it: HEAD, a revalidation (304) and a reader with a held comment', async () => {
    const url = await article();
    await twice(url);
    const before = throughFastify;
    const head = await get(base, url, {}, 'HEAD');
    assert.equal(head.status, 200);
    const page = await get(base, url);
    const revalidated = await get(base, url, { 'if-none-match': String(page.headers.etag) });
    assert.equal(revalidated.status, 304);
    await get(base, url, { cookie: 'khabar_held=1.abc' });
    assert.equal(throughFastify - before, fast ? 3 : 4, 'HEAD, the 304 and the held cookie went through Fastify');
  });

  it('shows a write made by another process on the very next request', async () => {
    await twice('/ar/');
    await publishElsewhere('خبر نشرته نسخة أخرى من الموقع', 1000);
    const next = await get(base, '/ar/', { 'accept-encoding': 'br' });
    assert.match(decoded(next), /خبر نشرته نسخة أخرى من الموقع/);
  });

  describe('kept WordPress API answers (web/wp/routes.ts) are sent the same way', () => {
    for (const path of ['/wp-json/wp/v2/posts?per_page=10', '/en/wp-json/wp/v2/categories', '/wp-json/']) {
      for (const encoding of ['gzip, deflate, br, zstd', '']) {
        it(`${path}, asked with Accept-Encoding "${encoding}": the same status, headers and bytes either way`, async () => {
          const { first, second, secondViaFastify } = await twice(path, encoding ? { 'accept-encoding': encoding } : {});
          assert.equal(secondViaFastify, fast ? 0 : 1, fast ? 'the second answer came from the fast path' : 'PostgreSQL: through Fastify');
          assert.equal(second.status, first.status);
          assert.deepEqual(withoutDate(second.headers), withoutDate(first.headers));
          assert.equal(decoded(second), decoded(first));
          assert.match(String(second.headers['content-type']), /^application\/json/);
          assert.equal(second.headers['x-content-type-options'], 'nosniff', 'the security headers too');
          if (path.includes('posts?')) assert.ok(Number(second.headers['x-wp-total']) > 0);
        });
      }
    }

    it('leaves to Fastify a search, a revalidation (304), HEAD, an address never answered and a refusal', async () => {
      const path = '/wp-json/wp/v2/posts?per_page=5';
      const page = (await twice(path)).second;
      const before = throughFastify;
      assert.equal((await get(base, '/wp-json/wp/v2/posts?search=%D8%A7%D9%84%D9%86%D9%81%D8%B7')).status, 200);
      assert.equal((await get(base, '/wp-json/wp/v2/posts?search=%D8%A7%D9%84%D9%86%D9%81%D8%B7')).status, 200);
      assert.equal((await get(base, path, { 'if-none-match': String(page.headers.etag) })).status, 304);
      assert.equal((await get(base, path, {}, 'HEAD')).status, 200);
      assert.equal((await get(base, '/wp-json/wp/v2/posts?per_page=4')).status, 200);
      for (let i = 0; i < 2; i++) {
        const missing = await get(base, '/ar/wp-json/wp/v2/posts/999999');
        assert.equal(missing.status, 404);
        assert.equal(JSON.parse(missing.body.toString()).code, 'rest_post_invalid_id');
        const bad = await get(base, '/wp-json/wp/v2/posts?per_page=1000');
        assert.equal(bad.status, 400);
        assert.equal(JSON.parse(bad.body.toString()).code, 'rest_invalid_param');
      }
      assert.equal(throughFastify - before, 9, 'each of them reached Fastify');
    });

    it('shows a write made by another process on the very next request', async () => {
      const path = '/wp-json/wp/v2/posts?per_page=1';
      await twice(path);
      await publishElsewhere('خبر من نسخة أخرى عبر الواجهة البرمجية', 500);
      const next = await get(base, path);
      assert.match(JSON.parse(next.body.toString())[0].title.rendered, /خبر من نسخة أخرى عبر الواجهة البرمجية/);
    });
  });
});

describe('the fast path writes the access log as Fastify does', () => {
  it('one line per answer, with the same fields', async () => {
    const lines: Record<string, unknown>[] = [];
    const { createServices } = await import('../../src/services/services.ts');
    const { buildApp } = await import('../../src/web/app.ts');
    const { MemoryMailer } = await import('../../src/platform/mailer.ts');
    const site = await testSite({ demo: true });
    const services = createServices({ config: site.config, repos: site.repos, clock: site.clock, secret: site.secret, mailer: new MemoryMailer() });
    const app = await buildApp({ services, logger: { level: 'info', stream: { write: (l: string) => lines.push(JSON.parse(l) as Record<string, unknown>) } } });
    try {
      await app.fastify.listen({ port: 0, host: '127.0.0.1' });
      const address = app.fastify.server.address();
      const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      // A page and a WordPress API answer, each once through Fastify and once from the fast path.
      for (const url of ['/ar/', '/wp-json/wp/v2/posts']) {
        await get(base, url);
        await get(base, url);
      }
      const access = lines.filter((l) => l.url === '/ar/' || l.url === '/wp-json/wp/v2/posts');
      assert.equal(access.length, 4);
      for (const l of access) {
        assert.deepEqual(Object.keys(l).filter((k) => !['time', 'pid', 'hostname'].includes(k)).sort(), ['bytes', 'level', 'method', 'reqId', 'responseTime', 'statusCode', 'url']);
        assert.equal(l.statusCode, 200);
        assert.ok(Number(l.bytes) > 1000);
      }
      assert.equal(new Set(access.map((l) => l.reqId)).size, 4, 'request ids from one sequence');
    } finally {
      await app.fastify.close();
      await site.close();
    }
  });
});

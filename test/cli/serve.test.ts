import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, runCli, servingPort } from '../support/cli.ts';
import { freePort } from '../support/ports.ts';
import { redisMissing, startRedis } from '../support/redis.ts';

/** GET over a real socket; resolves with the status once the whole body has arrived. */
function get(port: number, path: string): Promise<{ status: number; body: string; location?: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ...(res.headers.location && { location: res.headers.location }) }));
    }).on('error', reject).end();
  });
}

describe('khabar serve (SQLite, as npm start runs it)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'khabar-serve-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a new site with demo content, serves it, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'khabar.js'), 'serve'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: `sqlite:${join(dir, 'site.sqlite')}`, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const port = await servingPort(child);
    assert.match(out, /wrote \d+ demo articles/);

    assert.equal((await get(port, '/healthz')).status, 200);
    const root = await get(port, '/');
    assert.equal(root.status, 302);
    const ar = await get(port, '/ar/');
    assert.equal(ar.status, 200);
    const en = await get(port, '/en/');
    assert.match(en.body, /<html lang="en" dir="ltr">/);
    const articleLinks = new Set([...ar.body.matchAll(/href="(\/ar\/\d{4}\/\d{2}\/\d{2}\/[^"]+)"/g)].map((m) => m[1]));
    assert.ok(articleLinks.size >= 8, `Arabic articles on the home page: ${articleLinks.size}`);

    // SIGTERM: the process closes the server and the database, and exits 0.
    // (In-flight requests finishing first is checked in test/http/lifecycle.test.ts.)
    child.kill('SIGTERM');
    assert.equal(await exited, 0, out);
    assert.match(out, /SIGTERM: finishing in-flight requests/);
  });

  it('with REDIS_URL: serves while Redis is down at start, connects when it comes, serves on when it goes, one line per change', { skip: redisMissing() ?? false }, async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'khabar.js'), 'serve'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: `sqlite:${join(dir, 'redis.sqlite')}`, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', KHABAR_DEMO: 'false', REDIS_URL: `redis://127.0.0.1:${port}` },
    });
    let out = '';
    const seen = (re: RegExp, times = 1) => new Promise<void>((resolve) => {
      const check = () => {
        if ((out.match(new RegExp(re.source, 'g')) ?? []).length < times) return;
        child.stdout.off('data', check);
        child.stderr.off('data', check);
        resolve();
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      check();
    });
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const http = await servingPort(child);
    await seen(/redis: unreachable/);
    assert.equal((await get(http, '/ar/')).status, 200);
    const redis = await startRedis({ port });
    try {
      await seen(/redis: connected/);
      assert.equal((await get(http, '/ar/')).status, 200);
      await redis.stop();
      await seen(/redis: unreachable/, 2);
      assert.equal((await get(http, '/ar/')).status, 200);
    } finally {
      await redis.close();
    }
    child.kill('SIGTERM');
    assert.equal(await exited, 0, out);
    assert.equal(out.match(/redis: unreachable/g)?.length, 2, out);
    assert.equal(out.match(/redis: connected/g)?.length, 1, out);
  });

  it('keeps an access log by default, one line per request, every line written by the time it stops', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'khabar.js'), 'serve'], {
      cwd: ROOT,
      // No LOG_LEVEL: the default (info), as npm start runs.
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: `sqlite:${join(dir, 'log.sqlite')}`, PORT: '0', HOST: '127.0.0.1', KHABAR_DEMO: 'false' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const port = await servingPort(child);
    const paths = Array.from({ length: 40 }, (_, i) => `/healthz?n=${i}`).concat('/ar/no-such-page/');
    const answers = [];
    for (const path of paths) answers.push(await get(port, path));
    child.kill('SIGTERM');
    assert.equal(await exited, 0, out);

    const lines = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const access = lines.filter((l) => 'statusCode' in l);
    assert.deepEqual(access.map((l) => l.url), paths, 'one line per request, in order, none lost at SIGTERM');
    assert.deepEqual(access.map((l) => l.statusCode), answers.map((a) => a.status));
    for (const [i, l] of access.entries()) {
      assert.equal(l.method, 'GET');
      assert.equal(l.bytes, Buffer.byteLength(answers[i]!.body));
      assert.equal(typeof l.responseTime, 'number');
    }
    assert.ok(!lines.some((l) => l.msg === 'incoming request' || l.msg === 'request completed'), 'not Fastify\'s two lines a request');
  });

  it('demo content spans two editions, several sections, authors and tags', async () => {
    const { demoArticles, demoCategories, demoAuthors } = await import('../../src/demo/content.ts');
    assert.ok(demoArticles.length >= 12);
    assert.deepEqual(new Set(demoArticles.map((a) => a.edition)), new Set(['ar', 'en']));
    assert.ok(new Set(demoCategories.map((c) => c.slug)).size >= 3);
    assert.ok(demoAuthors.length >= 2);
    assert.ok(demoArticles.every((a) => a.tags.length > 0));
  });

  it('says in one line when the port is taken', async () => {
    const blocker = (await import('node:net')).createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as { port: number }).port;
    const r = await runCli(['serve'], { DATABASE_URL: `sqlite:${join(dir, 'b.sqlite')}`, PORT: String(port), HOST: '127.0.0.1' });
    blocker.close();
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim(), `khabar: port ${port} is already in use (set PORT to another one)`);
  });

  it('changes edition settings from the CLI, validated', async () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'c.sqlite')}` };
    const ok = await runCli(['editions', 'set', 'ar', 'month-style=levantine', 'digits=arab', 'site-name=أخبار'], env);
    assert.equal(ok.code, 0, ok.stderr);
    const list = await runCli(['editions'], env);
    // Shown under the names and spellings `editions set` takes.
    assert.match(list.stdout, /^ar \(default\)\n {2}site-name=أخبار\n {2}tagline=[^\n]*\n {2}locale=ar\n {2}dir=rtl\n {2}timezone=Asia\/Riyadh\n {2}digits=arab\n {2}month-style=levantine\n {2}hijri=false\n/m);
    const bad = await runCli(['editions', 'set', 'ar', 'timezone=Mars/Olympus'], env);
    assert.equal(bad.code, 1);
    assert.equal(bad.stderr.trim(), 'khabar: timezone: must be an IANA time zone such as Asia/Riyadh');
  });
});

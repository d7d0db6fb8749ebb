import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { Purger } from './purge.ts';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A loopback stand-in for a CDN's purge API that records each request and answers `status()`. */
describe('purging a CDN by surrogate key', () => {
  const seen: Seen[] = [];
  let status = () => 200;
  let base = '';
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.statusCode = status();
      res.end('{}');
    });
  });
  before(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const quiet = { warn: () => {}, error: () => {} };
  const run = async (p: Purger, keys: string[][]) => {
    for (const k of keys) p.purge(k);
    await new Promise((r) => queueMicrotask(() => r(undefined)));
    await p.drain();
  };

  it('Cloudflare: POST purge_cache with the tags as JSON and a bearer token; keys of one turn in one call', async () => {
    seen.length = 0;
    await run(new Purger({ kind: 'cloudflare', apiBase: base, token: 'cf-token', zoneId: 'zone 1' }, quiet), [['a1', 'e-ar'], ['home-ar', 'a1']]);
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.method, 'POST');
    assert.equal(seen[0]!.url, '/client/v4/zones/zone%201/purge_cache');
    assert.equal(seen[0]!.headers.authorization, 'Bearer cf-token');
    assert.deepEqual(JSON.parse(seen[0]!.body), { tags: ['a1', 'e-ar', 'home-ar'] });
  });

  it('Fastly: POST /service/<id>/purge with Surrogate-Key and Fastly-Key', async () => {
    seen.length = 0;
    await run(new Purger({ kind: 'fastly', apiBase: base, token: 'f-token', serviceId: 'svc' }, quiet), [['a1', 's2']]);
    assert.equal(seen[0]!.url, '/service/svc/purge');
    assert.equal(seen[0]!.headers['fastly-key'], 'f-token');
    assert.equal(seen[0]!.headers['surrogate-key'], 'a1 s2');
  });

  it('Cloudflare takes at most 30 tags a call: more go in several', async () => {
    seen.length = 0;
    await run(new Purger({ kind: 'cloudflare', apiBase: base, token: 't', zoneId: 'z' }, quiet), [Array.from({ length: 45 }, (_, i) => `a${i}`)]);
    assert.deepEqual(seen.map((s) => JSON.parse(s.body).tags.length), [30, 15]);
  });

  it('a failed purge is retried, logged, and reported as purged once it lands; one that never lands is reported failed', async () => {
    seen.length = 0;
    let calls = 0;
    status = () => (++calls <= 2 ? 503 : 200);
    const warned: string[] = [];
    const done: string[][] = [];
    await run(new Purger({ kind: 'varnish', urls: [base] }, { warn: (m) => warned.push(m), error: () => {} }, { purged: (k) => done.push([...k]) }, () => 0), [['a9']]);
    assert.equal(seen.length, 3);
    assert.ok(seen.every((s) => s.method === 'PURGE' && s.headers.xkey === 'a9'));
    assert.equal(warned.length, 2);
    assert.deepEqual(done, [['a9']]);

    status = () => 500;
    const errors: string[] = [];
    const failed: string[][] = [];
    await run(new Purger({ kind: 'varnish', urls: [base] }, { warn: () => {}, error: (m) => errors.push(m) }, { failed: (k) => failed.push([...k]) }, () => 0), [['a10']]);
    assert.deepEqual(failed, [['a10']]);
    assert.match(errors[0]!, /purge of a10 failed 6 times \(Varnish|purge of a10 failed 6 times/);
    status = () => 200;
  });

  it('does nothing without a target (PURGE unset)', async () => {
    seen.length = 0;
    const p = new Purger({ kind: 'none' }, quiet);
    assert.equal(p.enabled, false);
    await run(p, [['a1']]);
    assert.equal(seen.length, 0);
  });
});

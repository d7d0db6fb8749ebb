// `npm run bench:cluster` (also the last part of `npm run bench`; BENCH_CLUSTER=false skips it):
// several machines on this one, as issue 13 asks them measured — PostgreSQL through PgBouncer,
// two Khabar servers started as `npm start` starts one, Varnish with the shipped VCL in front.
//   1. the article page through Varnish under a steady read load: req/s, p50/p99, hit ratio;
//   2. purge-to-fresh: from an edit's save to Varnish serving the new page (p50/p99 < 1 s);
//   3. every database connection terminated: the time until both servers serve again (< 2 s).
// It needs PostgreSQL (TEST_DATABASE_URL), pgbouncer and varnishd; without them it says so.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { openRuntime } from '../src/cli/bootstrap.ts';
import type { ArticleInput } from '../src/domain/article.ts';
import { paragraphsToHtml } from '../src/platform/html/sanitize.ts';
import { pgbouncerInstalled, startPgBouncer } from '../test/support/pgbouncer.ts';
import { freePort } from '../test/support/ports.ts';
import { startVarnish, varnishMissing } from '../test/support/varnish.ts';
import { Cleanup } from './cleanup.ts';
import { load } from './load.ts';
import { parseOptions } from './options.ts';
import { seed } from './seed.ts';
import { startServer } from './server.ts';
import { permalink } from './permalink.ts';

const PURGE_SAMPLES = 50;
const CUT_SAMPLES = 5;

async function main(): Promise<number> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { articles: { type: 'string' }, duration: { type: 'string' } }, strict: false });
  const opts = parseOptions([...(values.duration ? ['--duration', String(values.duration)] : [])], process.env);
  const articles = Number(values.articles ?? process.env.BENCH_CLUSTER_ARTICLES ?? 1000);
  const pgUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const missing = varnishMissing() ?? (pgbouncerInstalled() ? null : 'pgbouncer not found (apt install pgbouncer)') ?? (await pgMissing(pgUrl));
  if (missing) {
    console.log(`bench: cluster skipped: ${missing}`);
    return 0;
  }
  const cleanup = new Cleanup();
  cleanup.onSignals();
  try {
    const bouncer = await startPgBouncer(pgUrl, { poolSize: 8 });
    cleanup.add('pgbouncer and its database', () => bouncer.close());
    const writer = await openRuntime(benchConfig(bouncer.url, {}));
    cleanup.add('writer runtime', () => writer.close().catch(() => {}));
    const t0 = performance.now();
    const fixture = await seed(writer, articles);
    const probes = await writeProbes(writer);
    console.log(`bench: cluster: seeded ${articles} articles through PgBouncer in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const varnishPort = await freePort();
    const env = { SECRET: randomBytes(32).toString('base64url'), PURGE: `varnish:http://127.0.0.1:${varnishPort}`, DATABASE_POOL_SIZE: '8' };
    const servers = [await startServer(bouncer.url, cleanup, env), await startServer(bouncer.url, cleanup, env)];
    for (const probe of probes) probe.path = await permalink(servers[0]!.baseUrl, probe.input.id!);
    const varnish = await startVarnish(varnishPort, servers.map((s) => Number(new URL(s.baseUrl).port)));
    cleanup.add('varnish', () => varnish.close());
    // The writer (a third process, as the CLI or another instance) purges Varnish too.
    await writer.close();
    const editor = await openRuntime(benchConfig(bouncer.url, env));
    cleanup.add('editor runtime', () => editor.close().catch(() => {}));

    // 1. A steady read load of article pages through Varnish.
    const paths = await Promise.all(fixture.articles.slice(0, 200).map((a) => permalink(servers[0]!.baseUrl, a.id)));
    const requests = paths.map((path) => ({ method: 'GET', path, headers: { 'accept-encoding': 'gzip' } }));
    for (const r of requests) await (await fetch(varnish.url + r.path, { headers: r.headers })).arrayBuffer();
    const before = varnish.counters();
    const result = await load(varnish.url, requests, { generator: opts.load, connections: opts.connections, duration: opts.duration, isOk: (s) => s === 200 });
    const after = varnish.counters();
    const hits = (after['MAIN.cache_hit'] ?? 0) - (before['MAIN.cache_hit'] ?? 0);
    const misses = (after['MAIN.cache_miss'] ?? 0) - (before['MAIN.cache_miss'] ?? 0);
    const ratio = hits / Math.max(1, hits + misses);

    // 2. Purge-to-fresh: save an edit, then read through Varnish until the new title shows.
    const purgeMs: number[] = [];
    for (let i = 0; i < PURGE_SAMPLES; i++) {
      const probe = probes[i % probes.length]!;
      await fetch(varnish.url + probe.path).then((r) => r.arrayBuffer());
      const title = `${probe.input.title} — تصحيح ${i}`;
      const start = performance.now();
      await editor.articles.save({ ...probe.input, title });
      for (let n = 0; ; n++) {
        const body = await (await fetch(varnish.url + probe.path)).text();
        if (body.includes(title)) break;
        if (n > 20_000) throw new Error(`the edit of ${probe.path} never reached Varnish's readers`);
      }
      purgeMs.push(performance.now() - start);
    }

    // 3. Every database connection terminated: until both servers answer /readyz (it asks the database).
    const direct = new pg.Client({ connectionString: bouncer.directUrl });
    await direct.connect();
    const cutMs: number[] = [];
    for (let i = 0; i < CUT_SAMPLES; i++) {
      await direct.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      const start = performance.now();
      await Promise.all(servers.map(async (s) => {
        while ((await fetch(`${s.baseUrl}/readyz`).then(async (r) => (await r.arrayBuffer(), r.status)).catch(() => 0)) !== 200);
      }));
      cutMs.push(performance.now() - start);
    }
    await direct.end();

    const rss = await Promise.all(servers.map((s) => s.rssMiB()));
    const p = (xs: number[], q: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.ceil((q / 100) * xs.length) - 1)]!;
    console.log(`
cluster (PostgreSQL through PgBouncer, 2 servers, Varnish 7.1 with the shipped VCL; ${opts.load}, ${opts.connections} connections, ${opts.duration} s)
| what | figure | goal |
|---|---|---|
| article page through Varnish | ${Math.round(result.rps).toLocaleString('en')} req/s, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, ${result.failures} failures | |
| Varnish hit ratio under that load | ${(ratio * 100).toFixed(2)} % (${hits} hits, ${misses} misses) | ≥ 99 % (${ratio >= 0.99 ? 'met' : 'MISSED'}) |
| purge-to-fresh (${PURGE_SAMPLES} edits) | p50 ${p(purgeMs, 50).toFixed(1)} ms, p99 ${p(purgeMs, 99).toFixed(1)} ms | p99 < 1 s (${p(purgeMs, 99) < 1000 ? 'met' : 'MISSED'}) |
| all database connections terminated → both serve (${CUT_SAMPLES} times) | median ${p(cutMs, 50).toFixed(1)} ms, worst ${Math.max(...cutMs).toFixed(1)} ms | < 2 s (${Math.max(...cutMs) < 2000 ? 'met' : 'MISSED'}) |
| servers' RSS after it all | ${rss.map((r) => `${r.toFixed(1)} MiB`).join(', ')} | |
`);
    const codes = await Promise.all(servers.map((s) => s.stop()));
    return codes.every((c) => c === 0) ? 0 : 1;
  } finally {
    await cleanup.run();
  }
}

function benchConfig(url: string, env: Record<string, string>) {
  return loadConfig({ DATABASE_URL: url, KHABAR_DEMO: 'false', ...env }, { siteUrl: 'http://bench.test' });
}

async function pgMissing(url: string): Promise<string | null> {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    await c.end();
    return null;
  } catch (e) {
    return `PostgreSQL not reachable at ${url} (${(e as Error).message})`;
  }
}

/** Articles the bench edits, with the input it saves them from (the seed keeps none). */
async function writeProbes(rt: Awaited<ReturnType<typeof openRuntime>>): Promise<{ input: ArticleInput; path: string }[]> {
  const out: { input: ArticleInput; path: string }[] = [];
  for (let i = 0; i < 5; i++) {
    const input: ArticleInput = {
      edition: 'ar',
      title: `مقال القياس رقم ${i + 1}`,
      slug: `bench-probe-${i + 1}`,
      bodyHtml: paragraphsToHtml(['نص قصير يتغيّر عنوانه في كل قياس.']),
      publishedAt: '2024-01-02T10:00:00.000Z',
      status: 'published',
      commentStatus: 'open',
      authorSlugs: [],
      categorySlugs: [],
    };
    const id = await rt.articles.save(input);
    out.push({ input: { ...input, id }, path: '' });
  }
  return out;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(`bench: cluster: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);

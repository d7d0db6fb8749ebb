// `npm run bench` — seeds a throwaway database, starts the real server (`node bin/khabar.js serve`,
// with the defaults of `npm start`) on 127.0.0.1 and measures it with wrk or autocannon: req/s,
// p50/p99 latency and the server's RSS, each beside THE LIMIT: a bare Fastify process answering
// the same requests with the exact bytes Khabar sent for them (captured just before each
// scenario), from memory, measured in the same run with the same load generator
// (bench/limit.ts). It is a benchmark, not a test: figures depend on the machine and whatever
// else it runs; the share of the limit is what compares across machines.
//
//   npm run bench -- [--articles 10000] [--duration 10] [--connections 16]   (BENCH_SEARCH=false: no search figures)
//                    [--database sqlite|postgres] [--only "article page,home page"] [--load wrk|autocannon]
//   then the WordPress import at scale (bench/import-wxr.ts; BENCH_WXR_POSTS, BENCH_WXR=false to skip).
//
// Each flag also reads BENCH_ARTICLES, BENCH_DURATION, BENCH_CONNECTIONS, BENCH_DATABASE, BENCH_ONLY,
// BENCH_LOAD. BENCH_SEEDED=FILE (SQLite only) keeps the seeded database for the next runs: the
// first run with it seeds as usual, then saves the database to FILE and what the scenarios need to
// know of it to FILE.fixture.json; later runs with the same --articles copy FILE instead of seeding
// (100,000 articles take minutes). Delete both files yourself. The load generator defaults to wrk (`apt-get install wrk`; one thread, bench/load-wrk.ts)
// when it is on PATH, else autocannon (in this process, bench/load-autocannon.ts), which on 2 cores
// runs out of CPU before the server does on bigger pages. Every request asks with Chromium's
// Accept-Encoding. postgres uses TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test)
// and a throwaway schema. Scenarios live in bench/scenarios.ts; add one to SCENARIOS to measure it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cleanup } from './cleanup.ts';
import { openBenchDatabase } from './database.ts';
import { captureAnswers, startLimitServer } from './limit.ts';
import { type BenchRequest, load, type LoadOptions, type LoadResult } from './load.ts';
import { parseOptions } from './options.ts';
import { table, type Row } from './report.ts';
import { CHROMIUM_ACCEPT_ENCODING, SCENARIOS, type ScenarioContext } from './scenarios.ts';
import { type Fixture, seed } from './seed.ts';
import { instantiate } from './template.ts';
import { startServer } from './server.ts';
import { permalink } from './permalink.ts';

/** Issue 20's bound, stated at 100,000 articles (`--articles 100000`). */
const RSS_TARGET_MIB = 120;
/** Issue 20: the first answer after `npm start`, on the 10,000-article database. */
const COLD_START_TARGET_MS = 1000;

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2), process.env);
  const scenarios = opts.only.length ? SCENARIOS.filter((s) => opts.only.includes(s.name)) : SCENARIOS;
  if (!scenarios.length) throw new Error(`no scenario named ${opts.only.join(', ')} (known: ${SCENARIOS.map((s) => s.name).join(', ')})`);
  console.log(`bench: ${opts.loadNote}`);
  const cleanup = new Cleanup();
  cleanup.onSignals();
  try {
    const kept = keptSeed(opts.database, opts.articles, process.env);
    const db = await openBenchDatabase(opts.database, cleanup, process.env, kept?.fixture ? kept.file : undefined);
    let fixture: Fixture;
    if (kept?.fixture) {
      fixture = kept.fixture;
      await db.runtime.close();
      console.log(`bench: ${opts.articles} articles copied from ${kept.file} (BENCH_SEEDED), not seeded (${db.describe})`);
    } else {
      const t0 = performance.now();
      const progress = process.stdout.isTTY ? (n: number) => process.stdout.write(`\rbench: seeding ${n}/${opts.articles} articles`) : undefined;
      fixture = await seed(db.runtime, opts.articles, progress);
      await db.runtime.close();
      console.log(`\rbench: seeded ${opts.articles} articles in ${((performance.now() - t0) / 1000).toFixed(1)} s (${db.describe})`);
      if (kept) {
        // Closed, so the WAL is checkpointed into the file: the copy is the whole database.
        copyFileSync(db.serverUrl.slice('sqlite:'.length), kept.file);
        writeFileSync(`${kept.file}.fixture.json`, JSON.stringify(fixture));
        console.log(`bench: seeded database kept as ${kept.file} (BENCH_SEEDED) for the next runs`);
      }
    }

    const server = await startServer(db.serverUrl, cleanup);
    console.log(`bench: server pid ${server.pid} at ${server.baseUrl}, RSS ${(await server.rssMiB()).toFixed(1)} MiB idle; ${opts.connections} connections, ${opts.duration} s per scenario`);
    const cold = server.coldStartMs;
    console.log(`bench: cold start: the front page answered ${cold.toFixed(0)} ms after the server's command was started (target < ${COLD_START_TARGET_MS} ms: ${cold < COLD_START_TARGET_MS ? 'met' : 'MISSED'})`);
    const ctx: ScenarioContext = { baseUrl: server.baseUrl, databaseUrl: db.serverUrl, fixture, permalink: (id) => permalink(server.baseUrl, id) };

    const rows: Row[] = [];
    for (const scenario of scenarios) {
      const requests = (await scenario.requests(ctx)).map(asChromium);
      const isOk = scenario.isOk ?? ((s: number) => s >= 200 && s < 300);
      // Warm-up, not measured: each distinct request once, one at a time (so the figure is the
      // cost of a first render, not of 16 connections rendering the same page at once).
      const coldMs = await firstRequests(server.baseUrl, requests, isOk);
      const run = { generator: opts.load, connections: opts.connections, isOk };
      // The limit, just before: Khabar's answers to these requests now, served from memory.
      const limitServer = await startLimitServer(await captureAnswers(server.baseUrl, requests), cleanup);
      await warmUp(limitServer.baseUrl, requests, run, opts.duration);
      const limitCpu0 = await limitServer.cpuMs();
      const limit = await load(limitServer.baseUrl, requests, { ...run, duration: opts.duration });
      const limitCpuMs = (await limitServer.cpuMs()) - limitCpu0;
      const limitRssMiB = await limitServer.rssMiB();
      await limitServer.stop();
      await warmUp(server.baseUrl, requests, run, opts.duration);
      const cpu0 = await server.cpuMs();
      const result = await load(server.baseUrl, requests, { ...run, duration: opts.duration });
      const cpuMs = (await server.cpuMs()) - cpu0;
      rows.push({ scenario, database: opts.database, result, limit, limitRssMiB, coldMs, cpuPct: cpuMs / (opts.duration * 10), cpuUsPerRequest: (cpuMs * 1000) / result.total, limitCpuUsPerRequest: (limitCpuMs * 1000) / limit.total, rssMiB: await server.rssMiB() });
      console.log(`bench: ${scenario.name}: done (${Math.round((result.rps / limit.rps) * 100)} % of the limit's req/s)`);
    }

    const rss = Math.max(...rows.map((r) => r.rssMiB));
    const code = await server.stop();
    console.log(`\nload generator: ${opts.load}, ${opts.connections} connections, ${opts.duration} s per scenario, Accept-Encoding: ${CHROMIUM_ACCEPT_ENCODING}`);
    console.log(`the limit: a bare Fastify process answering each scenario's requests with the bytes Khabar sent for them, from memory, measured just before it\n${table(rows)}\n`);
    console.log(`access log: ${server.linesWith('"statusCode"')} request lines written by the server (LOG_LEVEL ${process.env.BENCH_LOG_LEVEL ? `${process.env.BENCH_LOG_LEVEL}, from BENCH_LOG_LEVEL` : 'info, as npm start'})`);
    console.log(`server RSS after load (highest after any scenario): ${rss.toFixed(1)} MiB (target < ${RSS_TARGET_MIB} MiB at 100,000 articles, here ${opts.articles.toLocaleString('en')}: ${rss < RSS_TARGET_MIB ? 'met' : 'MISSED'})`);
    console.log(`server stop on SIGTERM: ${code === 0 ? 'drained, exit code 0' : `exit code ${code} (expected 0)`}`);
    const searchCode = searchFigures(opts.database);
    const wxrCode = wxrImportFigures(opts.database);
    const clusterCode = clusterFigures();
    return code === 0 && searchCode === 0 && wxrCode === 0 && clusterCode === 0 ? 0 : 1;
  } finally {
    await cleanup.run();
  }
}

/** BENCH_SEEDED: the kept SQLite file, and its fixture when a run already saved it (for as many articles). */
function keptSeed(database: string, articles: number, env: NodeJS.ProcessEnv): { file: string; fixture?: Fixture } | undefined {
  const file = env.BENCH_SEEDED;
  if (!file) return undefined;
  if (database !== 'sqlite') throw new Error('BENCH_SEEDED keeps a SQLite database; it does not apply to --database postgres');
  if (!existsSync(file) || !existsSync(`${file}.fixture.json`)) return { file };
  const fixture = JSON.parse(readFileSync(`${file}.fixture.json`, 'utf8')) as Fixture;
  if (fixture.articles.length !== articles) throw new Error(`BENCH_SEEDED=${file} holds ${fixture.articles.length} articles, not ${articles}: delete it or name another file`);
  return { file, fixture };
}

/**
 * Search latency at 100,000 articles (bench/search.ts, in its own process: it builds its own
 * database from the corpus in ../shared, and says so and skips when that is absent).
 * BENCH_SEARCH=false leaves it out.
 */
function searchFigures(database: string): number {
  if (/^(0|false|no|off)$/i.test(process.env.BENCH_SEARCH ?? '')) return 0;
  console.log('\nbench: search (BENCH_SEARCH=false to skip)');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'search.ts'), '--database', database], { stdio: 'inherit' });
  return r.status ?? 1;
}

/**
 * The WordPress import at scale (bench/import-wxr.ts, in its own process): a generated export of
 * BENCH_WXR_POSTS posts (200,000, with 2.5 comments each: about 1 GB), its rate and peak RSS.
 * BENCH_WXR=false leaves it out.
 */
function wxrImportFigures(database: string): number {
  if (/^(0|false|no|off)$/i.test(process.env.BENCH_WXR ?? '')) return 0;
  const posts = process.env.BENCH_WXR_POSTS ?? '200000';
  console.log(`\nbench: WordPress import of ${posts} posts (BENCH_WXR_POSTS to change, BENCH_WXR=false to skip)`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'import-wxr.ts'), '--posts', posts, '--database', database], { stdio: 'inherit' });
  return r.status ?? 1;
}

/** Every request asks as Chromium does for its encodings (whatever the scenario wrote). */
function asChromium(r: BenchRequest): BenchRequest {
  const headers = Object.fromEntries(Object.entries(r.headers ?? {}).filter(([k]) => k.toLowerCase() !== 'accept-encoding'));
  return { ...r, headers: { ...headers, 'accept-encoding': CHROMIUM_ACCEPT_ENCODING } };
}

/** A short unmeasured run, so V8 has optimised the hot path (of Khabar and of the limit alike). */
async function warmUp(baseUrl: string, requests: BenchRequest[], run: Omit<LoadOptions, 'duration'>, duration: number): Promise<LoadResult> {
  return load(baseUrl, requests, { ...run, duration: Math.min(2, duration) });
}

/**
 * Several machines (bench/cluster.ts, in its own process): PgBouncer, two servers and Varnish;
 * hit ratio, purge-to-fresh and reconnect times. BENCH_CLUSTER=false leaves it out.
 */
function clusterFigures(): number {
  if (/^(0|false|no|off)$/i.test(process.env.BENCH_CLUSTER ?? '')) return 0;
  console.log('\nbench: several machines (BENCH_CLUSTER=false to skip)');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'cluster.ts')], { stdio: 'inherit' });
  return r.status ?? 1;
}

/**
 * Sends each request once in turn, with the scenario's isOk checked on each answer (wrk cannot
 * tell one 3xx or 2xx from another under load); returns the mean time to the last byte, in ms.
 */
async function firstRequests(baseUrl: string, requests: BenchRequest[], isOk: (status: number) => boolean): Promise<number> {
  const t0 = performance.now();
  for (const request of requests) {
    const r = instantiate(request);
    const init: RequestInit = { method: r.method, redirect: 'manual', ...(r.headers && { headers: r.headers }), ...(r.body !== undefined && { body: r.body }) };
    const res = await fetch(baseUrl + r.path, init);
    await res.arrayBuffer();
    if (!isOk(res.status)) throw new Error(`${init.method} ${r.path} answered ${res.status}`);
  }
  return (performance.now() - t0) / Math.max(1, requests.length);
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);

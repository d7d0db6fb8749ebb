// Search latency at scale: `node --import tsx bench/search.ts [--articles 100000] [--database sqlite|postgres|both]`
// (also `npm run bench:search`). Builds N articles by recombining the SaudiNewsNet corpus read in
// place from ../shared (research-only licence: nothing is copied into the repository), indexes
// them with the real indexer, then times SearchService.search in-process — the database query,
// scoring and snippets of one results page — and prints p50/p95 per database. Target: p95 < 20 ms.
//
// Relevance (issue 15, point 6; bench/search-eval.ts): the corpus's own articles (with a title
// and over 300 characters of text) in a database of their own, and known-item queries drawn from
// them with two seeds — TUNE_SEED, to look at while working, and HELD_OUT_SEED, for the figure
// reported. Prints recall@10 and MRR@10 per database and seed beside the latency.
// Options: --queries N (300), --only relevance|latency, --misses N (print the first N misses, by
// category), --seeds tuning|held-out|both|N,N,… (several fresh seeds: mean and range).
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openRuntime, type Runtime } from '../src/cli/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { reindexAll } from '../src/services/search/indexer.ts';
import { SearchService } from '../src/services/search/search.ts';
import { corpusDays, corpusMissing, readCorpusDay, type CorpusArticle } from '../test/support/corpus.ts';
import { Cleanup } from './cleanup.ts';
import { openBenchDatabase } from './database.ts';
import { type BenchRequest, load } from './load.ts';
import { permalink } from './permalink.ts';
import { CHROMIUM_ACCEPT_ENCODING } from './scenarios.ts';
import { startServer } from './server.ts';
import { urlWithSearchPath } from '../src/storage/scratch-schema.ts';
import { evalArticles, type EvalFigures, evaluate, type KnownItemQuery, knownItemQueries, vocabulary, type EvalArticle } from './search-eval.ts';

/** The seed looked at while tuning, and the held-out seed the reported figure comes from. */
const TUNE_SEED = 1515;
const HELD_OUT_SEED = 90210;

const QUERIES = [
  // common words (thousands of matches), mid-frequency names, rare words, phrases, hostile input
  'السعودية', 'الملك', 'وزير', 'المملكة', 'الرياض',
  'روسيا', 'اتفاقية', 'النفط', 'الهلال', 'داعش', 'إيران', 'اليمن',
  'أذربيجان', 'الاتِّفاقيَّة', 'بروسيا', 'كوريا الجنوبية',
  'وزير الخارجية', 'كأس العالم', 'الملك سلمان بن عبدالعزيز', 'أسعار النفط في الأسواق',
  '"NEAR(" OR* -', 'x'.repeat(300),
];
const ROUNDS = 8;
/** Seconds of article-page load the searches run beside (besidePages). */
const BESIDE_SECONDS = 15;
const ARTICLE_SAMPLE = 200;

/** A progress line redrawn in place on a terminal; in a log, only the last state is written. */
let last = '';
const progress = Object.assign(
  (line: string) => {
    last = line;
    if (process.stdout.isTTY) process.stdout.write(`\r${line}`);
  },
  { done: () => process.stdout.write(process.stdout.isTTY ? '\n' : `${last}\n`) },
);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Article i: a corpus article with a paragraph of another one, dated back in time so all differ. */
function recombined(corpus: CorpusArticle[], i: number) {
  const a = corpus[i % corpus.length]!;
  const b = corpus[(i * 7919 + 13) % corpus.length]!;
  const paras = a.content.split('\n').map((p) => p.trim()).filter(Boolean);
  const extra = b.content.split('\n').map((p) => p.trim()).filter(Boolean)[0] ?? '';
  const text = [...paras, extra].join('\n');
  const round = Math.floor(i / corpus.length);
  const published = new Date(Date.parse(`${a.date_extracted.replace(' ', 'T')}+03:00`) - round * 11 * 86_400_000 - (i % 3600) * 1000).toISOString();
  const title = (a.title.trim() || paras[0]?.slice(0, 80) || `article ${i}`) + (round ? ` (${round})` : '');
  return { title, text, published };
}

async function seed(rt: Runtime, corpus: CorpusArticle[], n: number): Promise<void> {
  const k = rt.repos.db.kysely;
  const now = new Date().toISOString();
  const batch = 500;
  for (let start = 0; start < n; start += batch) {
    const rows = [];
    for (let i = start; i < Math.min(n, start + batch); i++) {
      const r = recombined(corpus, i);
      rows.push({
        id: i + 1, edition: 'ar', kind: 'post', slug: `b-${i + 1}`, title: r.title, excerpt: r.text.slice(0, 200),
        body_html: '', body_text: r.text, status: 'published', published_at: r.published, created_at: now, updated_at: now,
        comment_status: 'closed', translation_group: null, featured_image_url: null, featured_image_alt: '', primary_category_id: null,
      });
    }
    await k.insertInto('articles').values(rows).execute();
    progress(`bench: inserted ${Math.min(n, start + batch)}/${n} articles`);
  }
  await rt.repos.db.dialect.syncIdSequence(k, 'articles');
  progress.done();
}

async function measure(kind: 'sqlite' | 'postgres', corpus: CorpusArticle[], n: number, reuse?: string): Promise<string> {
  const cleanup = new Cleanup();
  try {
    const db = reuse ? { runtime: await reuseDatabase(kind, reuse, cleanup), serverUrl: reusedUrl(kind, reuse) } : await openBenchDatabase(kind, cleanup, process.env);
    const rt = db.runtime;
    let indexSeconds = 0;
    if (!reuse) {
      await seed(rt, corpus, n);
      const t0 = performance.now();
      await reindexAll(rt.repos, (done, total) => { if (done % 5000 === 0 || done === total) progress(`bench: indexed ${done}/${total}`); }, 1000);
      indexSeconds = (performance.now() - t0) / 1000;
      progress.done();
    }
    if (kind === 'postgres') await sql`VACUUM ANALYZE`.execute(rt.repos.db.kysely); // as autovacuum would after a bulk load
    const search = new SearchService({ repos: rt.repos, clock: rt.clock });
    const run = (query: string) => search.search({ edition: 'ar', locale: 'ar', query, page: 1, perPage: 10 });
    for (const q of QUERIES) await run(q); // warm-up
    const times: number[] = [];
    const cpu: number[] = [];
    const perQuery = new Map<string, number[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const q of QUERIES) {
        const t = performance.now();
        const c = process.cpuUsage();
        const r = await run(q);
        const ms = performance.now() - t;
        const used = process.cpuUsage(c);
        cpu.push((used.user + used.system) / 1000);
        times.push(ms);
        perQuery.set(q, [...(perQuery.get(q) ?? []), ms]);
        if (round === 0 && q.length < 40) console.log(`bench: ${kind} «${q}»: ${r.total}${r.capped ? '+' : ''} results`);
      }
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    // On a shared machine wall time includes waiting for a core: this process's own CPU time
    // (PostgreSQL's server side not included) and the load show how much.
    const load = `this process's CPU per search p50 ${percentile(cpu, 50).toFixed(1)} ms, p95 ${percentile(cpu, 95).toFixed(1)} ms; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`;
    const slowest = [...perQuery].map(([q, t]) => [q.slice(0, 30), t.sort((a, b) => a - b)[Math.floor(t.length / 2)]!] as const).sort((a, b) => b[1] - a[1]).slice(0, 3);
    const alone = `${kind.padEnd(8)} ${n} articles, indexed in ${indexSeconds.toFixed(0)} s; ${times.length} searches: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms (target p95 < 20 ms: ${percentile(times, 95) < 20 ? 'met' : 'MISSED'}); slowest medians: ${slowest.map(([q, t]) => `«${q}» ${t.toFixed(1)} ms`).join(', ')}; ${load}`;
    if (/^(0|false|no|off)$/i.test(process.env.BENCH_SEARCH_BESIDE_PAGES ?? '')) return alone;
    return `${alone}\n${await besidePages(kind, rt, db.serverUrl, run, cleanup)}`;
  } finally {
    await cleanup.run();
  }
}

/**
 * Issue 20: the same searches while readers load article pages — a server started on the same
 * database (as `npm start`), the bench's article-page load beside it (wrk, 16 connections, 200
 * articles, as `npm run bench`) — for as long as that load runs. BENCH_SEARCH_BESIDE_PAGES=false
 * leaves it out.
 */
async function besidePages(kind: string, rt: Runtime, serverUrl: string, run: (q: string) => Promise<unknown>, cleanup: Cleanup): Promise<string> {
  const server = await startServer(serverUrl, cleanup);
  // Every article here is a published post (seed). By id alone: reading a status or a date sits
  // behind each row's body on SQLite, and 100,000 of them took minutes.
  const rows = await rt.repos.db.kysely.selectFrom('articles').select('id').orderBy('id', 'desc').limit(ARTICLE_SAMPLE).execute();
  const requests: BenchRequest[] = [];
  for (const r of rows) requests.push({ method: 'GET', path: await permalink(server.baseUrl, r.id), headers: { 'accept-encoding': CHROMIUM_ACCEPT_ENCODING, accept: 'text/html' } });
  const generator = spawnSync('wrk', ['--version']).error ? 'autocannon' : 'wrk';
  const options = { generator, connections: 16, isOk: (s: number) => s >= 200 && s < 300 } as const;
  await load(server.baseUrl, requests, { ...options, duration: 2 }); // every page rendered and kept first
  let running = true;
  const pages = load(server.baseUrl, requests, { ...options, duration: BESIDE_SECONDS }).finally(() => (running = false));
  const times: number[] = [];
  for (let i = 0; running; i++) {
    // A turn of the event loop between searches: on SQLite a search never waits for I/O, and the
    // load generator's end would never be heard.
    await new Promise((resolve) => setImmediate(resolve));
    const t = performance.now();
    await run(QUERIES[i % QUERIES.length]!);
    times.push(performance.now() - t);
  }
  const pageLoad = await pages;
  await server.stop();
  times.sort((a, b) => a - b);
  const p95 = percentile(times, 95);
  return `${kind.padEnd(8)} beside article pages (${generator}, 16 connections, ${Math.round(pageLoad.rps).toLocaleString('en')} pages/s, p99 ${pageLoad.p99Ms.toFixed(1)} ms): ${times.length} searches: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (target p95 < 20 ms: ${p95 < 20 ? 'met' : 'MISSED'}); load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`;
}

/** DATABASE_URL for a server on a database kept by an earlier run. */
function reusedUrl(kind: 'sqlite' | 'postgres', where: string): string {
  return kind === 'sqlite' ? `sqlite:${where}` : urlWithSearchPath(process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test', where);
}

/** The corpus's own articles, inserted and indexed, for the relevance figures. */
async function seedEval(rt: Runtime, kind: string, articles: EvalArticle[]): Promise<void> {
  const k = rt.repos.db.kysely;
  const now = new Date().toISOString();
  for (let start = 0; start < articles.length; start += 500) {
    await k.insertInto('articles').values(articles.slice(start, start + 500).map((a) => ({
      id: a.id, edition: 'ar', kind: 'post', slug: `e-${a.id}`, title: a.title, excerpt: a.text.slice(0, 200),
      body_html: '', body_text: a.text, status: 'published', published_at: a.published, created_at: now, updated_at: now,
      comment_status: 'closed', translation_group: null, featured_image_url: null, featured_image_alt: '', primary_category_id: null,
    }))).execute();
  }
  await rt.repos.db.dialect.syncIdSequence(k, 'articles');
  await reindexAll(rt.repos, (done, total) => { if (done % 5000 === 0 || done === total) progress(`bench: ${kind}: indexed ${done}/${total} corpus articles`); }, 1000);
  progress.done();
}

/** A database kept by an earlier run (BENCH_KEEP=1): a SQLite file or a PostgreSQL schema. */
async function reuseDatabase(kind: 'sqlite' | 'postgres', where: string, cleanup: Cleanup): Promise<Runtime> {
  if (kind === 'postgres') return (await reuseSchema(where, cleanup)).runtime;
  const runtime = await openRuntime(loadConfig({ DATABASE_URL: `sqlite:${where}`, KHABAR_DEMO: 'false' }));
  cleanup.add('database', () => runtime.close());
  return runtime;
}

/**
 * The seeds `--seeds` names: `tuning`, `held-out`, `both`, or a comma-separated list of numbers
 * (fresh seeds, to see the spread a 300-query figure has: ±0.013 on recall at 0.95).
 */
export function seedList(arg: string): { name: string; seed: number }[] {
  if (/^\d+(,\d+)*$/.test(arg)) return arg.split(',').map((s) => ({ name: 'seed', seed: Number(s) }));
  const named = [{ name: 'tuning', seed: TUNE_SEED }, { name: 'held-out', seed: HELD_OUT_SEED }];
  const out = named.filter((n) => arg === 'both' || arg === n.name);
  if (!out.length) throw new Error(`--seeds: tuning, held-out, both or numbers (got "${arg}")`);
  return out;
}

/** Mean and range of one figure over several seeds. */
const spread = (xs: number[]) => `mean ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(3)} (${Math.min(...xs).toFixed(3)}–${Math.max(...xs).toFixed(3)})`;

/** Recall@10 and MRR@10 of known-item queries over the corpus's own articles, on one database. */
async function relevance(kind: 'sqlite' | 'postgres', articles: EvalArticle[], queries: number, showMisses: number, reuse?: string, seeds = 'both'): Promise<string[]> {
  const cleanup = new Cleanup();
  try {
    const rt = reuse ? await reuseDatabase(kind, reuse, cleanup) : (await openBenchDatabase(kind, cleanup, process.env)).runtime;
    if (!reuse) await seedEval(rt, kind, articles);
    const search = new SearchService({ repos: rt.repos, clock: rt.clock });
    const vocab = vocabulary(articles);
    const lines: string[] = [];
    const list = seedList(seeds);
    const figures: { recall: number; mrr: number }[] = [];
    for (const { name, seed } of list) {
      const qs = knownItemQueries(articles, vocab, seed, queries);
      const times: number[] = [];
      const f = await evaluate(qs, async (q) => {
        const t = performance.now();
        const r = await search.search({ edition: 'ar', locale: 'ar', query: q, page: 1, perPage: 10 });
        times.push(performance.now() - t);
        return r;
      });
      times.sort((a, b) => a - b);
      figures.push({ recall: f.recallAt10, mrr: f.mrrAt10 });
      lines.push(`${kind.padEnd(8)} ${name.padEnd(8)} seed ${seed}: ${f.queries} known-item queries over ${articles.length} articles: recall@10 ${f.recallAt10.toFixed(3)}, MRR@10 ${f.mrrAt10.toFixed(3)} (p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms)`);
      // Misses are shown for the tuning seed, or every seed of a list; never for the held-out one.
      if (seed === HELD_OUT_SEED || (seed !== TUNE_SEED && name !== 'seed')) continue;
      for (const m of f.misses.slice(0, showMisses)) console.log(`bench: miss (seed ${seed}) ${await explainMiss(search, m, qs)}`);
    }
    if (list.length > 1) lines.push(`${kind.padEnd(8)} ${list.length} seeds: recall@10 ${spread(figures.map((f) => f.recall))}, MRR@10 ${spread(figures.map((f) => f.mrr))}`);
    return lines;
  } finally {
    await cleanup.run();
  }
}

/**
 * Why a query missed its article, by category: `ranking` (matched, below the tenth),
 * `window` (not among the candidates of a query with more matches than the window holds), or
 * `analyzer` (not matched at all: a variant the analyzer does not relate to the article's word).
 */
async function explainMiss(search: SearchService, m: EvalFigures['misses'][number], qs: readonly KnownItemQuery[]): Promise<string> {
  const deeper = await search.search({ edition: 'ar', locale: 'ar', query: m.query, page: 1, perPage: 1000 });
  const at = deeper.hits.findIndex((h) => h.article.id === m.target);
  const category = at >= 0 ? 'ranking' : deeper.capped ? 'window' : 'analyzer';
  return `[${category}] «${m.query}» → article ${m.target}: ${at < 0 ? 'not found' : `rank ${at + 1}`} of ${deeper.total}${deeper.capped ? '+' : ''}${deeper.relaxed ? ' (any word)' : ''}; words ${qs.find((q) => q.query === m.query)?.words.join(' ')}`;
}

/** A schema kept by an earlier run (BENCH_KEEP=1): already seeded and indexed. */
async function reuseSchema(schema: string, cleanup: Cleanup): Promise<{ runtime: Runtime }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`--schema: not a schema name: ${schema}`);
  const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const runtime = await openRuntime(loadConfig({ DATABASE_URL: url, KHABAR_DEMO: 'false' }), { schema, poolSize: 4 });
  cleanup.add('database', () => runtime.close());
  return { runtime };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '100000' }, database: { type: 'string', default: 'both' }, schema: { type: 'string' },
      queries: { type: 'string', default: '300' }, only: { type: 'string' }, misses: { type: 'string', default: '0' },
      // --eval-sqlite PATH / --eval-schema NAME: the relevance database kept by an earlier run (BENCH_KEEP=1)
      'eval-sqlite': { type: 'string' }, 'eval-schema': { type: 'string' },
      // --seeds tuning: only the tuning seed (while trying changes, the held-out figure stays unseen);
      // --seeds 11,12,13: fresh seeds, for the spread (mean and range printed)
      seeds: { type: 'string', default: 'both' },
      // --sqlite FILE: time a SQLite database kept by an earlier run (BENCH_KEEP=1), as --schema does for PostgreSQL
      sqlite: { type: 'string' },
    },
  });
  const missing = corpusMissing();
  if (missing) {
    console.log(`bench: search skipped: ${missing}`);
    return;
  }
  const n = Number(values.articles);
  const corpus = corpusDays().flatMap((d) => readCorpusDay(d));
  console.log(`bench: ${corpus.length} corpus articles, recombined into ${n}`);
  const kinds = values.database === 'both' ? (['sqlite', 'postgres'] as const) : [values.database as 'sqlite' | 'postgres'];
  const lines: string[] = [];
  if (values.only !== 'latency') {
    const articles = evalArticles(corpus);
    for (const kind of kinds) {
      const reuse = kind === 'sqlite' ? values['eval-sqlite'] : values['eval-schema'];
      lines.push(...(await relevance(kind, articles, Number(values.queries), Number(values.misses), reuse, values.seeds)));
    }
  }
  // --schema NAME times a PostgreSQL schema kept by an earlier run (BENCH_KEEP=1), without seeding again.
  if (values.only === 'relevance') {
    // relevance only
  } else if (values.schema || values.sqlite) {
    if (values.sqlite) lines.push(await measure('sqlite', corpus, n, values.sqlite));
    if (values.schema) lines.push(await measure('postgres', corpus, n, values.schema));
  }
  else for (const kind of kinds) lines.push(await measure(kind, corpus, n));
  console.log(`\n${lines.join('\n')}`);
}

main().catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.stack : String(e)}`);
  process.exitCode = 1;
});

// `node --import tsx bench/import-wxr.ts [--posts 200000] [--comments-per-post 2.5] [--database sqlite]`
// — the WordPress import at scale: generates a WXR export on the fly into a temp file (streamed,
// about 1 GB at 200,000 posts and 500,000 comments), runs `khabar import FILE --json` on an empty
// database in its own process, and prints the import rate and the importer's peak RSS (VmHWM).
// Targets (SQLite): at least 2,000 posts/s, RSS under 300 MiB. `npm run bench` runs it after the
// page scenarios (BENCH_WXR_POSTS sets the size, BENCH_WXR=false leaves it out).
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createScratchSchema } from '../src/storage/scratch-schema.ts';

const POSTS_PER_S_TARGET = 2000;
const RSS_TARGET_MIB = 300;

const WORDS = ['الحكومة', 'الاقتصاد', 'المدينة', 'النفط', 'الأسواق', 'الطقس', 'الرياضة', 'الثقافة', 'المدارس', 'الصحة', 'market', 'city', 'weather', 'school'];

/** A fixed generator: the same export on every run. */
function generator(seed = 7) {
  let s = seed;
  return (n: number) => ((s = (s * 1103515245 + 12345) % 2 ** 31), s % n);
}

/** Writes an export of `posts` posts with about `perPost` comments each (WordPress ids from `firstId`), returning its size. */
export async function writeExport(path: string, posts: number, perPost: number, firstId = 1): Promise<{ bytes: number; comments: number }> {
  const out = createWriteStream(path);
  const next = generator();
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  const words = (n: number) => Array.from({ length: n }, () => WORDS[next(WORDS.length)]).join(' ');
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>bench</title><link>https://bench.example</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bench.example</wp:base_site_url>
`);
  for (let a = 1; a <= 20; a++) await write(`<wp:author><wp:author_id>${a}</wp:author_id><wp:author_login><![CDATA[writer${a}]]></wp:author_login><wp:author_email><![CDATA[writer${a}@bench.example]]></wp:author_email><wp:author_display_name><![CDATA[كاتب ${a}]]></wp:author_display_name></wp:author>\n`);
  for (let c = 1; c <= 30; c++) await write(`<wp:category><wp:term_id>${c}</wp:term_id><wp:category_nicename><![CDATA[section-${c}]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[قسم ${c}]]></wp:cat_name></wp:category>\n`);
  let commentId = firstId - 1;
  const totalComments = Math.round(posts * perPost);
  for (let p = 1; p <= posts; p++) {
    const day = new Date(Date.UTC(2010, 0, 1) + p * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
    const paragraphs = Array.from({ length: 8 }, () => `<p>${words(60)}</p>`).join('\n');
    // Spread the comments evenly so that the total is exact.
    const n = Math.round(p * perPost) - Math.round((p - 1) * perPost);
    let comments = '';
    for (let k = 0; k < n; k++) {
      commentId++;
      const parent = k > 0 && next(3) === 0 ? commentId - 1 : 0;
      comments += `<wp:comment><wp:comment_id>${commentId}</wp:comment_id><wp:comment_author><![CDATA[قارئ ${next(5000)}]]></wp:comment_author><wp:comment_author_email><![CDATA[r${next(5000)}@example.org]]></wp:comment_author_email><wp:comment_author_IP><![CDATA[192.0.2.${next(250)}]]></wp:comment_author_IP><wp:comment_date_gmt><![CDATA[${day}]]></wp:comment_date_gmt><wp:comment_content><![CDATA[${words(25)}]]></wp:comment_content><wp:comment_approved><![CDATA[${next(10) ? '1' : '0'}]]></wp:comment_approved><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>\n`;
    }
    await write(`<item><title><![CDATA[${words(8)} ${p}]]></title><link>https://bench.example/?p=${firstId - 1 + p}</link><dc:creator><![CDATA[writer${1 + next(20)}]]></dc:creator><content:encoded><![CDATA[${paragraphs}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>${firstId - 1 + p}</wp:post_id><wp:post_date_gmt><![CDATA[${day}]]></wp:post_date_gmt><wp:post_modified_gmt><![CDATA[${day}]]></wp:post_modified_gmt><wp:comment_status><![CDATA[open]]></wp:comment_status><wp:post_name><![CDATA[post-${firstId - 1 + p}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type><category domain="category" nicename="section-${1 + next(30)}"><![CDATA[x]]></category>
${comments}</item>\n`);
  }
  await write('</channel></rss>\n');
  out.end();
  await once(out, 'finish');
  return { bytes: (await stat(path)).size, comments: totalComments };
}

/** The highest resident set a process reached (Linux's VmHWM), in MiB, or null elsewhere. */
async function peakRssMiB(pid: number): Promise<number | null> {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * The CPU time a process has used so far (user + system, every thread), in seconds, from Linux's
 * /proc; null elsewhere. Less sensitive than the wall clock to other work on a shared machine.
 */
async function cpuSeconds(pid: number): Promise<number | null> {
  try {
    // The fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

export interface WxrBenchResult {
  posts: number;
  comments: number;
  fileMiB: number;
  seconds: number;
  postsPerSecond: number;
  peakRssMiB: number | null;
  /** The importer's CPU time (user + system), as last sampled before it exited. */
  cpuSeconds: number | null;
  line: string;
}

/**
 * The node flags `npx khabar` runs with (bin/khabar.js's first line): the import is measured as a
 * newsroom runs it, not as a bare `node bin/khabar.js`.
 */
function commandFlags(root: string): string[] {
  const first = readFileSync(join(root, 'bin', 'khabar.js'), 'utf8').split('\n', 1)[0]!;
  const m = /^#!\/usr\/bin\/env -S node((?: --?[\w-]+(?:=\S+)?)*)$/.exec(first);
  if (!m) throw new Error(`bin/khabar.js does not start with "#!/usr/bin/env -S node [flags]": ${first}`);
  return m[1]!.split(' ').filter(Boolean);
}

/** Generates the export, imports it with the CLI into a fresh database, and measures. */
export async function wxrImportBench(posts: number, perPost: number, database: 'sqlite' | 'postgres'): Promise<WxrBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'khabar-wxr-bench-'));
  let dropSchema: (() => Promise<void>) | null = null;
  try {
    const file = join(dir, 'export.xml');
    const { bytes, comments } = await writeExport(file, posts, perPost);
    let url = `sqlite:${join(dir, 'bench.sqlite')}`;
    if (database === 'postgres') {
      const base = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
      const { schema, drop } = await createScratchSchema(base, 'khabar_wxr_bench');
      dropSchema = drop;
      url = `${base}${base.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`;
    }
    const root = join(import.meta.dirname, '..');
    const t0 = performance.now();
    const child = spawn(process.execPath, [...commandFlags(root), join(root, 'bin', 'khabar.js'), 'import', file, '--json'], {
      env: { ...process.env, DATABASE_URL: url, MEDIA_DIR: join(dir, 'media') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let peak: number | null = null;
    let cpu: number | null = null;
    // Sampled while it runs: VmHWM and the CPU times are gone once the process has exited.
    const timer = setInterval(() => {
      void peakRssMiB(child.pid!).then((m) => (peak = m ?? peak));
      void cpuSeconds(child.pid!).then((c) => (cpu = c ?? cpu));
    }, 250);
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    clearInterval(timer);
    const seconds = (performance.now() - t0) / 1000;
    if (code !== 0) throw new Error(`khabar import exited with ${code}`);
    const report = JSON.parse(stdout) as { counts: { post: { imported: number }; comment: { imported: number } } };
    if (report.counts.post.imported !== posts) throw new Error(`imported ${report.counts.post.imported} posts of ${posts}`);
    const rate = posts / seconds;
    const rss = peak as number | null;
    const cpuS = cpu as number | null;
    const line = `WordPress import (${database}): ${posts.toLocaleString('en')} posts and ${report.counts.comment.imported.toLocaleString('en')} comments ` +
      `(${(bytes / 1024 / 1024).toFixed(0)} MiB of WXR) in ${seconds.toFixed(1)} s: ${Math.round(rate).toLocaleString('en')} posts/s ` +
      `(target ≥ ${POSTS_PER_S_TARGET.toLocaleString('en')}: ${rate >= POSTS_PER_S_TARGET ? 'met' : 'MISSED'}), peak RSS ${rss === null ? 'unknown' : `${rss.toFixed(0)} MiB`} ` +
      `(target < ${RSS_TARGET_MIB} MiB: ${rss === null ? '?' : rss < RSS_TARGET_MIB ? 'met' : 'MISSED'}); ` +
      `CPU ${cpuS === null ? 'unknown' : `${cpuS.toFixed(1)} s user+sys (≈ ${Math.round(posts / cpuS).toLocaleString('en')} posts per CPU-second, within 250 ms of the end)`}`;
    return { posts, comments, fileMiB: bytes / 1024 / 1024, seconds, postsPerSecond: rate, peakRssMiB: rss, cpuSeconds: cpuS, line };
  } finally {
    await dropSchema?.().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const posts = Number(arg('posts') ?? process.env.BENCH_WXR_POSTS ?? 200_000);
  const perPost = Number(arg('comments-per-post') ?? 2.5);
  const database = (arg('database') ?? 'sqlite') === 'postgres' ? 'postgres' : 'sqlite';
  wxrImportBench(posts, perPost, database).then(
    (r) => console.log(`bench: ${r.line}`),
    (e: unknown) => {
      console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  );
}

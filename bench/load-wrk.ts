import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchRequest, LoadOptions, LoadResult } from './load.ts';
import { isTemplated, sequence } from './template.ts';

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, 'load-wrk.lua');
const RESULT = 'bench-wrk-result ';
// One wrk thread: on 2 cores the server needs the other one. bench/load-wrk.lua handles more
// (each thread takes every THREADS-th {n}).
const THREADS = 1;

interface WrkSummary {
  requests: number;
  durationUs: number;
  p50Us: number;
  p99Us: number;
  errors: { connect: number; read: number; write: number; status: number; timeout: number };
  /** The highest {n} a thread used (-1: none). */
  lastN: number;
}

/**
 * wrk (`apt-get install wrk`): the request list goes to a temp file as a Lua table, which
 * bench/load-wrk.lua reads in each wrk thread; its done() prints the exact figures as one JSON line.
 *
 * Status codes: the script has no response() callback (wrk would then parse every answer and slow
 * down), so wrk only tells 4xx/5xx (errors.status) from the rest. Those count as failures with the
 * socket errors; a 2xx or 3xx that the scenario's isOk would refuse (a 200 where the comment POST
 * expects its 303) passes unseen here. run.ts sends every distinct request once with isOk checked
 * before the load, and each refusal of a comment is a 4xx, which is counted.
 */
export async function wrkLoad(baseUrl: string, requests: BenchRequest[], opts: LoadOptions): Promise<LoadResult> {
  const dir = await mkdtemp(join(tmpdir(), 'khabar-bench-wrk-'));
  try {
    const data = join(dir, 'requests.lua');
    await writeFile(data, luaRequests(requests, sequence.peek(), THREADS));
    const args = ['-t', String(THREADS), '-c', String(Math.max(THREADS, opts.connections)), '-d', `${opts.duration}s`, '--timeout', '10s', '--latency', '-s', SCRIPT, new URL('/', baseUrl).href];
    const { stdout } = await run('wrk', args, { env: { ...process.env, BENCH_WRK_REQUESTS: data }, maxBuffer: 1 << 20 }).catch((e: Error & { stderr?: string }) => {
      throw new Error(`wrk failed: ${e.stderr?.trim() || e.message}`);
    });
    const line = stdout.split('\n').find((l) => l.startsWith(RESULT));
    if (!line) throw new Error(`wrk printed no result line:\n${stdout}`);
    const s = JSON.parse(line.slice(RESULT.length)) as WrkSummary;
    if (s.lastN >= 0) sequence.usedUpTo(s.lastN);
    const { connect, read, write, status, timeout } = s.errors;
    const statuses: Record<string, number> = { '2xx/3xx': s.requests - status, '4xx/5xx': status };
    for (const [kind, count] of Object.entries({ connect, read, write, timeout })) if (count) statuses[kind] = count;
    return {
      rps: s.requests / (s.durationUs / 1e6),
      p50Ms: Math.round(s.p50Us / 10) / 100,
      p99Ms: Math.round(s.p99Us / 10) / 100,
      total: s.requests,
      failures: connect + read + write + status + timeout,
      statuses,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A Lua chunk returning the list and where {n} starts; the script loads it with dofile. */
function luaRequests(requests: BenchRequest[], start: number, stride: number): string {
  const entries = requests.map((r) => {
    const headers = Object.entries(r.headers ?? {}).map(([k, v]) => `[${lua(k)}] = ${lua(v)}`);
    return `  { method = ${lua(r.method)}, path = ${lua(r.path)}, headers = { ${headers.join(', ')} }, ${r.body === undefined ? '' : `body = ${lua(r.body)}, `}templated = ${isTemplated(r)} },`;
  });
  return `return {\n start = ${start}, stride = ${stride},\n requests = {\n${entries.join('\n')}\n }\n}\n`;
}

/** A Lua 5.1 string literal of the UTF-8 bytes: anything but printable ASCII as a \ddd escape. */
function lua(text: string): string {
  let out = '"';
  for (const byte of Buffer.from(text, 'utf8')) {
    out += byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c ? String.fromCharCode(byte) : `\\${String(byte).padStart(3, '0')}`;
  }
  return `${out}"`;
}

import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cleanup } from './cleanup.ts';

const ROOT = join(import.meta.dirname, '..');
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export interface RunningServer {
  baseUrl: string;
  pid: number;
  /** Resident memory of the server process, in MiB (VmRSS). */
  rssMiB(): Promise<number>;
  /** CPU time the server process has used so far (user + system), in ms. */
  cpuMs(): Promise<number>;
  /** SIGTERM, then waits for the drain; resolves with the exit code (null when it had to be killed). */
  stop(): Promise<number | null>;
  /** What the server wrote to stdout and stderr (its access log included). */
  output(): string;
  /** Lines of that output holding `needle`, read a piece at a time: the access log of a run outgrows a string. */
  linesWith(needle: string): number;
  /** Cold start: from spawning `npm start`'s command to the front page's first answer, in ms. */
  coldStartMs: number;
}

/** The command of `npm start`, read from package.json: the bench runs the server exactly so. */
function startCommand(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [node, ...args] = pkg.scripts.start.split(/\s+/);
  if (node !== 'node') throw new Error(`npm start is not a node command: ${pkg.scripts.start}`);
  return args;
}

/** The node flags of `npm start` (before the script): the limit server runs with them too. */
export function nodeFlags(): string[] {
  const args = startCommand();
  return args.slice(0, args.findIndex((a) => !a.startsWith('-')));
}

/**
 * Starts the server as `npm start` does, on a free loopback port, with its defaults (the access
 * log at LOG_LEVEL info included). Its output goes to a file, as a supervisor's would: through a
 * pipe into this process, the bench would pay for the log, and the server wait on it. `env`: more
 * settings (e.g. PURGE).
 */
export async function startServer(databaseUrl: string, cleanup: Cleanup, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  // For profiling the server: BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" (not allowed in NODE_OPTIONS);
  // BENCH_SERVER_LOG=FILE keeps what the server printed (e.g. with --trace-gc).
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const kept = process.env.BENCH_SERVER_LOG;
  const logDir = kept ? null : mkdtempSync(join(tmpdir(), 'khabar-bench-log-'));
  const logFile = kept ?? join(logDir!, 'server.log');
  if (logDir) cleanup.add('server log', () => rmSync(logDir, { recursive: true, force: true }));
  const fd = openSync(logFile, 'w');
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...extra, ...startCommand()], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      KHABAR_DEMO: 'false',
      // The comment-POST scenario gives each request its own client address (X-Forwarded-For).
      TRUST_PROXY: '127.0.0.1',
      NODE_ENV: 'production',
      // The comment-POST scenario measures posting, not the site-wide flood ceiling (600 a minute).
      COMMENTS_PER_MINUTE: '10000000',
      // To weigh the access log: BENCH_LOG_LEVEL=warn runs the server without it.
      ...(process.env.BENCH_LOG_LEVEL && { LOG_LEVEL: process.env.BENCH_LOG_LEVEL }),
      ...env,
    },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const log = () => readFileSync(logFile, 'utf8');
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  cleanup.add('server process', () => kill(child, exited));
  if (!child.pid) throw new Error('could not start the server process');
  const pid = child.pid;
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitHealthy(baseUrl, child, log);
  const coldStartMs = performance.now() - spawnedAt;

  return {
    baseUrl,
    pid,
    coldStartMs,
    rssMiB: () => rssMiB(pid),
    cpuMs: () => cpuMs(pid),
    output: log,
    linesWith: (needle) => linesWith(logFile, needle),
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      const [code] = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Until the front page answers (a reader's first request, redirects followed), asked every 5 ms. */
async function waitHealthy(baseUrl: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${baseUrl}/`, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`the front page did not answer within ${START_TIMEOUT_MS / 1000} s:\n${log()}`);
}

async function kill(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function linesWith(file: string, needle: string): number {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(16 * 1024 * 1024);
  let n = 0;
  let rest = '';
  try {
    for (let read; (read = readSync(fd, buf, 0, buf.length, null)) > 0; ) {
      const lines = (rest + buf.toString('utf8', 0, read)).split('\n');
      rest = lines.pop()!;
      for (const l of lines) if (l.includes(needle)) n++;
    }
  } finally {
    closeSync(fd);
  }
  return rest.includes(needle) ? n + 1 : n;
}

/** VmRSS from /proc/<pid>/status (Linux), in MiB. */
export async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!kb) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kb[1]) / 1024;
}

/** utime + stime from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 1/100 s on Linux). */
export async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A port the kernel just handed out on loopback (closed again for the server to take). */
async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const address = srv.address();
  srv.close();
  await once(srv, 'close');
  if (!address || typeof address !== 'object') throw new Error('no free port');
  return address.port;
}

import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cleanup } from './cleanup.ts';
import type { BenchRequest } from './load.ts';
import { cpuMs, nodeFlags, rssMiB } from './server.ts';
import { instantiate } from './template.ts';

/** One answer exactly as Khabar sent it, for the limit server to send again. */
export interface CapturedAnswer {
  method: string;
  /** The path asked (placeholders filled once: the limit answers every later send of it alike). */
  path: string;
  status: number;
  /** Khabar's headers but those Node writes per connection or per response itself. */
  headers: Record<string, string | string[]>;
  /** The body as it went on the wire (gzip or brotli when Khabar chose so), base64. */
  body: string;
}

// Written by Node (or Fastify) for every response: the limit's own are the same kind.
const PER_CONNECTION = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/**
 * Asks Khabar each distinct request once, with node:http (fetch would decompress the body), and
 * keeps status, headers and the body's bytes as sent.
 */
export async function captureAnswers(baseUrl: string, requests: BenchRequest[]): Promise<CapturedAnswer[]> {
  const answers: CapturedAnswer[] = [];
  for (const template of requests) {
    const r = instantiate(template);
    answers.push(await new Promise<CapturedAnswer>((resolve, reject) => {
      const req = httpRequest(baseUrl + r.path, { method: r.method, headers: r.headers ?? {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const headers: Record<string, string | string[]> = {};
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            const name = res.rawHeaders[i]!.toLowerCase();
            const value = res.rawHeaders[i + 1]!;
            if (PER_CONNECTION.has(name)) continue;
            const had = headers[name];
            headers[name] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
          }
          resolve({ method: r.method, path: template.path, status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('base64') });
        });
      });
      req.on('error', reject);
      req.end(r.body);
    }));
  }
  return answers;
}

export interface LimitServer {
  baseUrl: string;
  rssMiB(): Promise<number>;
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts bench/limit-server.mjs — Fastify answering from memory with the captured bytes — in its
 * own process with the node flags of `npm start`, as Khabar runs.
 */
export async function startLimitServer(answers: CapturedAnswer[], cleanup: Cleanup): Promise<LimitServer> {
  const dir = await mkdtemp(join(tmpdir(), 'khabar-bench-limit-'));
  const file = join(dir, 'answers.json');
  await writeFile(file, JSON.stringify(answers));
  const child: ChildProcess = spawn(process.execPath, [...nodeFlags(), join(import.meta.dirname, 'limit-server.mjs'), file], {
    cwd: join(import.meta.dirname, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    })());
  cleanup.add('limit server', stop);
  const [chunk] = (await Promise.race([once(child.stdout!, 'data'), exited.then(() => { throw new Error('the limit server exited before listening'); })])) as [Buffer];
  const pid = child.pid!;
  return { baseUrl: `http://127.0.0.1:${Number(chunk.toString().trim())}`, rssMiB: () => rssMiB(pid), cpuMs: () => cpuMs(pid), stop };
}

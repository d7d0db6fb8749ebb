import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Cleanup } from './cleanup.ts';
import { load, type LoadGenerator } from './load.ts';

/** The targets were set on a machine that served a Fastify hello-world at about this rate. */
export const REFERENCE_HELLO_RPS = 80_000;

// A bare Fastify server in its own process, as the server itself runs: the machine's ceiling.
const HELLO = `
import Fastify from 'fastify';
const app = Fastify();
app.get('/', async () => 'hello world');
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(String(app.server.address().port) + '\\n');
`;

/**
 * Measures a Fastify hello-world on this machine now, with the same load generator (wrk or
 * autocannon, as the scenarios) and connections: figures from different machines (or a busy
 * one) become comparable.
 */
export async function helloWorldRps(opts: { load: LoadGenerator; connections: number; duration: number }, cleanup: Cleanup, cwd: string): Promise<number> {
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', HELLO], { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  cleanup.add('hello-world server', stop);
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  const baseUrl = `http://127.0.0.1:${Number(chunk.toString().trim())}`;
  const requests = [{ method: 'GET', path: '/' }];
  const run = { generator: opts.load, connections: opts.connections, isOk: (s: number) => s === 200 };
  await load(baseUrl, requests, { ...run, duration: 2 });
  const r = await load(baseUrl, requests, { ...run, duration: opts.duration });
  await stop();
  return r.rps;
}

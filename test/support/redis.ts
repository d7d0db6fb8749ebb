import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from './ports.ts';

/** redis-server, from PATH (REDIS_SERVER_PATH to use another). */
export function redisServerPath(): string {
  return process.env.REDIS_SERVER_PATH || 'redis-server';
}

/** Why the Redis tests cannot run here, or null when redis-server is installed. */
export function redisMissing(): string | null {
  const r = spawnSync(redisServerPath(), ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? null : `redis-server not found (${redisServerPath()}; apt install redis-server)`;
}

export interface TestRedis {
  /** REDIS_URL for this server. */
  url: string;
  port: number;
  /** Stops the server (its data goes: no persistence, as a restarted Redis in production may lose it). */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A redis-server of the test's own on a loopback port, without persistence, that the test can
 * stop and start again (Redis going away mid-run, or restarting empty).
 */
export async function startRedis(o: { port?: number } = {}): Promise<TestRedis> {
  const port = o.port ?? (await freePort());
  let child: ChildProcess | null = null;
  const start = async () => {
    const c = spawn(redisServerPath(), ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    let log = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (d: Buffer) => {
        log += d;
        if (log.includes('Ready to accept connections')) {
          c.stdout!.off('data', onData);
          resolve();
        }
      };
      c.stdout!.on('data', onData);
      c.on('exit', () => reject(new Error(`redis-server exited:\n${log}`)));
    });
    // Its later output is not read: drain it so the pipe never fills.
    c.stdout!.resume();
    c.stderr!.resume();
  };
  const stop = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const exited = once(c, 'exit');
    c.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, start, stop, close: stop };
}

interface Instance {
  redis: import('../../src/platform/redis.ts').RedisLink | null;
  leader: import('../../src/platform/leader.ts').Leader;
}

/** Resolves once the instance's commands and its channel reader are both connected. */
export async function untilConnected(s: Instance): Promise<void> {
  const r = s.redis;
  if (!r) throw new Error('this instance has no REDIS_URL');
  while (!r.isUp || !r.isListening) await once(r, r.isUp ? 'subscribed' : 'state');
}

/** Starts the instances' leader elections and resolves with the one that took the lead. */
export async function leaderOf<T extends Instance>(...sites: T[]): Promise<T> {
  for (;;) {
    const found = sites.find((s) => s.leader.isLeader());
    if (found) return found;
    const changed = Promise.race(sites.map((s) => once(s.leader, 'change')));
    for (const s of sites) s.leader.start();
    await changed;
  }
}

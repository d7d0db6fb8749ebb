import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config.ts';
import { openRuntime, type Runtime } from '../../src/cli/bootstrap.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { MemoryMailer } from '../../src/platform/mailer.ts';
import { createServices, type Services } from '../../src/services/services.ts';
import { buildApp, type App } from '../../src/web/app.ts';
import { type Bouncer, startPgBouncer } from './pgbouncer.ts';
import { freePort } from './ports.ts';
import { startVarnish, type Varnish } from './varnish.ts';

/** One Khabar instance of the cluster: its own pool, caches and limits, listening on loopback. */
export interface Instance {
  name: string;
  rt: Runtime;
  services: Services;
  app: App;
  url: string;
  port: number;
  mailer: MemoryMailer;
}

export interface Cluster {
  bouncer: Bouncer;
  varnish: Varnish;
  instances: [Instance, Instance];
  clock: ReturnType<typeof fixedClock>;
  /** What the instances logged at level error (JSON lines, prefixed by the instance's name). */
  errors: string[];
  /** Resolves on the next purge of `key` that reaches Varnish (from any instance). */
  purgeOf(key: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * As a newsroom runs Khabar on several machines: PostgreSQL through PgBouncer (transaction mode,
 * a database of the cluster's own), two instances sharing one SECRET, with `TRUST_PROXY` naming
 * Varnish (loopback), and Varnish with the shipped VCL in front of both, purged by their writes.
 * Both instances share one test clock (the comment form wants its fill time to pass). `env` adds
 * settings (REDIS_URL). Periodic jobs do not run by themselves: the test runs them.
 */
export async function startCluster(testUrl: string, env: Record<string, string> = {}): Promise<Cluster> {
  const bouncer = await startPgBouncer(testUrl, { poolSize: 4 });
  const clock = fixedClock('2024-05-01T09:00:00Z');
  const varnishPort = await freePort();
  const waiters: { key: string; resolve: () => void }[] = [];
  const purged = (keys: string[]) => {
    for (const w of waiters.splice(0)) (keys.includes(w.key) ? w.resolve : () => waiters.push(w))();
  };
  const secret = randomBytes(32).toString('base64url');
  const instances: Instance[] = [];
  const errors: string[] = [];
  try {
    // One after the other: the first migrates the new database, the second finds it current.
    for (const name of ['A', 'B']) {
      const config = loadConfig(
        {
          DATABASE_URL: bouncer.url,
          DATABASE_POOL_SIZE: '6',
          KHABAR_DEMO: 'false',
          SECRET: secret,
          PURGE: `varnish:http://127.0.0.1:${varnishPort}`,
          TRUST_PROXY: '127.0.0.1',
          ...env,
        },
        { siteUrl: 'http://news.test' },
      );
      const rt = await openRuntime(config, { clock, purgeEvents: { purged } });
      const mailer = new MemoryMailer();
      const services = createServices({ config: rt.config, repos: rt.repos, clock: rt.clock, secret: rt.secret, mailer, redis: rt.redis, leader: rt.leader });
      // Errors the instances log (a 500's cause), for the test to show.
      const app = await buildApp({ services, logger: { level: 'error', stream: { write: (line: string) => errors.push(`${name}: ${line}`) } } });
      await app.fastify.listen({ port: 0, host: '127.0.0.1' });
      const port = (app.fastify.server.address() as { port: number }).port;
      instances.push({ name, rt, services, app, url: `http://127.0.0.1:${port}`, port, mailer });
    }
    const varnish = await startVarnish(varnishPort, instances.map((i) => i.port));
    return {
      bouncer,
      varnish,
      instances: instances as [Instance, Instance],
      clock,
      errors,
      purgeOf: (key) => new Promise<void>((resolve) => waiters.push({ key, resolve })),
      async close() {
        await varnish.close();
        for (const i of instances) {
          await i.services.jobs.stop();
          await i.app.fastify.close();
          await i.rt.close();
        }
        await bouncer.close();
      },
    };
  } catch (e) {
    for (const i of instances) {
      await i.app.fastify.close().catch(() => {});
      await i.rt.close().catch(() => {});
    }
    await bouncer.close().catch(() => {});
    throw e;
  }
}

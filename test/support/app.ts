import type { Config } from '../../src/config.ts';
import type { PurgeEvents } from '../../src/platform/purge.ts';
import type { Clock } from '../../src/platform/clock.ts';
import { type Mailer, MemoryMailer } from '../../src/platform/mailer.ts';
import { createServices } from '../../src/services/services.ts';
import { buildApp, type App } from '../../src/web/app.ts';
import { loadAssets } from '../../src/web/assets.ts';
import { type RuntimeTestOptions, testRuntime, type TestRuntime } from './runtime.ts';

export interface TestSite extends TestRuntime {
  app: App;
}

// Theme files are read once per test process.
let assets: ReturnType<typeof loadAssets> | undefined;

/** A whole site over a fresh test database, optionally with the demo content. */
/**
 * A whole site over a fresh test database, optionally with the demo content. Several instances:
 * `shareWith` the first site and the same `config.redisUrl` (test/support/redis.ts starts one).
 */
export async function testSite(options: { demo?: boolean; pictures?: boolean; clock?: Clock; siteUrl?: string; sqliteFile?: string; mailer?: Mailer; databaseUrl?: string; config?: Partial<Config>; purgeEvents?: PurgeEvents } & Pick<RuntimeTestOptions, 'shareWith' | 'redisLog' | 'leaderLeaseMs'> = {}): Promise<TestSite> {
  const rt = await testRuntime({
    ...(options.clock && { clock: options.clock }),
    ...(options.sqliteFile && { sqliteFile: options.sqliteFile }),
    ...(options.databaseUrl && { databaseUrl: options.databaseUrl }),
    ...(options.purgeEvents && { purgeEvents: options.purgeEvents }),
    ...(options.shareWith && { shareWith: options.shareWith }),
    ...(options.redisLog && { redisLog: options.redisLog }),
    ...(options.leaderLeaseMs && { leaderLeaseMs: options.leaderLeaseMs }),
    config: { siteUrl: options.siteUrl ?? 'http://news.test', ...options.config },
  });
  if (options.demo) {
    const { seedDemoContent } = await import('../../src/services/demo/seed-demo.ts');
    await seedDemoContent(rt);
    // Drawing the demo photographs costs seconds each: only the tests that look at them wait for it.
    if (options.pictures) {
      const { seedDemoPictures } = await import('../../src/services/demo/seed-pictures.ts');
      const { configuredMediaStore } = await import('../../src/services/media/open-media-store.ts');
      await seedDemoPictures({ repos: rt.repos, clock: rt.clock, store: configuredMediaStore(rt.config) });
    }
  }
  assets ??= loadAssets();
  // Mail stays in memory unless a test passes its own mailer (never the repository's data/outbox).
  const services = createServices({ config: rt.config, repos: rt.repos, clock: rt.clock, secret: rt.secret, mailer: options.mailer ?? new MemoryMailer(), redis: rt.redis, leader: rt.leader });
  const app = await buildApp({ services, assets });
  return {
    ...rt,
    app,
    close: async () => {
      await app.fastify.close();
      await rt.close();
    },
  };
}

/**
 * Another instance of `site` on the same database (its SQLite file, or its PostgreSQL schema),
 * with a configuration of its own: what a second machine behind the load balancer is.
 */
export async function anotherInstance(site: TestRuntime, config: Partial<Config> = {}): Promise<{ app: App; close(): Promise<void> }> {
  const { openRuntime } = await import('../../src/cli/bootstrap.ts');
  const { loadConfig } = await import('../../src/config.ts');
  const { urlWithSearchPath } = await import('../../src/storage/scratch-schema.ts');
  const rt = await openRuntime(loadConfig({ DATABASE_URL: urlWithSearchPath(site.databaseUrl, site.schema), KHABAR_DEMO: 'false', DATABASE_POOL_SIZE: '2' }, { ...site.config, databaseUrl: urlWithSearchPath(site.databaseUrl, site.schema), ...config }));
  assets ??= loadAssets();
  const services = createServices({ config: rt.config, repos: rt.repos, clock: rt.clock, secret: rt.secret, mailer: new MemoryMailer() });
  const app = await buildApp({ services, assets });
  return {
    app,
    close: async () => {
      await app.fastify.close();
      await rt.close();
    },
  };
}

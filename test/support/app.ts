import type { Clock } from '../../src/platform/clock.ts';
import { buildApp, type App } from '../../src/web/app.ts';
import { loadAssets } from '../../src/web/assets.ts';
import { testRuntime, type TestRuntime } from './runtime.ts';

export interface TestSite extends TestRuntime {
  app: App;
}

// Theme files are read once per test process.
let assets: ReturnType<typeof loadAssets> | undefined;

/** A whole site over a fresh test database, optionally with the demo content. */
export async function testSite(options: { demo?: boolean; clock?: Clock; siteUrl?: string; sqliteFile?: string } = {}): Promise<TestSite> {
  const rt = await testRuntime({
    ...(options.clock && { clock: options.clock }),
    ...(options.sqliteFile && { sqliteFile: options.sqliteFile }),
    config: { siteUrl: options.siteUrl ?? 'http://news.test' },
  });
  if (options.demo) {
    const { seedDemoContent } = await import('../../src/services/demo/seed-demo.ts');
    await seedDemoContent(rt);
  }
  assets ??= loadAssets();
  const app = await buildApp({ config: rt.config, repos: rt.repos, clock: rt.clock, assets });
  return {
    ...rt,
    app,
    close: async () => {
      await app.fastify.close();
      await rt.close();
    },
  };
}

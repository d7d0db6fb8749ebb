import type { Config } from '../config.ts';
import { seedDemoContent } from '../services/demo/seed-demo.ts';
import { createServices } from '../services/services.ts';
import { buildApp } from '../web/app.ts';
import { openRuntime, redact, StartupError } from './bootstrap.ts';
import { FIRST_USER_HINT } from './users.ts';

/** Runs the site until SIGTERM/SIGINT, then drains in-flight requests and closes the database. */
export async function serve(config: Config): Promise<void> {
  const rt = await openRuntime(config, { backgroundCheckpoints: true });
  if (config.demoContent) {
    const n = await seedDemoContent(rt);
    if (n) console.log(`khabar: a new site: wrote ${n} demo articles (set KHABAR_DEMO=false to start empty)`);
  }
  if ((await rt.repos.accounts.countWithPassword()) === 0) {
    // Demo bylines are accounts without passwords: until someone can log in, say how.
    console.log(`khabar: no one can log in to the newsroom yet; create the first account with:\n  ${FIRST_USER_HINT}`);
  }
  const services = createServices({ config, repos: rt.repos, clock: rt.clock, secret: rt.secret });
  const app = await buildApp({ services, repos: rt.repos, logger: { level: config.logLevel } });
  try {
    await app.fastify.listen({ port: config.port, host: config.host });
  } catch (e) {
    await rt.close();
    const code = (e as NodeJS.ErrnoException).code;
    throw new StartupError(
      code === 'EADDRINUSE' ? `port ${config.port} is already in use (set PORT to another one)` : `cannot listen on ${config.host}:${config.port}: ${(e as Error).message}`,
    );
  }
  app.scheduler.start();
  app.mostRead.start();
  const address = app.fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`khabar: serving http://${shown}:${port}/ from ${redact(config.databaseUrl)}`);

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.log(`khabar: ${signal}: finishing in-flight requests`);
      app.scheduler.stop();
      app.fastify
        .close()
        .then(() => rt.close())
        .then(resolve, resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

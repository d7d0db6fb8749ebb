import type { Config } from '../config.ts';
import { demoWasSeeded, seedDemoContent } from '../services/demo/seed-demo.ts';
import { seedDemoPictures } from '../services/demo/seed-pictures.ts';
import { createServices } from '../services/services.ts';

import { BufferedLogStream } from '../platform/log-stream.ts';
import { buildApp } from '../web/app.ts';
import { openRuntime, redact, StartupError } from './bootstrap.ts';
import { type Command, UsageError } from './command-line.ts';
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
  const services = createServices({ config, repos: rt.repos, clock: rt.clock, secret: rt.secret, redis: rt.redis, leader: rt.leader });
  // The log reaches stdout in chunks, asynchronously; what is left is written at the stop below
  // (or, should the process end otherwise, on its way out).
  const logStream = new BufferedLogStream(1);
  process.once('exit', () => logStream.flushSync());
  const app = await buildApp({ services, logger: { level: config.logLevel, stream: logStream } });
  try {
    await app.fastify.listen({ port: config.port, host: config.host });
  } catch (e) {
    await rt.close();
    const code = (e as NodeJS.ErrnoException).code;
    throw new StartupError(
      code === 'EADDRINUSE' ? `port ${config.port} is already in use (set PORT to another one)` : `cannot listen on ${config.host}:${config.port}: ${(e as Error).message}`,
    );
  }
  // Scheduled publishing, the view flush: with REDIS_URL only the leader among the instances runs them.
  services.jobs.start();
  const drawing = new AbortController();
  let pictures: Promise<unknown> = Promise.resolve();
  if (config.demoContent && (await demoWasSeeded(rt.repos))) {
    // Drawing the demo photographs takes a while: the site answers meanwhile (pages show each
    // photo as soon as its files are in place), and a later start finishes what is missing.
    pictures = seedDemoPictures({ repos: rt.repos, clock: rt.clock, store: services.media.store, signal: drawing.signal }).then(
      (n) => n && console.log(`khabar: drew ${n} demo photographs`),
      (e: unknown) => console.error(`khabar: demo photographs not drawn: ${(e as Error).message}`),
    );
  }
  const address = app.fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`khabar: serving http://${shown}:${port}/ from ${redact(config.databaseUrl)}`);

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      console.log(`khabar: ${signal}: finishing in-flight requests`);
      drawing.abort();
      services.jobs
        .stop()
        .then(() => app.fastify.close())
        .then(() => pictures)
        .then(() => rt.close())
        .finally(() => logStream.end())
        .then(resolve, resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the site (the default command; what npm start runs)',
  help: `usage: khabar serve [options]

Runs the site until SIGTERM or SIGINT, then finishes the requests in flight and exits. A new,
empty database gets its schema, its editions and (unless KHABAR_DEMO=false) the demo content.
The rest of the configuration is read from environment variables (see the README).

It runs the compiled dist/, which npm install (or npm ci) and npm run build make, and never
writes into its own folder; when the sources changed since the build, it says so and stops.`,
  options: {},
  async run(config, args) {
    if (args.length) throw new UsageError('serve takes no arguments', 'serve');
    await serve(config);
    return undefined;
  },
};

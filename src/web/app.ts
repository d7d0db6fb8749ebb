import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { ArticleService } from '../services/articles/articles.ts';
import type { Services } from '../services/services.ts';
import type { Scheduler } from '../services/scheduler/scheduler.ts';
import type { MostRead } from '../services/popularity/most-read.ts';
import { registerSitemaps } from './public/feeds.ts';
import { registerSearchApi } from './public/search.ts';
import { type Assets, loadAssets } from './assets.ts';
import { registerAdmin } from './admin/admin.tsx';
import { installErrorHandling } from './errors.ts';
import { requireRouteSchemas } from './route-schemas.ts';
import { registerMediaFiles } from './media.ts';
import { securityHeaders } from './security-headers.ts';
import { SiteState } from './public/site-state.ts';
import { registerComments } from './public/comments.ts';
import { registerPublicSite } from './public/site.ts';
import { registerWordpressApi } from './wp/routes.ts';
import { clientErrorHandler } from './client-errors.ts';
import { sharedRateLimitStore } from './shared-rate-limit.ts';
import { registerViewBeacon } from './public/view-beacon.ts';
import { AccessLog } from './access-log.ts';
import type { AccessFields } from './public/fast-path.ts';
import { lazyValidators } from './lazy-validators.ts';

export interface AppDeps {
  /** Everything the routes may call, wired once at start (services/services.ts). */
  services: Services;
  assets?: Assets;
  /** Fastify's logger; `stream` is where its lines go (serve: a BufferedLogStream on stdout). */
  logger?: boolean | { level: string; stream?: { write(line: string): unknown } };
}

export interface App {
  fastify: FastifyInstance;
  services: Services;
  mostRead: MostRead;
  scheduler: Scheduler;
  articles: ArticleService;
  /** Compiles every route's schema now (they are compiled at each route's first request): for tests. */
  compileAllSchemas(): void;
}

/**
 * Fastify's form of TRUST_PROXY: listed addresses, or the first N hops counted from the socket
 * (what Fastify does with a number, written out because its types take no number).
 */
export function trustProxyOption(t: AppDeps['services']['config']['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (t === false) return false;
  if (typeof t === 'number') return (_address, hop) => hop < t;
  return [...t];
}

/** Whether access lines are written: Pino's check; Fastify's stand-in without a logger has none (then no line is made at all). */
function accessLogged(app: FastifyInstance): boolean {
  const level = (app.log as { isLevelEnabled?: (l: string) => boolean }).isLevelEnabled;
  return typeof level === 'function' && level.call(app.log, 'info');
}

/** Builds the whole web application without listening (tests use inject; main.ts listens). */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { services } = deps;
  const { config, clock, scheduler, articles, archives, staticPages, urls, search, feeds, mostRead, comments, mailer, secret, oldAddresses } = services;
  const assets = deps.assets ?? loadAssets();
  const site = new SiteState({ archives, urls, assets });

  const validators = lazyValidators();
  // Kept public pages are answered before Fastify (web/public/fast-path.ts); everything else,
  // and everything once the app is closing (Fastify's 503), goes to Fastify's handler.
  let fast: ((req: IncomingMessage, res: ServerResponse) => boolean) | null = null;
  let closing = false;
  let nextRequestId = 0;
  const requestId = () => `req-${(nextRequestId++).toString(36)}`;
  const app = Fastify({
    genReqId: requestId,
    serverFactory: (handler, factoryOptions) => {
      const options = factoryOptions as { keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number; maxRequestsPerSocket?: number };
      const server = createServer((req, res) => {
        let served = false;
        try {
          served = !closing && fast !== null && fast(req, res);
        } catch (e) {
          if (res.headersSent) return void res.destroy();
          app.log.error(e);
        }
        if (!served) handler(req, res);
      });
      // What Fastify sets on the servers it makes itself.
      server.keepAliveTimeout = options.keepAliveTimeout ?? 72_000;
      server.requestTimeout = options.requestTimeout ?? 0;
      server.setTimeout(options.connectionTimeout ?? 0);
      if (options.maxRequestsPerSocket) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
      return server;
    },
    schemaController: { compilersFactory: { buildValidator: validators } },
    logger: deps.logger ?? false,
    // One access line per request (access-log.ts).
    logController: new AccessLog(),
    trustProxy: trustProxyOption(config.trustProxy),
    // Percent-encoded Arabic slugs are long; public paths are parsed by our own router anyway.
    routerOptions: { maxParamLength: 1000 },
    requestIdHeader: false,
    return503OnClosing: true,
    // A URL past Node's 16 KB head limit gets the site's own refusal, not a bare 431.
    clientErrorHandler,
    frameworkErrors: (err, req, reply) => {
      // Malformed URLs and the like: a page in the edition's language, not Fastify's JSON.
      void app.khabarErrorPage(req, reply, err.statusCode && err.statusCode < 500 ? err.statusCode : 400);
    },
  });

  requireRouteSchemas(app);
  const headers = securityHeaders({ https: urls.siteUrl.startsWith('https:') });
  // A callback hook, not an async one: no promise per request for a synchronous step.
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });

  installErrorHandling(app, { site, scheduler });

  services.log.to(app.log);
  // Shared by every form (newsroom, comments): registered once here, used per route.
  const secure = urls.siteUrl.startsWith('https:');
  await app.register(cookie, { secret });
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  // MUST be used as a preHandler (not onRequest) because the token is read from the parsed body.
  await app.register(csrf, { sessionPlugin: '@fastify/cookie', cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure } });
  // Limits are per route (anonymous actions); Fastify's error handler renders the 429. With Redis
  // they hold for all instances together (per instance again while Redis is away).
  await app.register(rateLimit, { global: false, ...(services.redis && { store: sharedRateLimitStore(services.redis) }) });

  await registerAdmin(app, { services, config, clock, urls, assets, mailer, secure, secret });

  // Alive: the process answers (a supervisor restarts it when this fails). It asks nothing of
  // the database, so a database outage does not get every instance restarted in a loop.
  app.get('/healthz', { schema: {} }, async (_req, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));
  // Ready: send traffic here (a load balancer takes the instance out while this is 503).
  app.get('/readyz', { schema: {} }, async (_req, reply) => {
    const r = await services.readiness();
    reply.header('cache-control', 'no-store');
    if (r.ready) return reply.send({ status: 'ready' });
    return reply.code(503).send(r.reason === 'database' ? { status: 'database unavailable' } : { status: 'migrations pending', pending: r.pending });
  });

  app.withTypeProvider<TypeBoxTypeProvider>().get('/assets/:name', { schema: { params: Type.Object({ name: Type.String() }) } }, async (req, reply) => {
    const a = assets.get(req.params.name);
    if (!a) return app.khabarErrorPage(req, reply, 404);
    reply.header('cache-control', 'public, max-age=31536000, immutable').type(a.type);
    if (!a.gz) return reply.send(a.body);
    // Precompressed text: brotli when asked and built, else gzip; caches keep one per encoding.
    reply.header('vary', 'accept-encoding');
    const accepts = String(req.headers['accept-encoding'] ?? '');
    if (a.br && /\bbr\b/.test(accepts)) return reply.header('content-encoding', 'br').send(a.br);
    if (/\bgzip\b/.test(accepts)) return reply.header('content-encoding', 'gzip').send(a.gz);
    return reply.send(a.body);
  });
  registerMediaFiles(app, { media: services.media });
  app.get('/favicon.ico', { schema: {} }, async (_req, reply) => reply.redirect(assets.favicon, 301));

  // Counted views are written on close too (and by the timer main.ts starts).
  app.addHook('onClose', async () => { await mostRead.stop().catch(() => {}); });
  registerViewBeacon(app, { mostRead });
  registerSearchApi(app, { search, archives, site, scheduler });
  const logsAccess = accessLogged(app);
  const fastDeps = { securityHeaders: headers, requestId, log: logsAccess ? (fields: AccessFields) => app.log.info(fields) : null };
  const wpFast = await registerWordpressApi(app, { services, site, cacheSMaxAge: config.cacheSMaxAge, fast: fastDeps });
  registerSitemaps(app, { feeds, scheduler, site, clock });
  registerComments(app, { comments, pages: { articles, archives, staticPages, mostRead, comments }, scheduler, site, secure, commentsPerMinute: config.commentsPerMinute });
  const pagesFast = registerPublicSite(app, {
    articles, archives, staticPages, scheduler, site, search, feeds, mostRead, comments, oldAddresses, clock, cacheSMaxAge: config.cacheSMaxAge,
    fast: fastDeps,
  });
  // The API's test is a substring search that every page fails at once.
  fast = (req, res) => (wpFast?.(req, res) ?? false) || (pagesFast?.(req, res) ?? false);
  return { fastify: app, services, scheduler, articles, mostRead, compileAllSchemas: validators.compileAll };
}

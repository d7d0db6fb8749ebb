import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Clock } from '../platform/clock.ts';
import { ArticleService } from '../services/articles/articles.ts';
import { Scheduler } from '../services/scheduler/scheduler.ts';
import type { Repositories } from '../storage/repositories.ts';
import { type Assets, loadAssets } from './assets.ts';
import { installErrorHandling } from './errors.ts';
import { SiteState } from './public/site-state.ts';
import { registerPublicSite } from './public/site.ts';
import { Urls } from './public/urls.ts';

export interface AppDeps {
  config: Config;
  repos: Repositories;
  clock: Clock;
  /** Shared with the caller so it can start the scheduler's timer (main) or drive it (tests). */
  scheduler?: Scheduler;
  assets?: Assets;
  logger?: boolean | { level: string };
}

export interface App {
  fastify: FastifyInstance;
  scheduler: Scheduler;
  articles: ArticleService;
}

/** Builds the whole web application without listening (tests use inject; main.ts listens). */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, repos, clock } = deps;
  const articles = new ArticleService({ repos, clock });
  const scheduler = deps.scheduler ?? new Scheduler({ repos, clock });
  const assets = deps.assets ?? loadAssets();
  const urls = new Urls(config.siteUrl ?? `http://localhost:${config.port}`);
  const site = new SiteState({ repos, urls, assets });

  const app = Fastify({
    logger: deps.logger ?? false,
    trustProxy: config.trustProxy,
    // Percent-encoded Arabic slugs are long; public paths are parsed by our own router anyway.
    routerOptions: { maxParamLength: 1000 },
    requestIdHeader: false,
    return503OnClosing: true,
    frameworkErrors: (err, req, reply) => {
      // Malformed URLs and the like: a page in the edition's language, not Fastify's JSON.
      void app.khabarErrorPage(req, reply, err.statusCode && err.statusCode < 500 ? err.statusCode : 400);
    },
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    // HSTS only makes sense when the site is served over HTTPS.
    strictTransportSecurity: urls.siteUrl.startsWith('https:') ? { maxAge: 15552000 } : false,
  });

  installErrorHandling(app, { site, scheduler });

  app.get('/healthz', async (_req, reply) => {
    try {
      await repos.changes.read();
      return reply.header('cache-control', 'no-store').send({ status: 'ok' });
    } catch {
      return reply.code(503).header('cache-control', 'no-store').send({ status: 'database unavailable' });
    }
  });

  app.get<{ Params: { name: string } }>('/assets/:name', async (req, reply) => {
    const a = assets.get(req.params.name);
    if (!a) return app.khabarErrorPage(req, reply, 404);
    return reply.header('cache-control', 'public, max-age=31536000, immutable').type(a.type).send(a.body);
  });
  app.get('/favicon.ico', async (_req, reply) => reply.redirect(assets.favicon, 301));

  registerPublicSite(app, { articles, repos, scheduler, site });
  return { fastify: app, scheduler, articles };
}

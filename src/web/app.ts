import { randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Clock } from '../platform/clock.ts';
import { createMailer, type Mailer } from '../platform/mailer.ts';
import { ArticleService } from '../services/articles/articles.ts';
import { CommentService } from '../services/comments/comments.ts';
import { Scheduler } from '../services/scheduler/scheduler.ts';
import { FeedService } from '../services/feeds/feeds.ts';
import { MostRead } from '../services/popularity/most-read.ts';
import { SearchService } from '../services/search/search.ts';
import { registerSitemaps } from './public/feeds.ts';
import { registerSearchApi } from './public/search.ts';
import type { Repositories } from '../storage/repositories.ts';
import { type Assets, loadAssets } from './assets.ts';
import { registerAdmin } from './admin/admin.tsx';
import { installErrorHandling } from './errors.ts';
import { registerMediaFiles } from './media.ts';
import { securityHeaders } from './security-headers.ts';
import { SiteState } from './public/site-state.ts';
import { registerComments } from './public/comments.ts';
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
  /** "Most read" counters; tests pass their own to flush on demand. */
  mostRead?: MostRead;
  /** The site secret (signs cookies); defaults to SECRET, else the one kept in the database. */
  secret?: string;
  /** Outgoing mail; defaults to SMTP_URL, else the outbox folder. */
  mailer?: Mailer;
}

export interface App {
  fastify: FastifyInstance;
  mostRead: MostRead;
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

  const headers = securityHeaders({ https: urls.siteUrl.startsWith('https:') });
  app.addHook('onRequest', async (_req, reply) => {
    reply.headers(headers);
  });

  installErrorHandling(app, { site, scheduler });

  // Shared by every form (newsroom, comments): registered once here, used per route.
  const secret = deps.secret ?? config.secret ?? (await repos.settings.getOrInit('secret', randomBytes(32).toString('base64url')));
  const secure = urls.siteUrl.startsWith('https:');
  await app.register(cookie, { secret });
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  // MUST be used as a preHandler (not onRequest) because the token is read from the parsed body.
  await app.register(csrf, { sessionPlugin: '@fastify/cookie', cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure } });
  // Limits are per route (anonymous actions); Fastify's error handler renders the 429.
  await app.register(rateLimit, { global: false });

  const mailer =
    deps.mailer ??
    createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, databaseUrl: config.databaseUrl, log: (line) => app.log.info(line) });
  await registerAdmin(app, { config, repos, clock, urls, assets, mailer, secure, secret });

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
  registerMediaFiles(app, { mediaDir: config.mediaDir });
  app.get('/favicon.ico', async (_req, reply) => reply.redirect(assets.favicon, 301));

  const search = new SearchService({ repos, clock });
  const feeds = new FeedService({ repos, comments: repos.comments });
  const mostRead = deps.mostRead ?? new MostRead({ repos, clock, onError: (e) => app.log.error(e) });
  // Counted views are written on close too (and by the timer main.ts starts).
  app.addHook('onClose', async () => { await mostRead.stop().catch(() => {}); });
  registerSearchApi(app, { search, repos, site, scheduler });
  registerSitemaps(app, { feeds, scheduler, site, clock });
  const comments = new CommentService({
    repos, clock, secret, mailer, log: (line) => app.log.info(line),
    articleUrl: async (a) => {
      const e = (await site.at(await scheduler.currentVersion())).editions.get(a.edition);
      return e && a.publishedAt ? urls.absolute(urls.article(e, { slug: a.slug, publishedAt: a.publishedAt })) : '';
    },
  });
  registerComments(app, { comments, pages: { articles, repos, mostRead, comments }, scheduler, site, secure });
  registerPublicSite(app, { articles, repos, scheduler, site, search, feeds, mostRead, comments, clock });
  return { fastify: app, scheduler, articles, mostRead };
}

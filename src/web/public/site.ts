import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { VersionedCache } from '../../platform/cache.ts';
import type { ArticleService } from '../../services/articles/articles.ts';
import type { Scheduler } from '../../services/scheduler/scheduler.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { type Outcome, renderErrorPage, renderRoute } from './render-route.tsx';
import { route } from './router.ts';
import type { SiteState } from './site-state.ts';

export interface PublicDeps {
  articles: ArticleService;
  repos: Repositories;
  scheduler: Scheduler;
  site: SiteState;
}

/** A rendered answer kept for the current content version. */
interface Cached {
  outcome: Outcome;
  etag: string;
  gzip?: Buffer;
}

// Public pages may be kept by browsers and CDNs, but must be revalidated (ETag) so a
// publish is seen at once.
const PUBLIC_CACHE = 'public, max-age=0, must-revalidate';
const GZIP_MIN_BYTES = 1024;

export function registerPublicSite(app: FastifyInstance, deps: PublicDeps): void {
  const cache = new VersionedCache<Cached>(2000);

  app.get('/*', async (req, reply) => {
    const version = await deps.scheduler.currentVersion();
    const site = await deps.site.at(version);
    const r = route(req.raw.url ?? '/', req.headers.host, site.editions);

    if (r.kind === 'redirect') return reply.redirect(r.location, r.permanent ? 301 : 302);
    const ctx = site.context(r.edition);
    if (r.kind === 'badRequest') return sendPage(req, reply, 400, renderErrorPage(ctx, 'badRequest'));
    if (r.kind === 'shortlink') {
      const found = await deps.articles.locatePublished(r.id);
      const e = found && site.editions.get(found.edition);
      if (!found || !e || !found.publishedAt) return sendPage(req, reply, 404, renderErrorPage(ctx, 'notFound'));
      return reply.redirect(ctx.urls.article(e, { slug: found.slug, publishedAt: found.publishedAt }), 301);
    }

    const key = JSON.stringify({ ...r, edition: r.edition.code });
    let hit = cache.get(key, version);
    if (!hit) {
      const outcome = r.kind === 'notFound' ? null : await renderRoute(r, ctx, deps);
      if (!outcome) {
        const notFoundKey = `404:${r.edition.code}`;
        hit = cache.get(notFoundKey, version);
        if (!hit) {
          hit = entry({ kind: 'page', status: 404, html: renderErrorPage(ctx, 'notFound') }, version);
          cache.set(notFoundKey, version, hit);
        }
      } else {
        hit = entry(outcome, version);
        cache.set(key, version, hit);
      }
    }
    return send(req, reply, hit);
  });
}

function entry(outcome: Outcome, version: number): Cached {
  const body = outcome.kind === 'page' ? outcome.html : outcome.location;
  return { outcome, etag: `W/"${version}-${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"` };
}

function send(req: FastifyRequest, reply: FastifyReply, c: Cached) {
  const o = c.outcome;
  if (o.kind === 'redirect') return reply.redirect(o.location, o.permanent ? 301 : 302);
  reply.header('cache-control', PUBLIC_CACHE).header('etag', c.etag).header('vary', 'Accept-Encoding');
  if (o.status === 200 && req.headers['if-none-match'] === c.etag) return reply.code(304).send();
  reply.code(o.status).type('text/html; charset=utf-8');
  if (o.html.length >= GZIP_MIN_BYTES && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    c.gzip ??= gzipSync(o.html, { level: 6 });
    return reply.header('content-encoding', 'gzip').send(c.gzip);
  }
  return reply.send(o.html);
}

/** An uncached page (errors): same headers as any public page, but never stored by caches. */
export function sendPage(_req: FastifyRequest, reply: FastifyReply, status: number, html: string) {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { VersionedCache } from '../../platform/cache.ts';
import type { ArticleService } from '../../services/articles/articles.ts';
import type { CommentService } from '../../services/comments/comments.ts';
import { articleViewOf } from './comments-view.ts';
import { heldCommentIds, withFormToken } from './comments.ts';
import type { Scheduler } from '../../services/scheduler/scheduler.ts';
import type { FeedService } from '../../services/feeds/feeds.ts';
import type { MostRead } from '../../services/popularity/most-read.ts';
import type { SearchService } from '../../services/search/search.ts';
import { renderSearchPage } from './search.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { type Outcome, renderErrorPage, renderRoute } from './render-route.tsx';
import { route } from './router.ts';
import type { SiteState } from './site-state.ts';

export interface PublicDeps {
  articles: ArticleService;
  repos: Repositories;
  scheduler: Scheduler;
  site: SiteState;
  search?: SearchService;
  feeds?: FeedService;
  mostRead?: MostRead;
  comments?: CommentService;
}

/** A rendered answer kept for the current content version. */
interface Cached {
  outcome: Outcome;
  etag: string;
  gzip?: Buffer;
  /** The page with the current second's comment-form token written in. */
  withToken?: { token: string; html: string; gzip?: Buffer };
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

    if (r.kind === 'search' && deps.search) {
      // Rendered per request, never stored: a cache keyed by what readers type could be filled at will.
      const html = await renderSearchPage(r.search, ctx, { search: deps.search, repos: deps.repos });
      return send(req, reply, entry({ kind: 'page', status: 200, html }, version));
    }

    // The "most read" list on home and article pages changes without a content write.
    // ?cpage= and ?replytocom= choose what the comment section shows (both cacheable).
    const view = r.kind === 'article' ? articleViewOf(req.raw.url ?? '') : {};
    const held = r.kind === 'article' && deps.comments ? heldCommentIds(req) : [];
    if (held.length) {
      // The reader's own held comments: rendered for them alone, never from or into the shared cache.
      const outcome = await renderRoute(r, ctx, deps, { ...view, heldIds: held });
      if (outcome?.kind !== 'page') return outcome ? reply.redirect(outcome.location, outcome.permanent ? 301 : 302) : sendPage(req, reply, 404, renderErrorPage(ctx, 'notFound'));
      const html = outcome.commentFormFor !== undefined && deps.comments ? withFormToken(outcome.html, deps.comments.formToken(outcome.commentFormFor)) : outcome.html;
      return reply.code(outcome.status).header('cache-control', 'private, no-store').type('text/html; charset=utf-8').send(html);
    }
    const key = JSON.stringify({ ...r, edition: r.edition.code, mostRead: deps.mostRead?.generation ?? 0, ...view });
    let hit = cache.get(key, version);
    if (!hit) {
      const outcome = r.kind === 'notFound' ? null : await renderRoute(r, ctx, deps, view);
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
    if (hit.outcome.kind === 'page' && hit.outcome.articleId !== undefined) deps.mostRead?.record(hit.outcome.articleId);
    return send(req, reply, hit, deps.comments);
  });
}

function entry(outcome: Outcome, version: number): Cached {
  const body = outcome.kind === 'page' ? outcome.html : outcome.location;
  return { outcome, etag: `W/"${version}-${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"` };
}

function send(req: FastifyRequest, reply: FastifyReply, c: Cached, comments?: CommentService) {
  const o = c.outcome;
  if (o.kind === 'redirect') return reply.redirect(o.location, o.permanent ? 301 : 302);
  let etag = c.etag;
  if (o.commentFormFor !== undefined && comments) {
    // The comment form's signed token is fresh in every response (the cached HTML holds a
    // placeholder), so its age is the time since THIS reader got the page; redone at most once a
    // second (tokens have one-second resolution). The ETag carries the token's hour, so a
    // revalidating browser gets a fresh token hourly rather than a 304 to an old one.
    const token = comments.formToken(o.commentFormFor);
    if (c.withToken?.token !== token) c.withToken = { token, html: withFormToken(o.html, token) };
    etag = `${c.etag.slice(0, -1)}-${Math.floor(Number(token.split('.')[0]) / 3600)}"`;
    return sendBody(req, reply.header('etag', etag), o.status, o.type, c.withToken);
  }
  reply.header('cache-control', PUBLIC_CACHE).header('etag', c.etag).header('vary', 'Accept-Encoding');
  if (o.status === 200 && req.headers['if-none-match'] === c.etag) return reply.code(304).send();
  reply.code(o.status).type(o.type ?? 'text/html; charset=utf-8');
  if (o.html.length >= GZIP_MIN_BYTES && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    c.gzip ??= gzipSync(o.html, { level: 6 });
    return reply.header('content-encoding', 'gzip').send(c.gzip);
  }
  return reply.send(o.html);
}

/** A comment-form page's body (with its token), gzipped once per token. */
function sendBody(req: FastifyRequest, reply: FastifyReply, status: number, type: string | undefined, page: { html: string; gzip?: Buffer }) {
  reply.header('cache-control', PUBLIC_CACHE).header('vary', 'Accept-Encoding');
  if (status === 200 && req.headers['if-none-match'] === reply.getHeader('etag')) return reply.code(304).send();
  reply.code(status).type(type ?? 'text/html; charset=utf-8');
  if (page.html.length >= GZIP_MIN_BYTES && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    page.gzip ??= gzipSync(page.html, { level: 6 });
    return reply.header('content-encoding', 'gzip').send(page.gzip);
  }
  return reply.send(page.html);
}

/** An uncached page (errors): same headers as any public page, but never stored by caches. */
export function sendPage(_req: FastifyRequest, reply: FastifyReply, status: number, html: string) {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

import { Type } from '@fastify/type-provider-typebox';
import type { Clock } from '../../platform/clock.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ArticleService } from '../../services/articles/articles.ts';
import type { CommentService } from '../../services/comments/comments.ts';
import { articleViewOf } from './comments-view.ts';
import { heldCommentIds, withFormToken } from './comments.ts';
import type { Scheduler } from '../../services/scheduler/scheduler.ts';
import type { FeedService } from '../../services/feeds/feeds.ts';
import type { MostRead } from '../../services/popularity/most-read.ts';
import type { SearchService } from '../../services/search/search.ts';
import { renderSearchPage } from './search.ts';
import type { ArchiveService } from '../../services/archives/archives.ts';
import type { StaticPageService } from '../../services/static-pages/static-pages.ts';
import { bodyOf, type Cached, PageCache, toCached } from './page-cache.ts';
import { renderErrorPage, renderRoute } from './render-route.tsx';
import { route } from './router.ts';
import type { SiteState } from './site-state.ts';

export interface PublicDeps {
  articles: ArticleService;
  archives: ArchiveService;
  staticPages: StaticPageService;
  scheduler: Scheduler;
  site: SiteState;
  search?: SearchService;
  feeds?: FeedService;
  mostRead?: MostRead;
  comments?: CommentService;
  /** How old a kept page is (its "most read" list may lag a few minutes). */
  clock: Clock;
}

// Public pages may be kept by browsers and CDNs, but must be revalidated (ETag) so a
// publish is seen at once.
const PUBLIC_CACHE = 'public, max-age=0, must-revalidate';

export function registerPublicSite(app: FastifyInstance, deps: PublicDeps): void {
  // Pages are kept gzipped (an article page ≈ 6 KB): the byte bound only bites on long threads.
  const pages = new PageCache(2000, 24 * 1024 * 1024, () => deps.clock.now().getTime());

  // The public router reads the whole URL itself (router.ts): editions, archives, pages, feeds, search.
  app.get('/*', { schema: { params: Type.Object({ '*': Type.String() }) } }, async (req, reply) => {
    const version = await deps.scheduler.currentVersion();
    const site = await deps.site.at(version);
    const r = route(req.raw.url ?? '/', req.headers.host, site.editions);

    if (r.kind === 'redirect') return reply.redirect(r.location, r.permanent ? 301 : 302);
    const ctx = site.context(r.edition);
    // WordPress's API discovery: every page names its edition's REST API root.
    reply.header('link', `<${ctx.urls.absolute(ctx.urls.restApiRoot(r.edition))}>; rel="https://api.w.org/"`);
    if (r.kind === 'badRequest') return sendPage(req, reply, 400, renderErrorPage(ctx, 'badRequest'));
    if (r.kind === 'shortlink') {
      const found = await deps.articles.locatePublished(r.id);
      const e = found && site.editions.get(found.edition);
      if (!found || !e || !found.publishedAt) return sendPage(req, reply, 404, renderErrorPage(ctx, 'notFound'));
      if (found.kind === 'page') return reply.redirect(ctx.urls.staticPage(e, found.slug), 301);
      return reply.redirect(ctx.urls.article(e, { slug: found.slug, publishedAt: found.publishedAt }), 301);
    }

    if (r.kind === 'search' && deps.search) {
      // Rendered per request, never stored: a cache keyed by what readers type could be filled at will.
      const html = await renderSearchPage(r.search, ctx, { search: deps.search, archives: deps.archives });
      return send(req, reply, toCached({ kind: 'page', status: 200, html }, version));
    }

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
    // The "most read" list on home and article pages changes without a content write: a soft
    // dependency (see PageCache).
    const key = JSON.stringify({ ...r, edition: r.edition.code, ...view });
    const hit =
      (r.kind === 'notFound' ? null : await pages.get(key, version, () => renderRoute(r, ctx, deps, view), deps.mostRead?.generation ?? 0)) ??
      (await pages.get(`404:${r.edition.code}`, version, async () => ({ kind: 'page', status: 404, html: renderErrorPage(ctx, 'notFound') })));
    if (hit?.kind === 'page' && hit.articleId !== undefined) deps.mostRead?.record(hit.articleId);
    return send(req, reply, hit!, deps.comments);
  });
}

function send(req: FastifyRequest, reply: FastifyReply, c: Cached, comments?: CommentService) {
  if (c.kind === 'redirect') return reply.redirect(c.location, c.permanent ? 301 : 302);
  let etag = c.etag;
  let token = '';
  if (c.form && comments) {
    // The comment form's signed token is fresh in every response (the cached bytes leave a gap
    // for it), so its age is the time since THIS reader got the page. The ETag carries the
    // token's hour, so a revalidating browser gets a fresh token hourly, not a 304 to an old one.
    token = comments.formToken(c.form.articleId);
    etag = `${c.etag.slice(0, -1)}-${Math.floor(Number(token.split('.')[0]) / 3600)}"`;
  }
  reply.header('cache-control', PUBLIC_CACHE).header('etag', etag).header('vary', 'Accept-Encoding');
  if (c.status === 200 && req.headers['if-none-match'] === etag) return reply.code(304).send();
  const { body, gzip } = bodyOf(c, /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')), token);
  reply.code(c.status).type(c.type);
  if (gzip) reply.header('content-encoding', 'gzip');
  return reply.send(body);
}

/** An uncached page (errors): same headers as any public page, but never stored by caches. */
export function sendPage(_req: FastifyRequest, reply: FastifyReply, status: number, html: string) {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

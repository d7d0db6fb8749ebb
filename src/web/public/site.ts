import { Type } from '@fastify/type-provider-typebox';
import type { Clock } from '../../platform/clock.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fastPath, type FastPathDeps } from './fast-path.ts';
import type { ArticleService } from '../../services/articles/articles.ts';
import type { CommentService } from '../../services/comments/comments.ts';
import { articleViewOf } from './comments-view.ts';
import { heldCommentIds, signedHeldList, withFormToken } from './comments.ts';
import type { Scheduler } from '../../services/scheduler/scheduler.ts';
import type { FeedService } from '../../services/feeds/feeds.ts';
import type { MostRead } from '../../services/popularity/most-read.ts';
import type { SearchService } from '../../services/search/search.ts';
import { renderSearchPage } from './search.ts';
import type { PageContext } from './presenters.ts';
import type { ArchiveService } from '../../services/archives/archives.ts';
import type { StaticPageService } from '../../services/static-pages/static-pages.ts';
import { answerOf, type Cached, cdnTagHeaders, PageCache, toCached } from './page-cache.ts';
import { renderErrorPage, renderRoute } from './render-route.tsx';
import { route } from './router.ts';
import { type KnownRoute, KnownRoutes } from './known-routes.ts';
import { invalidates } from '../../domain/invalidation.ts';
import type { SiteState, SiteView } from './site-state.ts';
import type { OldAddresses } from '../../services/wordpress/old-addresses.ts';
import { oldAddress, type OldRequest } from './old-address-router.ts';
import { isSameAddress, oldTargetLocation } from './old-addresses.ts';

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
  /** What old WordPress addresses name (the fallback before the 404). */
  oldAddresses?: OldAddresses;
  /** How old a kept page is (its "most read" list may lag a few minutes). */
  clock: Clock;
  /** Seconds a shared cache may keep a public page (CACHE_S_MAXAGE). */
  cacheSMaxAge: number;
  /** What the fast path needs of the app (fast-path.ts); without it, there is none. */
  fast?: Pick<FastPathDeps, 'securityHeaders' | 'requestId' | 'log'>;
}

/**
 * Browsers revalidate every time (ETag: a publish is seen at once); a shared cache (a CDN,
 * Varnish) keeps a page `s-maxage` seconds, and every write purges the pages it changes sooner,
 * by their surrogate keys. Stale pages may bridge a slow render or an outage of the site.
 */
export function publicCacheControl(sMaxAge: number): string {
  return sMaxAge > 0
    ? `public, max-age=0, s-maxage=${sMaxAge}, stale-while-revalidate=${Math.min(sMaxAge, 60)}, stale-if-error=86400`
    : 'public, max-age=0, must-revalidate';
}

/**
 * The public site's routes; returns the fast path for kept pages (fast-path.ts), to be asked
 * before Fastify (null without `deps.fast`).
 */
export function registerPublicSite(app: FastifyInstance, deps: PublicDeps): ((req: IncomingMessage, res: ServerResponse) => boolean) | null {
  const cacheControl = publicCacheControl(deps.cacheSMaxAge);
  // Keyed by the edition object: a settings change (a new host) makes new ones.
  const apiLinks = new WeakMap<object, string>();
  // Pages are kept gzipped (an article page ≈ 6 KB): the byte bound only bites on long threads.
  const pages = new PageCache(2000, 24 * 1024 * 1024, () => deps.clock.now().getTime());
  const knownRoutes = new KnownRoutes();

  /**
   * The old-address fallback, asked only when Khabar's own route found nothing: the WordPress
   * address the URL may be, looked up (and its redirect kept like a page, per content version).
   */
  const formerSite = async (req: FastifyRequest, site: SiteView, version: number, old: OldRequest | null) => {
    if (!old || !deps.oldAddresses) return null;
    const service = deps.oldAddresses;
    const key = `old:${old.edition.code}:${JSON.stringify(old.address)}`;
    const hit = await pages.get(key, version, async () => {
      const target = await service.resolve(old.edition.code, old.address);
      const location = target && oldTargetLocation(target, site.context(old.edition));
      // An import or a publish may change where it points: the front page's key purges it.
      return location ? { kind: 'redirect', location, permanent: true, keys: [invalidates.edition(old.edition.code), invalidates.home(old.edition.code)] } : null;
    });
    return hit?.kind === 'redirect' && isSameAddress(hit.location, req.raw.url ?? '/', req.headers.host) ? null : hit;
  };

  // WordPress's API discovery: every page names its edition's REST API root (built once per
  // edition of a settings snapshot, not per response).
  const apiLink = (ctx: PageContext) => {
    let link = apiLinks.get(ctx.edition);
    if (link === undefined) apiLinks.set(ctx.edition, (link = `<${ctx.urls.absolute(ctx.urls.restApiRoot(ctx.edition))}>; rel="https://api.w.org/"`));
    return link;
  };
  const setApiLink = (reply: FastifyReply, ctx: PageContext) => reply.header('link', apiLink(ctx));

  /**
   * A URL not yet known at this content version: routed, and answered here unless it names a
   * page (a redirect, a refusal, a short link, a search); a page's route is remembered.
   */
  const routeFirst = async (req: FastifyRequest, reply: FastifyReply, site: SiteView, version: number): Promise<KnownRoute | null> => {
    const url = req.raw.url ?? '/';
    let r = route(url, req.headers.host, site.editions);
    // A path without its closing slash that Khabar has no page for even with it (/archives/5,
    // WordPress's numeric permalinks, or /<slug> that is no static page): the old address is
    // answered at once, not after a hop to add the slash.
    if (r.kind === 'redirect' && r.permanent && !pathOf(url).endsWith('/')) {
      const slashed = route(withSlash(url), req.headers.host, site.editions);
      if (slashed.kind === 'notFound') r = slashed;
      else if (slashed.kind === 'staticPage') {
        // The static page's render is kept under the key the slashed request will ask for.
        const kept = await pages.get(JSON.stringify({ ...slashed, edition: slashed.edition.code }), version, () => renderRoute(slashed, site.context(slashed.edition), deps), deps.mostRead?.generation ?? 0);
        const hit = kept ? null : await formerSite(req, site, version, oldAddress(url, req.headers.host, site.editions));
        if (hit) {
          send(req, reply, hit, cacheControl);
          return null;
        }
      }
    }
    if (r.kind === 'redirect') {
      reply.redirect(r.location, r.permanent ? 301 : 302);
      return null;
    }
    const ctx = site.context(r.edition);
    if (r.kind === 'badRequest' || r.kind === 'shortlink' || r.kind === 'search') {
      setApiLink(reply, ctx);
      if (r.kind === 'badRequest') sendPage(req, reply, 400, renderErrorPage(ctx, 'badRequest'));
      else if (r.kind === 'shortlink') {
        // /?p=ID: the edition's WordPress id first, then Khabar's own id.
        const hit = await formerSite(req, site, version, { edition: r.edition, address: { kind: 'post', ref: { id: r.id, type: 'post' } } });
        if (hit) send(req, reply, hit, cacheControl);
        else sendPage(req, reply, 404, renderErrorPage(ctx, 'notFound'));
      } else if (!deps.search) sendPage(req, reply, 404, renderErrorPage(ctx, 'notFound'));
      else {
        // Rendered per request, never stored: a cache keyed by what readers type could be filled at will.
        const html = await renderSearchPage(r.search, ctx, { search: deps.search, archives: deps.archives });
        send(req, reply, toCached({ kind: 'page', status: 200, html, keys: [invalidates.edition(r.edition.code), invalidates.home(r.edition.code)] }, version), cacheControl);
      }
      return null;
    }
    // ?cpage= and ?replytocom= choose what the comment section shows (both cacheable).
    const view = r.kind === 'article' ? articleViewOf(url) : {};
    const known = { r, view, key: JSON.stringify({ ...r, edition: r.edition.code, ...view }) };
    // A made-up address is routed again each time it is asked: only pages are remembered.
    if (r.kind !== 'notFound') knownRoutes.remember(site.editions, req.headers.host, url, known);
    return known;
  };

  // The public router reads the whole URL itself (router.ts): editions, archives, pages, feeds, search.
  app.get('/*', { schema: { params: Type.Object({ '*': Type.String() }) } }, async (req, reply) => {
    const version = await deps.scheduler.currentVersion();
    const site = await deps.site.at(version);
    const known = knownRoutes.get(site.editions, req.headers.host, req.raw.url ?? '/') ?? (await routeFirst(req, reply, site, version));
    if (!known) return reply; // answered while routing
    const { r, view, key } = known;
    const ctx = site.context(r.edition);
    setApiLink(reply, ctx);
    const held = r.kind === 'article' && deps.comments ? heldCommentIds(req) : [];
    if (held.length) {
      // The reader's own held comments: rendered for them alone, never from or into the shared cache.
      const outcome = await renderRoute(r, ctx, deps, { ...view, heldIds: held, heldList: signedHeldList(reply, held) });
      if (outcome?.kind !== 'page') return outcome ? reply.redirect(outcome.location, outcome.permanent ? 301 : 302) : sendPage(req, reply, 404, renderErrorPage(ctx, 'notFound'));
      const html = outcome.commentFormFor !== undefined && deps.comments ? withFormToken(outcome.html, deps.comments.formToken(outcome.commentFormFor)) : outcome.html;
      return reply.code(outcome.status).header('cache-control', 'private, no-store').type('text/html; charset=utf-8').send(html);
    }
    // The "most read" list on home and article pages changes without a content write: a soft
    // dependency (see PageCache).
    const hit =
      (r.kind === 'notFound' ? null : await pages.get(key, version, () => renderRoute(r, ctx, deps, view), deps.mostRead?.generation ?? 0)) ??
      // Only a miss reaches the old addresses: a one-slug miss may be a /%postname%/ permalink.
      (r.kind === 'notFound' || r.kind === 'staticPage' ? await formerSite(req, site, version, oldAddress(req.raw.url ?? '/', req.headers.host, site.editions)) : null) ??
      // A missing page may be published later: the front page's key (every publish) purges it.
      (await pages.get(`404:${r.edition.code}`, version, async () => ({ kind: 'page', status: 404, html: renderErrorPage(ctx, 'notFound'), keys: [invalidates.edition(r.edition.code), invalidates.home(r.edition.code)] })));
    return send(req, reply, hit!, cacheControl, deps.comments);
  });

  if (!deps.fast) return null;
  return fastPath({
    ...deps.fast,
    scheduler: deps.scheduler,
    site: deps.site,
    knownRoutes,
    pages,
    soft: () => deps.mostRead?.generation ?? 0,
    ...(deps.comments && { comments: deps.comments }),
    cacheControl,
    apiLink,
  });
}

const pathOf = (url: string) => url.split('?', 1)[0]!;
const withSlash = (url: string) => {
  const q = url.indexOf('?');
  return q < 0 ? `${url}/` : `${url.slice(0, q)}/${url.slice(q)}`;
};

function send(req: FastifyRequest, reply: FastifyReply, c: Cached, cacheControl: string, comments?: CommentService) {
  if (c.kind === 'redirect') {
    if (c.surrogate) reply.headers(cdnTagHeaders(c.surrogate));
    return reply.redirect(c.location, c.permanent ? 301 : 302);
  }
  const token = c.form && comments ? comments.formToken(c.form.articleId) : '';
  const a = answerOf(c, cacheControl, token, String(req.headers['accept-encoding'] ?? ''), req.headers['if-none-match']);
  reply.code(a.status).headers(a.headers);
  return a.body ? reply.send(a.body.length === 1 ? a.body[0] : Buffer.concat(a.body, a.length)) : reply.send();
}

/** An uncached page (errors): same headers as any public page, but never stored by caches. */
export function sendPage(_req: FastifyRequest, reply: FastifyReply, status: number, html: string) {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

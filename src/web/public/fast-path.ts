import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CommentService } from '../../services/comments/comments.ts';
import type { Scheduler } from '../../services/scheduler/scheduler.ts';
import { HELD_COOKIE } from './comments.ts';
import type { KnownRoutes } from './known-routes.ts';
import { answerOf, type PageCache } from './page-cache.ts';
import type { PageContext } from './presenters.ts';
import type { SiteState } from './site-state.ts';

/** The fields of an access line (web/access-log.ts writes the same for every other answer). */
export interface AccessFields {
  reqId: string;
  method: string;
  url: string;
  statusCode: number;
  responseTime: number;
  bytes: number;
}

export interface FastPathDeps {
  scheduler: Pick<Scheduler, 'currentVersionNow'>;
  site: Pick<SiteState, 'atNow'>;
  knownRoutes: KnownRoutes;
  pages: PageCache;
  /** The "most read" list's generation (the pages' soft dependency). */
  soft: () => number;
  comments?: Pick<CommentService, 'formToken'>;
  cacheControl: string;
  /** Every answer's security headers (web/security-headers.ts). */
  securityHeaders: Record<string, string>;
  /** The edition's REST API discovery header. */
  apiLink: (ctx: PageContext) => string;
  /** The request id, from the same sequence as Fastify's. */
  requestId: () => string;
  /** Writes the access line; null when the access log is off. */
  log: ((fields: AccessFields) => void) | null;
}

/**
 * A public page already kept for this content version, answered straight from the HTTP
 * server's request event, before Fastify builds its request and reply, routes, validates and
 * runs its hooks — which cost more than the rest of such a hit (issue 20's limit is a bare
 * Fastify serving the same bytes). Everything else — a miss, a render, a held comment's
 * cookie, a revalidation, HEAD, a version that needs a round trip (PostgreSQL without Redis) or
 * a publish that fell due — returns false and goes through Fastify as before, which is also
 * what fills the page cache and the known routes this reads. The answer's bytes are the same
 * either way: both paths build them with `answerOf`, and a test compares them.
 */
export function fastPath(deps: FastPathDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const security = Object.entries(deps.securityHeaders).flat();
  return (req, res) => {
    if (req.method !== 'GET' || req.headers['if-none-match'] !== undefined) return false;
    const cookie = req.headers.cookie;
    if (cookie !== undefined && cookie.includes(HELD_COOKIE)) return false;
    const started = performance.now();
    // Read as Fastify's path reads it: a write from any process shows on the next request.
    const version = deps.scheduler.currentVersionNow();
    if (version === undefined) return false;
    const site = deps.site.atNow(version);
    if (!site) return false;
    const url = req.url ?? '/';
    const known = deps.knownRoutes.get(site.editions, req.headers.host, url);
    if (!known) return false;
    const c = deps.pages.peek(known.key, version, deps.soft());
    if (c?.kind !== 'page' || (c.form && !deps.comments)) return false;
    const token = c.form ? deps.comments!.formToken(c.form.articleId) : '';
    const a = answerOf(c, deps.cacheControl, token, String(req.headers['accept-encoding'] ?? ''));
    const body = a.body!;
    const headers = [...security, 'link', deps.apiLink(site.context(known.r.edition))];
    for (const name in a.headers) headers.push(name, a.headers[name]!);
    headers.push('content-length', String(body.length));
    res.writeHead(a.status, headers);
    res.end(body);
    deps.log?.({ reqId: deps.requestId(), method: 'GET', url, statusCode: a.status, responseTime: Math.round((performance.now() - started) * 100) / 100, bytes: body.length });
    return true;
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CommentService } from '../../services/comments/comments.ts';
import type { Scheduler } from '../../services/scheduler/scheduler.ts';
import { HELD_COOKIE } from './comments.ts';
import type { KnownRoutes } from './known-routes.ts';
import { answerOf, type CachedPage, type Encodings, encodingsTaken, type PageCache } from './page-cache.ts';
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
  const prepared = new PreparedAnswers();
  const encodingsOf = encodingsReader();
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
    const link = deps.apiLink(site.context(known.r.edition));
    const a = prepared.get(c, encodingsOf(req.headers['accept-encoding']), token, link, (accepts) => {
      const answer = answerOf(c, deps.cacheControl, token, accepts);
      const headers = [...security, 'link', link];
      for (const name in answer.headers) headers.push(name, answer.headers[name]!);
      headers.push('content-length', String(answer.length));
      return { status: answer.status, headers, parts: answer.body!, length: answer.length };
    });
    res.writeHead(a.status, a.headers);
    // One write all the same: the socket is corked until end().
    const last = a.parts.length - 1;
    for (let i = 0; i < last; i++) res.write(a.parts[i]);
    res.end(a.parts[last]);
    deps.log?.({ reqId: deps.requestId(), method: 'GET', url, statusCode: a.status, responseTime: Math.round((performance.now() - started) * 100) / 100, bytes: a.length });
    return true;
  };
}

/** What a response is sent as: the same for every reader of a page, until its form token changes. */
interface Prepared {
  status: number;
  /** Every header, flat (name, value, …), as writeHead takes them. */
  headers: string[];
  parts: Buffer[];
  length: number;
}

/**
 * The answers last sent for each kept page, one per set of encodings a client takes: the token
 * (fresh per second), the ETag (which carries its hour) and the edition's link are all that can
 * differ between two readers of one page, so the headers and the body's pieces are made once per
 * page and second rather than per response (made anew, they cost more than the rest of the fast
 * path, and their garbage more scavenges). Held beside the page: they go with it.
 */
class PreparedAnswers {
  private readonly byPage = new WeakMap<CachedPage, ({ token: string; link: string; answer: Prepared } | undefined)[]>();

  get(page: CachedPage, encodings: Encodings, token: string, link: string, make: (acceptEncoding: string) => Prepared): Prepared {
    let slots = this.byPage.get(page);
    if (!slots) this.byPage.set(page, (slots = []));
    const slot = slots[encodings];
    if (slot && slot.token === token && slot.link === link) return slot.answer;
    const answer = make(ACCEPT_ENCODING[encodings]);
    // Within the hour the headers are those of the last token's: that list is kept and the new
    // one left to the next scavenge, so what outlives it is a few small pieces, not forty strings.
    if (slot && sameStrings(slot.answer.headers, answer.headers)) answer.headers = slot.answer.headers;
    slots[encodings] = { token, link, answer };
    return answer;
  }
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// An Accept-Encoding that answerOf reads as each of those.
const ACCEPT_ENCODING = ['', 'gzip', 'br', 'gzip, br'] as const;

/**
 * Reads Accept-Encoding as answerOf does. Clients send a handful of distinct values (every
 * Chromium the same one): the last one read is remembered, so most requests cost a string
 * comparison, not two regular expressions.
 */
function encodingsReader(): (accept: string | undefined) => Encodings {
  let last: string | undefined;
  let encodings: Encodings = 0;
  return (accept) => {
    if (accept !== last) {
      last = accept;
      encodings = encodingsTaken(accept);
    }
    return encodings;
  };
}

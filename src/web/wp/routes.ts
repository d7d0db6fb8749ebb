import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Edition } from '../../domain/edition.ts';
import { NotFound } from '../../domain/errors.ts';
import { invalidates, type InvalidationKey, surrogateKey } from '../../domain/invalidation.ts';
import { VersionedCache } from '../../platform/cache.ts';
import type { Services } from '../../services/services.ts';
import { publicCacheControl } from '../public/site.ts';
import type { FastPathDeps } from '../public/fast-path.ts';
import { cdnTagHeaders } from '../public/page-cache.ts';
import type { SiteState } from '../public/site-state.ts';
import { index, listArticles, listComments, listMedia, listTerms, listUsers, oneArticle, search, taxonomies, types, type WpAnswer, type WpRequestContext } from './endpoints.ts';
import { canonicalQuery, type RawQuery, WpCommentBody, type WpCommentInput, WpPathParams, WpQuery, WpQuerystring } from './params.ts';
import { postComment } from './post-comment.ts';
import { WpRefusal, type WpResource, wpErrorOf } from './wp-errors.ts';
import { owned } from '../../platform/owned-buffer.ts';

export interface WordpressApiDeps {
  services: Services;
  site: SiteState;
  /** Seconds a shared cache may keep an answer (CACHE_S_MAXAGE), as for public pages. */
  cacheSMaxAge: number;
  /** What the fast path needs of the app (public/fast-path.ts); without it, there is none. */
  fast?: Pick<FastPathDeps, 'securityHeaders' | 'requestId' | 'log'>;
}

/**
 * An answer kept for the current content version, ready to send: its bytes (JSON, and gzip when
 * worth it) and every header, built once, so a hit only picks one set and writes it.
 */
interface Kept {
  status: number;
  etag: string;
  body: Buffer;
  gzip: Buffer | null;
  /** For the uncompressed body, for the gzip one, and for a 304 (no body, no type). */
  plainHeaders: Record<string, string>;
  gzipHeaders: Record<string, string>;
  notModifiedHeaders: Record<string, string>;
}

const GZIP_MIN_BYTES = 1024;
const JSON_TYPE = 'application/json; charset=UTF-8';
// Browsers' apps read the paging headers across origins, as WordPress lets them.
const CORS = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'X-WP-Total, X-WP-TotalPages, Link' };

/** What a request asked for, so its error is worded in its edition's language with the right code. */
const asked = new WeakMap<FastifyRequest, { edition: Edition; resource?: WpResource }>();

/**
 * The WordPress REST API of every edition, at `/<edition>/wp-json/` (`/wp-json/` is the default
 * edition's, or the one whose host this is). Reads call the same services as the pages and are
 * kept per content version like them; errors take WordPress's shape (wp-errors.ts).
 */
export async function registerWordpressApi(app: FastifyInstance, deps: WordpressApiDeps): Promise<((req: IncomingMessage, res: ServerResponse) => boolean) | null> {
  const { services, site } = deps;
  const cacheControl = publicCacheControl(deps.cacheSMaxAge);
  // Bounded by entries and bytes: the keys are addresses a client chooses.
  const kept = new VersionedCache<Kept>(2000, { maxBytes: 16 * 1024 * 1024, sizeOf: (k) => 1000 + k.body.length + (k.gzip?.length ?? 0) });
  // The key of an answer by the address exactly as asked (host and URL): a repeated request finds
  // its answer without resolving its edition or normalising its query (the bytes stay bounded above).
  const keyOfAddress = new VersionedCache<string>(4000);
  // Requests that miss together share one answer (after a write every client misses at once).
  const answering = new Map<string, Promise<Kept>>();

  await app.register(async (scope) => {
    scope.setErrorHandler(async (err, req, reply) => {
      const a = asked.get(req);
      let locale = a?.edition.locale;
      if (!locale) {
        try {
          locale = (await site.at(await services.scheduler.currentVersion())).editions.default.locale;
        } catch {
          locale = 'en';
        }
      }
      const body = wpErrorOf(err, locale, a?.resource);
      if (body.data.status >= 500) req.log.error({ err, reqId: req.id }, 'request failed');
      return reply.code(body.data.status).headers(CORS).header('cache-control', 'no-store').type(JSON_TYPE).send(JSON.stringify(body));
    });

    const typed = scope.withTypeProvider<TypeBoxTypeProvider>();
    const schema = { params: WpPathParams, querystring: WpQuerystring };

    // Searches are computed per request: limited per address. Kept answers pass no limiter at all.
    const searchLimit = scope.rateLimit({ max: SEARCHES_PER_MINUTE, timeWindow: 60_000 });

    const get = async (req: FastifyRequest<{ Params: { edition?: string; '*'?: string }; Querystring: RawQuery }>, reply: FastifyReply) => {
      const version = await services.scheduler.currentVersion();
      const url = req.raw.url ?? '';
      const address = `${req.headers.host ?? ''} ${url}`;
      const known = keyOfAddress.get(address, version);
      const knownHit = known === undefined ? undefined : kept.get(known, version);
      if (knownHit) return send(req, reply, knownHit);
      const r = await requestContext(req, version);
      const path = routePath(req.params['*']);
      // A search is answered afresh: a cache keyed by whatever readers type could be filled at will.
      if (isSearch(path, url)) {
        await searchLimit.call(scope, req, reply);
        return send(req, reply, keep(await dispatch(r, path, new WpQuery(req.query), req), r, path, canonicalQuery(rawQueryOf(url)), version, cacheControl, 6));
      }
      const raw = canonicalQuery(rawQueryOf(url));
      const key = `${r.edition.code} ${path} ${raw}`;
      const hit = kept.get(key, version);
      if (hit) {
        keyOfAddress.set(address, version, key);
        return send(req, reply, hit);
      }
      const pendingKey = `${version} ${key}`;
      let pending = answering.get(pendingKey);
      if (!pending) {
        pending = dispatch(r, path, new WpQuery(req.query), req)
          .then((a) => {
            const k = keep(a, r, path, raw, version, cacheControl);
            kept.set(key, version, k);
            return k;
          })
          .finally(() => answering.delete(pendingKey));
        answering.set(pendingKey, pending);
      } else {
        // This request shares another's answer; its error, if any, is worded for its own resource.
        const m = /^wp\/v2\/(\w+)/.exec(path)?.[1];
        const resource = ({ posts: 'post', pages: 'page', categories: 'term', tags: 'term', users: 'user', comments: 'comment', media: 'media' } as const)[m as 'posts'];
        asked.set(req, { edition: r.edition, ...(resource && { resource }) });
      }
      const answer = await pending;
      keyOfAddress.set(address, version, key);
      return send(req, reply, answer);
    };

    const post = async (req: FastifyRequest<{ Params: { edition?: string; '*'?: string }; Body: WpCommentInput }>, reply: FastifyReply) => {
      const version = await services.scheduler.currentVersion();
      const r = await requestContext(req, version);
      const path = routePath(req.params['*']);
      if (path !== 'wp/v2/comments') throw new WpRefusal('rest_no_route', 404, { field: '', code: 'no_route' });
      const out = await postComment(r, req.body ?? {}, { ip: req.ip, userAgent: String(req.headers['user-agent'] ?? ''), version });
      return reply.code(out.status).headers(CORS).header('cache-control', 'no-store').type(JSON_TYPE).send(JSON.stringify(out.body));
    };

    for (const url of ['/wp-json', '/wp-json/*', '/:edition/wp-json', '/:edition/wp-json/*']) {
      typed.get(url, { schema }, get);
      // An anonymous write: limited per address on top of the comment rules' own flood check.
      typed.post(url, { schema: { params: WpPathParams, body: WpCommentBody }, config: { rateLimit: { max: 10, timeWindow: 60_000 } } }, post);
      // Nothing here is changed or deleted through the API: WordPress's answer to a method a route lacks.
      typed.route({
        method: ['PUT', 'PATCH', 'DELETE'], url, schema: { params: WpPathParams },
        handler: async (req: FastifyRequest<{ Params: { edition?: string } }>) => {
          await requestContext(req, await services.scheduler.currentVersion());
          throw new WpRefusal('rest_no_route', 404, { field: '', code: 'no_route' });
        },
      });
      // A browser app's preflight before it posts a comment as JSON.
      typed.options(url, { schema: { params: WpPathParams } }, async (_req, reply) =>
        reply.code(204).headers(CORS).header('access-control-allow-methods', 'GET, POST').header('access-control-allow-headers', 'Content-Type').header('access-control-max-age', '86400').send());
    }
  });

  return deps.fast ? keptAnswers(deps.fast, services.scheduler, (address, version) => {
    const key = keyOfAddress.get(address, version);
    return key === undefined ? undefined : kept.get(key, version);
  }) : null;

  /** The edition this address belongs to, and its API root; an unknown prefix is WordPress's "no route". */
  async function requestContext(req: FastifyRequest<{ Params: { edition?: string } }>, version: number): Promise<WpRequestContext> {
    const { editions } = await site.at(version);
    const onHost = editions.forHost(req.headers.host);
    const code = req.params.edition;
    const edition = code === undefined ? (onHost ?? editions.default) : onHost ? undefined : editions.get(code);
    asked.set(req, { edition: edition ?? onHost ?? editions.default });
    if (!edition) throw new WpRefusal('rest_no_route', 404, { field: '', code: 'no_route' });
    // The default edition also answers at /wp-json/; it names its root as the edition's own.
    return { services, edition, root: services.urls.absolute(services.urls.restApiRoot(edition)) };
  }

  async function dispatch(r: WpRequestContext, path: string, q: WpQuery, req: FastifyRequest): Promise<WpAnswer> {
    if (path === '') return index(r, false);
    if (path === 'wp/v2') return index(r, true);
    const named = /^wp\/v2\/(types|taxonomies)(?:\/([\w-]{1,40}))?$/.exec(path);
    if (named) return named[1] === 'types' ? types(r, named[2]) : taxonomies(r, named[2]);
    // Nobody signs in through the API: "me" is nobody.
    if (path === 'wp/v2/users/me') throw new WpRefusal('rest_not_logged_in', 401, { field: '', code: 'login_required' });
    const m = /^wp\/v2\/(posts|pages|categories|tags|users|comments|media|search)(?:\/(\d{1,9}))?$/.exec(path);
    if (!m || (m[1] === 'search' && m[2])) throw new WpRefusal('rest_no_route', 404, { field: '', code: 'no_route' });
    const [, what, idText] = m;
    const id = idText === undefined ? undefined : Number(idText);
    const mark = (resource: WpResource) => asked.set(req, { edition: r.edition, resource });
    switch (what) {
      case 'posts':
      case 'pages': {
        const kind = what === 'posts' ? 'post' : 'page';
        mark(kind);
        return id === undefined ? listArticles(r, kind, q) : oneArticle(r, kind, id, q);
      }
      case 'categories':
      case 'tags':
        mark('term');
        return listTerms(r, what === 'categories' ? 'category' : 'tag', q, id);
      case 'users':
        mark('user');
        return listUsers(r, q, id);
      case 'comments':
        mark('comment');
        return listComments(r, q, id);
      case 'media':
        mark('media');
        return listMedia(r, q, id);
      case 'search':
        return search(r, q);
      default:
        throw new NotFound(path);
    }
  }
}

const SEARCHES_PER_MINUTE = 120;

/**
 * A request answered afresh: the search endpoint, or any `search` parameter (by its decoded name,
 * so `%73earch=` is one too; the query is only parsed when it could hold one).
 */
function isSearch(path: string, url: string): boolean {
  if (path === 'wp/v2/search') return true;
  const q = url.indexOf('?');
  if (q < 0) return false;
  const query = url.slice(q + 1);
  return (query.includes('search') || query.includes('%')) && new URLSearchParams(query).has('search');
}

/** The route under the API root, without its slashes: '' (the index), 'wp/v2', 'wp/v2/posts', … */
function routePath(star: string | undefined): string {
  return (star ?? '').replace(/^\/+|\/+$/g, '');
}

function rawQueryOf(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at + 1);
}

/**
 * The serialised answer with all its headers: WordPress's paging (`X-WP-Total`,
 * `X-WP-TotalPages`, `Link` next/prev), the shared-cache lifetime of public pages, and the
 * surrogate keys of what it shows (the edition's key always: its settings, names and ids show in
 * every answer), so a CDN in front purges it on exactly the writes that change it.
 */
function keep(a: WpAnswer, r: WpRequestContext, path: string, raw: string, version: number, cacheControl: string, gzipLevel = 9): Kept {
  const common: Record<string, string> = { ...CORS };
  if (a.total !== undefined && a.pages !== undefined) {
    common['x-wp-total'] = String(a.total);
    common['x-wp-totalpages'] = String(a.pages);
    const params = new URLSearchParams(raw);
    const page = Number(params.get('page') ?? '1') || 1;
    const at = (p: number) => {
      params.set('page', String(p));
      return `<${r.root}${path}?${params.toString()}>`;
    };
    const links: string[] = [];
    if (page > 1) links.push(`${at(Math.min(page - 1, Math.max(a.pages, 1)))}; rel="prev"`);
    if (page < a.pages) links.push(`${at(page + 1)}; rel="next"`);
    if (links.length) common.link = links.join(', ');
  }
  const keys: InvalidationKey[] = [invalidates.edition(r.edition.code), ...(a.keys ?? [])];
  const body = owned(Buffer.from(JSON.stringify(a.body)));
  const etag = `W/"${version}-${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`;
  Object.assign(common, cdnTagHeaders([...new Set(keys.map(surrogateKey))].join(' ')), { 'cache-control': cacheControl, etag, vary: 'Accept-Encoding' });
  const plainHeaders = { ...common, 'content-type': JSON_TYPE };
  return {
    status: a.status, etag, body,
    // A kept answer is compressed once per content version, so at the highest level (fewer bytes
    // on every response); a search, made per request, at the usual one.
    gzip: body.length >= GZIP_MIN_BYTES ? owned(gzipSync(body, { level: gzipLevel })) : null,
    plainHeaders, gzipHeaders: { ...plainHeaders, 'content-encoding': 'gzip' }, notModifiedHeaders: common,
  };
}

const GZIP = /\bgzip\b/;

/**
 * An answer kept for this content version, found by the address exactly as asked, sent straight
 * from the HTTP server's request event as public pages are (public/fast-path.ts): Fastify's
 * request, routing, validation and hooks cost more than the rest of such a hit. The same
 * status, headers and bytes as `send` (a test compares them). A revalidation, HEAD, anything
 * not kept, or a version that needs a round trip goes to Fastify, which is also what keeps them.
 */
function keptAnswers(
  deps: Pick<FastPathDeps, 'securityHeaders' | 'requestId' | 'log'>,
  scheduler: Services['scheduler'],
  find: (address: string, version: number) => Kept | undefined,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const security = Object.entries(deps.securityHeaders).flat();
  // Every header of a kept answer, flat as writeHead takes them, made once per answer and encoding.
  const flat = new WeakMap<Kept, { plain?: string[]; gzip?: string[] }>();
  const headersOf = (k: Kept, gzip: boolean) => {
    let f = flat.get(k);
    if (!f) flat.set(k, (f = {}));
    const made = gzip ? f.gzip : f.plain;
    if (made) return made;
    const out = [...security];
    for (const [name, value] of Object.entries(gzip ? k.gzipHeaders : k.plainHeaders)) out.push(name, value);
    out.push('content-length', String(gzip ? k.gzip!.length : k.body.length));
    return gzip ? (f.gzip = out) : (f.plain = out);
  };
  return (req, res) => {
    const url = req.url ?? '';
    if (req.method !== 'GET' || !url.includes('/wp-json') || req.headers['if-none-match'] !== undefined) return false;
    const started = performance.now();
    const version = scheduler.currentVersionNow();
    if (version === undefined) return false;
    const k = find(`${req.headers.host ?? ''} ${url}`, version);
    if (!k) return false;
    const gzip = k.gzip !== null && GZIP.test(req.headers['accept-encoding'] ?? '');
    const body = gzip ? k.gzip! : k.body;
    res.writeHead(k.status, headersOf(k, gzip));
    res.end(body);
    deps.log?.({ reqId: deps.requestId(), method: 'GET', url, statusCode: k.status, responseTime: Math.round((performance.now() - started) * 100) / 100, bytes: body.length });
    return true;
  };
}

function send(req: FastifyRequest, reply: FastifyReply, k: Kept) {
  if (k.status === 200 && req.headers['if-none-match'] === k.etag) return reply.code(304).headers(k.notModifiedHeaders).send();
  if (k.gzip && GZIP.test(req.headers['accept-encoding'] ?? '')) return reply.code(k.status).headers(k.gzipHeaders).send(k.gzip);
  return reply.code(k.status).headers(k.plainHeaders).send(k.body);
}

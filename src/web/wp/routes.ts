import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Edition } from '../../domain/edition.ts';
import { NotFound } from '../../domain/errors.ts';
import { VersionedCache } from '../../platform/cache.ts';
import type { Services } from '../../services/services.ts';
import type { SiteState } from '../public/site-state.ts';
import { index, listArticles, listComments, listMedia, listTerms, listUsers, oneArticle, search, taxonomies, types, type WpAnswer, type WpRequestContext } from './endpoints.ts';
import { canonicalQuery, type RawQuery, WpCommentBody, type WpCommentInput, WpPathParams, WpQuery, WpQuerystring } from './params.ts';
import { postComment } from './post-comment.ts';
import { WpRefusal, type WpResource, wpErrorOf } from './wp-errors.ts';

export interface WordpressApiDeps {
  services: Services;
  site: SiteState;
}

/** An answer kept for the current content version, ready to send. */
interface Kept {
  status: number;
  etag: string;
  headers: Record<string, string>;
  body: Buffer;
  gzip: Buffer | null;
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
export async function registerWordpressApi(app: FastifyInstance, deps: WordpressApiDeps): Promise<void> {
  const { services, site } = deps;
  // Bounded by entries and bytes: the keys are addresses a client chooses.
  const kept = new VersionedCache<Kept>(2000, { maxBytes: 16 * 1024 * 1024, sizeOf: (k) => 300 + k.body.length + (k.gzip?.length ?? 0) });
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

    const get = async (req: FastifyRequest<{ Params: { edition?: string; '*'?: string }; Querystring: RawQuery }>, reply: FastifyReply) => {
      const version = await services.scheduler.currentVersion();
      const r = await requestContext(req, version);
      const path = routePath(req.params['*']);
      const raw = canonicalQuery(rawQueryOf(req.raw.url ?? ''));
      // A search is answered afresh: a cache keyed by whatever readers type could be filled at will.
      const cacheable = !isSearch(req.url);
      const key = `${r.edition.code} ${path} ${raw}`;
      const hit = cacheable ? kept.get(key, version) : undefined;
      if (hit) return send(req, reply, hit);
      const answer = async () => keep(await dispatch(r, path, new WpQuery(req.query), req), r.root, path, raw, version);
      if (!cacheable) return send(req, reply, await answer());
      const pendingKey = `${version} ${key}`;
      let pending = answering.get(pendingKey);
      if (!pending) {
        pending = answer()
          .then((k) => {
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
      return send(req, reply, await pending);
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
      // Kept answers cost nothing; a search is computed each time, so searches are limited per address.
      typed.get(url, { schema, config: { rateLimit: { max: SEARCHES_PER_MINUTE, timeWindow: 60_000, allowList: (req) => !isSearch(req.url) } } }, get);
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

/** A request answered afresh: any `search` parameter, or the search endpoint. */
function isSearch(url: string): boolean {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  return /\/wp\/v2\/search\/?$/.test(path) || (q >= 0 && new URLSearchParams(url.slice(q + 1)).has('search'));
}

/** The route under the API root, without its slashes: '' (the index), 'wp/v2', 'wp/v2/posts', … */
function routePath(star: string | undefined): string {
  return (star ?? '').replace(/^\/+|\/+$/g, '');
}

function rawQueryOf(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at + 1);
}

/** The serialised answer with WordPress's paging headers (`X-WP-Total`, `X-WP-TotalPages`, `Link` next/prev). */
function keep(a: WpAnswer, root: string, path: string, raw: string, version: number): Kept {
  const headers: Record<string, string> = {};
  if (a.total !== undefined && a.pages !== undefined) {
    headers['x-wp-total'] = String(a.total);
    headers['x-wp-totalpages'] = String(a.pages);
    const params = new URLSearchParams(raw);
    const page = Number(params.get('page') ?? '1') || 1;
    const at = (p: number) => {
      params.set('page', String(p));
      return `<${root}${path}?${params.toString()}>`;
    };
    const links: string[] = [];
    if (page > 1) links.push(`${at(Math.min(page - 1, Math.max(a.pages, 1)))}; rel="prev"`);
    if (page < a.pages) links.push(`${at(page + 1)}; rel="next"`);
    if (links.length) headers.link = links.join(', ');
  }
  const body = Buffer.from(JSON.stringify(a.body));
  const etag = `W/"${version}-${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`;
  return { status: a.status, etag, headers, body, gzip: body.length >= GZIP_MIN_BYTES ? gzipSync(body, { level: 6 }) : null };
}

function send(req: FastifyRequest, reply: FastifyReply, k: Kept) {
  reply.headers(CORS).headers(k.headers).header('cache-control', 'public, max-age=0, must-revalidate').header('etag', k.etag).header('vary', 'Accept-Encoding');
  if (k.status === 200 && req.headers['if-none-match'] === k.etag) return reply.code(304).send();
  reply.code(k.status).type(JSON_TYPE);
  if (k.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(k.gzip);
  return reply.send(k.body);
}

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDomainError } from '../domain/errors.ts';
import { problemMessage } from '../platform/i18n/problems.ts';
import { rawQueryParam, validationProblems, validationStatus } from './route-schemas.ts';
import { renderErrorPage, type ErrorKind } from './public/render-route.tsx';
import { route } from './public/router.ts';
import type { SiteState } from './public/site-state.ts';
import type { Scheduler } from '../services/scheduler/scheduler.ts';

/** The one mapping of errors to answers: a page in the edition's language, or JSON under /api. */
const STATUS_BY_CODE = { not_found: 404, invalid: 400, forbidden: 403, conflict: 409, gone: 410, unavailable: 503 } as const;

function kindFor(status: number): ErrorKind {
  if (status === 404) return 'notFound';
  if (status === 429) return 'tooManyRequests';
  if (status === 503) return 'unavailable';
  if (status >= 500) return 'serverError';
  return 'badRequest';
}

export function statusOf(err: unknown): number {
  if (isDomainError(err)) return STATUS_BY_CODE[err.code];
  const invalidInput = validationStatus(err);
  if (invalidInput) return invalidInput;
  const s = (err as FastifyError | undefined)?.statusCode;
  return typeof s === 'number' && s >= 400 && s < 600 ? s : 500;
}

export function installErrorHandling(app: FastifyInstance, deps: { site: SiteState; scheduler: Scheduler }): void {
  /** An error page for this request's edition; falls back to plain text if even that fails. */
  const errorPage = async (req: FastifyRequest, reply: FastifyReply, status: number) => {
    try {
      // In an outage the database cannot give the layout: the last one read serves the 503 page.
      const site = await deps.scheduler.currentVersion().then((v) => deps.site.at(v)).catch((e: unknown) => {
        const known = deps.site.lastKnown();
        if (!known) throw e;
        return known;
      });
      const r = route(req.raw.url ?? '/', req.headers.host, site.editions);
      const edition = 'edition' in r ? r.edition : site.editions.default;
      const html = renderErrorPage(site.context(edition), kindFor(status), req.id);
      return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
    } catch (e) {
      req.log.error({ err: e }, 'error page failed');
      return reply.code(status).type('text/plain; charset=utf-8').send(`Error ${status} (request ${req.id})`);
    }
  };

  app.setErrorHandler(async (err, req, reply) => {
    const status = statusOf(err);
    // An outage is brief: clients and crawlers may come back shortly instead of giving up.
    if (status === 503) reply.header('retry-after', '5');
    if (status >= 500) req.log.error({ err, reqId: req.id }, 'request failed');
    if (req.url.startsWith('/api/') || req.url.startsWith('/wp-json/')) return reply.code(status).send(await apiError(req, err, status));
    return errorPage(req, reply, status);
  });

  /**
   * A JSON error: the kind, and each input problem worded in the asked edition's language (the
   * `field` of the first one kept for clients that read a single field). Never a stack.
   */
  const apiError = async (req: FastifyRequest, err: unknown, status: number) => {
    const problems = isDomainError(err) ? err.problems : validationProblems(err);
    let locale = 'en';
    try {
      const site = await deps.site.at(await deps.scheduler.currentVersion());
      const asked = rawQueryParam(req, 'edition');
      locale = (typeof asked === 'string' && site.editions.get(asked)?.locale) || site.editions.default.locale;
    } catch {
      // The error is answered in English when the editions cannot be read.
    }
    const message = status >= 500 ? 'internal error' : problems[0] ? problemMessage(locale, problems[0]) : (err as Error).message;
    return {
      error: {
        status,
        code: isDomainError(err) ? err.code : status === 404 ? 'not_found' : status >= 500 ? 'internal' : 'invalid',
        message,
        ...(problems[0] && { field: problems[0].field }),
        ...(problems.length > 0 && { problems: problems.map((p) => ({ field: p.field, code: p.code, message: problemMessage(locale, p) })) }),
        requestId: req.id,
      },
    };
  };

  app.setNotFoundHandler(async (req, reply) => errorPage(req, reply, 404));

  // Exposed for Fastify's own early failures (bad URL, oversized header…), which come before routing.
  app.decorate('khabarErrorPage', errorPage);
}

declare module 'fastify' {
  interface FastifyInstance {
    khabarErrorPage(req: FastifyRequest, reply: FastifyReply, status: number): Promise<unknown>;
  }
}

import type { FastifyError, FastifyInstance, RouteOptions } from 'fastify';
import type { Problem } from '../domain/errors.ts';

/**
 * Every route states its params, query and body as a schema (Fastify validates and, with the
 * TypeBox provider, types them): a route registered without one is refused at start, so no
 * handler reads an undeclared input. Newsroom routes also declare who may call them
 * (web/admin/route-contract.ts). MUST be added before any route is registered.
 */
export function requireRouteSchemas(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.schema) throw new Error(`route ${String(route.method)} ${route.url} declares no schema`);
  });
}

/**
 * A request that fails its route's schema. Path parameters that do not fit name nothing that
 * exists (404, as a bad id always answered); a query or body that does not fit is a bad request.
 */
export function validationStatus(err: unknown): number | null {
  const e = err as Partial<FastifyError> | undefined;
  if (!e?.validation) return null;
  return e.validationContext === 'params' ? 404 : 400;
}

/** A schema failure as the domain's problems, so it is worded like any other refused input. */
export function validationProblems(err: unknown): Problem[] {
  const e = err as Partial<FastifyError> | undefined;
  return (e?.validation ?? []).map((v) => {
    const missing = (v.params as { missingProperty?: unknown } | undefined)?.missingProperty;
    const field = typeof missing === 'string' ? missing : v.instancePath.replace(/^\//, '').split('/')[0] ?? '';
    return { field, code: v.keyword === 'required' ? 'required' : 'invalid' };
  });
}

/**
 * One query parameter as it came, for error handlers: they run when the query may have failed
 * its schema, so its value is whatever the client sent (or nothing).
 */
export function rawQueryParam(req: { query: unknown }, name: string): unknown {
  const q = req.query;
  return q && typeof q === 'object' ? (q as Record<string, unknown>)[name] : undefined;
}

import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';

/**
 * Ceilings on what anyone may write without signing in, through @fastify/rate-limit (its store
 * is the one the app registered: shared between instances once that is Redis). Two per kind:
 * per client address (as resolved through TRUST_PROXY), and for everyone together — a flood
 * from a thousand addresses still meets the second. The everyone-ceiling is set well above a
 * real site's peak (a busy article's comments, a morning of forgotten passwords).
 */
export const ANONYMOUS_WRITES = {
  comment: { perAddress: { max: 10, timeWindow: 60_000 }, everyone: { max: 600, timeWindow: 60_000 } },
  passwordReset: { perAddress: { max: 10, timeWindow: 15 * 60_000 }, everyone: { max: 300, timeWindow: 15 * 60_000 } },
} as const;

export type AnonymousWrite = keyof typeof ANONYMOUS_WRITES;

interface Ceiling {
  max: number;
  timeWindow: number;
}

/**
 * One preHandler that applies both ceilings. @fastify/rate-limit runs one limiter per request
 * (it marks the request once one has run), so the mark is lifted between the two.
 */
export function anonymousWriteLimits(app: FastifyInstance, kind: AnonymousWrite, limits: { perAddress: Ceiling; everyone: Ceiling } = ANONYMOUS_WRITES[kind]): preHandlerAsyncHookHandler {
  const perAddress = app.rateLimit({ ...limits.perAddress, keyGenerator: (req) => `${kind}:${req.ip}` });
  const everyone = app.rateLimit({ ...limits.everyone, keyGenerator: () => `everyone:${kind}` });
  return async function bothCeilings(this: FastifyInstance, req, reply) {
    await perAddress.call(this, req, reply);
    const ran = Object.getOwnPropertySymbols(req).find((sym) => sym.description === 'fastify.request.rateLimitRan');
    if (ran) (req as unknown as Record<symbol, boolean>)[ran] = false;
    await everyone.call(this, req, reply);
  };
}

import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler, preValidationHookHandler, RouteOptions } from 'fastify';
import type { Account } from '../../domain/account.ts';
import { Forbidden } from '../../domain/errors.ts';
import { canDo, type SiteAction } from '../../services/users/capabilities.ts';
import { requireAccount } from './context.ts';
import { checkOrigin, STATE_CHANGING } from './request-origin.ts';

/** Who may call a newsroom route: a capability, any signed-in account, or anyone (the sign-in pages). */
export type RouteAccess = SiteAction | 'signed-in' | 'anyone';

export interface NewsroomRoute {
  method: string;
  url: string;
  can: RouteAccess;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Newsroom routes MUST declare who may call them; registering one without is refused. */
    can?: RouteAccess;
    /** POSTs only: the form answers without a CSRF token (none today; say why where used). */
    csrf?: false;
    /**
     * A POST whose CSRF check failed, or whose write lost the database, is answered by this: the
     * form again, with what was typed, under the reason (`reshowStatus`, `reshowKey`).
     */
    reshow?: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
    /**
     * Reachable by an account whose role requires two-factor sign-in before it has enrolled (its
     * own two-factor page, the language switch); every other signed-in route sends it there.
     */
    enrolment?: true;
  }
  interface FastifyRequest {
    /** Set before a route's `reshow` runs: why its form is shown again. */
    reshowFor?: 'expired' | 'unavailable';
  }
}

/** The status of a form shown again by `reshow`: 403 for a failed CSRF token, 503 when the database was lost. */
export const reshowStatus = (req: FastifyRequest): 403 | 503 => (req.reshowFor === 'unavailable' ? 503 : 403);

/** The reason over a form shown again by `reshow`, as an admin string key. */
export const reshowKey = (req: FastifyRequest): 'formExpired' | 'unavailable' => (req.reshowFor === 'unavailable' ? 'unavailable' : 'formExpired');

/**
 * Ghost refuses an API endpoint without `permissions`; the newsroom refuses a route without `can`
 * and without a schema. Its guards are installed from the declaration, in this order (each needs
 * the one before): for a state-changing method the request's origin (a foreign one is refused,
 * signed in or not: a login form posted from elsewhere too), the account (anonymous visitors go
 * to the login form), the capability (a 403 page) — all before the schema is checked — then the
 * route's own preHandlers, then the CSRF token for a POST (which needs the parsed body: never onRequest).
 * MUST be called before any route of the scope is registered: onRoute sees only later routes.
 * Every route is listed in `registered` (the tests go over each one).
 */
export function enforceRouteContracts(admin: FastifyInstance, o: { siteUrl: string; registered?: NewsroomRoute[]; mustEnrol?: (a: Account) => Promise<boolean> }): void {
  const origin = checkOrigin(o.siteUrl);
  admin.addHook('onRoute', (route: RouteOptions) => {
    const where = `${String(route.method)} ${route.url}`;
    const can = route.config?.can;
    if (!can) throw new Error(`newsroom route ${where} declares no capability (config.can)`);
    if (!route.schema) throw new Error(`newsroom route ${where} declares no schema`);
    // Who may call it is settled before the schema is checked (preValidation): a visitor who may
    // not be here is sent to the login form or refused whatever the path holds.
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    o.registered?.push(...methods.map((method) => ({ method: String(method), url: route.url, can })));
    const guards: preValidationHookHandler[] = [];
    if (methods.some((m) => STATE_CHANGING.has(String(m)))) guards.push(origin);
    if (can !== 'anyone') guards.push(requireAccount);
    if (can !== 'anyone' && !route.config?.enrolment && o.mustEnrol) guards.push(requireEnrolment(o.mustEnrol));
    if (can !== 'anyone' && can !== 'signed-in') guards.push(requireCapability(can));
    const ownGuards = route.preValidation ? (Array.isArray(route.preValidation) ? route.preValidation : [route.preValidation]) : [];
    route.preValidation = [...guards, ...ownGuards];
    // The route's own preHandlers run before the CSRF check: an upload's form fields (the token
    // among them) are read by one of them.
    const own = route.preHandler ? (Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler]) : [];
    const csrf: preHandlerHookHandler[] = methods.includes('POST') && route.config?.csrf !== false ? [admin.csrfProtection] : [];
    route.preHandler = [...own, ...csrf];
  });
}

/** An account that must enrol in two-factor sign-in reaches nothing else first (issue 19). */
function requireEnrolment(mustEnrol: (a: Account) => Promise<boolean>) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const account = req.newsroomAccount;
    if (!account || !(await mustEnrol(account))) return;
    if (req.method === 'GET' || req.method === 'HEAD') return reply.redirect(ENROL_URL, 303);
    throw new Forbidden('two-factor sign-in must be set up first');
  };
}
const ENROL_URL = '/admin/profile/two-factor';

function requireCapability(action: SiteAction) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    const account = req.newsroomAccount;
    if (account && !canDo(account, action)) throw new Forbidden(`${action} is not allowed for this account`);
  };
}

/**
 * The signed-in account of a route that declared `can` other than 'anyone': its guard has already
 * sent anyone else to the login form, so a missing account here is a programming error.
 */
export function accountOf(req: FastifyRequest): Account {
  const account = req.newsroomAccount;
  if (!account) throw new Error(`${req.method} ${req.url}: no account behind a signed-in route`);
  return account;
}

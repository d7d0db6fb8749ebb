import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { AuditService } from '../../services/audit/audit.ts';
import { field, fields } from './context.ts';
import { STATE_CHANGING } from './request-origin.ts';

type What = { action: string; target?: string; detail?: string; label?: string };
/** How a newsroom route's success is recorded; null says on purpose that the route records nothing here (why, beside it). */
type Audited = ((req: FastifyRequest, reply: FastifyReply) => What | null) | null;

const path = (req: FastifyRequest) => req.url.split('?')[0] ?? req.url;
/** The same action for every success of the route, naming the path it changed. */
const simply = (action: string): Audited => (req) => ({ action, target: path(req) });
/** The form's button (`action=publish`) under a prefix, with the ids a bulk form chose. */
const chosen = (prefix: string): Audited => (req, reply) => ({
  action: `${prefix}.${field(req.body, 'action') || 'save'}`,
  // A new article's address is only known from where the form sends the browser next.
  target: req.url.endsWith('/new') ? String(reply.getHeader('location') ?? path(req)).split('?')[0]! : path(req),
  detail: fields(req.body, 'ids').join(','),
});

/**
 * Every state-changing newsroom route and what its success adds to the audit trail. The newsroom
 * refuses to register one that is not listed (as it refuses one without `can`), so a new route
 * cannot forget the trail.
 */
export const AUDITED: Record<string, Audited> = {
  // Sign-in and its failures are recorded by SessionService.login, which alone knows how it went.
  'POST /admin/login': null,
  'POST /admin/logout': simply('sign-out'),
  'POST /admin/locale': simply('profile.locale'),
  'POST /admin/password-reset': (req) => ({ action: 'password.reset-request', target: field(req.body, 'email').slice(0, 254), label: field(req.body, 'email').slice(0, 254) }),
  // Recorded by PasswordResetService.reset, which alone knows whose password it set.
  'POST /admin/password-reset/confirm': null,
  'POST /admin/articles/bulk': chosen('article.bulk'),
  'POST /admin/articles/new': chosen('article'),
  'POST /admin/articles/:id/edit': chosen('article'),
  // Autosaves (every few seconds while typing) keep revisions; the save that follows is recorded.
  'POST /admin/articles/new/autosave': null,
  'POST /admin/articles/:id/autosave': null,
  'POST /admin/articles/:id/revisions/:rev/restore': simply('article.restore-revision'),
  'POST /admin/media': simply('media.upload'),
  'POST /admin/media/:id': simply('media.edit'),
  'POST /admin/media/:id/delete': simply('media.delete'),
  'POST /admin/comments/bulk': chosen('comment'),
  'POST /admin/comments/:id/reply': simply('comment.reply'),
  'POST /admin/taxonomy/:kind': simply('taxonomy.add'),
  'POST /admin/taxonomy/:kind/:id': simply('taxonomy.edit'),
  'POST /admin/taxonomy/:kind/:id/delete': simply('taxonomy.delete'),
  'POST /admin/editions': simply('settings.editions'),
  'POST /admin/home-page': simply('settings.home-lead'),
  'POST /admin/menus': simply('settings.menus'),
  'POST /admin/users/new': (req) => ({ action: 'user.add', target: field(req.body, 'email'), detail: field(req.body, 'role') }),
  'POST /admin/users/:id/role': (req) => ({ action: 'user.role', target: path(req), detail: field(req.body, 'role') }),
  'POST /admin/users/:id/deactivate': simply('user.deactivate'),
  'POST /admin/users/:id/activate': simply('user.activate'),
  'POST /admin/users/:id/delete': (req) => ({ action: 'user.delete', target: path(req), detail: field(req.body, 'reassign') && `reassign:${field(req.body, 'reassign')}` }),
  'POST /admin/users/:id/profile': simply('user.profile'),
  'POST /admin/profile': simply('profile.edit'),
  'POST /admin/profile/password': simply('password.change'),
  'POST /admin/profile/sessions/end': simply('session.end'),
  'POST /admin/profile/sessions/end-others': simply('session.end-others'),
  // Two-factor sign-in: recorded by TwoFactorService inside the change's own transaction (it alone
  // knows whose factor, which passkey, and — for a sign-in — whether the code was right).
  'POST /admin/login/verify': null,
  'POST /admin/login/passkey': null,
  'POST /admin/login/with-passkey': null,
  'POST /admin/profile/two-factor/app': null,
  'POST /admin/profile/two-factor/app/remove': null,
  'POST /admin/profile/two-factor/passkeys': null,
  'POST /admin/profile/two-factor/passkeys/:id': null,
  'POST /admin/profile/two-factor/passkeys/:id/remove': null,
  'POST /admin/profile/two-factor/recovery-codes': null,
  'POST /admin/security': null,
  'POST /admin/users/:id/reset-2fa': null,
};

/**
 * Records each successful state-changing newsroom request (status below 400) through the audit
 * service: who (the signed-in account), what, when, from where (the client address as resolved
 * through TRUST_PROXY). In onSend, before the answer leaves, so the line exists once the browser
 * has it. MUST be called before any route of the scope is registered.
 */
export function enforceAuditTrail(admin: FastifyInstance, audit: AuditService): void {
  admin.addHook('onRoute', (route: RouteOptions) => {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).map(String).filter((m) => STATE_CHANGING.has(m));
    for (const m of methods) {
      if (!(`${m} ${route.url}` in AUDITED)) throw new Error(`newsroom route ${m} ${route.url} says nothing of the audit trail (web/admin/audit-trail.ts)`);
    }
  });
  admin.addHook('onSend', async (req, reply, payload) => {
    if (reply.statusCode >= 400 || !STATE_CHANGING.has(req.method)) return payload;
    const audited = AUDITED[`${req.method} ${req.routeOptions.url ?? ''}`];
    const what = audited?.(req, reply);
    if (!what) return payload;
    try {
      const { label, ...rest } = what;
      await audit.record({ account: req.newsroomAccount, ip: req.ip, ...(label !== undefined && { label }) }, rest);
    } catch (err) {
      req.log.error({ err }, 'audit trail write failed');
    }
    return payload;
  });
}

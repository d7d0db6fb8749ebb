import { Type } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '../../domain/account.ts';
import { Unavailable } from '../../domain/errors.ts';
import { type AdminStringKey, adminTranslator } from '../../platform/i18n/admin-strings.ts';
import { MessagePage } from '../../theme/admin/auth-pages.tsx';
import { renderAdminDocument } from '../../theme/admin/layout.tsx';
import { statusOf } from '../errors.ts';
import { rawQueryParam } from '../route-schemas.ts';
import { registerArticleRoutes } from './article-routes.tsx';
import { registerMediaRoutes } from './media-routes.tsx';
import { registerModerationRoutes } from './moderation-routes.tsx';
import { registerManageHub } from './manage-routes.tsx';
import { registerTaxonomyRoutes } from './taxonomy-routes.tsx';
import { registerUsersRoutes } from './users-routes.tsx';
import { registerEditionsRoutes } from './editions-routes.tsx';
import { registerHomeLeadRoutes } from './home-lead-routes.tsx';
import { registerMenusRoutes } from './menus-routes.tsx';
import { registerPagesRoutes } from './pages-routes.tsx';
import { registerAuthRoutes } from './auth-routes.tsx';
import { registerEditorRoutes } from './editor-routes.tsx';
import { enforceRouteContracts, type NewsroomRoute } from './route-contract.ts';
import { ForeignRequest } from './request-origin.ts';
import { enforceAuditTrail } from './audit-trail.ts';
import { registerAuditRoutes } from './audit-routes.tsx';
import { editorBundle } from './editor-bundle.ts';
import { ADMIN, type AdminCss, type AdminDeps, adminUrls, loadAdminCss, passkeysScript, SESSION_COOKIE, sendAdmin, shell, uiLocale } from './context.ts';
import { registerTwoFactorRoutes } from './two-factor-routes.tsx';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in newsroom account (admin routes only), or null. */
    newsroomAccount: Account | null;
    /** The signed-in session's id (its stored hash), or null: kept when the account ends its others. */
    newsroomSession: string | null;
  }
  interface FastifyInstance {
    /** Every newsroom route as registered (method, path, who may call it): the tests go over each. */
    newsroomRoutes: readonly NewsroomRoute[];
  }
}

/**
 * The newsroom under /admin/. Its routes are static or `/admin/*`, which Fastify's router
 * prefers over the public site's `GET /*`, so the public catch-all never sees them. Every page
 * is private: no-store (never in the public render cache or a shared cache) and noindex.
 */
export async function registerAdmin(app: FastifyInstance, deps: AdminDeps): Promise<void> {
  const { sessions } = deps.services;
  const css = loadAdminCss(deps.assets);
  const registered: NewsroomRoute[] = [];
  app.decorate('newsroomRoutes', registered);

  app.get(ADMIN, { schema: {} }, async (_req, reply) => reply.redirect(adminUrls.home(), 301));

  await app.register(
    async (admin) => {
      admin.decorateRequest('newsroomAccount', null);
      admin.decorateRequest('newsroomSession', null);
      enforceRouteContracts(admin, { siteUrl: deps.urls.siteUrl, registered, mustEnrol: (a) => deps.services.twoFactor.mustEnrol(a) });
      enforceAuditTrail(admin, deps.services.audit);
      admin.addHook('onRequest', async (req, reply) => {
        reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow');
        // Asked of the database on every request, never cached: a session ended anywhere is over here.
        const current = await sessions.current(req.cookies[SESSION_COOKIE], req.ip);
        req.newsroomAccount = current?.account ?? null;
        req.newsroomSession = current?.sessionId ?? null;
      });

      // The stylesheet, the passkey script and the editor's bundle: public files under content-hashed names.
      const passkeys = passkeysScript();
      admin.get('/assets/:name', { schema: { params: Type.Object({ name: Type.String() }) }, config: { can: 'anyone' } }, async (req, reply) => {
        if (req.url === passkeys.url) return reply.header('cache-control', 'public, max-age=31536000, immutable').type('text/javascript; charset=utf-8').send(passkeys.body);
        const editor = req.url === css.url ? null : editorBundle();
        if (editor && req.url === editor.url) {
          reply.header('cache-control', 'public, max-age=31536000, immutable').header('vary', 'Accept-Encoding').type('text/javascript; charset=utf-8');
          if (!/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return reply.send(editor.body);
          return reply.header('content-encoding', 'gzip').send(editor.gzip);
        }
        if (req.url !== css.url) return notFound(req, reply, deps, css);
        return reply.header('cache-control', 'public, max-age=31536000, immutable').type('text/css; charset=utf-8').send(css.body);
      });

      // Set before any route: a plugin registered with `await` (multipart) makes the routes before it
      // take the error handler in force at that moment.
      admin.setNotFoundHandler(async (req, reply) => notFound(req, reply, deps, css));
      admin.setErrorHandler(async (err, req, reply) => {
        // An id in the path that is not an id names no page: the 404 page, as for any unknown path.
        if ((err as FastifyError).validationContext === 'params') return notFound(req, reply, deps, css);
        const status = statusOf(err);
        if (status >= 500) req.log.error({ err, reqId: req.id }, 'admin request failed');
        const csrfFailed = ((err as { code?: string }).code ?? '').startsWith('FST_CSRF');
        // A form whose CSRF token failed (expired, or a page left open for a long time), or whose
        // write lost the database (503), is shown again with what was typed, under the reason, by
        // its route's `reshow`. Once only: a reshow that fails too gets the plain error page.
        const again = (csrfFailed || err instanceof Unavailable) && !req.reshowFor ? req.routeOptions.config.reshow : undefined;
        if (again) {
          req.reshowFor = csrfFailed ? 'expired' : 'unavailable';
          try {
            return await again(req, reply);
          } catch (e) {
            if (!(e instanceof Unavailable)) throw e;
          }
        }
        if ((err as FastifyError).validationContext === 'params') return notFound(req, reply, deps, css);
        const account = req.newsroomAccount ?? null;
        const locale = uiLocale(account, rawQueryParam(req, 'lang'));
        const t = adminTranslator(locale);
        // A domain error's message is English developer text: the page says what kind of error it was.
        const heading = t(csrfFailed ? 'formExpired' : err instanceof ForeignRequest ? 'foreignOrigin' : messageFor(status), { id: req.id });
        const back = csrfFailed ? refererPath(req) : account ? adminUrls.home() : adminUrls.login({ lang: locale });
        const html = renderAdminDocument(
          shell(req, reply, css, deps.urls.siteUrl, { locale, title: heading, account, here: adminUrls.home() }),
          <MessagePage vm={{ heading, text: '', back: { label: account ? t('dashboard') : t('loginTitle'), url: back } }} />,
        );
        return sendAdmin(reply, status, html);
      });
      const loginPage = registerAuthRoutes(admin, { ...deps, css });
      registerTwoFactorRoutes(admin, { ...deps, css, loginPage });
      registerArticleRoutes(admin, { ...deps, css });
      registerEditorRoutes(admin, { ...deps, css });
      await registerMediaRoutes(admin, { ...deps, css });
      registerModerationRoutes(admin, { ...deps, css });
      registerManageHub(admin, { ...deps, css });
      registerTaxonomyRoutes(admin, { ...deps, css });
      registerUsersRoutes(admin, { ...deps, css });
      registerEditionsRoutes(admin, { ...deps, css });
      registerHomeLeadRoutes(admin, { ...deps, css });
      registerMenusRoutes(admin, { ...deps, css });
      registerPagesRoutes(admin, { ...deps, css });
      registerAuditRoutes(admin, { ...deps, css });

      admin.get('/*', { schema: {}, config: { can: 'anyone' } }, async (req, reply) => notFound(req, reply, deps, css));
    },
    { prefix: ADMIN },
  );
}

function messageFor(status: number): AdminStringKey {
  if (status === 429) return 'tooManyRequests';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 503) return 'unavailable';
  return status >= 500 ? 'serverError' : 'badRequest';
}

/** The newsroom page a failed form came from, to go back to it (only our own paths). */
function refererPath(req: FastifyRequest): string {
  try {
    const u = new URL(String(req.headers.referer ?? ''));
    return u.pathname.startsWith(`${ADMIN}/`) ? `${u.pathname}${u.search}` : adminUrls.home();
  } catch {
    return adminUrls.home();
  }
}

function notFound(req: FastifyRequest, reply: FastifyReply, deps: AdminDeps, css: AdminCss) {
  const locale = uiLocale(req.newsroomAccount ?? null, rawQueryParam(req, 'lang'));
  const t = adminTranslator(locale);
  const html = renderAdminDocument(
    shell(req, reply, css, deps.urls.siteUrl, { locale, title: t('notFound'), account: req.newsroomAccount ?? null, here: adminUrls.home() }),
    <MessagePage vm={{ heading: t('notFound'), text: '', back: { label: t('dashboard'), url: adminUrls.home() } }} />,
  );
  return sendAdmin(reply, 404, html);
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { Invalid } from '../../domain/errors.ts';
import type { UiLocale } from '../../domain/account.ts';
import { adminTranslator } from '../../platform/i18n/admin-strings.ts';
import { AccountService } from '../../services/users/accounts.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../services/users/passwords.ts';
import { PasswordResetService } from '../../services/users/password-reset.ts';
import { SESSION_ABSOLUTE_MS, type SessionService } from '../../services/users/sessions.ts';
import { LoginPage, ResetConfirmPage, ResetRequestPage } from '../../theme/admin/auth-pages.tsx';
import { renderAdminDocument } from '../../theme/admin/layout.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { type AdminCss, type AdminDeps, adminUrls, field, requireAccount, type Reshow, safeNext, SESSION_COOKIE, sendAdmin, shell, uiLocale } from './context.ts';

// Anonymous forms: per-IP limits on top of the per-account lockout (which is in the database).
const LOGIN_LIMIT = { max: 30, timeWindow: '1 minute' };
const RESET_LIMIT = { max: 10, timeWindow: '15 minutes' };

const DONE: Record<string, 'loggedOut' | 'resetDone' | 'sessionExpired'> = { logout: 'loggedOut', reset: 'resetDone', expired: 'sessionExpired' };

export function registerAuthRoutes(admin: FastifyInstance, deps: AdminDeps & { sessions: SessionService; css: AdminCss; reshow: Reshow }): void {
  const { sessions, css } = deps;
  const resets = new PasswordResetService({ repos: deps.repos, clock: deps.clock, mailer: deps.mailer });
  const accounts = new AccountService({ repos: deps.repos, clock: deps.clock });
  const page = (req: FastifyRequest, reply: FastifyReply, locale: UiLocale, title: string, body: ComponentChildren) =>
    renderAdminDocument(shell(req, reply, css, deps.urls.siteUrl, { locale, title, account: null, here: req.url }), body);

  const loginPage = (req: FastifyRequest, reply: FastifyReply, status: number, v: { locale: UiLocale; email: string; next: string; notice: Notice | null }) => {
    const t = adminTranslator(v.locale);
    const vm = { action: adminUrls.login(), csrf: reply.generateCsrf(), email: v.email, next: v.next, lang: v.locale, notice: v.notice, resetUrl: adminUrls.resetRequest({ lang: v.locale }) };
    return sendAdmin(reply, status, page(req, reply, v.locale, t('loginTitle'), <LoginPage vm={vm} t={t} />));
  };

  admin.get<{ Querystring: { lang?: string; next?: string; done?: string } }>('/login', async (req, reply) => {
    const next = safeNext(req.query.next);
    if (req.newsroomAccount) return reply.redirect(next, 303);
    const locale = uiLocale(null, req.query.lang);
    const done = DONE[req.query.done ?? ''];
    return loginPage(req, reply, 200, { locale, email: '', next, notice: done ? { kind: 'info', text: adminTranslator(locale)(done) } : null });
  });

  admin.post('/login', { preHandler: admin.csrfProtection, config: { rateLimit: LOGIN_LIMIT } }, async (req, reply) => {
    const locale = uiLocale(null, field(req.body, 'lang'));
    const t = adminTranslator(locale);
    const email = field(req.body, 'email').trim().slice(0, 254);
    const password = field(req.body, 'password');
    const next = safeNext(field(req.body, 'next'));
    if (!email || !password) return loginPage(req, reply, 400, { locale, email, next, notice: { kind: 'error', text: t('loginMissing') } });
    const r = await sessions.login(email, password, req.ip, String(req.headers['user-agent'] ?? ''));
    if (!r.ok) {
      if (r.reason === 'locked') {
        reply.header('retry-after', String(r.retryAfterSeconds));
        return loginPage(req, reply, 429, { locale, email, next, notice: { kind: 'error', text: t('loginLocked', { minutes: Math.ceil(r.retryAfterSeconds / 60) }) } });
      }
      return loginPage(req, reply, 401, { locale, email, next, notice: { kind: 'error', text: t('loginInvalid') } });
    }
    reply.setCookie(SESSION_COOKIE, r.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.secure, maxAge: SESSION_ABSOLUTE_MS / 1000 });
    return reply.redirect(next, 303);
  });

  const expired = (locale: UiLocale): Notice => ({ kind: 'error', text: adminTranslator(locale)('formExpired') });
  deps.reshow.set(adminUrls.login(), async (req, reply) => {
    const locale = uiLocale(null, field(req.body, 'lang'));
    return loginPage(req, reply, 403, { locale, email: field(req.body, 'email').slice(0, 254), next: safeNext(field(req.body, 'next')), notice: expired(locale) });
  });

  admin.post('/logout', { preHandler: admin.csrfProtection }, async (req, reply) => {
    const locale = uiLocale(req.newsroomAccount, undefined);
    await sessions.logout(req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect(adminUrls.login({ lang: locale, done: 'logout' }), 303);
  });

  admin.post('/locale', { preHandler: [requireAccount, admin.csrfProtection] }, async (req, reply) => {
    await accounts.setLocale(req.newsroomAccount!.id, field(req.body, 'locale'));
    return reply.redirect(safeNext(field(req.body, 'next')), 303);
  });

  const requestPage = (req: FastifyRequest, reply: FastifyReply, status: number, v: { locale: UiLocale; email: string; sent: boolean; notice: Notice | null }) => {
    const t = adminTranslator(v.locale);
    const vm = { action: adminUrls.resetRequest(), csrf: reply.generateCsrf(), email: v.email, lang: v.locale, notice: v.notice, sent: v.sent, loginUrl: adminUrls.login({ lang: v.locale }) };
    return sendAdmin(reply, status, page(req, reply, v.locale, t('resetTitle'), <ResetRequestPage vm={vm} t={t} />));
  };

  admin.get<{ Querystring: { lang?: string } }>('/password-reset', async (req, reply) =>
    requestPage(req, reply, 200, { locale: uiLocale(null, req.query.lang), email: '', sent: false, notice: null }),
  );

  admin.post('/password-reset', { preHandler: admin.csrfProtection, config: { rateLimit: RESET_LIMIT } }, async (req, reply) => {
    const locale = uiLocale(null, field(req.body, 'lang'));
    const email = field(req.body, 'email').trim().slice(0, 254);
    if (!email) return requestPage(req, reply, 400, { locale, email, sent: false, notice: { kind: 'error', text: adminTranslator(locale)('loginMissing') } });
    try {
      await resets.request(email, (token) => `${deps.urls.siteUrl}${adminUrls.resetConfirm({ token })}`);
    } catch (err) {
      // The same answer either way: a mail failure must not reveal that the account exists.
      req.log.error({ err }, 'password reset mail failed');
    }
    return requestPage(req, reply, 200, { locale, email: '', sent: true, notice: { kind: 'info', text: adminTranslator(locale)('resetSent') } });
  });

  deps.reshow.set(adminUrls.resetRequest(), async (req, reply) => {
    const locale = uiLocale(null, field(req.body, 'lang'));
    return requestPage(req, reply, 403, { locale, email: field(req.body, 'email').slice(0, 254), sent: false, notice: expired(locale) });
  });

  const confirmPage = (req: FastifyRequest, reply: FastifyReply, status: number, v: { locale: UiLocale; token: string; usable: boolean; notice: Notice | null }) => {
    const t = adminTranslator(v.locale);
    const vm = { action: adminUrls.resetConfirm(), csrf: reply.generateCsrf(), token: v.token, lang: v.locale, notice: v.notice, usable: v.usable, requestUrl: adminUrls.resetRequest({ lang: v.locale }), minLength: MIN_PASSWORD_LENGTH };
    return sendAdmin(reply, status, page(req, reply, v.locale, t('resetChoose'), <ResetConfirmPage vm={vm} t={t} />));
  };
  const badLink = (locale: UiLocale): Notice => ({ kind: 'error', text: adminTranslator(locale)('resetBadLink') });

  deps.reshow.set(adminUrls.resetConfirm(), async (req, reply) => {
    const locale = uiLocale(null, field(req.body, 'lang'));
    const token = field(req.body, 'token').slice(0, 100);
    const usable = token !== '' && (await resets.isUsable(token));
    return confirmPage(req, reply, 403, { locale, token: usable ? token : '', usable, notice: usable ? expired(locale) : badLink(locale) });
  });

  admin.get<{ Querystring: { token?: string; lang?: string } }>('/password-reset/confirm', async (req, reply) => {
    const locale = uiLocale(null, req.query.lang);
    const token = String(req.query.token ?? '').slice(0, 100);
    const usable = token !== '' && (await resets.isUsable(token));
    return confirmPage(req, reply, usable ? 200 : 410, { locale, token, usable, notice: usable ? null : badLink(locale) });
  });

  admin.post('/password-reset/confirm', { preHandler: admin.csrfProtection, config: { rateLimit: RESET_LIMIT } }, async (req, reply) => {
    const locale = uiLocale(null, field(req.body, 'lang'));
    const t = adminTranslator(locale);
    const token = field(req.body, 'token').slice(0, 100);
    try {
      await resets.reset(token, field(req.body, 'password'));
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      if (e.field === 'token') return confirmPage(req, reply, 410, { locale, token: '', usable: false, notice: badLink(locale) });
      const tooLong = field(req.body, 'password').length > MAX_PASSWORD_LENGTH;
      const text = tooLong ? t('passwordTooLong') : t('passwordTooShort', { min: MIN_PASSWORD_LENGTH });
      return confirmPage(req, reply, 400, { locale, token, usable: true, notice: { kind: 'error', text } });
    }
    return reply.redirect(adminUrls.login({ lang: locale, done: 'reset' }), 303);
  });
}

import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { Invalid, type Problem } from '../../domain/errors.ts';
import type { UiLocale } from '../../domain/account.ts';
import { type AdminStringKey, adminTranslator } from '../../platform/i18n/admin-strings.ts';
import { problemMessage } from '../../platform/i18n/problems.ts';
import { MIN_PASSWORD_LENGTH } from '../../services/users/passwords.ts';
import { SESSION_ABSOLUTE_MS } from '../../services/users/sessions.ts';
import { LoginPage, ResetConfirmPage, ResetRequestPage } from '../../theme/admin/auth-pages.tsx';
import { renderAdminDocument } from '../../theme/admin/layout.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { type AdminCss, type AdminDeps, adminUrls, field, passkeysScript, safeNext, SESSION_COOKIE, sendAdmin, shell, uiLocale } from './context.ts';
import { accountOf, reshowStatus, reshowKey } from './route-contract.ts';
import { anonymousWriteLimits } from '../anonymous-limits.ts';
import { PENDING_COOKIE, PENDING_COOKIE_MAX_AGE } from './two-factor-routes.tsx';

// Anonymous forms: per-IP limits on top of the per-account delay (which is in the database); the
// reset forms also have a ceiling for everyone together (web/anonymous-limits.ts).
const LOGIN_LIMIT = { max: 30, timeWindow: '1 minute' };

const DONE: Record<string, 'loggedOut' | 'resetDone' | 'sessionExpired' | 'tf_gone'> = { logout: 'loggedOut', reset: 'resetDone', expired: 'sessionExpired', 'second-gone': 'tf_gone' };

const optional = Type.Optional(Type.String());
/** Form bodies stay permissive: every form is shown again with a message, never a bare 400. */
const form = <T extends Record<string, typeof optional>>(props: T) => Type.Object(props, { additionalProperties: true });
const LoginQuery = form({ lang: optional, next: optional, done: optional });
const LoginBody = form({ lang: optional, email: optional, password: optional, next: optional });
const LocaleBody = form({ locale: optional, next: optional });
const LangQuery = form({ lang: optional });
const ResetBody = form({ lang: optional, email: optional });
const ConfirmQuery = form({ token: optional, lang: optional });
const ConfirmBody = form({ lang: optional, token: optional, password: optional });

/**
 * The reset form says a password's length as "the password is too short", more precisely than the
 * catalogue's words for any field; any other problem is worded by the catalogue.
 */
const PASSWORD_WORDS: Partial<Record<Problem['code'], AdminStringKey>> = { too_short: 'passwordTooShort', too_long: 'passwordTooLong' };

function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: SESSION_ABSOLUTE_MS / 1000 });
}

function setPendingCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(PENDING_COOKIE, token, { path: '/admin/login', httpOnly: true, sameSite: 'lax', secure, maxAge: PENDING_COOKIE_MAX_AGE });
}

/** The login form again, with a notice (two-factor-routes.tsx's passkey sign-in answers with it). */
export type LoginPageFn = (req: FastifyRequest, reply: FastifyReply, status: number, v: { locale: UiLocale; email: string; next: string; notice: Notice | null }) => Promise<unknown>;

export function registerAuthRoutes(admin: FastifyInstance, deps: AdminDeps & { css: AdminCss }): LoginPageFn {
  const { css } = deps;
  const { sessions, passwordReset: resets, accounts } = deps.services;
  const r = admin.withTypeProvider<TypeBoxTypeProvider>();
  const resetLimits = anonymousWriteLimits(admin, 'passwordReset');
  const page = (req: FastifyRequest, reply: FastifyReply, locale: UiLocale, title: string, body: ComponentChildren) =>
    renderAdminDocument(shell(req, reply, css, deps.urls.siteUrl, { locale, title, account: null, here: req.url }), body);

  const loginPage = async (req: FastifyRequest, reply: FastifyReply, status: number, v: { locale: UiLocale; email: string; next: string; notice: Notice | null }) => {
    const t = adminTranslator(v.locale);
    const passkey = {
      action: adminUrls.loginWithPasskey(), options: JSON.stringify(await deps.services.twoFactor.passkeyLoginOptions()),
      words: { waiting: t('tf_passkeyWaiting'), cancelled: t('tf_passkeyCancelled'), unsupported: t('tf_passkeyUnsupported') },
    };
    const vm = { action: adminUrls.login(), csrf: reply.generateCsrf(), email: v.email, next: v.next, lang: v.locale, notice: v.notice, resetUrl: adminUrls.resetRequest({ lang: v.locale }), passkey };
    const sh = shell(req, reply, css, deps.urls.siteUrl, { locale: v.locale, title: t('loginTitle'), account: null, here: req.url });
    return sendAdmin(reply, status, renderAdminDocument({ ...sh, scripts: [passkeysScript().url] }, <LoginPage vm={vm} t={t} />));
  };

  r.get('/login', { config: { can: 'anyone' }, schema: { querystring: LoginQuery } }, async (req, reply) => {
    const next = safeNext(req.query.next);
    if (req.newsroomAccount) return reply.redirect(next, 303);
    const locale = uiLocale(null, req.query.lang);
    const done = DONE[req.query.done ?? ''];
    return loginPage(req, reply, 200, { locale, email: '', next, notice: done ? { kind: 'info', text: adminTranslator(locale)(done) } : null });
  });

  const expired = (req: FastifyRequest, locale: UiLocale): Notice => ({ kind: 'error', text: adminTranslator(locale)(reshowKey(req)) });
  r.post('/login', {
    config: {
      can: 'anyone',
      rateLimit: LOGIN_LIMIT,
      reshow: async (req, reply) => {
        const locale = uiLocale(null, field(req.body, 'lang'));
        return loginPage(req, reply, reshowStatus(req), { locale, email: field(req.body, 'email').slice(0, 254), next: safeNext(field(req.body, 'next')), notice: expired(req, locale) });
      },
    },
    schema: { body: LoginBody },
  }, async (req, reply) => {
    const locale = uiLocale(null, req.body.lang);
    const t = adminTranslator(locale);
    const email = (req.body.email ?? '').trim().slice(0, 254);
    const password = req.body.password ?? '';
    const next = safeNext(req.body.next);
    if (!email || !password) return loginPage(req, reply, 400, { locale, email, next, notice: { kind: 'error', text: t('loginMissing') } });
    const r = await sessions.login(email, password, req.ip, String(req.headers['user-agent'] ?? ''));
    if (!r.ok) {
      if (r.reason === 'locked' || r.reason === 'slowed') {
        reply.header('retry-after', String(r.retryAfterSeconds));
        const text = r.reason === 'locked'
          ? t('loginLocked', { minutes: Math.ceil(r.retryAfterSeconds / 60) })
          : t('loginSlowed', { seconds: r.retryAfterSeconds });
        return loginPage(req, reply, 429, { locale, email, next, notice: { kind: 'error', text } });
      }
      return loginPage(req, reply, 401, { locale, email, next, notice: { kind: 'error', text: t('loginInvalid') } });
    }
    if (r.secondFactor) {
      // No session yet: the second step turns this into one (two-factor-routes.tsx).
      setPendingCookie(reply, r.pendingToken, deps.secure);
      return reply.redirect(adminUrls.loginVerify({ next }), 303);
    }
    setSessionCookie(reply, r.token, deps.secure);
    return reply.redirect(next, 303);
  });

  // Anyone: a session that has just expired still logs out cleanly (its cookie goes).
  r.post('/logout', { config: { can: 'anyone' }, schema: {} }, async (req, reply) => {
    const locale = uiLocale(req.newsroomAccount, undefined);
    await sessions.logout(req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect(adminUrls.login({ lang: locale, done: 'logout' }), 303);
  });

  r.post('/locale', { config: { can: 'signed-in', enrolment: true }, schema: { body: LocaleBody } }, async (req, reply) => {
    await accounts.setLocale(accountOf(req).id, req.body.locale ?? '');
    return reply.redirect(safeNext(req.body.next), 303);
  });

  const requestPage = (req: FastifyRequest, reply: FastifyReply, status: number, v: { locale: UiLocale; email: string; sent: boolean; notice: Notice | null }) => {
    const t = adminTranslator(v.locale);
    const vm = { action: adminUrls.resetRequest(), csrf: reply.generateCsrf(), email: v.email, lang: v.locale, notice: v.notice, sent: v.sent, loginUrl: adminUrls.login({ lang: v.locale }) };
    return sendAdmin(reply, status, page(req, reply, v.locale, t('resetTitle'), <ResetRequestPage vm={vm} t={t} />));
  };

  r.get('/password-reset', { config: { can: 'anyone' }, schema: { querystring: LangQuery } }, async (req, reply) =>
    requestPage(req, reply, 200, { locale: uiLocale(null, req.query.lang), email: '', sent: false, notice: null }),
  );

  r.post('/password-reset', {
    preHandler: resetLimits,
    config: {
      can: 'anyone',
      reshow: async (req, reply) => {
        const locale = uiLocale(null, field(req.body, 'lang'));
        return requestPage(req, reply, reshowStatus(req), { locale, email: field(req.body, 'email').slice(0, 254), sent: false, notice: expired(req, locale) });
      },
    },
    schema: { body: ResetBody },
  }, async (req, reply) => {
    const locale = uiLocale(null, req.body.lang);
    const email = (req.body.email ?? '').trim().slice(0, 254);
    if (!email) return requestPage(req, reply, 400, { locale, email, sent: false, notice: { kind: 'error', text: adminTranslator(locale)('loginMissing') } });
    try {
      await resets.request(email, (token) => `${deps.urls.siteUrl}${adminUrls.resetConfirm({ token })}`);
    } catch (err) {
      // The same answer either way: a mail failure must not reveal that the account exists.
      req.log.error({ err }, 'password reset mail failed');
    }
    return requestPage(req, reply, 200, { locale, email: '', sent: true, notice: { kind: 'info', text: adminTranslator(locale)('resetSent') } });
  });

  const confirmPage = (req: FastifyRequest, reply: FastifyReply, status: number, v: { locale: UiLocale; token: string; usable: boolean; notice: Notice | null }) => {
    const t = adminTranslator(v.locale);
    const vm = { action: adminUrls.resetConfirm(), csrf: reply.generateCsrf(), token: v.token, lang: v.locale, notice: v.notice, usable: v.usable, requestUrl: adminUrls.resetRequest({ lang: v.locale }), minLength: MIN_PASSWORD_LENGTH };
    return sendAdmin(reply, status, page(req, reply, v.locale, t('resetChoose'), <ResetConfirmPage vm={vm} t={t} />));
  };
  const badLink = (locale: UiLocale): Notice => ({ kind: 'error', text: adminTranslator(locale)('resetBadLink') });

  r.get('/password-reset/confirm', { config: { can: 'anyone' }, schema: { querystring: ConfirmQuery } }, async (req, reply) => {
    const locale = uiLocale(null, req.query.lang);
    const token = String(req.query.token ?? '').slice(0, 100);
    const usable = token !== '' && (await resets.isUsable(token));
    return confirmPage(req, reply, usable ? 200 : 410, { locale, token, usable, notice: usable ? null : badLink(locale) });
  });

  r.post('/password-reset/confirm', {
    preHandler: resetLimits,
    config: {
      can: 'anyone',
      reshow: async (req, reply) => {
        const locale = uiLocale(null, field(req.body, 'lang'));
        const token = field(req.body, 'token').slice(0, 100);
        const usable = token !== '' && (await resets.isUsable(token));
        return confirmPage(req, reply, reshowStatus(req), { locale, token: usable ? token : '', usable, notice: usable ? expired(req, locale) : badLink(locale) });
      },
    },
    schema: { body: ConfirmBody },
  }, async (req, reply) => {
    const locale = uiLocale(null, req.body.lang);
    const t = adminTranslator(locale);
    const token = (req.body.token ?? '').slice(0, 100);
    let signedIn: Awaited<ReturnType<typeof resets.reset>>;
    try {
      signedIn = await resets.reset(token, req.body.password ?? '', { ip: req.ip, userAgent: String(req.headers['user-agent'] ?? '') });
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      const p = e.byField();
      if (p.token) return confirmPage(req, reply, 410, { locale, token: '', usable: false, notice: badLink(locale) });
      const problem = p.password ?? e.problems[0];
      const words = problem && PASSWORD_WORDS[problem.code];
      const text = words ? t(words, { ...problem.params }) : problem ? problemMessage(locale, problem) : t('badRequest');
      return confirmPage(req, reply, 400, { locale, token, usable: true, notice: { kind: 'error', text } });
    }
    if (signedIn.secondFactor) {
      // An e-mail alone never opens an account that has a second factor: the link leads to it.
      setPendingCookie(reply, signedIn.pendingToken, deps.secure);
      return reply.redirect(adminUrls.loginVerify({ next: `${adminUrls.profile()}?done=reset` }), 303);
    }
    // The link signs its holder in: the owner's way in while a guessing run slows the login form.
    setSessionCookie(reply, signedIn.sessionToken, deps.secure);
    return reply.redirect(`${adminUrls.profile()}?done=reset`, 303);
  });
  return loginPage;
}

import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Account, UiLocale } from '../../domain/account.ts';
import { ROLES } from '../../domain/user.ts';
import { type AdminStringKey, adminTranslator, type AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { PENDING_TTL_MS, SESSION_ABSOLUTE_MS } from '../../services/users/sessions.ts';
import type { SecondStepResult } from '../../services/users/two-factor.ts';
import { renderAdminDocument } from '../../theme/admin/layout.tsx';
import {
  type PasskeyWordsVM, RecoveryCodesPage, SecurityPage, type TwoFactorVM, TwoFactorPage, VerifyPage,
} from '../../theme/admin/two-factor-pages.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { deviceOf } from './device-names.ts';
import { dateText } from './editor-presenter.ts';
import { type AdminCss, type AdminDeps, adminUrls, field, fields, passkeysScript, safeNext, SESSION_COOKIE, sendAdmin, sendPage, shell, uiLocale } from './context.ts';
import { type FieldProblems, fieldError, IdParam, reshowNotice, typedText, unlessRefused } from './manage-common.ts';
import { accountOf, reshowKey, reshowStatus } from './route-contract.ts';
import type { LoginPageFn } from './auth-routes.tsx';
import { lazyModule } from '../../platform/lazy-module.ts';

/** The QR code is drawn only on the enrolment page: not loaded at start. */
const qrcode = lazyModule<typeof import('qrcode')>('qrcode');

/** The cookie of a sign-in that owes its second factor (never a session: see SessionService.login). */
export const PENDING_COOKIE = 'khabar_2fa';
// The second step counts against the same per-address ceiling as the password step.
const VERIFY_LIMIT = { max: 30, timeWindow: '1 minute' };

const form = <T extends Record<string, typeof typedText>>(props: T) => Type.Object(props, { additionalProperties: true });
const NextQuery = form({ next: typedText });
const CodeBody = form({ code: typedText, next: typedText });
const CredentialBody = form({ credential: typedText, next: typedText, name: typedText });
const NameBody = form({ name: typedText });
const DoneQuery = form({ done: typedText });
const PasskeyParams = Type.Object({ id: IdParam });
const UserParams = Type.Object({ id: IdParam });

const DONE: Record<string, AdminStringKey> = {
  app: 'tf_done_app', 'app-removed': 'tf_done_appRemoved', passkey: 'tf_done_passkey', 'passkey-removed': 'tf_done_passkeyRemoved', renamed: 'tf_done_renamed',
};

const words = (t: AdminTranslate): PasskeyWordsVM => ({ waiting: t('tf_passkeyWaiting'), cancelled: t('tf_passkeyCancelled'), unsupported: t('tf_passkeyUnsupported') });
const when = (iso: string, locale: UiLocale) => ({ iso, text: `${dateText(iso, locale, 'UTC')} UTC` });

export function registerTwoFactorRoutes(fastify: FastifyInstance, deps: AdminDeps & { css: AdminCss; loginPage: LoginPageFn }): void {
  const admin = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { twoFactor } = deps.services;
  const script = passkeysScript();
  const client = (req: FastifyRequest) => ({ ip: req.ip, userAgent: String(req.headers['user-agent'] ?? '') });
  const change = (req: FastifyRequest) => ({ who: { account: accountOf(req), ip: req.ip }, keepSessionId: req.newsroomSession });
  const tr = (req: FastifyRequest) => adminTranslator(accountOf(req).locale);

  // ---- the second step of a sign-in (anyone: there is no session yet) ----

  const verifyPage = async (req: FastifyRequest, reply: FastifyReply, status: number, o: { next: string; notice?: Notice | null; error?: string | null }) => {
    const token = req.cookies[PENDING_COOKIE];
    const p = await twoFactor.pending(token);
    if (!p) return reply.clearCookie(PENDING_COOKIE, { path: '/admin/login' }).redirect(adminUrls.login({ done: 'second-gone' }), 303);
    const locale = p.account.locale;
    const t = adminTranslator(locale);
    const options = p.passkeys && token ? await twoFactor.passkeySignInOptions(token) : null;
    const vm = {
      notice: o.notice ?? null,
      csrf: reply.generateCsrf(),
      next: o.next,
      codeAction: adminUrls.loginVerify(),
      code: { id: 'code', name: 'code', label: t('tf_verifyCode'), value: '', required: true, dir: 'ltr' as const, autocomplete: 'one-time-code', hint: t('tf_verifyCodeHint'), error: o.error ?? null },
      passkey: options ? { action: adminUrls.loginPasskey(), options: JSON.stringify(options), words: words(t) } : null,
      loginUrl: adminUrls.login({ lang: locale }),
    };
    const sh = shell(req, reply, deps.css, deps.urls.siteUrl, { locale, title: t('tf_verifyTitle'), account: null, here: req.url });
    return sendAdmin(reply, status, renderAdminDocument({ ...sh, languageLink: null, ...(options && { scripts: [script.url] }) }, <VerifyPage vm={vm} t={t} />));
  };

  /** Where a second step leads: a session, the same page with the reason, or back to the password. */
  const answer = async (req: FastifyRequest, reply: FastifyReply, r: SecondStepResult, next: string) => {
    if (r.ok) {
      reply.clearCookie(PENDING_COOKIE, { path: '/admin/login' });
      reply.setCookie(SESSION_COOKIE, r.sessionToken, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.secure, maxAge: SESSION_ABSOLUTE_MS / 1000 });
      return reply.redirect(next, 303);
    }
    if (r.reason === 'gone') return reply.clearCookie(PENDING_COOKIE, { path: '/admin/login' }).redirect(adminUrls.login({ done: 'second-gone' }), 303);
    const p = await twoFactor.pending(req.cookies[PENDING_COOKIE]);
    const t = adminTranslator(p?.account.locale ?? 'ar');
    if (r.reason === 'slowed') {
      reply.header('retry-after', String(r.retryAfterSeconds));
      return verifyPage(req, reply, 429, { next, notice: { kind: 'error', text: t('tf_slowed', { seconds: r.retryAfterSeconds }) } });
    }
    return verifyPage(req, reply, 401, { next, notice: { kind: 'error', text: t('tf_codeWrong') }, error: t('tf_codeWrong') });
  };
  const expiredForm = async (req: FastifyRequest, reply: FastifyReply) => {
    const p = await twoFactor.pending(req.cookies[PENDING_COOKIE]);
    const t = adminTranslator(p?.account.locale ?? 'ar');
    return verifyPage(req, reply, reshowStatus(req), { next: safeNext(field(req.body, 'next')), notice: { kind: 'error', text: t(reshowKey(req)) } });
  };

  admin.get('/login/verify', { config: { can: 'anyone' }, schema: { querystring: NextQuery } }, async (req, reply) => {
    if (req.newsroomAccount) return reply.redirect(safeNext(req.query.next), 303);
    return verifyPage(req, reply, 200, { next: safeNext(req.query.next) });
  });

  admin.post('/login/verify', { config: { can: 'anyone', rateLimit: VERIFY_LIMIT, reshow: expiredForm }, schema: { body: CodeBody } }, async (req, reply) => {
    const next = safeNext(req.body.next);
    const code = (req.body.code ?? '').trim().slice(0, 40);
    return answer(req, reply, await twoFactor.verifyCode(req.cookies[PENDING_COOKIE] ?? '', code, client(req)), next);
  });

  admin.post('/login/passkey', { config: { can: 'anyone', rateLimit: VERIFY_LIMIT, reshow: expiredForm }, schema: { body: CredentialBody } }, async (req, reply) => {
    const next = safeNext(req.body.next);
    const r = await twoFactor.verifyPasskey(req.cookies[PENDING_COOKIE] ?? '', req.body.credential ?? '', client(req));
    if (!r.ok && r.reason === 'invalid') {
      const p = await twoFactor.pending(req.cookies[PENDING_COOKIE]);
      const t = adminTranslator(p?.account.locale ?? 'ar');
      return verifyPage(req, reply, 401, { next, notice: { kind: 'error', text: t('tf_passkeyFailed') } });
    }
    return answer(req, reply, r, next);
  });

  // A passkey alone (it is two factors by itself): the sign-in page's other way in.
  const LoginPasskeyBody = form({ credential: typedText, next: typedText, lang: typedText });
  admin.post('/login/with-passkey', {
    config: {
      can: 'anyone', rateLimit: VERIFY_LIMIT,
      reshow: async (req, reply) => {
        const locale = uiLocale(null, field(req.body, 'lang'));
        return deps.loginPage(req, reply, reshowStatus(req), { locale, email: '', next: safeNext(field(req.body, 'next')), notice: { kind: 'error', text: adminTranslator(locale)(reshowKey(req)) } });
      },
    },
    schema: { body: LoginPasskeyBody },
  }, async (req, reply) => {
    const next = safeNext(req.body.next);
    const r = await twoFactor.signInWithPasskey(req.body.credential ?? '', client(req));
    if (r.ok) return answer(req, reply, r, next);
    const locale = uiLocale(null, req.body.lang);
    return deps.loginPage(req, reply, 401, { locale, email: '', next, notice: { kind: 'error', text: adminTranslator(locale)('tf_passkeyFailed') } });
  });

  // ---- one's own factors (reachable while enrolment is required) ----

  const profilePage = async (req: FastifyRequest, reply: FastifyReply, status: number, o: { notices?: Notice[]; problems?: FieldProblems; name?: string } = {}) => {
    const me = accountOf(req);
    const t = tr(req);
    const state = await twoFactor.state(me);
    const problems = o.problems ?? {};
    const err = (name: string) => fieldError(me.locale, problems[name]);
    const enrol = state.totp === 'on' ? null : await twoFactor.totpEnrolment(me);
    const on = state.totp === 'on' || state.passkeys.length > 0;
    const notices = [...(state.required && !on ? [{ kind: 'error' as const, text: t('tf_required') }] : []), ...(o.notices ?? [])];
    const app: TwoFactorVM['app'] = enrol
      ? {
          on: false,
          enrol: {
            action: adminUrls.twoFactorApp(),
            qrSvg: await qrcode().toString(enrol.uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }),
            key: enrol.key.replace(/(.{4})(?=.)/g, '$1 '),
            code: { id: 'totp-code', name: 'code', label: t('tf_code'), value: '', required: true, dir: 'ltr', autocomplete: 'one-time-code', hint: t('tf_codeHint'), error: err('code') },
          },
        }
      : { on: true, removeAction: adminUrls.twoFactorAppRemove() };
    const d = deviceOf(String(req.headers['user-agent'] ?? ''));
    const suggested = [d.browser, d.system].filter(Boolean).join(' · ');
    const vm: TwoFactorVM = {
      notices: [...notices, ...(problems.factor ? [{ kind: 'error' as const, text: fieldError(me.locale, problems.factor)! }] : []), ...(problems.credential ? [{ kind: 'error' as const, text: fieldError(me.locale, problems.credential)! }] : [])],
      csrf: reply.generateCsrf(),
      on,
      app,
      passkeys: state.passkeys.map((p) => ({
        id: p.id, name: p.name, created: when(p.createdAt, me.locale), lastUsed: p.lastUsedAt ? when(p.lastUsedAt, me.locale) : null,
        renameAction: adminUrls.twoFactorPasskey(p.id), removeAction: `${adminUrls.twoFactorPasskey(p.id)}/remove`,
      })),
      addPasskey: {
        action: adminUrls.twoFactorPasskeys(),
        options: JSON.stringify(await twoFactor.passkeyRegistrationOptions(me, req.newsroomSession ?? '')),
        name: { id: 'passkey-name', name: 'name', label: t('tf_passkeyName'), value: o.name ?? suggested, required: true, hint: t('tf_passkeyNameHint'), error: err('name') },
        words: words(t),
      },
      recovery: on ? { left: state.recoveryLeft, action: adminUrls.twoFactorRecovery() } : null,
    };
    return sendPage(req, reply, deps, status, { title: t('tf_title'), current: 'profile', here: adminUrls.twoFactor(), scripts: [script.url] }, <TwoFactorPage vm={vm} t={t} />);
  };
  const self = { can: 'signed-in' as const, enrolment: true as const };
  const reshowProfile = { ...self, reshow: (req: FastifyRequest, reply: FastifyReply) => profilePage(req, reply, reshowStatus(req), { notices: [reshowNotice(req)] }) };

  /** The codes, once; then on to where the account was going (the dashboard once enrolled). */
  const recoveryPage = (req: FastifyRequest, reply: FastifyReply, heading: AdminStringKey, codes: string[], done: string) => {
    const t = tr(req);
    return sendPage(req, reply, deps, 200, { title: t('tf_recoveryOnceTitle'), current: 'profile', here: adminUrls.twoFactor() },
      <RecoveryCodesPage vm={{ heading: t(heading), codes, continueUrl: `${adminUrls.twoFactor()}?done=${done}` }} t={t} />);
  };

  admin.get('/profile/two-factor', { config: self, schema: { querystring: DoneQuery } }, async (req, reply) => {
    const key = DONE[req.query.done ?? ''];
    return profilePage(req, reply, 200, { notices: key ? [{ kind: 'info', text: tr(req)(key) }] : [] });
  });

  admin.post('/profile/two-factor/app', { config: reshowProfile, schema: { body: CodeBody } }, async (req, reply) =>
    unlessRefused(async () => {
      const r = await twoFactor.confirmTotp(accountOf(req), (req.body.code ?? '').slice(0, 40), change(req));
      if (r.recoveryCodes) return recoveryPage(req, reply, 'tf_done_app', r.recoveryCodes, 'app');
      return reply.redirect(`${adminUrls.twoFactor()}?done=app`, 303);
    }, (problems) => profilePage(req, reply, 400, { problems })));

  admin.post('/profile/two-factor/app/remove', { config: reshowProfile, schema: {} }, async (req, reply) =>
    unlessRefused(async () => {
      await twoFactor.removeTotp(accountOf(req), change(req));
      return reply.redirect(`${adminUrls.twoFactor()}?done=app-removed`, 303);
    }, (problems) => profilePage(req, reply, 400, { problems })));

  admin.post('/profile/two-factor/passkeys', { config: reshowProfile, schema: { body: CredentialBody } }, async (req, reply) => {
    const name = (req.body.name ?? '').slice(0, 200);
    return unlessRefused(async () => {
      const r = await twoFactor.addPasskey(accountOf(req), req.newsroomSession ?? '', req.body.credential ?? '', name, change(req));
      if (r.recoveryCodes) return recoveryPage(req, reply, 'tf_done_passkey', r.recoveryCodes, 'passkey');
      return reply.redirect(`${adminUrls.twoFactor()}?done=passkey`, 303);
    }, (problems) => profilePage(req, reply, 400, { problems, name }));
  });

  admin.post('/profile/two-factor/passkeys/:id', { config: reshowProfile, schema: { params: PasskeyParams, body: NameBody } }, async (req, reply) =>
    unlessRefused(async () => {
      await twoFactor.renamePasskey(accountOf(req), Number(req.params.id), req.body.name ?? '', change(req));
      return reply.redirect(`${adminUrls.twoFactor()}?done=renamed`, 303);
    }, (problems) => profilePage(req, reply, 400, { problems: { factor: problems.name ?? Object.values(problems)[0]! } })));

  admin.post('/profile/two-factor/passkeys/:id/remove', { config: reshowProfile, schema: { params: PasskeyParams } }, async (req, reply) =>
    unlessRefused(async () => {
      await twoFactor.removePasskey(accountOf(req), Number(req.params.id), change(req));
      return reply.redirect(`${adminUrls.twoFactor()}?done=passkey-removed`, 303);
    }, (problems) => profilePage(req, reply, 400, { problems })));

  admin.post('/profile/two-factor/recovery-codes', { config: reshowProfile, schema: {} }, async (req, reply) =>
    unlessRefused(async () => recoveryPage(req, reply, 'tf_recoveryNew', await twoFactor.regenerateRecoveryCodes(accountOf(req), change(req)), ''),
      (problems) => profilePage(req, reply, 400, { problems })));

  // ---- administrators: which roles must, and a member's lost factor ----

  const securityPage = async (req: FastifyRequest, reply: FastifyReply, status: number, notices: Notice[]) => {
    const t = tr(req);
    const required = await twoFactor.requiredRoles();
    const warn: Notice[] = deps.config.secret === null ? [{ kind: 'error', text: t('tf_secretWarning') }] : [];
    const vm = {
      notices: [...warn, ...notices], action: adminUrls.security(), csrf: reply.generateCsrf(),
      roles: ROLES.map((r) => ({ value: r, label: t(`role_${r}`), checked: required.includes(r) })),
    };
    return sendPage(req, reply, deps, status, { title: t('tf_securityTitle'), current: 'manage', here: adminUrls.security() }, <SecurityPage vm={vm} t={t} />);
  };
  admin.get('/security', { config: { can: 'user.manage' }, schema: { querystring: DoneQuery } }, async (req, reply) =>
    securityPage(req, reply, 200, req.query.done === 'saved' ? [{ kind: 'info', text: tr(req)('savedNotice') }] : []));
  admin.post('/security', { config: { can: 'user.manage', reshow: (req, reply) => securityPage(req, reply, reshowStatus(req), [reshowNotice(req)]) }, schema: { body: Type.Object({}, { additionalProperties: true }) } }, async (req, reply) =>
    unlessRefused(async () => {
      await twoFactor.setRequiredRoles(fields(req.body, 'roles'), { account: accountOf(req), ip: req.ip });
      return reply.redirect(adminUrls.security({ done: 'saved' }), 303);
    }, () => securityPage(req, reply, 400, [{ kind: 'error', text: tr(req)('formErrors') }])));

  admin.post('/users/:id/reset-2fa', { config: { can: 'user.manage' }, schema: { params: UserParams } }, async (req, reply) => {
    const id = Number(req.params.id);
    await twoFactor.reset(id, { account: accountOf(req), ip: req.ip });
    // Someone resetting their own factors here keeps nothing: they sign in again, like anyone else reset.
    return reply.redirect(`${adminUrls.user(id)}?done=two-factor-reset`, 303);
  });

}

/** The two-factor line of a member's page (for the users screen). */
export async function userTwoFactorState(deps: AdminDeps, t: AdminTranslate, me: Account, id: number): Promise<{ state: string; resetAction: string | null }> {
  const u = await deps.services.users.find(id);
  const s = await deps.services.twoFactor.state(u);
  const parts = [...(s.totp === 'on' ? [t('tf_userApp')] : []), ...(s.passkeys.length ? [t('tf_userPasskeys', { count: s.passkeys.length })] : [])];
  return { state: parts.length ? t('tf_userOn', { what: parts.join(me.locale === 'ar' ? '، ' : ', ') }) : t('tf_userOff'), resetAction: parts.length ? adminUrls.userResetTwoFactor(id) : null };
}

/** How long the pending cookie lives (as long as the pending sign-in). */
export const PENDING_COOKIE_MAX_AGE = PENDING_TTL_MS / 1000;

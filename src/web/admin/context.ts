import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { Config } from '../../config.ts';
import { type Account, isUiLocale, type UiLocale } from '../../domain/account.ts';
import type { Clock } from '../../platform/clock.ts';
import { adminTranslator, type AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import type { Mailer } from '../../platform/mailer.ts';
import { packageRoot } from '../../platform/package-root.ts';
import { canDo, type SiteAction } from '../../services/users/capabilities.ts';
import type { Services } from '../../services/services.ts';
import type { Assets } from '../assets.ts';
import type { Urls } from '../../services/editions/urls.ts';
import { renderAdminDocument } from '../../theme/admin/layout.tsx';
import type { AdminShellVM } from '../../theme/admin/view-models.ts';

export interface AdminDeps {
  services: Services;
  config: Config;
  clock: Clock;
  urls: Urls;
  assets: Assets;
  mailer: Mailer;
  /** Cookies get the Secure flag (SITE_URL is https). */
  secure: boolean;
  /** The site secret (keys commenters' e-mail hashes for staff replies). */
  secret: string;
}

export const SESSION_COOKIE = 'khabar_session';

export const ADMIN = '/admin';

/** Every newsroom URL (the admin's own urls.ts): one place, query values encoded. */
export const adminUrls = {
  home: () => `${ADMIN}/`,
  login: (q: { lang?: string; next?: string; done?: string } = {}) => withQuery(`${ADMIN}/login`, q),
  logout: () => `${ADMIN}/logout`,
  locale: () => `${ADMIN}/locale`,
  resetRequest: (q: { lang?: string } = {}) => withQuery(`${ADMIN}/password-reset`, q),
  resetConfirm: (q: { token?: string; lang?: string } = {}) => withQuery(`${ADMIN}/password-reset/confirm`, q),
  articles: (q: Record<string, string | undefined> = {}) => withQuery(`${ADMIN}/articles`, q),
  bulk: () => `${ADMIN}/articles/bulk`,
  media: (q: { q?: string; page?: string; done?: string } = {}) => withQuery(`${ADMIN}/media`, q),
  mediaJson: () => `${ADMIN}/media.json`,
  mediaItem: (id: number, q: { done?: string } = {}) => withQuery(`${ADMIN}/media/${id}`, q),
  mediaDelete: (id: number) => `${ADMIN}/media/${id}/delete`,
  comments: (q: Record<string, string | undefined> = {}) => withQuery(`${ADMIN}/comments`, q),
  commentsBulk: () => `${ADMIN}/comments/bulk`,
  commentReply: (id: number) => `${ADMIN}/comments/${id}/reply`,
  manage: () => `${ADMIN}/manage`,
  profile: () => `${ADMIN}/profile`,
  profileSessionEnd: () => `${ADMIN}/profile/sessions/end`,
  profileSessionsEndOthers: () => `${ADMIN}/profile/sessions/end-others`,
  loginVerify: (q: { next?: string } = {}) => withQuery(`${ADMIN}/login/verify`, q),
  loginPasskey: () => `${ADMIN}/login/passkey`,
  loginWithPasskey: () => `${ADMIN}/login/with-passkey`,
  twoFactor: () => `${ADMIN}/profile/two-factor`,
  twoFactorApp: () => `${ADMIN}/profile/two-factor/app`,
  twoFactorAppRemove: () => `${ADMIN}/profile/two-factor/app/remove`,
  twoFactorPasskeys: () => `${ADMIN}/profile/two-factor/passkeys`,
  twoFactorPasskey: (id: number) => `${ADMIN}/profile/two-factor/passkeys/${id}`,
  twoFactorRecovery: () => `${ADMIN}/profile/two-factor/recovery-codes`,
  security: (q: { done?: string } = {}) => withQuery(`${ADMIN}/security`, q),
  user: (id: number) => `${ADMIN}/users/${id}`,
  userResetTwoFactor: (id: number) => `${ADMIN}/users/${id}/reset-2fa`,
  audit: (q: Record<string, string | undefined> = {}) => withQuery(`${ADMIN}/audit`, q),
};

/** The capabilities behind the "manage" screens (sections and tags, users, editions, menus, home page, pages). */
export const MANAGE_ACTIONS: readonly SiteAction[] = ['taxonomy.manage', 'user.manage', 'settings.manage', 'home.lead', 'menu.manage', 'page.manage', 'audit.view'];

export function withQuery(path: string, q: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, v);
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

/** Only newsroom paths may be a post-login destination (no open redirect to another site). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith(`${ADMIN}/`) && !next.startsWith('//') && !/[\\\r\n]/.test(next) ? next : adminUrls.home();
}

/** The UI language: the account's choice, else ?lang= / a form field, else Arabic. */
export function uiLocale(account: Account | null, requested: unknown): UiLocale {
  if (account) return account.locale;
  return isUiLocale(requested) ? requested : 'ar';
}

/** A form field as one trimmed string (repeated fields: the first). */
export function field(body: unknown, name: string): string {
  if (typeof body !== 'object' || body === null) return '';
  const v = (body as Record<string, unknown>)[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s : '';
}

export function fields(body: unknown, name: string): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const v = (body as Record<string, unknown>)[name];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
}

export interface AdminCss {
  url: string;
  body: Buffer;
}

/** The newsroom stylesheet under a content-hashed name, sharing the theme's Arabic webfont files. */
export function loadAdminCss(assets: Assets): AdminCss {
  const [regular, bold] = assets.fontPreloads;
  const text = readFileSync(join(packageRoot(), 'src', 'theme', 'admin', 'admin.css'), 'utf8')
    .replace('{{font:naskh-400}}', regular ?? '')
    .replace('{{font:naskh-700}}', bold ?? '');
  const body = Buffer.from(text);
  const h = createHash('sha256').update(body).digest('hex').slice(0, 10);
  return { url: `${ADMIN}/assets/admin.${h}.css`, body };
}

let passkeys: AdminCss | undefined;

/**
 * The passkey script (src/theme/admin/passkeys.js: plain browser JavaScript, like the public
 * theme's site.js) under a content-hashed name, read once.
 */
export function passkeysScript(): AdminCss {
  if (passkeys) return passkeys;
  const body = readFileSync(join(packageRoot(), 'src', 'theme', 'admin', 'passkeys.js'));
  const h = createHash('sha256').update(body).digest('hex').slice(0, 10);
  passkeys = { url: `${ADMIN}/assets/passkeys.${h}.js`, body };
  return passkeys;
}

export interface ShellOptions {
  locale: UiLocale;
  title: string;
  account: Account | null;
  current?: 'dashboard' | 'articles' | 'comments' | 'manage' | 'profile' | 'media';
  /** Where the language switch returns to. */
  here: string;
}

/** The page shell for one request. */
export function shell(req: FastifyRequest, reply: FastifyReply, css: AdminCss, siteUrl: string, o: ShellOptions): AdminShellVM {
  const t = adminTranslator(o.locale);
  const other: UiLocale = o.locale === 'ar' ? 'en' : 'ar';
  return {
    lang: o.locale,
    dir: o.locale === 'ar' ? 'rtl' : 'ltr',
    title: o.title,
    css: css.url,
    t,
    user: o.account
      ? {
          name: o.account.name,
          roleLabel: t(`role_${o.account.role}`),
          logoutUrl: adminUrls.logout(),
          csrf: reply.generateCsrf(),
          localeUrl: adminUrls.locale(),
          otherLocale: other,
          returnTo: o.here,
        }
      : null,
    nav: o.account
      ? [
          { label: t('dashboard'), url: adminUrls.home(), current: o.current === 'dashboard' },
          { label: t('articles'), url: adminUrls.articles(), current: o.current === 'articles' },
          ...(canDo(o.account, 'media.upload') ? [{ label: t('media'), url: adminUrls.media(), current: o.current === 'media' }] : []),
          ...manageNav(o.account, t, o.current),
        ]
      : [],
    siteUrl: siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`,
    languageLink: o.account ? null : { label: t('switchLanguage'), url: withLang(req.url, other), lang: other },
  };
}

/** The management entries, each only for roles that may use it (the routes check again). */
function manageNav(account: Account, t: AdminTranslate, current: ShellOptions['current']) {
  return [
    ...(canDo(account, 'comment.moderate') ? [{ label: t('comments'), url: adminUrls.comments(), current: current === 'comments' }] : []),
    ...(MANAGE_ACTIONS.some((a) => canDo(account, a)) ? [{ label: t('manage'), url: adminUrls.manage(), current: current === 'manage' }] : []),
    { label: t('profile'), url: adminUrls.profile(), current: current === 'profile' },
  ];
}

function withLang(url: string, lang: UiLocale): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set('lang', lang);
  return `${u.pathname}${u.search}`;
}

export function sendAdmin(reply: FastifyReply, status: number, html: string) {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

/** A page behind the login: the account's shell around `body`, sent with `status`. */
export function sendPage(
  req: FastifyRequest, reply: FastifyReply, deps: { css: AdminCss; urls: { siteUrl: string } }, status: number,
  o: { title: string; current: ShellOptions['current']; here: string; scripts?: readonly string[] }, body: ComponentChildren,
) {
  const account = req.newsroomAccount;
  // Only pages behind the login send this shell: their route's guard has made sure of an account.
  if (!account) throw new Error(`${req.method} ${req.url}: a signed-in page without an account`);
  const sh = shell(req, reply, deps.css, deps.urls.siteUrl, { locale: account.locale, title: o.title, account, current: o.current, here: o.here });
  return sendAdmin(reply, status, renderAdminDocument(o.scripts ? { ...sh, scripts: o.scripts } : sh, body));
}

export type { AdminTranslate };

/** preHandler for every page behind the login: anonymous visitors go to the login form. */
export async function requireAccount(req: FastifyRequest, reply: FastifyReply) {
  if (req.newsroomAccount) return;
  const expired = Boolean(req.cookies[SESSION_COOKIE]);
  if (expired) reply.clearCookie(SESSION_COOKIE, { path: '/' });
  return reply.redirect(adminUrls.login({ ...(req.method === 'GET' && { next: req.url }), ...(expired && { done: 'expired' }) }), 303);
}

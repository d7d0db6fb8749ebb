import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Edition } from '../../domain/edition.ts';
import { Forbidden } from '../../domain/errors.ts';
import { zonedParts } from '../../platform/dates/format.ts';
import { adminTranslator, type AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { loadEditions } from '../../services/editions/editions.ts';
import { FormRefused, type Problem } from '../../services/manage/problems.ts';
import { canDo, type SiteAction } from '../../services/users/capabilities.ts';
import type { Repositories } from '../../storage/repositories.ts';
import type { EditionTabsVM } from '../../theme/admin/manage-pages.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { requireAccount } from './context.ts';

/**
 * preHandler after requireAccount: refuses (403 page) an account whose role may not do this.
 * Every management route checks on the server; the menu only hides what would be refused.
 */
export function requireCan(action: SiteAction) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    const account = req.newsroomAccount;
    if (account && !canDo(account, action)) throw new Forbidden(`${action} is not allowed for this account`);
  };
}

/** The preHandlers of a management screen: its GET pages, and its POSTs (which also check the CSRF token). */
export function manageGuards(admin: FastifyInstance, action: SiteAction) {
  return {
    guard: { preHandler: [requireAccount, requireCan(action)] },
    guardPost: { preHandler: [requireAccount, requireCan(action), admin.csrfProtection] },
  };
}

/**
 * How a form whose CSRF token failed comes back: `show` re-renders it for the account; an
 * anonymous (expired) visitor goes to the login page. The capability preHandler runs before the
 * CSRF check, so only accounts allowed on the screen reach `show`.
 */
export function reshowForm(show: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>) {
  return async (req: FastifyRequest, reply: FastifyReply) => (req.newsroomAccount ? show(req, reply) : requireAccount(req, reply));
}

/** The notice over a form the service refused. */
/**
 * Does what a form asks; when the service refuses it (FormRefused, every field problem at once),
 * `reshow` answers instead — the form again, with the reader's text and each problem by its field.
 */
export async function unlessRefused<T, U>(run: () => Promise<T>, reshow: (problems: Record<string, Problem>) => U | Promise<U>): Promise<T | U> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof FormRefused)) throw e;
    return reshow(e.problems);
  }
}

export function formErrorsNotice(t: AdminTranslate): Notice {
  return { kind: 'error', text: t('formErrors') };
}

/** The notice over a form shown again after a failed CSRF check. */
export function formExpiredNotice(req: FastifyRequest): Notice {
  return { kind: 'error', text: adminTranslator(req.newsroomAccount!.locale)('formExpired') };
}

/** `?edition=` as asked for ('' when absent; an unknown code means the default edition). */
export function editionParam(req: FastifyRequest): string {
  return String((req.query as Record<string, unknown>).edition ?? '');
}

/** The code of the edition `?edition=` names, else the default edition's. */
export async function editionCodeOf(repos: Repositories, req: FastifyRequest): Promise<string> {
  const editions = await loadEditions(repos);
  return (editions.get(editionParam(req)) ?? editions.default).code;
}

/** Tabs to the same screen in each edition. */
export function editionTabs(t: AdminTranslate, editions: readonly Edition[], current: string, url: (code: string) => string): EditionTabsVM {
  return { label: t('editionsNav'), tabs: editions.map((e) => ({ label: e.siteName, url: url(e.code), current: e.code === current, lang: e.locale })) };
}

/** The notice a `?done=` redirect asks for. */
export function doneNotice(t: AdminTranslate, done: unknown): Notice[] {
  if (done === 'saved') return [{ kind: 'info', text: t('savedNotice') }];
  if (done === 'created') return [{ kind: 'info', text: t('createdNotice') }];
  if (done === 'deleted') return [{ kind: 'info', text: t('deletedNotice') }];
  return [];
}

/**
 * Day, month name, year and 24-hour time in a zone, as the article list shows dates (ICU's short
 * pattern puts Latin slashes into Arabic text, which bidi then scatters).
 */
export function adminDateText(iso: string, timeZone: string, locale: 'ar' | 'en'): string {
  const z = zonedParts(iso, timeZone);
  const month = new Intl.DateTimeFormat(locale === 'ar' ? 'ar' : 'en-GB', { month: 'short', timeZone }).format(new Date(iso));
  return `${z.day} ${month} ${z.year} - ${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')}`;
}

/** A positive integer from a query or form value, else undefined. */
export function positiveInt(v: unknown): number | undefined {
  return typeof v === 'string' && /^[1-9]\d{0,8}$/.test(v.trim()) ? Number(v.trim()) : undefined;
}

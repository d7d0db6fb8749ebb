import { Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Edition } from '../../domain/edition.ts';
import { Conflict, Invalid, type Problem } from '../../domain/errors.ts';
import { zonedParts } from '../../platform/dates/format.ts';
import { adminTranslator, type AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { problemMessage } from '../../platform/i18n/problems.ts';
import type { EditionTabsVM } from '../../theme/admin/manage-pages.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { accountOf, reshowKey } from './route-contract.ts';

/** A form field as typed: permissive, so the service (not Ajv) judges it and the form is re-shown. */
export const typedText = Type.Optional(Type.String());

/** `?edition=` (a tab of a management screen; unknown means the default edition) and `?done=`. */
export const EditionQuery = Type.Object({ edition: Type.Optional(Type.String()), done: Type.Optional(Type.String()) });

/** A numeric id in a path; anything else is answered 404 (admin.tsx's error handler). */
export const IdParam = Type.String({ pattern: '^[0-9]{1,9}$' });

/** The first problem of each field; a refusal about the input as a whole is under ''. */
export type FieldProblems = Record<string, Problem>;

/**
 * Does what a form asks; when the service refuses the input (an Invalid with every problem at
 * once, or a Conflict naming its field, such as an e-mail already taken), `reshow` answers instead —
 * the form again, with the reader's text and each problem by its field.
 */
export async function unlessRefused<T, U>(run: () => Promise<T>, reshow: (problems: FieldProblems) => U | Promise<U>): Promise<T | U> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof Invalid) return reshow(e.byField());
    if (e instanceof Conflict && e.problems.length) return reshow(Object.fromEntries(e.problems.map((p) => [p.field, p])));
    throw e;
  }
}

/** The message beside a field, in the UI language (null: the field was not refused). */
export function fieldError(locale: string, p: Problem | undefined): string | null {
  return p ? problemMessage(locale, p) : null;
}

export function formErrorsNotice(t: AdminTranslate): Notice {
  return { kind: 'error', text: t('formErrors') };
}

/** The notice over a form shown again by its route's `reshow` (an expired token, a lost database). */
export function reshowNotice(req: FastifyRequest): Notice {
  return { kind: 'error', text: adminTranslator(accountOf(req).locale)(reshowKey(req)) };
}

/** Tabs to the same screen in each edition. */
export function editionTabs(t: AdminTranslate, editions: readonly Edition[], current: string, url: (code: string) => string): EditionTabsVM {
  return { label: t('editionsNav'), tabs: editions.map((e) => ({ label: e.siteName, url: url(e.code), current: e.code === current, lang: e.locale })) };
}

/** The notice a `?done=` redirect asks for. */
export function doneNotice(t: AdminTranslate, done: string | undefined): Notice[] {
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

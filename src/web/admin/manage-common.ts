import type { FastifyReply, FastifyRequest } from 'fastify';
import { Forbidden } from '../../domain/errors.ts';
import { zonedParts } from '../../platform/dates/format.ts';
import { canDo, type SiteAction } from '../../services/users/capabilities.ts';

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

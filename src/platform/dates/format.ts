import type { Edition } from '../../domain/edition.ts';
import { localiseDigits } from './digits.ts';

/** Month names of the Levantine (Syriac-derived) style, used in Syria, Lebanon, Jordan, Iraq. */
const LEVANTINE_MONTHS = [
  'كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران',
  'تموز', 'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول',
];

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
}

// Intl.DateTimeFormat construction is costly; one per (locale, zone, options) is kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

function partsOf(f: Intl.DateTimeFormat, date: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(date)) out[p.type] = p.value;
  return out;
}

// Permalinks ask for the same instants over and over (every comment POST, feed and sitemap):
// formatToParts costs more than the rest of building a URL, so recent answers are kept.
const zonedCache = new Map<string, ZonedParts>();
const ZONED_CACHE_MAX = 10_000;
const zonedFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date and wall-clock time of an instant in a time zone (for permalinks). */
export function zonedParts(instant: string | Date, timeZone: string): ZonedParts {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const key = `${timeZone}|${date.getTime()}`;
  const known = zonedCache.get(key);
  if (known) return { ...known };
  let f = zonedFormatters.get(timeZone);
  if (!f) {
    // en-US with latn digits and h23 gives plain numbers to parse, whatever the edition.
    f = formatter('en-US', {
      timeZone, year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', hourCycle: 'h23', numberingSystem: 'latn',
    });
    zonedFormatters.set(timeZone, f);
  }
  const p = partsOf(f, date);
  const parts = {
    year: Number(p.year), month: Number(p.month), day: Number(p.day),
    hour: Number(p.hour), minute: Number(p.minute),
  };
  if (zonedCache.size >= ZONED_CACHE_MAX) zonedCache.clear();
  zonedCache.set(key, parts);
  return { ...parts };
}

/** The UTC instant of a wall-clock date/time in a zone (inverse of zonedParts). */
export function instantFromZoned(parts: ZonedParts, timeZone: string): Date {
  const guess = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
  // Two passes settle DST edges: shift by the zone's offset at the guessed instant.
  let t = guess;
  for (let i = 0; i < 2; i++) {
    const z = zonedParts(new Date(t), timeZone);
    const asUtc = Date.UTC(z.year, z.month - 1, z.day, z.hour, z.minute);
    t += guess - asUtc;
  }
  return new Date(t);
}

function monthName(edition: Edition, date: Date, month: number): string {
  if (edition.monthStyle === 'levantine' && edition.locale.startsWith('ar')) {
    return LEVANTINE_MONTHS[month - 1] ?? '';
  }
  return partsOf(formatter(edition.locale, { timeZone: edition.timezone, month: 'long' }), date).month ?? '';
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * The article's date line: weekday, day, month, year, 24-hour time, in the edition's zone,
 * e.g. «الجمعة 25 فبراير 2022 - 18:50». Assembled from parts so ICU's punctuation and bidi marks
 * (which differ between ICU versions) never leak in.
 */
export function formatDateLine(instant: string, edition: Edition): string {
  const date = new Date(instant);
  const z = zonedParts(date, edition.timezone);
  const weekday = partsOf(formatter(edition.locale, { timeZone: edition.timezone, weekday: 'long' }), date).weekday ?? '';
  const line = `${weekday} ${z.day} ${monthName(edition, date, z.month)} ${z.year} - ${pad2(z.hour)}:${pad2(z.minute)}`;
  return localiseDigits(line, edition.digits);
}

/** Short date for lists: «25 فبراير 2022». */
export function formatShortDate(instant: string, edition: Edition): string {
  const date = new Date(instant);
  const z = zonedParts(date, edition.timezone);
  return localiseDigits(`${z.day} ${monthName(edition, date, z.month)} ${z.year}`, edition.digits);
}

/** Month and year for archive headings: «فبراير 2022». */
export function formatMonthYear(year: number, month: number, edition: Edition): string {
  const date = new Date(Date.UTC(year, month - 1, 15, 12));
  const name = edition.monthStyle === 'levantine' && edition.locale.startsWith('ar')
    ? (LEVANTINE_MONTHS[month - 1] ?? '')
    : (partsOf(formatter(edition.locale, { timeZone: 'UTC', month: 'long' }), date).month ?? '');
  return localiseDigits(`${name} ${year}`, edition.digits);
}

/** The Hijri (Umm al-Qura) date, e.g. «24 رجب 1443 هـ», when the edition asks for it. */
export function formatHijri(instant: string, edition: Edition): string {
  const p = partsOf(
    formatter('ar-SA', {
      timeZone: edition.timezone, calendar: 'islamic-umalqura', numberingSystem: 'latn',
      day: 'numeric', month: 'long', year: 'numeric',
    }),
    new Date(instant),
  );
  return localiseDigits(`${p.day} ${p.month} ${p.year} هـ`, edition.digits);
}

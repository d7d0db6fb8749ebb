import type { Edition } from '../../domain/edition.ts';
import { Invalid, NotFound } from '../../domain/errors.ts';
import { invalidates } from '../../domain/invalidation.ts';
import type { Repositories } from '../../storage/repositories.ts';
import type { Touch, Tx } from '../../storage/write-path.ts';

/** The edition settings an operator may change, by the names the CLI and the newsroom use. */
export const EDITION_SETTINGS = [
  'site-name', 'tagline', 'locale', 'dir', 'timezone', 'digits', 'month-style', 'hijri', 'host',
  'default', 'logo-url', 'favicon-url', 'share-image-url', 'wp-api-comments',
] as const;
export type EditionSetting = (typeof EDITION_SETTINGS)[number];

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function urlOrNull(field: string, v: string): string | null {
  if (v === '') return null;
  if (v.startsWith('/') && !v.startsWith('//')) return v;
  try {
    const u = new URL(v);
    if (u.protocol === 'https:' || u.protocol === 'http:') return v;
  } catch {
    /* reported below */
  }
  throw new Invalid(field, 'url');
}

function bool(field: string, v: string): boolean {
  if (/^(true|yes|on|1)$/i.test(v)) return true;
  if (/^(false|no|off|0)$/i.test(v)) return false;
  throw new Invalid(field, 'boolean');
}

/**
 * Every setting of an edition, by the names `applyEditionSetting` takes: what is shown (the CLI's
 * `editions` list) can be written back as it reads. Null: not set.
 */
export function editionSettings(e: Edition): Record<EditionSetting, string | boolean | null> {
  return {
    'site-name': e.siteName, tagline: e.tagline, locale: e.locale, dir: e.dir, timezone: e.timezone, digits: e.digits,
    'month-style': e.monthStyle, hijri: e.showHijri, host: e.host, default: e.isDefault,
    'logo-url': e.logoUrl, 'favicon-url': e.faviconUrl, 'share-image-url': e.shareImageUrl,
    'wp-api-comments': e.wpApiComments,
  };
}

/** One setting applied to an edition, validated; throws Invalid naming the setting. */
export function applyEditionSetting(e: Edition, key: string, value: string): Edition {
  const v = value.trim();
  switch (key as EditionSetting) {
    case 'site-name':
      if (!v) throw new Invalid(key, 'required');
      return { ...e, siteName: v };
    case 'tagline':
      return { ...e, tagline: v };
    case 'locale':
      try {
        return { ...e, locale: Intl.getCanonicalLocales(v)[0] ?? e.locale };
      } catch {
        throw new Invalid(key, 'language_tag');
      }
    case 'dir':
      if (v !== 'rtl' && v !== 'ltr') throw new Invalid(key, 'one_of', { options: 'rtl, ltr' });
      return { ...e, dir: v };
    case 'timezone':
      if (!isTimeZone(v)) throw new Invalid(key, 'time_zone');
      return { ...e, timezone: v };
    case 'digits':
      if (v !== 'latn' && v !== 'arab') throw new Invalid(key, 'one_of', { options: 'latn (0-9), arab (٠-٩)' });
      return { ...e, digits: v };
    case 'month-style':
      if (v !== 'gregorian' && v !== 'levantine') throw new Invalid(key, 'one_of', { options: 'gregorian (فبراير), levantine (شباط)' });
      return { ...e, monthStyle: v };
    case 'hijri':
      return { ...e, showHijri: bool(key, v) };
    case 'host':
      if (v && !/^[a-z0-9.-]+(:\d+)?$/i.test(v)) throw new Invalid(key, 'host_name');
      return { ...e, host: v ? v.toLowerCase() : null };
    case 'default':
      return { ...e, isDefault: bool(key, v) };
    case 'logo-url':
      return { ...e, logoUrl: urlOrNull(key, v) };
    case 'favicon-url':
      return { ...e, faviconUrl: urlOrNull(key, v) };
    case 'share-image-url':
      return { ...e, shareImageUrl: urlOrNull(key, v) };
    case 'wp-api-comments':
      return { ...e, wpApiComments: bool(key, v) };
    default:
      throw new Invalid(key, 'not_a_setting', { known: EDITION_SETTINGS.join(', ') });
  }
}

/**
 * Changes settings of one edition in one write; the site shows them on its next request. Every
 * page of the edition shows its settings; a change of the default edition moves the site's root
 * and every edition's links to it, so each edition whose default flag changed is touched too.
 */
export async function updateEdition(repos: Repositories, code: string, changes: [string, string][]): Promise<Edition> {
  return repos.write((tx, touch) => applyEditionChanges(repos, tx, touch, code, changes), { invalidates: [invalidates.edition(code)] });
}

/** updateEdition's work inside a write the caller opened (the newsroom saves the comment policy with it). */
export async function applyEditionChanges(repos: Repositories, tx: Tx, touch: Touch, code: string, changes: [string, string][]): Promise<Edition> {
  const all = await repos.editions.all(tx);
  const current = all.find((e) => e.code === code);
  if (!current) throw new NotFound(`edition "${code}"`);
  const updated = changes.reduce((e, [k, v]) => applyEditionSetting(e, k, v), current);
  await repos.editions.update(updated, tx);
  touch(invalidates.edition(code));
  // Exactly one default edition: making this one default unsets the others.
  if (updated.isDefault && !current.isDefault) {
    for (const other of all) {
      if (other.code === code || !other.isDefault) continue;
      await repos.editions.update({ ...other, isDefault: false }, tx);
      touch(invalidates.edition(other.code));
    }
  }
  if (!updated.isDefault && current.isDefault) throw new Invalid('default', 'default_edition');
  return updated;
}

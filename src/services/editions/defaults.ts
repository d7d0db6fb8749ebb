import type { Edition } from '../../domain/edition.ts';

/**
 * The two editions a new site starts with. Operators change them afterwards (the newsroom
 * settings); these are only written into an empty database.
 */
export const DEFAULT_EDITIONS: readonly Edition[] = [
  {
    code: 'ar',
    locale: 'ar',
    dir: 'rtl',
    timezone: 'Asia/Riyadh',
    digits: 'latn',
    monthStyle: 'gregorian',
    showHijri: false,
    host: null,
    isDefault: true,
    position: 0,
    siteName: 'خبر',
    tagline: 'أخبار العالم بالعربية',
    logoUrl: null,
    faviconUrl: null,
    shareImageUrl: null,
    wpApiComments: false,
  },
  {
    code: 'en',
    locale: 'en',
    dir: 'ltr',
    timezone: 'Europe/London',
    digits: 'latn',
    monthStyle: 'gregorian',
    showHijri: false,
    host: null,
    isDefault: false,
    position: 1,
    siteName: 'Khabar',
    tagline: 'World news from the Arab world',
    logoUrl: null,
    faviconUrl: null,
    shareImageUrl: null,
    wpApiComments: false,
  },
];

/** One language site of the outlet. Everything public belongs to an edition. */
export type Direction = 'rtl' | 'ltr';
export type DigitStyle = 'latn' | 'arab';
/** `gregorian` = the locale's month names (فبراير); `levantine` = Syriac-derived (شباط). */
export type MonthStyle = 'gregorian' | 'levantine';

export interface Edition {
  code: string;            // 'ar', 'en'
  locale: string;          // BCP 47, used for Intl and lang=
  dir: Direction;
  timezone: string;        // IANA zone; dates are shown in it
  digits: DigitStyle;
  monthStyle: MonthStyle;
  showHijri: boolean;
  /** Host that serves this edition at its root (no prefix); null = served under /<code>/. */
  host: string | null;
  isDefault: boolean;
  position: number;
  siteName: string;
  tagline: string;
  logoUrl: string | null;
  faviconUrl: string | null;
  shareImageUrl: string | null;
  /** Comments may be posted through the WordPress REST API (off by default, as in WordPress). */
  wpApiComments: boolean;
}

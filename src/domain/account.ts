import type { Role } from './user.ts';

/** The languages the newsroom UI speaks; a user picks one (Arabic by default). */
export type UiLocale = 'ar' | 'en';
export const UI_LOCALES: readonly UiLocale[] = ['ar', 'en'];

export function isUiLocale(s: unknown): s is UiLocale {
  return s === 'ar' || s === 'en';
}

/** A newsroom account as the newsroom sees it. The password hash never leaves storage. */
export interface Account {
  id: number;
  email: string;
  slug: string;
  name: string;
  role: Role;
  locale: UiLocale;
  createdAt: string;
}

/** Failed logins counted against one key (an e-mail or an IP address) within a window. */
export interface LoginFailure {
  failures: number;
  windowStart: string;
  lockedUntil: string | null;
}

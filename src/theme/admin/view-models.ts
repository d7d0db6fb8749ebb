import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';

/** What every newsroom page's shell needs. Labels are already in the user's UI language. */
export interface AdminShellVM {
  lang: 'ar' | 'en';
  dir: 'rtl' | 'ltr';
  title: string;
  css: string;
  t: AdminTranslate;
  /** The logged-in user, or null on the login and reset pages. */
  user: { name: string; roleLabel: string; logoutUrl: string; csrf: string; localeUrl: string; otherLocale: 'ar' | 'en'; returnTo: string } | null;
  nav: { label: string; url: string; current: boolean }[];
  siteUrl: string;
  /** On anonymous pages: the same page in the other UI language. */
  languageLink: { label: string; url: string; lang: string } | null;
  /** Module scripts that enhance the page (the editor's); the page works without them. */
  scripts?: readonly string[];
}

export type Notice = { kind: 'error' | 'info'; text: string };

export interface LoginVM {
  action: string;
  csrf: string;
  email: string;
  next: string;
  lang: string;
  notice: Notice | null;
  resetUrl: string;
  /** Signing in with a passkey alone (shown by src/theme/admin/passkeys.js where WebAuthn works). */
  passkey?: { action: string; options: string; words: { waiting: string; cancelled: string; unsupported: string } };
}

export interface ResetRequestVM {
  action: string;
  csrf: string;
  email: string;
  lang: string;
  notice: Notice | null;
  sent: boolean;
  loginUrl: string;
}

export interface ResetConfirmVM {
  action: string;
  csrf: string;
  token: string;
  lang: string;
  notice: Notice | null;
  usable: boolean;
  requestUrl: string;
  minLength: number;
}

export interface DashboardVM {
  welcome: string;
  role: string;
  /** Security warnings for administrators (SECRET not set in the environment). */
  warnings?: Notice[];
  counts: { label: string; count: number; url: string }[];
  articlesUrl: string;
  /** «New article», for those who may write one. */
  newUrl: string | null;
  /** Held comments, for moderators: the link to the queue. */
  held: { text: string; url: string; count: number } | null;
  /** Lists of a few articles each: waiting for review, my drafts, scheduled, published lately. */
  blocks: DashboardBlockVM[];
}

export interface DashboardBlockVM {
  id: string;
  title: string;
  rows: { title: string; lang: string; url: string | null; meta: string[] }[];
  /** The whole list, when there are more than shown. */
  more: { label: string; url: string } | null;
  empty: string;
}

/** Page links under a paged list (articles, comments, media). */
export interface PaginationVM {
  prev: string | null;
  next: string | null;
  label: string;
}

export interface Option {
  value: string;
  label: string;
  selected: boolean;
}

export interface ArticleRowVM {
  id: number;
  title: string;
  /** The article's language (its edition's locale), which may differ from the UI's. */
  lang: string;
  viewUrl: string | null;
  /** The editor, for those who may open it (the title links there). */
  editUrl: string | null;
  selectable: boolean;
  checked: boolean;
  selectLabel: string;
  authors: string;
  category: string;
  edition: string;
  status: string;
  statusKey: string;
  date: { iso: string; text: string } | null;
}

/** A sortable column's heading: a link that sorts by it; `current` when the list is sorted so. */
export interface SortVM {
  label: string;
  url: string;
  current: 'asc' | 'desc' | null;
  /** What following the link does («sort ascending»), for screen readers. */
  hint: string;
}

export interface ArticleListVM {
  notices: Notice[];
  sort: { title: SortVM; author: SortVM; status: SortVM; date: SortVM };
  statusLinks: { label: string; count: number; url: string; current: boolean }[];
  filterAction: string;
  filters: { status: Option[]; edition: Option[]; category: Option[]; author: Option[]; text: string };
  hidden: { name: string; value: string }[];
  bulkAction: string;
  csrf: string;
  bulkOptions: Option[];
  rows: ArticleRowVM[];
  total: string;
  pagination: PaginationVM | null;
  clearUrl: string;
  /** «New article», for those who may write one. */
  newUrl: string | null;
}

export interface MessageVM {
  heading: string;
  text: string;
  back: { label: string; url: string } | null;
}

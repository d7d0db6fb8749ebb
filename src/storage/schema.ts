import type { Generated } from 'kysely';

/**
 * Table types for both dialects. Booleans are integers (0/1) and instants are ISO 8601 UTC text
 * (`2022-02-25T15:50:00.000Z`), so SQLite and PostgreSQL store, sort and return the same values.
 */
export interface EditionsTable {
  code: string;
  locale: string;
  dir: string;
  timezone: string;
  digits: string;
  month_style: string;
  show_hijri: number;
  host: string | null;
  is_default: number;
  position: number;
  site_name: string;
  tagline: string;
  logo_url: string | null;
  favicon_url: string | null;
  share_image_url: string | null;
  /** 1: the WordPress REST API takes comments (migrations/0015-wp-api-comments.ts). */
  wp_api_comments: Generated<number>;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  slug: string;
  display_name: string;
  role: string;
  password_hash: string | null;
  bio: string;
  created_at: string;
  /** The newsroom UI language ('ar' or 'en'). */
  locale: Generated<string>;
  /** A library image's address, `/media/<name>/<file>` (migrations/0028-author-photo.ts); null: none. */
  photo_url: string | null;
}

export interface CategoriesTable {
  id: Generated<number>;
  edition: string;
  slug: string;
  name: string;
  description: string;
  position: number;
  /** The parent section (a WordPress category's hierarchy; migration 0011). */
  parent_id: Generated<number | null>;
}

export interface TagsTable {
  id: Generated<number>;
  edition: string;
  slug: string;
  name: string;
  /** Migration 0011 (WordPress tags have one). */
  description: Generated<string>;
}

export interface ArticlesTable {
  id: Generated<number>;
  edition: string;
  kind: string; // 'post' | 'page'
  slug: string;
  title: string;
  excerpt: string;
  body_html: string;
  body_text: string;
  status: string;
  published_at: string | null;
  created_at: string;
  updated_at: string;
  comment_status: string;
  translation_group: string | null;
  featured_image_url: string | null;
  featured_image_alt: string;
  primary_category_id: number | null;
  sticky: Generated<number>;
  /** Optimistic lock: bumped by every editor save and status change (migrations/0005-editor.ts). */
  version: Generated<number>;
  featured_image_caption: Generated<string>;
  featured_image_credit: Generated<string>;
  /** When a published article's content last changed (the public "updated" line). */
  revised_at: string | null;
  /** 1 once the article has been published: its URL answers 410 after unpublishing. */
  was_published: Generated<number>;
  /** What lists show: the featured image, else the body's first library image (migrations/0013-card-images.ts). */
  card_image_url: string | null;
  card_image_alt: Generated<string>;
  /** The featured image's focal point, per cent from the top-left (migrations/0025-image-focus.ts). */
  featured_image_focus_x: Generated<number>;
  featured_image_focus_y: Generated<number>;
  /** A page's parent page (migration 0011). */
  parent_id: Generated<number | null>;
  /** The newsroom's fields and the auto-draft mark (migrations/0026-article-fields.ts). */
  kicker: Generated<string>;
  breaking: Generated<number>;
  seo_title: Generated<string>;
  seo_description: Generated<string>;
  dateline: Generated<string>;
  auto_draft: Generated<number>;
}

/** An author's name and bio in one edition (migrations/0026-article-fields.ts); '' falls back to the account's. */
export interface UserEditionsTable {
  user_id: number;
  edition: string;
  display_name: string;
  bio: string;
}

/** Every saved state of an article's text (migrations/0005-editor.ts). */
export interface ArticleRevisionsTable {
  id: Generated<number>;
  article_id: number;
  kind: string;
  title: string;
  excerpt: string;
  body_html: string;
  user_id: number | null;
  created_at: string;
}

/** Where a published article used to be (edition, slug, date): answered with a 301. */
export interface ArticleOldUrlsTable {
  edition: string;
  slug: string;
  published_at: string;
  article_id: number;
  created_at: string;
}

/** See migration 0010: a WordPress id of one edition and what it became in Khabar. */
export interface WordpressIdsTable {
  edition: string;
  kind: string;
  wp_id: number;
  khabar_id: number;
}

export interface ArticleAuthorsTable {
  article_id: number;
  user_id: number;
  position: number;
}

export interface ArticleCategoriesTable {
  article_id: number;
  category_id: number;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
}

/** A media-library image an article shows (featured or in its body); see migrations/0022-article-media.ts. */
export interface ArticleMediaTable {
  article_id: number;
  media_name: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** One row: bumped by every content write, read by every process to drop stale caches. */
export interface ChangeCounterTable {
  id: number;
  value: number;
}

/** A login session; the cookie holds the id, the database only its SHA-256. */
export interface SessionsTable {
  id_hash: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_agent: string;
  /** The address the session was last used from (migrations/0016-session-addresses.ts). */
  ip: Generated<string>;
}

/** Addresses an account has signed in from (migrations/0016-session-addresses.ts). */
export interface LoginKnownAddressesTable {
  user_id: number;
  ip: string;
  last_success_at: string;
}

/** The append-only audit trail (migrations/0017-audit-log.ts). */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor: string;
  action: string;
  target: string;
  detail: string;
  ip: string;
}

/** An account's authenticator app (migrations/0023-two-factor.ts); `secret` is encrypted. */
export interface TwoFactorTotpTable {
  user_id: number;
  secret: string;
  confirmed_at: string | null;
  last_step: Generated<number | string>;
  created_at: string;
}

export interface TwoFactorRecoveryCodesTable {
  user_id: number;
  code_hash: string;
  used_at: string | null;
}

export interface TwoFactorPasskeysTable {
  id: Generated<number>;
  user_id: number;
  credential_id: string;
  public_key: string;
  counter: Generated<number | string>;
  transports: Generated<string>;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

/** A sign-in whose password was right and whose second factor is owed: not a session. */
export interface TwoFactorPendingTable {
  id_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  attempts: Generated<number>;
  challenge: string | null;
}

export interface TwoFactorChallengesTable {
  key: string;
  challenge: string;
  expires_at: string;
}

export interface LoginFailuresTable {
  key: string;
  failures: number;
  window_start: string;
  locked_until: string | null;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Page views per article and UTC day, written in batches (services/popularity). */
export interface ArticleViewsTable {
  article_id: number;
  day: string; // YYYY-MM-DD (UTC)
  views: number;
}

/** A reader comment; see migrations/0002-comments.ts. */
export interface CommentsTable {
  id: Generated<number>;
  article_id: number;
  parent_id: number | null;
  author_name: string;
  author_email: string;
  author_url: string;
  body: string;
  status: string;
  ip: string;
  user_agent: string;
  created_at: string;
  email_hash: string;
  body_hash: string;
  /** The newsroom account that wrote it, when known (imported from WordPress; migration 0011). */
  user_id: Generated<number | null>;
}

/** An uploaded image; see migrations/0006-media.ts. `variants` is JSON (MediaVariant[]). */
export interface MediaTable {
  id: Generated<number>;
  name: string;
  format: string;
  original_width: number;
  original_height: number;
  original_bytes: number;
  width: number;
  height: number;
  variants: string;
  alt: string;
  caption: string;
  credit: string;
  uploaded_by: number | null;
  created_at: string;
  updated_at: string;
}

/** One link of an edition's masthead menu; see migrations/0007-manage.ts. */
export interface MenuItemsTable {
  id: Generated<number>;
  edition: string;
  position: number;
  label: string;
  url: string | null;
  category_id: number | null;
}

/** What each moderator-notice recipient has been told about; see migrations/0024-moderator-notices.ts. */
export interface ModeratorNoticesTable {
  recipient: string;
  notified_up_to: number;
  sent_at: string | null;
}

export interface Database {
  editions: EditionsTable;
  users: UsersTable;
  categories: CategoriesTable;
  tags: TagsTable;
  articles: ArticlesTable;
  user_editions: UserEditionsTable;
  article_authors: ArticleAuthorsTable;
  article_categories: ArticleCategoriesTable;
  article_tags: ArticleTagsTable;
  article_media: ArticleMediaTable;
  settings: SettingsTable;
  change_counter: ChangeCounterTable;
  comments: CommentsTable;
  article_views: ArticleViewsTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  login_known_addresses: LoginKnownAddressesTable;
  audit_log: AuditLogTable;
  password_resets: PasswordResetsTable;
  two_factor_totp: TwoFactorTotpTable;
  two_factor_recovery_codes: TwoFactorRecoveryCodesTable;
  two_factor_passkeys: TwoFactorPasskeysTable;
  two_factor_pending: TwoFactorPendingTable;
  two_factor_challenges: TwoFactorChallengesTable;
  menu_items: MenuItemsTable;
  article_revisions: ArticleRevisionsTable;
  article_old_urls: ArticleOldUrlsTable;
  media: MediaTable;
  wordpress_ids: WordpressIdsTable;
  moderator_notices: ModeratorNoticesTable;
}

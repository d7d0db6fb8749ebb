import type { ArticleStatus } from '../../domain/article.ts';
import type { Role } from '../../domain/user.ts';

/**
 * Who may do what, with WordPress's role meanings (https://wordpress.org/documentation/article/roles-and-capabilities/):
 * - contributor: writes and edits their own unpublished articles and submits them for review; cannot publish
 * - author: publishes, edits and trashes only their own articles (published ones too)
 * - editor: everything in content: any article, categories, tags, comment moderation
 * - administrator: an editor who also manages users and settings
 * Pure: the server asks it before every admin action; the UI asks it only to hide what would be refused.
 */
export type SiteAction =
  | 'admin.access'
  | 'article.create'
  | 'media.upload'
  | 'taxonomy.manage'
  | 'comment.moderate'
  | 'user.manage'
  | 'settings.manage'
  | 'home.lead'
  | 'menu.manage'
  | 'page.manage'
  | 'audit.view';

export type ArticleAction =
  | 'article.edit'
  | 'article.submit'
  | 'article.publish'
  | 'article.unpublish'
  | 'article.trash'
  | 'article.restore';

export const SITE_ACTIONS: readonly SiteAction[] = ['admin.access', 'article.create', 'media.upload', 'taxonomy.manage', 'comment.moderate', 'user.manage', 'settings.manage', 'home.lead', 'menu.manage', 'page.manage', 'audit.view'];
export const ARTICLE_ACTIONS: readonly ArticleAction[] = ['article.edit', 'article.submit', 'article.publish', 'article.unpublish', 'article.trash', 'article.restore'];

export interface Actor {
  id: number;
  role: Role;
}

export interface ArticleFacts {
  status: ArticleStatus;
  authorIds: readonly number[];
}

const SITE_RULES: Record<SiteAction, readonly Role[]> = {
  'admin.access': ['administrator', 'editor', 'author', 'contributor'],
  'article.create': ['administrator', 'editor', 'author', 'contributor'],
  // WordPress gives upload_files to authors and up, not to contributors.
  'media.upload': ['administrator', 'editor', 'author'],
  'taxonomy.manage': ['administrator', 'editor'],
  'comment.moderate': ['administrator', 'editor'],
  'user.manage': ['administrator'],
  'settings.manage': ['administrator'],
  // Choosing the lead story is WordPress's "stick to the front page" (edit_others_posts).
  'home.lead': ['administrator', 'editor'],
  // WordPress keeps menus to administrators (edit_theme_options); in a newsroom the editors run
  // the masthead's sections, as they run the sections themselves (taxonomy.manage).
  'menu.manage': ['administrator', 'editor'],
  // Static pages (about, contact): WordPress's edit_pages / edit_others_pages.
  'page.manage': ['administrator', 'editor'],
  // The audit trail names everyone's sign-ins and addresses: administrators only.
  'audit.view': ['administrator'],
};

export function canDo(actor: Actor, action: SiteAction): boolean {
  return SITE_RULES[action].includes(actor.role);
}

const LIVE: readonly ArticleStatus[] = ['published', 'scheduled'];

/** May `actor` do `action` to this article (in its current state)? */
export function canDoTo(actor: Actor, action: ArticleAction, article: ArticleFacts): boolean {
  if (actor.role === 'administrator' || actor.role === 'editor') return true;
  const own = article.authorIds.includes(actor.id);
  if (!own) return false;
  if (actor.role === 'author') return true;
  // A contributor: only their own articles that have never gone live (WordPress lacks
  // edit_published_posts / delete_published_posts / publish_posts for this role).
  const live = LIVE.includes(article.status);
  switch (action) {
    case 'article.edit':
    case 'article.submit':
    case 'article.trash':
    case 'article.restore':
      return !live;
    case 'article.publish':
    case 'article.unpublish':
      return false;
  }
}

export type MediaAction = 'media.edit' | 'media.delete';

/**
 * May `actor` change or delete this image? Editors and administrators: any (WordPress's
 * edit_others_posts); authors: only their own uploads; contributors: none (they cannot upload).
 */
export function canDoToMedia(actor: Actor, _action: MediaAction, media: { uploaderId: number | null }): boolean {
  if (actor.role === 'administrator' || actor.role === 'editor') return true;
  return actor.role === 'author' && media.uploaderId === actor.id;
}

/** The roles that may do `action` (who is told about what waits for them). */
export function rolesThatCan(action: SiteAction): readonly Role[] {
  return SITE_RULES[action];
}

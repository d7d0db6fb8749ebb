import type { Article } from './article.ts';

/** A reader comment's moderation state (WordPress's four, by their WordPress names). */
export type CommentModeration = 'pending' | 'approved' | 'spam' | 'trash';
export const COMMENT_STATUSES: readonly CommentModeration[] = ['pending', 'approved', 'spam', 'trash'];

/**
 * A comment as the public site may see it. The e-mail is not here on purpose: only its keyed
 * hash (for the avatar), so no template can ever print it.
 */
export interface Comment {
  id: number;
  articleId: number;
  parentId: number | null;
  authorName: string;
  authorUrl: string;
  body: string; // plain text, as typed
  status: CommentModeration;
  createdAt: string; // ISO 8601 UTC instant
  /** HMAC(site secret, e-mail): stable per commenter, not reversible without the secret. */
  emailHash: string;
}

/** What posting a comment needs to know of its article (a light read, not the whole article). */
export type CommentTarget = Pick<Article, 'id' | 'edition' | 'slug' | 'title' | 'status' | 'commentStatus'> & { publishedAt: string | null };

/** What moderators see (CLI, later the newsroom): the private fields too. */
export interface ModeratedComment extends Comment {
  authorEmail: string;
  ip: string;
  userAgent: string;
}

/** What a commenter wrote and who they said they are, with where the post came from. */
export interface CommentContent {
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  body: string;
  ip: string;
  userAgent: string;
}

/** The form as a reader filled it in, WordPress's field names mapped to ours. */
export interface CommentSubmission extends CommentContent {
  parentId: number | null;
  /** The signed form token (issued-at + HMAC). */
  token: string;
  /** The honeypot's value: people never see the field, so anything here came from a bot. */
  trap: string;
}

/** An edition's comment rules, stored as a setting; defaults follow WordPress's. */
export interface CommentPolicy {
  /** Every comment waits for a moderator ("Comment must be manually approved"). */
  holdAll: boolean;
  /** A commenter with an approved comment (same name and e-mail) is approved at once. */
  autoApproveKnown: boolean;
  /** Close comments on articles older than this many days; 0 = never. */
  closeAfterDays: number;
  /** Hold a comment with this many links or more (WordPress: 2). */
  maxLinks: number;
  holdWords: string[];
  blockWords: string[];
  /** Replies nest this deep at most (WordPress: 5). */
  threadDepth: number;
  /** Top-level threads per comment page (WordPress: 50). */
  perPage: number;
  /** Seconds a person needs at least to fill the form in. */
  minFillSeconds: number;
  /** Seconds a form token stays valid. */
  tokenMaxAgeSeconds: number;
  /** One comment per this many seconds per IP address and per e-mail address (WordPress: 15). */
  floodSeconds: number;
  /** Extra addresses told about held comments (editors and administrators always are). */
  notify: string[];
}

/**
 * The comment form's fields by WordPress's names: the `field` of every problem a refused comment
 * carries (`comment_parent` for a reply to a comment that cannot be answered), so the form shows
 * each message beside its field. A refusal of the post as a whole (closed, too quick, duplicate,
 * a bad form token) has the field ''.
 */
export type CommentField = 'author' | 'email' | 'url' | 'comment' | 'comment_parent';

/** A comment in the newsroom's moderation queue, with what the moderator needs to know about its article. */
export interface CommentInQueue extends ModeratedComment {
  article: { id: number; title: string; edition: string; slug: string; status: string; publishedAt: string | null };
}

/** The outcome of an accepted post: stored with this status (never silently dropped). */
export interface PostedComment {
  id: number;
  status: CommentModeration;
  articleId: number;
}

/** A held comment as a moderator's digest lists it (storage/moderator-notices.ts). */
export interface HeldForNotice {
  id: number;
  articleId: number;
  articleTitle: string;
  edition: string;
  authorName: string;
  body: string;
  createdAt: string;
}

/** What waits for a recipient of moderator notices: held comments after their watermark. */
export interface HeldSince {
  /** How many held comments have an id above the watermark. */
  count: number;
  /** The highest of those ids (the new watermark once told), or the watermark itself when none. */
  upTo: number;
  /** The newest few, newest first. */
  newest: HeldForNotice[];
}

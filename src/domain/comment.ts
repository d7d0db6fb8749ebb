import type { Article } from './article.ts';
import { DomainError, type ErrorCode } from './errors.ts';

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

export type CommentField = 'author' | 'email' | 'url' | 'comment' | 'comment_parent';
export type FieldProblem = { kind: 'required' } | { kind: 'too_long'; max: number } | { kind: 'invalid' };

/** Why a comment was not accepted; the web layer turns each into a status and a message. */
export type RefusalReason =
  | 'invalid' // field problems, listed in `fields`
  | 'closed'
  | 'too_quick' // flood: one comment per N seconds
  | 'duplicate'
  | 'token_early'
  | 'token_expired'
  | 'token_invalid'
  | 'not_found';

const CODE_BY_REASON: Record<RefusalReason, ErrorCode> = {
  invalid: 'invalid',
  closed: 'forbidden',
  too_quick: 'conflict',
  duplicate: 'conflict',
  token_early: 'invalid',
  token_expired: 'invalid',
  token_invalid: 'forbidden',
  not_found: 'not_found',
};

export class CommentRefused extends DomainError {
  constructor(
    readonly reason: RefusalReason,
    readonly fields: Partial<Record<CommentField, FieldProblem>> = {},
  ) {
    super(CODE_BY_REASON[reason], `comment refused: ${reason}${Object.keys(fields).length ? ` (${Object.keys(fields).join(', ')})` : ''}`);
  }
}

/** The outcome of an accepted post: stored with this status (never silently dropped). */
export interface PostedComment {
  id: number;
  status: CommentModeration;
  articleId: number;
}

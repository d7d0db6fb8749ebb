import type { Article } from '../../domain/article.ts';
import type { CommentField } from '../../domain/comment.ts';
import type { Problem } from '../../domain/errors.ts';
import { formatNumber } from '../../platform/dates/digits.ts';
import { formatDateLine } from '../../platform/dates/format.ts';
import { problemMessage } from '../../platform/i18n/problems.ts';
import type { StringKey } from '../../platform/i18n/strings.ts';
import type { CommentService } from '../../services/comments/comments.ts';
import { LIMITS } from '../../services/comments/policy.ts';
import { bodyParagraphs } from '../../services/comments/text.ts';
import type { ThreadNode } from '../../services/comments/thread.ts';
import type { CommentFieldVM, CommentsSectionVM, CommentVM } from '../../theme/view-models.ts';
import { commentCount, paginationVM, type PageContext } from './presenters.ts';

export { commentCount };

/** Stands in for the form token in cached HTML; the public handler writes a fresh token per response. */
export const TOKEN_PLACEHOLDER = 'khabar-form-token-placeholder';
/** The honeypot's name: like none of WordPress's field names, so no reader's autofill targets it. */
export const TRAP_FIELD = 'reference_code';
/** Where the comment form posts (WordPress's own address, so old links and tools keep working). */
export const COMMENT_POST_PATH = '/wp-comments-post.php';

/** What one article response shows of the comments, beyond the cached default. */
export interface ArticleView {
  commentPage?: number;
  replyTo?: number;
  /** The reader's own held comments (from the signed cookie). */
  heldIds?: number[];
  /** The same list signed, carried by the form so a new held comment joins it (the cookie is not sent to the form's address). */
  heldList?: string;
  /**
   * A form re-shown after a refused post: the reader's text and the problems (by the form's
   * field names; '' for the post as a whole: closed, too quick, a duplicate, a bad token).
   */
  form?: { values: Record<'author' | 'email' | 'url' | 'comment', string>; problems: readonly Problem[] };
  /** A real token (uncached responses); cached pages carry TOKEN_PLACEHOLDER. */
  token?: string;
}

/** `?cpage=N` and `?replytocom=N` from a request URL (the only query the article page reads). */
export function articleViewOf(rawUrl: string): Pick<ArticleView, 'commentPage' | 'replyTo'> {
  const q = rawUrl.indexOf('?');
  if (q < 0) return {};
  const p = new URLSearchParams(rawUrl.slice(q + 1));
  const n = (k: string) => {
    const v = p.get(k) ?? '';
    return /^[1-9]\d{0,8}$/.test(v) ? Number(v) : undefined;
  };
  const commentPage = n('cpage');
  const replyTo = n('replytocom');
  return { ...(commentPage !== undefined && commentPage > 1 && { commentPage }), ...(replyTo !== undefined && { replyTo }) };
}

const FIELD_LABEL: Record<CommentField, StringKey> = {
  author: 'fieldAuthor', email: 'fieldEmail', url: 'fieldUrl', comment: 'fieldComment', comment_parent: 'fieldComment',
};

/** A problem in the edition's language, its numbers in the edition's digits. */
function problemText(ctx: PageContext, p: Problem | undefined): string | null {
  if (!p) return null;
  const params = p.params && Object.fromEntries(Object.entries(p.params).map(([k, v]) => [k, typeof v === 'number' ? formatNumber(v, ctx.edition.digits) : v]));
  return problemMessage(ctx.edition.locale, { ...p, ...(params && { params }) });
}

const isCommentField = (f: string): f is CommentField => f in FIELD_LABEL;

export async function commentsSection(ctx: PageContext, service: CommentService, a: Article, view: ArticleView): Promise<CommentsSectionVM> {
  const { t, urls, edition: e } = ctx;
  const thread = await service.thread(a, { page: view.commentPage ?? 1, heldIds: view.heldIds ?? [] });
  const permalink = urls.article(e, a);
  const pageUrl = (n: number) => (n > 1 ? `${permalink}?cpage=${n}#comments` : `${permalink}#comments`);
  const replyTarget = view.replyTo !== undefined && thread.open ? await service.replyTarget(a.id, view.replyTo) : null;

  const toVM = (n: ThreadNode): CommentVM => {
    const c = n.comment;
    const pending = c.status !== 'approved';
    return {
      id: c.id,
      authorName: c.authorName,
      // Stored URLs are checked on write; checked again here so no other writer (an import) can add a javascript: link.
      authorUrl: /^https?:\/\//i.test(c.authorUrl) ? c.authorUrl : null,
      avatar: service.avatarOf(c),
      date: { text: formatDateLine(c.createdAt, e), iso: c.createdAt },
      permalink: `${pageUrl(thread.page).replace(/#comments$/, '')}#comment-${c.id}`,
      paragraphs: bodyParagraphs(c.body).map((p) => p.lines),
      pendingText: pending ? t('awaitingModeration') : null,
      // No reply link on held comments, at the depth limit, or when comments are closed.
      reply: !pending && thread.open && n.depth < thread.policy.threadDepth
        ? { label: t('reply'), ariaLabel: t('replyTo', { name: c.authorName }), url: `${permalink}?replytocom=${c.id}#respond` }
        : null,
      depth: n.depth,
      children: n.children.map(toVM),
    };
  };

  const f = view.form;
  // The first problem of each field, in the order found; the post's own refusal has the field ''.
  const byField = new Map<string, Problem>();
  for (const p of f?.problems ?? []) if (!byField.has(p.field)) byField.set(p.field, p);
  const whole = byField.get('');
  const problems = [...byField].filter((e): e is [CommentField, Problem] => isCommentField(e[0]));
  const field = (name: 'author' | 'email' | 'url', type: CommentFieldVM['type'], autocomplete: string, required: boolean): CommentFieldVM => ({
    name, id: name, label: t(FIELD_LABEL[name]), type, value: f?.values[name] ?? '', required, maxLength: LIMITS[name], autocomplete,
    error: problemText(ctx, byField.get(name)),
  });
  return {
    heading: commentCount(ctx, thread.count),
    count: thread.count,
    comments: thread.roots.map(toVM),
    pagination: paginationVM(ctx, { items: [], total: thread.count, page: thread.page, perPage: thread.policy.perPage, pages: thread.pages }, pageUrl),
    closedText: thread.open ? null : t('commentsClosed'),
    form: thread.open
      ? {
          action: COMMENT_POST_PATH,
          articleId: a.id,
          parentId: replyTarget?.id ?? 0,
          token: view.token ?? TOKEN_PLACEHOLDER,
          held: view.heldList ?? null,
          heading: replyTarget ? t('leaveReplyTo', { name: replyTarget.authorName }) : t('leaveReply'),
          cancelReply: replyTarget ? { label: t('cancelReply'), url: `${permalink}#respond` } : null,
          emailNote: t('emailNotPublished'),
          requiredNote: t('requiredFieldsMarked'),
          message: whole ? problemText(ctx, whole) : problems.length ? t('commentErrorSummary') : null,
          errors: problems.map(([k, p]) => ({
            label: `${t(FIELD_LABEL[k])}: ${problemText(ctx, p) ?? ''}`,
            url: `#${k === 'comment_parent' ? 'comment' : k}`,
          })),
          fields: [field('author', 'text', 'name', true), field('email', 'email', 'email', true), field('url', 'url', 'url', false)],
          comment: { label: t('fieldComment'), value: f?.values.comment ?? '', maxLength: LIMITS.comment, error: problemText(ctx, byField.get('comment')) },
          submitLabel: t('postComment'),
          trap: { name: TRAP_FIELD, label: t('trapLabel') },
        }
      : null,
  };
}

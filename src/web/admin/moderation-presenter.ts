import type { Account } from '../../domain/account.ts';
import { COMMENT_STATUSES, type CommentModeration, type ModeratedComment } from '../../domain/comment.ts';
import type { Edition } from '../../domain/edition.ts';
import type { Problem, ProblemCode } from '../../domain/errors.ts';
import type { AdminStringKey, AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { problemMessage } from '../../platform/i18n/problems.ts';
import { type ModerationAction, type ModerationQueue, targetStatus } from '../../services/comments/moderation.ts';
import type { Urls } from '../../services/editions/urls.ts';
import type { ModerationQueueVM, StaffReplyVM } from '../../theme/admin/moderation-pages.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { adminUrls } from './context.ts';
import { adminDateText } from './manage-common.ts';

/** The queue's filters as parsed from a query string or the bulk form's f_* fields. */
export interface QueueQuery {
  status: CommentModeration;
  articleId?: number;
  text?: string;
  page: number;
}

export function queueQuery(f: QueueQuery, page = f.page): Record<string, string | undefined> {
  return { status: f.status, article: f.articleId?.toString(), q: f.text, page: page > 1 ? String(page) : undefined };
}

/** The buttons a comment in this state offers (WordPress's row actions). */
function rowActions(status: CommentModeration): ModerationAction[] {
  const moves = (['approve', 'unapprove', 'spam', 'trash', 'restore'] as const).filter((a) => targetStatus(a, status) !== null);
  return status === 'spam' || status === 'trash' ? [...moves, 'delete'] : moves;
}

function actionLabel(t: AdminTranslate, a: ModerationAction, from: CommentModeration): string {
  if (a === 'restore') return t(from === 'spam' ? 'cact_notspam' : 'cact_restore');
  return t(`cact_${a}`);
}

/** The moderation queue page: tabs, filters, the bulk form and one row per comment. */
export function queueVM(
  q: ModerationQueue,
  f: QueueQuery,
  o: { t: AdminTranslate; account: Account; urls: Urls; csrf: string; notices: Notice[]; checked?: number[]; action?: string },
): ModerationQueueVM {
  const { t, account } = o;
  const { list, counts } = q;
  const checked = new Set(o.checked ?? []);
  // The bulk menu offers the moves that apply to comments in this tab's state.
  const bulkOffered = rowActions(f.status);
  return {
    notices: o.notices,
    tabs: COMMENT_STATUSES.map((s) => ({
      label: t(`cstatus_${s}`),
      count: counts[s],
      url: adminUrls.comments({ status: s, article: f.articleId?.toString(), q: f.text }),
      current: f.status === s,
    })),
    filterAction: adminUrls.comments(),
    status: f.status,
    article: q.article ? { id: q.article.id, heading: t('conArticle', { title: q.article.title }), clearUrl: adminUrls.comments({ status: f.status, q: f.text }) } : null,
    text: f.text ?? '',
    bulkAction: adminUrls.commentsBulk(),
    csrf: o.csrf,
    hidden: Object.entries(queueQuery(f)).flatMap(([name, value]) => (value ? [{ name: `f_${name}`, value }] : [])),
    bulkOptions: [
      { value: '', label: '—', selected: !o.action },
      ...bulkOffered.map((a) => ({ value: a, label: actionLabel(t, a, f.status), selected: o.action === a })),
    ],
    rows: list.items.map((c) => {
      const e = q.editions.get(c.article.edition);
      const live = c.article.status === 'published' && c.article.publishedAt && e;
      const permalink = live ? o.urls.article(e, { slug: c.article.slug, publishedAt: c.article.publishedAt! }) : null;
      const parentName = c.parentId !== null ? q.parentNames.get(c.parentId) : undefined;
      return {
        id: c.id,
        checked: checked.has(c.id),
        selectLabel: t('cselect', { name: c.authorName }),
        authorName: c.authorName,
        authorUrl: c.authorUrl,
        email: c.authorEmail,
        ip: c.ip,
        body: c.body,
        date: { iso: c.createdAt, text: adminDateText(c.createdAt, e?.timezone ?? 'UTC', account.locale) },
        article: {
          title: c.article.title,
          lang: e?.locale ?? c.article.edition,
          url: permalink ? (c.status === 'approved' ? `${permalink}#comment-${c.id}` : permalink) : null,
          filterUrl: adminUrls.comments({ status: f.status, article: String(c.article.id) }),
        },
        inReplyTo: parentName !== undefined ? t('cinReplyTo', { name: parentName }) : null,
        actions: rowActions(c.status).map((a) => ({ value: `${a}:${c.id}`, label: actionLabel(t, a, c.status), danger: a === 'delete' || a === 'spam' })),
        replyUrl: c.status === 'pending' || c.status === 'approved' ? adminUrls.commentReply(c.id) : null,
      };
    }),
    total: t('ctotal', { count: list.total }),
    pagination:
      list.pages > 1
        ? {
            prev: f.page > 1 ? adminUrls.comments(queueQuery(f, f.page - 1)) : null,
            next: f.page < list.pages ? adminUrls.comments(queueQuery(f, f.page + 1)) : null,
            label: t('pageOf', { page: f.page, pages: list.pages }),
          }
        : null,
  };
}

/**
 * The reply box says two problems as its own instructions ("Write the reply.", "The reply is too
 * long"), more precisely than the catalogue's words for any field; every other problem (a reply to
 * a binned comment) is worded by the catalogue.
 */
const REPLY_WORDS: Partial<Record<ProblemCode, AdminStringKey>> = { required: 'creplyRequired', too_long: 'creplyTooLong' };

export function replyProblemText(t: AdminTranslate, locale: string, p: Problem): string {
  const key = p.field === 'comment' ? REPLY_WORDS[p.code] : undefined;
  return key ? t(key, { ...p.params }) : problemMessage(locale, p);
}

/** What the reply form was sent with: the text typed, the problem to show, a notice. */
export interface ReplyTyped {
  body: string;
  problem: Problem | null;
  notice?: Notice;
}

export function replyVM(
  c: { parent: ModeratedComment; article: { title: string; edition: string }; edition: Edition | undefined },
  o: { t: AdminTranslate; account: Account; id: number; csrf: string; typed: ReplyTyped },
): StaffReplyVM {
  const { t, account } = o;
  const { parent, article, edition: e } = c;
  return {
    notice: o.typed.notice ?? null,
    action: adminUrls.commentReply(o.id),
    csrf: o.csrf,
    parent: {
      authorName: parent.authorName,
      body: parent.body,
      date: { iso: parent.createdAt, text: adminDateText(parent.createdAt, e?.timezone ?? 'UTC', account.locale) },
      articleTitle: article.title,
      articleLang: e?.locale ?? article.edition,
      pending: parent.status === 'pending',
    },
    body: o.typed.body,
    error: o.typed.problem ? replyProblemText(t, account.locale, o.typed.problem) : null,
    hint: t('creplyHint', { name: account.name }),
    backUrl: adminUrls.comments({ status: parent.status }),
  };
}

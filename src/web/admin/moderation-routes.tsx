import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '../../domain/account.ts';
import { COMMENT_STATUSES, type CommentModeration, CommentRefused } from '../../domain/comment.ts';
import { Invalid, NotFound } from '../../domain/errors.ts';
import { adminTranslator, type AdminStringKey } from '../../platform/i18n/admin-strings.ts';
import { CommentService, isModerationAction, type ModerationAction, targetStatus } from '../../services/comments/comments.ts';
import { loadEditions } from '../../services/editions/editions.ts';
import { LIMITS } from '../../services/comments/policy.ts';
import { type ModerationQueueVM, ModerationQueuePage, StaffReplyPage, type StaffReplyVM } from '../../theme/admin/moderation-pages.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { ADMIN, type AdminCss, type AdminDeps, adminUrls, field, fields, requireAccount, type Reshow, sendPage } from './context.ts';
import { adminDateText, positiveInt, requireCan } from './manage-common.ts';

export const QUEUE_PER_PAGE = 20;

/** The queue's filters as parsed from a query string or the bulk form's f_* fields. */
interface QueueQuery {
  status: CommentModeration;
  articleId?: number;
  text?: string;
  page: number;
}

function parseQueueQuery(q: Record<string, unknown>): QueueQuery {
  const str = (k: string) => (typeof q[k] === 'string' ? (q[k] as string).trim() : '');
  const status = str('status');
  const articleId = positiveInt(str('article'));
  return {
    // Pending first: that is the moderator's work.
    status: (COMMENT_STATUSES as readonly string[]).includes(status) ? (status as CommentModeration) : 'pending',
    ...(articleId !== undefined && { articleId }),
    ...(str('q') && { text: str('q').slice(0, 200) }),
    page: positiveInt(str('page')) ?? 1,
  };
}

function queueQuery(f: QueueQuery, page = f.page): Record<string, string | undefined> {
  return { status: f.status, article: f.articleId?.toString(), q: f.text, page: page > 1 ? String(page) : undefined };
}

/** The buttons a comment in this state offers (WordPress's row actions). */
function rowActions(status: CommentModeration): ModerationAction[] {
  const moves = (['approve', 'unapprove', 'spam', 'trash', 'restore'] as const).filter((a) => targetStatus(a, status) !== null);
  return status === 'spam' || status === 'trash' ? [...moves, 'delete'] : moves;
}

export function registerModerationRoutes(admin: FastifyInstance, deps: AdminDeps & { css: AdminCss; reshow: Reshow }): void {
  const comments = new CommentService({ repos: deps.repos, clock: deps.clock, secret: deps.secret });
  const guard = { preHandler: [requireAccount, requireCan('comment.moderate')] };
  const guardPost = { preHandler: [requireAccount, requireCan('comment.moderate'), admin.csrfProtection] };

  const queuePage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    account: Account,
    f: QueueQuery,
    extra: { notices: Notice[]; checked?: number[]; action?: string },
  ) => {
    const t = adminTranslator(account.locale);
    const [{ list, counts }, editions] = await Promise.all([
      comments.queue({ status: f.status, ...(f.articleId !== undefined && { articleId: f.articleId }), ...(f.text && { text: f.text }), page: f.page, perPage: QUEUE_PER_PAGE }),
      loadEditions(deps.repos),
    ]);
    const checked = new Set(extra.checked ?? []);
    const scoped = f.articleId !== undefined ? await deps.repos.articles.locate(f.articleId) : null;
    const scopedTitle = scoped ? ((await deps.repos.articles.findById(scoped.id))?.title ?? '') : '';
    // "In reply to X": parents on this page, else looked up (a page holds at most QUEUE_PER_PAGE).
    const names = new Map(list.items.map((c) => [c.id, c.authorName]));
    const parents = await Promise.all(
      list.items.filter((c) => c.parentId !== null && !names.has(c.parentId)).map((c) => deps.repos.comments.find(c.parentId!)),
    );
    for (const p of parents) if (p) names.set(p.id, p.authorName);
    // The bulk menu offers the moves that apply to comments in this tab's state.
    const bulkOffered = rowActions(f.status);
    const vm: ModerationQueueVM = {
      notices: extra.notices,
      tabs: COMMENT_STATUSES.map((s) => ({
        label: t(`cstatus_${s}`),
        count: counts[s],
        url: adminUrls.comments({ status: s, article: f.articleId?.toString(), q: f.text }),
        current: f.status === s,
      })),
      filterAction: adminUrls.comments(),
      status: f.status,
      article: scoped ? { id: scoped.id, heading: t('conArticle', { title: scopedTitle }), clearUrl: adminUrls.comments({ status: f.status, q: f.text }) } : null,
      text: f.text ?? '',
      bulkAction: adminUrls.commentsBulk(),
      csrf: reply.generateCsrf(),
      hidden: Object.entries(queueQuery(f)).flatMap(([name, value]) => (value ? [{ name: `f_${name}`, value }] : [])),
      bulkOptions: [
        { value: '', label: '—', selected: !extra.action },
        ...bulkOffered.map((a) => ({ value: a, label: actionLabel(t, a, f.status), selected: extra.action === a })),
      ],
      rows: list.items.map((c) => {
        const e = editions.get(c.article.edition);
        const live = c.article.status === 'published' && c.article.publishedAt && e;
        const permalink = live ? deps.urls.article(e, { slug: c.article.slug, publishedAt: c.article.publishedAt! }) : null;
        const parentName = c.parentId !== null ? names.get(c.parentId) : undefined;
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
    return sendPage(req, reply, deps, status, { title: t('comments'), current: 'comments', here: adminUrls.comments(queueQuery(f)) }, <ModerationQueuePage vm={vm} t={t} />);
  };

  admin.get<{ Querystring: Record<string, string> }>('/comments', guard, async (req, reply) => {
    const account = req.newsroomAccount!;
    const t = adminTranslator(account.locale);
    const notices: Notice[] = [];
    const n = (k: string) => (/^\d{1,4}$/.test(req.query[k] ?? '') ? Number(req.query[k]) : 0);
    if (n('changed')) notices.push({ kind: 'info', text: t('cdone', { count: n('changed') }) });
    if (n('unchanged')) notices.push({ kind: 'info', text: t('cunchanged', { count: n('unchanged') }) });
    if (req.query.replied !== undefined) notices.push({ kind: 'info', text: t('creplyDone') });
    return queuePage(req, reply, 200, account, parseQueueQuery(req.query), { notices });
  });

  /** The bulk form as posted: a row button (`row=<action>:<id>`) wins over the menu and the checkboxes. */
  const posted = (req: FastifyRequest) => {
    const query: Record<string, string> = {};
    for (const k of ['status', 'article', 'q', 'page']) query[k] = field(req.body, `f_${k}`);
    const row = /^([a-z]+):([1-9]\d{0,8})$/.exec(field(req.body, 'row'));
    if (row) return { f: parseQueueQuery(query), action: row[1]!, ids: [Number(row[2])], fromRow: true };
    const ids = fields(req.body, 'ids').filter((s) => /^[1-9]\d{0,8}$/.test(s)).map(Number);
    return { f: parseQueueQuery(query), action: field(req.body, 'action'), ids, fromRow: false };
  };
  const refuse = (req: FastifyRequest, reply: FastifyReply, status: number, key: AdminStringKey) => {
    const account = req.newsroomAccount!;
    const { f, action, ids, fromRow } = posted(req);
    const text = adminTranslator(account.locale)(key);
    return queuePage(req, reply, status, account, f, { notices: [{ kind: 'error', text }], checked: ids, ...(!fromRow && { action }) });
  };
  deps.reshow.set(adminUrls.commentsBulk(), async (req, reply) => {
    // The capability preHandler runs before the CSRF check, so only moderators get here.
    if (!req.newsroomAccount) return requireAccount(req, reply);
    return refuse(req, reply, 403, 'formExpired');
  });

  admin.post('/comments/bulk', guardPost, async (req, reply) => {
    const { f, action, ids } = posted(req);
    if (!isModerationAction(action)) return refuse(req, reply, 400, 'cnoAction');
    if (!ids.length) return refuse(req, reply, 400, 'cnoneSelected');
    try {
      const r = await comments.moderate(ids, action);
      const back = { ...queueQuery(f), changed: String(r.changed.length), ...(r.unchanged.length && { unchanged: String(r.unchanged.length) }) };
      return reply.redirect(adminUrls.comments(back), 303);
    } catch (e) {
      if (e instanceof NotFound) return refuse(req, reply, 404, 'cgone');
      if (e instanceof Invalid) return refuse(req, reply, 400, e.field === 'ids' && action === 'delete' ? 'cdeleteOnlyBinned' : 'badRequest');
      throw e;
    }
  });

  // ---- reply as staff ----

  const replyPage = async (req: FastifyRequest, reply: FastifyReply, status: number, id: number, typed: { body: string; error: string | null; notice?: Notice }) => {
    const account = req.newsroomAccount!;
    const t = adminTranslator(account.locale);
    const parent = await deps.repos.comments.find(id);
    const article = parent && (await deps.repos.articles.findById(parent.articleId));
    if (!parent || !article) throw new NotFound(`comment ${id}`);
    const e = (await loadEditions(deps.repos)).get(article.edition);
    const vm: StaffReplyVM = {
      notice: typed.notice ?? null,
      action: adminUrls.commentReply(id),
      csrf: reply.generateCsrf(),
      parent: {
        authorName: parent.authorName,
        body: parent.body,
        date: { iso: parent.createdAt, text: adminDateText(parent.createdAt, e?.timezone ?? 'UTC', account.locale) },
        articleTitle: article.title,
        articleLang: e?.locale ?? article.edition,
        pending: parent.status === 'pending',
      },
      body: typed.body,
      error: typed.error,
      hint: t('creplyHint', { name: account.name }),
      backUrl: adminUrls.comments({ status: parent.status }),
    };
    return sendPage(req, reply, deps, status, { title: t('creplyTitle'), current: 'comments', here: adminUrls.commentReply(id) }, <StaffReplyPage vm={vm} t={t} />);
  };
  const idOf = (req: FastifyRequest) => {
    const id = positiveInt((req.params as { id?: string }).id);
    if (id === undefined) throw new NotFound('comment');
    return id;
  };

  admin.get('/comments/:id/reply', guard, async (req, reply) => replyPage(req, reply, 200, idOf(req), { body: '', error: null }));

  deps.reshow.set(`${ADMIN}/comments/:id/reply`, async (req, reply) => {
    if (!req.newsroomAccount) return requireAccount(req, reply);
    const t = adminTranslator(req.newsroomAccount.locale);
    return replyPage(req, reply, 403, idOf(req), { body: field(req.body, 'comment'), error: null, notice: { kind: 'error', text: t('formExpired') } });
  });

  admin.post('/comments/:id/reply', guardPost, async (req, reply) => {
    const account = req.newsroomAccount!;
    const t = adminTranslator(account.locale);
    const id = idOf(req);
    const body = field(req.body, 'comment');
    try {
      const posted = await comments.staffReply({ name: account.name, email: account.email }, id, body, { ip: req.ip, userAgent: String(req.headers['user-agent'] ?? '') });
      return reply.redirect(adminUrls.comments({ status: 'approved', article: String(posted.articleId), replied: '1' }), 303);
    } catch (e) {
      if (!(e instanceof CommentRefused)) throw e;
      const p = e.fields.comment;
      const error =
        e.fields.comment_parent ? t('creplyParentBinned') : p?.kind === 'too_long' ? t('creplyTooLong', { max: LIMITS.comment }) : p ? t('creplyRequired') : t('badRequest');
      return replyPage(req, reply, 400, id, { body, error });
    }
  });
}

function actionLabel(t: ReturnType<typeof adminTranslator>, a: ModerationAction, from: CommentModeration): string {
  if (a === 'restore') return t(from === 'spam' ? 'cact_notspam' : 'cact_restore');
  return t(`cact_${a}`);
}

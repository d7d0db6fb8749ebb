import { type Static, Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '../../domain/account.ts';
import { COMMENT_STATUSES, type CommentModeration } from '../../domain/comment.ts';
import { Invalid, NotFound } from '../../domain/errors.ts';
import { adminTranslator, type AdminStringKey } from '../../platform/i18n/admin-strings.ts';
import { problemMessage } from '../../platform/i18n/problems.ts';
import { isModerationAction, type ModerationQueue } from '../../services/comments/moderation.ts';
import { ModerationQueuePage, StaffReplyPage } from '../../theme/admin/moderation-pages.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { accountOf, reshowStatus, reshowKey } from './route-contract.ts';
import { type AdminCss, type AdminDeps, adminUrls, field, fields, requireAccount, sendPage } from './context.ts';
import { positiveInt } from './manage-common.ts';
import { queueQuery, type QueueQuery, queueVM, replyVM, type ReplyTyped } from './moderation-presenter.ts';

export const QUEUE_PER_PAGE = 20;

const optional = Type.Optional(Type.String());
/** Form bodies stay permissive: the service checks meaning and the form is shown again. */
const QueueParams = Type.Object({ status: optional, article: optional, q: optional, page: optional }, { additionalProperties: true });
const QueuePageQuery = Type.Object(
  { status: optional, article: optional, q: optional, page: optional, changed: optional, unchanged: optional, replied: optional },
  { additionalProperties: true },
);
const BulkBody = Type.Object(
  { f_status: optional, f_article: optional, f_q: optional, f_page: optional, row: optional, action: optional, ids: Type.Optional(Type.Array(Type.String())) },
  { additionalProperties: true },
);
const IdParams = Type.Object({ id: Type.String({ pattern: '^[1-9]\\d{0,8}$' }) });
const ReplyBody = Type.Object({ comment: optional }, { additionalProperties: true });

function parseQueueQuery(q: Static<typeof QueueParams>): QueueQuery {
  const status = q.status?.trim() ?? '';
  const articleId = positiveInt(q.article);
  const text = q.q?.trim() ?? '';
  return {
    // Pending first: that is the moderator's work.
    status: (COMMENT_STATUSES as readonly string[]).includes(status) ? (status as CommentModeration) : 'pending',
    ...(articleId !== undefined && { articleId }),
    ...(text && { text: text.slice(0, 200) }),
    page: positiveInt(q.page) ?? 1,
  };
}

/** The bulk form as posted: a row button (`row=<action>:<id>`) wins over the menu and the checkboxes. */
function posted(b: Static<typeof BulkBody>) {
  const f = parseQueueQuery({ status: b.f_status, article: b.f_article, q: b.f_q, page: b.f_page });
  const row = /^([a-z]+):([1-9]\d{0,8})$/.exec(b.row ?? '');
  if (row) return { f, action: row[1]!, ids: [Number(row[2])], fromRow: true };
  const ids = (b.ids ?? []).filter((s) => /^[1-9]\d{0,8}$/.test(s)).map(Number);
  return { f, action: b.action ?? '', ids, fromRow: false };
}

/** The bulk form's fields from a request no schema has typed (the CSRF re-show). */
const untypedBulk = (body: unknown): Static<typeof BulkBody> => ({
  f_status: field(body, 'f_status'), f_article: field(body, 'f_article'), f_q: field(body, 'f_q'), f_page: field(body, 'f_page'),
  row: field(body, 'row'), action: field(body, 'action'), ids: fields(body, 'ids'),
});

export function registerModerationRoutes(admin: FastifyInstance, deps: AdminDeps & { css: AdminCss }): void {
  const { moderation } = deps.services;
  const r = admin.withTypeProvider<TypeBoxTypeProvider>();

  const queuePage = async (req: FastifyRequest, reply: FastifyReply, status: number, account: Account, f: QueueQuery, extra: { notices: Notice[]; checked?: number[]; action?: string }) => {
    const t = adminTranslator(account.locale);
    const q: ModerationQueue = await moderation.queue({ status: f.status, ...(f.articleId !== undefined && { articleId: f.articleId }), ...(f.text && { text: f.text }), page: f.page, perPage: QUEUE_PER_PAGE });
    const vm = queueVM(q, f, { t, account, urls: deps.services.urls, csrf: reply.generateCsrf(), ...extra });
    return sendPage(req, reply, deps, status, { title: t('comments'), current: 'comments', here: adminUrls.comments(queueQuery(f)) }, <ModerationQueuePage vm={vm} t={t} />);
  };

  r.get('/comments', { config: { can: 'comment.moderate' }, schema: { querystring: QueuePageQuery } }, async (req, reply) => {
    const account = accountOf(req);
    const t = adminTranslator(account.locale);
    const notices: Notice[] = [];
    const n = (v: string | undefined) => (/^\d{1,4}$/.test(v ?? '') ? Number(v) : 0);
    if (n(req.query.changed)) notices.push({ kind: 'info', text: t('cdone', { count: n(req.query.changed) }) });
    if (n(req.query.unchanged)) notices.push({ kind: 'info', text: t('cunchanged', { count: n(req.query.unchanged) }) });
    if (req.query.replied !== undefined) notices.push({ kind: 'info', text: t('creplyDone') });
    const f = parseQueueQuery(req.query);
    // The whole held queue, opened: its digest need not tell this moderator of it again. Before
    // the page is read, so a comment held meanwhile is told rather than missed.
    if (f.status === 'pending' && f.articleId === undefined && !f.text && f.page === 1) await deps.services.moderatorNotices.seen(account.email);
    return queuePage(req, reply, 200, account, f, { notices });
  });

  const refuse = (req: FastifyRequest, reply: FastifyReply, status: number, body: Static<typeof BulkBody>, text: string) => {
    const { f, action, ids, fromRow } = posted(body);
    return queuePage(req, reply, status, accountOf(req), f, { notices: [{ kind: 'error', text }], checked: ids, ...(!fromRow && { action }) });
  };
  const said = (req: FastifyRequest, key: AdminStringKey) => adminTranslator(accountOf(req).locale)(key);

  r.post('/comments/bulk', {
    config: {
      can: 'comment.moderate',
      // The capability guard runs before the CSRF check, so only moderators get here.
      reshow: async (req, reply) => (req.newsroomAccount ? refuse(req, reply, reshowStatus(req), untypedBulk(req.body), said(req, reshowKey(req))) : requireAccount(req, reply)),
    },
    schema: { body: BulkBody },
  }, async (req, reply) => {
    const { f, action, ids } = posted(req.body);
    if (!isModerationAction(action)) return refuse(req, reply, 400, req.body, said(req, 'cnoAction'));
    if (!ids.length) return refuse(req, reply, 400, req.body, said(req, 'cnoneSelected'));
    try {
      const r = await moderation.moderate(ids, action);
      const back = { ...queueQuery(f), changed: String(r.changed.length), ...(r.unchanged.length && { unchanged: String(r.unchanged.length) }) };
      return reply.redirect(adminUrls.comments(back), 303);
    } catch (e) {
      if (e instanceof NotFound) return refuse(req, reply, 404, req.body, said(req, 'cgone'));
      // One action, one notice: the first problem, in the moderator's language.
      if (e instanceof Invalid && e.problems[0]) return refuse(req, reply, 400, req.body, problemMessage(accountOf(req).locale, e.problems[0]));
      throw e;
    }
  });

  // ---- reply as staff ----

  const replyPage = async (req: FastifyRequest, reply: FastifyReply, status: number, id: number, typed: ReplyTyped) => {
    const account = accountOf(req);
    const t = adminTranslator(account.locale);
    const vm = replyVM(await moderation.replyContext(id), { t, account, id, csrf: reply.generateCsrf(), typed });
    return sendPage(req, reply, deps, status, { title: t('creplyTitle'), current: 'comments', here: adminUrls.commentReply(id) }, <StaffReplyPage vm={vm} t={t} />);
  };

  r.get('/comments/:id/reply', { config: { can: 'comment.moderate' }, schema: { params: IdParams } }, async (req, reply) =>
    replyPage(req, reply, 200, Number(req.params.id), { body: '', problem: null }),
  );

  r.post('/comments/:id/reply', {
    config: {
      can: 'comment.moderate',
      reshow: async (req, reply) => {
        if (!req.newsroomAccount) return requireAccount(req, reply);
        const id = positiveInt(field(req.params, 'id'));
        if (id === undefined) throw new NotFound('comment');
        return replyPage(req, reply, reshowStatus(req), id, { body: field(req.body, 'comment'), problem: null, notice: { kind: 'error', text: said(req, reshowKey(req)) } });
      },
    },
    schema: { params: IdParams, body: ReplyBody },
  }, async (req, reply) => {
    const account = accountOf(req);
    const id = Number(req.params.id);
    const body = req.body.comment ?? '';
    try {
      const posted = await moderation.staffReply({ name: account.name, email: account.email }, id, body, { ip: req.ip, userAgent: String(req.headers['user-agent'] ?? '') });
      return reply.redirect(adminUrls.comments({ status: 'approved', article: String(posted.articleId), replied: '1' }), 303);
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      return replyPage(req, reply, 400, id, { body, problem: e.byField().comment_parent ?? e.byField().comment ?? e.problems[0] ?? null });
    }
  });

}

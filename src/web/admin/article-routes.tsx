import { Type, type Static, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Value } from 'typebox/value';
import { isDomainError } from '../../domain/errors.ts';
import { adminTranslator } from '../../platform/i18n/admin-strings.ts';
import { isBulkAction } from '../../services/articles/workflow.ts';
import { ArticleListPage, DashboardPage } from '../../theme/admin/article-pages.tsx';
import { presentDashboard } from './dashboard-presenter.ts';
import { canDo } from '../../services/users/capabilities.ts';
import type { Notice } from '../../theme/admin/view-models.ts';
import { filterQuery, parseFilter, presentArticleList } from './article-list.ts';
import { type AdminCss, type AdminDeps, adminUrls, sendPage } from './context.ts';
import { accountOf, reshowStatus, reshowKey } from './route-contract.ts';

const text = Type.Optional(Type.String());
/** The list's filters (unknown values are dropped when parsed, never refused) and the notices after a bulk action. */
const ListQuery = Type.Object({ status: text, edition: text, category: text, author: text, q: text, orderby: text, order: text, page: text, changed: text, unchanged: text }, { additionalProperties: true });
/** The bulk form: the action, the selection, and the list's filters (f_* fields). */
const BulkBody = Type.Object({
  action: text, ids: Type.Optional(Type.Array(Type.String())),
  f_status: text, f_edition: text, f_category: text, f_author: text, f_q: text, f_orderby: text, f_order: text, f_page: text,
}, { additionalProperties: true });
type BulkBody = Static<typeof BulkBody>;

type RefusalKey = 'bulkNoAction' | 'bulkNoneSelected' | 'bulkForbidden' | 'badRequest' | 'formExpired' | 'unavailable';

export function registerArticleRoutes(admin: FastifyInstance, deps: AdminDeps & { css: AdminCss }): void {
  const { newsroomList: list, workflow } = deps.services;
  const r = admin.withTypeProvider<TypeBoxTypeProvider>();

  // Only /admin/ (the bare /admin redirects here, see admin.tsx).
  r.get('/', { config: { can: 'signed-in' }, schema: {}, prefixTrailingSlash: 'slash' }, async (req, reply) => {
    const account = accountOf(req);
    const t = adminTranslator(account.locale);
    // Only the editions (their zones and addresses): not the filters' categories and accounts.
    const [counts, dashboard, editions] = await Promise.all([list.counts(), list.dashboard(account), deps.services.editions.all()]);
    const vm = presentDashboard({ t, locale: account.locale, account, dashboard, counts, editions, urls: deps.urls });
    // A SECRET kept in the database protects nothing against a stolen database (issue 19).
    if (deps.config.secret === null && canDo(account, 'user.manage')) vm.warnings = [{ kind: 'error', text: t('tf_secretWarning') }];
    return sendPage(req, reply, deps, 200, { title: t('dashboard'), current: 'dashboard', here: req.url }, <DashboardPage vm={vm} t={t} />);
  });

  /** The list page, for GET and for a refused bulk action (which re-shows the selection). */
  const listPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    query: Record<string, string | undefined>,
    extra: { notices: Notice[]; checked?: number[]; action?: string },
  ) => {
    const account = accountOf(req);
    const t = adminTranslator(account.locale);
    const choices = await list.choices();
    const filter = parseFilter(query, choices);
    const [result, counts] = await Promise.all([list.list(filter), list.counts()]);
    const vm = presentArticleList({ t, locale: account.locale, account, filter, result, counts, choices, urls: deps.urls, csrf: reply.generateCsrf(), ...extra });
    const here = adminUrls.articles(filterQuery(filter));
    return sendPage(req, reply, deps, status, { title: t('articles'), current: 'articles', here }, <ArticleListPage vm={vm} t={t} />);
  };

  r.get('/articles', { config: { can: 'signed-in' }, schema: { querystring: ListQuery } }, async (req, reply) => {
    const t = adminTranslator(accountOf(req).locale);
    const notices: Notice[] = [];
    const n = (v: string | undefined) => (/^\d{1,4}$/.test(v ?? '') ? Number(v) : 0);
    if (n(req.query.changed)) notices.push({ kind: 'info', text: t('bulkDone', { count: n(req.query.changed) }) });
    if (n(req.query.unchanged)) notices.push({ kind: 'info', text: t('bulkUnchanged', { count: n(req.query.unchanged) }) });
    return listPage(req, reply, 200, req.query, { notices });
  });

  /** The bulk form as posted: the action, the selection, and the list's filters. */
  const posted = (b: BulkBody) => ({
    query: { status: b.f_status, edition: b.f_edition, category: b.f_category, author: b.f_author, q: b.f_q, orderby: b.f_orderby, order: b.f_order, page: b.f_page },
    action: b.action ?? '',
    ids: (b.ids ?? []).filter((s) => /^\d{1,9}$/.test(s)).map(Number),
  });
  const refuse = (req: FastifyRequest, reply: FastifyReply, b: BulkBody, status: number, key: RefusalKey) => {
    const { query, action, ids } = posted(b);
    const text = adminTranslator(accountOf(req).locale)(key);
    return listPage(req, reply, status, query, { notices: [{ kind: 'error', text }], checked: ids, action });
  };
  // A failed CSRF check: the list again, with the selection (the body was validated already).
  const expired = async (req: FastifyRequest, reply: FastifyReply) =>
    refuse(req, reply, Value.Check(BulkBody, req.body) ? req.body : {}, reshowStatus(req), reshowKey(req));

  r.post('/articles/bulk', { config: { can: 'signed-in', reshow: expired }, schema: { body: BulkBody } }, async (req, reply) => {
    const { query, action, ids } = posted(req.body);
    if (!isBulkAction(action)) return refuse(req, reply, req.body, 400, 'bulkNoAction');
    if (!ids.length) return refuse(req, reply, req.body, 400, 'bulkNoneSelected');
    try {
      const r = await workflow.bulk(accountOf(req), action, ids);
      // The list page validates these filters again when it is shown.
      const back = { ...query, changed: String(r.changed.length), ...(r.unchanged.length && { unchanged: String(r.unchanged.length) }) };
      return reply.redirect(adminUrls.articles(back), 303);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      if (e.code === 'forbidden') return refuse(req, reply, req.body, 403, 'bulkForbidden');
      if (e.code === 'not_found' || e.code === 'invalid') return refuse(req, reply, req.body, 400, 'badRequest');
      throw e;
    }
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Account } from '../../domain/account.ts';
import { Forbidden, Invalid, NotFound } from '../../domain/errors.ts';
import { adminTranslator } from '../../platform/i18n/admin-strings.ts';
import { NewsroomList } from '../../services/articles/newsroom-list.ts';
import { ArticleWorkflow, isBulkAction } from '../../services/articles/workflow.ts';
import { ArticleListPage, DashboardPage } from '../../theme/admin/article-pages.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { filterQuery, parseFilter, presentArticleList } from './article-list.ts';
import { type AdminCss, type AdminDeps, adminUrls, field, fields, requireAccount, type Reshow, sendPage } from './context.ts';

export function registerArticleRoutes(admin: FastifyInstance, deps: AdminDeps & { css: AdminCss; reshow: Reshow }): void {
  const list = new NewsroomList({ repos: deps.repos });
  const workflow = new ArticleWorkflow({ repos: deps.repos, clock: deps.clock });

  // Only /admin/ (the bare /admin redirects here, see admin.tsx).
  admin.get('/', { preHandler: requireAccount, prefixTrailingSlash: 'slash' }, async (req, reply) => {
    const account = req.newsroomAccount!;
    const t = adminTranslator(account.locale);
    const counts = await list.counts();
    const vm = {
      welcome: t('welcome', { name: account.name }),
      role: t('yourRole', { role: t(`role_${account.role}`) }),
      counts: (['all', 'draft', 'pending', 'scheduled', 'published'] as const).map((s) => ({
        label: t(`status_${s}`),
        count: counts[s],
        url: adminUrls.articles(s === 'all' ? {} : { status: s }),
      })),
      articlesUrl: adminUrls.articles(),
    };
    return sendPage(req, reply, deps, 200, { title: t('dashboard'), current: 'dashboard', here: req.url }, <DashboardPage vm={vm} t={t} />);
  });

  /** The list page, for GET and for a refused bulk action (which re-shows the selection). */
  const listPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    account: Account,
    query: Record<string, unknown>,
    extra: { notices: Notice[]; checked?: number[]; action?: string },
  ) => {
    const t = adminTranslator(account.locale);
    const choices = await list.choices();
    const filter = parseFilter(query, choices);
    const [result, counts] = await Promise.all([list.list(filter), list.counts()]);
    const vm = presentArticleList({ t, locale: account.locale, account, filter, result, counts, choices, urls: deps.urls, csrf: reply.generateCsrf(), ...extra });
    const here = adminUrls.articles(filterQuery(filter));
    return sendPage(req, reply, deps, status, { title: t('articles'), current: 'articles', here }, <ArticleListPage vm={vm} t={t} />);
  };

  admin.get<{ Querystring: Record<string, string> }>('/articles', { preHandler: requireAccount }, async (req, reply) => {
    const t = adminTranslator(req.newsroomAccount!.locale);
    const notices: Notice[] = [];
    const n = (k: string) => (/^\d{1,4}$/.test(req.query[k] ?? '') ? Number(req.query[k]) : 0);
    if (n('changed')) notices.push({ kind: 'info', text: t('bulkDone', { count: n('changed') }) });
    if (n('unchanged')) notices.push({ kind: 'info', text: t('bulkUnchanged', { count: n('unchanged') }) });
    return listPage(req, reply, 200, req.newsroomAccount!, req.query, { notices });
  });

  /** The bulk form as posted: the action, the selection, and the list's filters (f_* fields). */
  const posted = (req: FastifyRequest) => {
    const query: Record<string, string> = {};
    for (const k of ['status', 'edition', 'category', 'author', 'q', 'page']) query[k] = field(req.body, `f_${k}`);
    const ids = fields(req.body, 'ids').filter((s) => /^\d{1,9}$/.test(s)).map(Number);
    return { query, action: field(req.body, 'action'), ids };
  };
  const refuse = (req: FastifyRequest, reply: FastifyReply, status: number, key: 'bulkNoAction' | 'bulkNoneSelected' | 'bulkForbidden' | 'badRequest' | 'formExpired') => {
    const account = req.newsroomAccount!;
    const { query, action, ids } = posted(req);
    const text = adminTranslator(account.locale)(key);
    return listPage(req, reply, status, account, query, { notices: [{ kind: 'error', text }], checked: ids, action });
  };
  deps.reshow.set(adminUrls.bulk(), async (req, reply) => (req.newsroomAccount ? refuse(req, reply, 403, 'formExpired') : requireAccount(req, reply)));

  admin.post('/articles/bulk', { preHandler: [requireAccount, admin.csrfProtection] }, async (req, reply) => {
    const { query, action, ids } = posted(req);
    if (!isBulkAction(action)) return refuse(req, reply, 400, 'bulkNoAction');
    if (!ids.length) return refuse(req, reply, 400, 'bulkNoneSelected');
    try {
      const r = await workflow.bulk(req.newsroomAccount!, action, ids);
      // The list page validates these filters again when it is shown.
      const back = { ...query, changed: String(r.changed.length), ...(r.unchanged.length && { unchanged: String(r.unchanged.length) }) };
      return reply.redirect(adminUrls.articles(back), 303);
    } catch (e) {
      if (e instanceof Forbidden) return refuse(req, reply, 403, 'bulkForbidden');
      if (e instanceof NotFound || e instanceof Invalid) return refuse(req, reply, 400, 'badRequest');
      throw e;
    }
  });
}

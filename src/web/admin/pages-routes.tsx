import type { FastifyInstance } from 'fastify';
import { ARTICLE_STATUSES, type ArticleStatus } from '../../domain/article.ts';
import { adminTranslator } from '../../platform/i18n/admin-strings.ts';
import { loadEditions } from '../../services/editions/editions.ts';
import { StaticPagesPage } from '../../theme/admin/manage-pages.tsx';
import { type AdminCss, type AdminDeps, requireAccount, sendPage } from './context.ts';
import { editorUrls } from './editor-routes.tsx';
import { editionParam, editionTabs, requireCan } from './manage-common.ts';
import { manageUrls } from './manage-urls.ts';

/** /admin/pages: an edition's static pages and where the public site serves them (/<edition>/<slug>/). */
export function registerPagesRoutes(admin: FastifyInstance, deps: AdminDeps & { css: AdminCss }): void {
  admin.get('/pages', { preHandler: [requireAccount, requireCan('page.manage')] }, async (req, reply) => {
    const account = req.newsroomAccount!;
    const t = adminTranslator(account.locale);
    const editions = await loadEditions(deps.repos);
    const e = editions.get(editionParam(req)) ?? editions.default;
    const pages = await deps.repos.staticPages.list(e.code);
    const vm = {
      editions: editionTabs(t, editions.list, e.code, (c) => manageUrls.pages({ edition: c })),
      lang: e.locale,
      // Pages are written in the article editor (kind=page), in this edition.
      newPage: { label: t('newPageIn', { edition: e.code === 'ar' ? t('editionName_ar') : e.code === 'en' ? t('editionName_en') : e.code }), url: editorUrls.create({ edition: e.code, kind: 'page' }) },
      rows: pages.map((p) => {
        const path = deps.urls.staticPage(e, p.slug);
        const status = (ARTICLE_STATUSES as readonly string[]).includes(p.status) ? t(`status_${p.status as ArticleStatus}`) : p.status;
        return { title: p.title, editUrl: editorUrls.edit(p.id), status, address: decodeURIComponent(path), url: p.status === 'published' ? path : null };
      }),
    };
    return sendPage(req, reply, deps, 200, { title: t('m_pages'), current: 'manage', here: manageUrls.pages({ edition: e.code }) }, <StaticPagesPage vm={vm} t={t} />);
  });
}

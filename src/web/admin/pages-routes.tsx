import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { adminTranslator } from '../../platform/i18n/admin-strings.ts';
import { StaticPagesPage } from '../../theme/admin/manage-pages.tsx';
import { type AdminCss, type AdminDeps, sendPage } from './context.ts';
import { editionLabel } from './editor-presenter.ts';
import { editorUrls } from './editor-urls.ts';
import { editionTabs } from './manage-common.ts';
import { manageUrls } from './manage-urls.ts';
import { accountOf } from './route-contract.ts';

/** /admin/pages: an edition's static pages and where the public site serves them (/<edition>/<slug>/). */
export function registerPagesRoutes(admin: FastifyInstance, deps: AdminDeps & { css: AdminCss }): void {
  const r = admin.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/pages', {
    config: { can: 'page.manage' },
    schema: { querystring: Type.Object({ edition: Type.Optional(Type.String()) }, { additionalProperties: true }) },
  }, async (req, reply) => {
    const t = adminTranslator(accountOf(req).locale);
    const { editions, edition: e, pages } = await deps.services.staticPages.listing(req.query.edition);
    const vm = {
      editions: editionTabs(t, editions, e.code, (c) => manageUrls.pages({ edition: c })),
      lang: e.locale,
      // Pages are written in the article editor (kind=page), in this edition.
      newPage: { label: t('newPageIn', { edition: editionLabel(t, e.code) }), url: editorUrls.create({ edition: e.code, kind: 'page' }) },
      rows: pages.map((p) => {
        const path = deps.urls.staticPage(e, p.slug);
        return { title: p.title, editUrl: editorUrls.edit(p.id), status: t(`status_${p.status}`), address: decodeURIComponent(path), url: p.status === 'published' ? path : null };
      }),
    };
    return sendPage(req, reply, deps, 200, { title: t('m_pages'), current: 'manage', here: manageUrls.pages({ edition: e.code }) }, <StaticPagesPage vm={vm} t={t} />);
  });
}

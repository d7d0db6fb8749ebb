import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { NotFound } from '../../domain/errors.ts';
import { adminTranslator } from '../../platform/i18n/admin-strings.ts';
import { translator } from '../../platform/i18n/strings.ts';
import { ComparePage, RevisionsPage } from '../../theme/admin/editor-pages.tsx';
import { renderAdminDocument } from '../../theme/admin/layout.tsx';
import { ArticlePage } from '../../theme/pages.tsx';
import { renderDocument } from '../../theme/render.tsx';
import { StaticPageView } from '../../theme/static-page.tsx';
import { articleLayout, articleVM, layoutVM, type PageContext } from '../public/presenters.ts';
import { type AdminCss, type AdminDeps, sendAdmin, shell, type ShellOptions } from './context.ts';
import { editorScriptUrl } from './editor-bundle.ts';
import { presentComparison, presentRevisions } from './editor-presenter.ts';
import { editorUrls, IdParams } from './editor-urls.ts';
import { accountOf } from './route-contract.ts';

/** An editor page in the account's shell, with the rich-text bundle when it is built (the form works without it). */
export function sendEditorPage(
  req: FastifyRequest, reply: FastifyReply, deps: { css: AdminCss; urls: { siteUrl: string } }, status: number,
  o: { title: string; current: ShellOptions['current'] }, body: ComponentChildren,
) {
  const account = accountOf(req);
  const sh = shell(req, reply, deps.css, deps.urls.siteUrl, { locale: account.locale, title: o.title, account, current: o.current, here: req.url });
  const script = editorScriptUrl();
  return sendAdmin(reply, status, renderAdminDocument(script ? { ...sh, scripts: [script] } : sh, body));
}

/** `from`/`to` of the compare page: a revision id, or the article as saved now. */
function revisionRef(s: string | undefined): number | 'current' {
  if (s === 'current') return 'current';
  if (!/^\d{1,9}$/.test(s ?? '')) throw new NotFound('revision');
  return Number(s);
}

/** The editor's other pages: the live preview, the revisions, a comparison, a restore. */
export function registerEditorPageRoutes(admin: FastifyInstance, deps: AdminDeps & { css: AdminCss }): void {
  const { editor } = deps.services;
  const r = admin.withTypeProvider<TypeBoxTypeProvider>();

  /** The real public page of the saved article (drafts too), for its editors only. */
  r.get('/articles/:id/preview', { config: { can: 'signed-in' }, schema: { params: IdParams } }, async (req, reply) => {
    const p = await editor.reads.preview(accountOf(req), Number(req.params.id));
    const { edition } = p;
    // The public pages' context, as the site state builds it (uncached: a preview is rare).
    const ctx: PageContext = { edition, editions: p.editions, urls: deps.urls, t: translator(edition.locale), assets: deps.assets, categories: p.sections, menu: p.menu };
    const send = (html: string) =>
      reply.code(200).header('cache-control', 'no-store').header('x-robots-tag', 'noindex, nofollow').type('text/html; charset=utf-8').send(html);
    const a = p.article;
    if (p.kind === 'page') {
      // As the public site shows a page at /<edition>/<slug>/ (render-route's staticPage).
      const url = ctx.urls.staticPage(edition, a.slug);
      return send(renderDocument(
        { ...layoutVM(ctx, { title: a.title, description: a.excerpt || a.title, canonical: url, currentNav: url }), noindex: true },
        <StaticPageView vm={{ title: a.title, bodyHtml: a.bodyHtml }} />,
      ));
    }
    return send(renderDocument(
      { ...layoutVM(ctx, articleLayout(ctx, a, p.translations)), noindex: true },
      <ArticlePage vm={{ ...articleVM(ctx, a, [], p.translations), mostRead: null, comments: null }} />,
    ));
  });

  r.get('/articles/:id/revisions', {
    config: { can: 'signed-in' },
    schema: { params: IdParams, querystring: Type.Object({ saved: Type.Optional(Type.String()) }, { additionalProperties: true }) },
  }, async (req, reply) => {
    const account = accountOf(req);
    const t = adminTranslator(account.locale);
    const revisions = await editor.reads.revisions(account, Number(req.params.id));
    const vm = presentRevisions(revisions, { account, t, csrf: reply.generateCsrf(), restored: req.query.saved === 'restored' });
    return sendEditorPage(req, reply, deps, 200, { title: vm.heading, current: 'articles' }, <RevisionsPage vm={vm} t={t} />);
  });

  r.get('/articles/:id/revisions/compare', {
    config: { can: 'signed-in' },
    schema: { params: IdParams, querystring: Type.Object({ from: Type.Optional(Type.String()), to: Type.Optional(Type.String()) }, { additionalProperties: true }) },
  }, async (req, reply) => {
    const account = accountOf(req);
    const t = adminTranslator(account.locale);
    const c = await editor.reads.compare(account, Number(req.params.id), revisionRef(req.query.from), revisionRef(req.query.to));
    const vm = presentComparison(c, { account, t, csrf: reply.generateCsrf() });
    return sendEditorPage(req, reply, deps, 200, { title: vm.heading, current: 'articles' }, <ComparePage vm={vm} t={t} />);
  });

  r.post('/articles/:id/revisions/:rev/restore', {
    config: { can: 'signed-in' },
    schema: { params: Type.Object({ id: Type.String({ pattern: '^\\d{1,9}$' }), rev: Type.String({ pattern: '^\\d{1,9}$' }) }) },
  }, async (req, reply) => {
    const id = Number(req.params.id);
    await editor.restoreRevision(accountOf(req), id, Number(req.params.rev));
    return reply.redirect(editorUrls.edit(id, { saved: 'restored' }), 303);
  });
}

import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '../../domain/errors.ts';
import { TERM_KINDS, type TermKind } from '../../domain/taxonomy.ts';
import { adminTranslator } from '../../platform/i18n/admin-strings.ts';
import type { TermInput } from '../../services/taxonomies/taxonomies.ts';
import { TaxonomyPage, TermEditPage } from '../../theme/admin/manage-pages.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { type AdminCss, type AdminDeps, field, sendPage } from './context.ts';
import { doneNotice, EditionQuery, editionTabs, type FieldProblems, formErrorsNotice, reshowNotice, IdParam, typedText, unlessRefused } from './manage-common.ts';
import { manageUrls } from './manage-urls.ts';
import { accountOf, reshowStatus } from './route-contract.ts';
import { storedTerm, termForm, termRows } from './taxonomy-presenter.ts';

const Kind = Type.Union([Type.Literal('category'), Type.Literal('tag')]);
const TermBody = Type.Object({ name: typedText, slug: typedText, description: typedText, position: typedText }, { additionalProperties: true });
const can = 'taxonomy.manage' as const;

const typedTerm = (b: { name?: string; slug?: string; description?: string; position?: string }): TermInput => ({
  name: b.name ?? '', slug: b.slug ?? '', description: b.description ?? '', position: b.position ?? '',
});
/** A CSRF re-show gets the request untyped (the schema has validated it all the same). */
const typedTermOf = (body: unknown): TermInput => typedTerm({ name: field(body, 'name'), slug: field(body, 'slug'), description: field(body, 'description'), position: field(body, 'position') });
const kindOf = (params: unknown): TermKind => {
  const k = TERM_KINDS.find((x) => x === field(params, 'kind'));
  if (!k) throw new NotFound('taxonomy');
  return k;
};

export function registerTaxonomyRoutes(fastify: FastifyInstance, deps: AdminDeps & { css: AdminCss }): void {
  const admin = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { taxonomies, editions, urls } = deps.services;

  /** The list page; a refused "add" form comes back here with what was typed. */
  const listPage = async (
    req: FastifyRequest, reply: FastifyReply, status: number, editionCode: string,
    o: { done?: string; refused?: { kind: TermKind; typed: TermInput; problems: FieldProblems; notice: Notice } } = {},
  ) => {
    const { locale } = accountOf(req);
    const t = adminTranslator(locale);
    const { edition: e, editions: all } = await editions.resolve(editionCode);
    const [categories, tags] = await Promise.all([taxonomies.list('category', e.code), taxonomies.list('tag', e.code)]);
    const refused = o.refused;
    const add = (kind: TermKind) => {
      const mine = refused?.kind === kind ? refused : undefined;
      const label = t(kind === 'category' ? 'tx_addCategory' : 'tx_addTag');
      const form = termForm(locale, t, kind, `new-${kind}`, mine?.typed ?? { name: '', slug: '', description: '', position: '' }, mine?.problems ?? {}, manageUrls.termCreate(kind), label, label);
      // The form posts the edition it was shown for.
      return { ...form, action: `${form.action}?edition=${encodeURIComponent(e.code)}` };
    };
    const vm = {
      notices: refused ? [refused.notice] : doneNotice(t, o.done),
      editions: editionTabs(t, all.list, e.code, (code) => manageUrls.taxonomy({ edition: code })),
      csrf: reply.generateCsrf(),
      lang: e.locale,
      categories: termRows(urls, e, 'category', categories),
      tags: termRows(urls, e, 'tag', tags),
      addCategory: add('category'),
      addTag: add('tag'),
    };
    return sendPage(req, reply, deps, status, { title: t('m_taxonomy'), current: 'manage', here: manageUrls.taxonomy({ edition: e.code }) }, <TaxonomyPage vm={vm} t={t} />);
  };

  const editPage = async (req: FastifyRequest, reply: FastifyReply, status: number, kind: TermKind, id: number, o: { typed?: TermInput; problems?: FieldProblems; notices?: Notice[] } = {}) => {
    const { locale } = accountOf(req);
    const t = adminTranslator(locale);
    const term = await taxonomies.find(kind, id);
    const heading = t(kind === 'category' ? 'tx_editCategory' : 'tx_editTag');
    const vm = {
      notices: o.notices ?? [],
      csrf: reply.generateCsrf(),
      form: termForm(locale, t, kind, 'term', o.typed ?? storedTerm(term), o.problems ?? {}, manageUrls.term(kind, id), heading, t('save')),
      deleteAction: manageUrls.termDelete(kind, id),
      deleteText: t('tx_deleteText', { count: term.articles }),
      backUrl: manageUrls.taxonomy({ edition: term.edition }),
    };
    return sendPage(req, reply, deps, status, { title: heading, current: 'manage', here: manageUrls.term(kind, id) }, <TermEditPage vm={vm} t={t} />);
  };
  const expired = (req: FastifyRequest) => [reshowNotice(req)];

  admin.get('/taxonomy', { config: { can }, schema: { querystring: EditionQuery } }, async (req, reply) =>
    listPage(req, reply, 200, req.query.edition ?? '', { ...(req.query.done !== undefined && { done: req.query.done }) }));

  admin.post(
    '/taxonomy/:kind',
    {
      schema: { params: Type.Object({ kind: Kind }), querystring: EditionQuery, body: TermBody },
      config: {
        can,
        // A form whose CSRF token failed comes back with what was typed.
        reshow: (req, reply) => listPage(req, reply, reshowStatus(req), field(req.query, 'edition'), { refused: { kind: kindOf(req.params), typed: typedTermOf(req.body), problems: {}, notice: reshowNotice(req) } }),
      },
    },
    async (req, reply) => {
      const { kind } = req.params;
      const edition = req.query.edition ?? '';
      const typed = typedTerm(req.body);
      return unlessRefused(async () => {
        await taxonomies.create(kind, edition, typed);
        return reply.redirect(manageUrls.taxonomy({ edition, done: 'created' }), 303);
      }, (problems) => listPage(req, reply, 400, edition, { refused: { kind, typed, problems, notice: formErrorsNotice(adminTranslator(accountOf(req).locale)) } }));
    },
  );

  const TermParams = Type.Object({ kind: Kind, id: IdParam });
  admin.get('/taxonomy/:kind/:id', { config: { can }, schema: { params: TermParams, querystring: EditionQuery } }, async (req, reply) =>
    editPage(req, reply, 200, req.params.kind, Number(req.params.id), { notices: doneNotice(adminTranslator(accountOf(req).locale), req.query.done) }));

  admin.post(
    '/taxonomy/:kind/:id',
    {
      schema: { params: TermParams, body: TermBody },
      config: { can, reshow: (req, reply) => editPage(req, reply, reshowStatus(req), kindOf(req.params), Number(field(req.params, 'id')), { typed: typedTermOf(req.body), notices: expired(req) }) },
    },
    async (req, reply) => {
      const { kind } = req.params;
      const id = Number(req.params.id);
      const typed = typedTerm(req.body);
      return unlessRefused(async () => {
        await taxonomies.update(kind, id, typed);
        return reply.redirect(`${manageUrls.term(kind, id)}?done=saved`, 303);
      }, (problems) => editPage(req, reply, 400, kind, id, { typed, problems, notices: [formErrorsNotice(adminTranslator(accountOf(req).locale))] }));
    },
  );

  admin.post(
    '/taxonomy/:kind/:id/delete',
    {
      schema: { params: TermParams, body: Type.Object({}, { additionalProperties: true }) },
      config: { can, reshow: (req, reply) => editPage(req, reply, reshowStatus(req), kindOf(req.params), Number(field(req.params, 'id')), { notices: expired(req) }) },
    },
    async (req, reply) => {
      const term = await taxonomies.find(req.params.kind, Number(req.params.id));
      await taxonomies.delete(req.params.kind, term.id);
      return reply.redirect(manageUrls.taxonomy({ edition: term.edition, done: 'deleted' }), 303);
    },
  );
}

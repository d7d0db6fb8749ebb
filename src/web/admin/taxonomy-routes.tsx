import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Edition } from '../../domain/edition.ts';
import { NotFound } from '../../domain/errors.ts';
import { adminTranslator, type AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { loadEditions } from '../../services/editions/editions.ts';
import type { Problem } from '../../services/manage/problems.ts';
import { TaxonomyAdmin, type TermInput } from '../../services/manage/taxonomy-admin.ts';
import type { ManagedTerm, TermKind } from '../../storage/taxonomy-admin.ts';
import type { FieldVM } from '../../theme/admin/form-fields.tsx';
import { TaxonomyPage, type TermFormVM, TermEditPage } from '../../theme/admin/manage-pages.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import type { Urls } from '../../services/editions/urls.ts';
import { ADMIN, type AdminCss, type AdminDeps, field, type Reshow, sendPage } from './context.ts';
import { doneNotice, editionParam, editionTabs, formErrorsNotice, formExpiredNotice, manageGuards, positiveInt, reshowForm, unlessRefused } from './manage-common.ts';
import { manageUrls } from './manage-urls.ts';
import { problemText } from './problem-text.ts';

const KINDS: readonly TermKind[] = ['category', 'tag'];

function termForm(t: AdminTranslate, kind: TermKind, prefix: string, typed: TermInput, problems: Record<string, Problem>, action: string, heading: string, submit: string): TermFormVM {
  const f = (name: keyof TermInput, label: string, extra: Partial<FieldVM> = {}): FieldVM => ({
    id: `${prefix}-${name}`, name, label, value: typed[name] ?? '', error: problemText(t, problems[name]), ...extra,
  });
  return {
    heading,
    action,
    submit,
    fields: [
      f('name', t('tx_name'), { required: true }),
      f('slug', t('tx_slug'), { hint: t('tx_slugHint') }),
      ...(kind === 'category' ? [f('position', t('tx_position'), { type: 'number', hint: t('tx_positionHint') })] : []),
    ],
    area: kind === 'category' ? f('description', t('tx_description')) : null,
  };
}

const typedTerm = (body: unknown): TermInput => ({ name: field(body, 'name'), slug: field(body, 'slug'), description: field(body, 'description'), position: field(body, 'position') });
const storedTerm = (x: ManagedTerm): TermInput => ({ name: x.name, slug: x.slug, description: x.description, position: String(x.position) });

export function registerTaxonomyRoutes(admin: FastifyInstance, deps: AdminDeps & { css: AdminCss; reshow: Reshow }): void {
  const taxonomy = new TaxonomyAdmin({ repos: deps.repos });
  const { guard, guardPost } = manageGuards(admin, 'taxonomy.manage');
  const kindOf = (req: FastifyRequest): TermKind => {
    const k = (req.params as { kind?: string }).kind;
    if (!KINDS.includes(k as TermKind)) throw new NotFound('taxonomy');
    return k as TermKind;
  };
  const idOf = (req: FastifyRequest) => {
    const id = positiveInt((req.params as { id?: string }).id);
    if (id === undefined) throw new NotFound('term');
    return id;
  };

  /** The list page; a refused "add" form comes back here with what was typed. */
  const listPage = async (
    req: FastifyRequest, reply: FastifyReply, status: number, editionCode: string,
    refused?: { kind: TermKind; typed: TermInput; problems: Record<string, Problem>; notice: Notice },
  ) => {
    const account = req.newsroomAccount!;
    const t = adminTranslator(account.locale);
    const editions = await loadEditions(deps.repos);
    const e = editions.get(editionCode) ?? editions.default;
    const [categories, tags] = await Promise.all([taxonomy.list('category', e.code), taxonomy.list('tag', e.code)]);
    const rows = (kind: TermKind, list: ManagedTerm[]) =>
      list.map((x) => ({ id: x.id, name: x.name, slug: x.slug, position: x.position, articles: x.articles, editUrl: manageUrls.term(kind, x.id), viewUrl: viewUrl(deps.urls, e, kind, x.slug) }));
    const add = (kind: TermKind) => {
      const mine = refused?.kind === kind ? refused : undefined;
      const form = termForm(t, kind, `new-${kind}`, mine?.typed ?? { name: '', slug: '', description: '', position: '' }, mine?.problems ?? {}, manageUrls.termCreate(kind), t(kind === 'category' ? 'tx_addCategory' : 'tx_addTag'), t(kind === 'category' ? 'tx_addCategory' : 'tx_addTag'));
      // The form posts the edition it was shown for.
      return { ...form, action: `${form.action}?edition=${encodeURIComponent(e.code)}` };
    };
    const vm = {
      notices: refused ? [refused.notice] : doneNotice(t, (req.query as Record<string, unknown>).done),
      editions: editionTabs(t, editions.list, e.code, (code) => manageUrls.taxonomy({ edition: code })),
      csrf: reply.generateCsrf(),
      lang: e.locale,
      categories: rows('category', categories),
      tags: rows('tag', tags),
      addCategory: add('category'),
      addTag: add('tag'),
    };
    return sendPage(req, reply, deps, status, { title: t('m_taxonomy'), current: 'manage', here: manageUrls.taxonomy({ edition: e.code }) }, <TaxonomyPage vm={vm} t={t} />);
  };

  const editPage = async (req: FastifyRequest, reply: FastifyReply, status: number, kind: TermKind, id: number, typed?: TermInput, problems: Record<string, Problem> = {}, notices: Notice[] = []) => {
    const account = req.newsroomAccount!;
    const t = adminTranslator(account.locale);
    const term = await taxonomy.find(kind, id);
    const heading = t(kind === 'category' ? 'tx_editCategory' : 'tx_editTag');
    const vm = {
      notices,
      csrf: reply.generateCsrf(),
      form: termForm(t, kind, 'term', typed ?? storedTerm(term), problems, manageUrls.term(kind, id), heading, t('save')),
      deleteAction: manageUrls.termDelete(kind, id),
      deleteText: t('tx_deleteText', { count: term.articles }),
      backUrl: manageUrls.taxonomy({ edition: term.edition }),
    };
    return sendPage(req, reply, deps, status, { title: heading, current: 'manage', here: manageUrls.term(kind, id) }, <TermEditPage vm={vm} t={t} />);
  };

  admin.get('/taxonomy', guard, async (req, reply) => listPage(req, reply, 200, editionParam(req)));

  admin.post('/taxonomy/:kind', guardPost, async (req, reply) => {
    const kind = kindOf(req);
    const edition = editionParam(req);
    const typed = typedTerm(req.body);
    return unlessRefused(async () => {
      await taxonomy.create(kind, edition, typed);
      return reply.redirect(manageUrls.taxonomy({ edition, done: 'created' }), 303);
    }, (problems) => listPage(req, reply, 400, edition, { kind, typed, problems, notice: formErrorsNotice(adminTranslator(req.newsroomAccount!.locale)) }));
  });

  admin.get('/taxonomy/:kind/:id', guard, async (req, reply) => editPage(req, reply, 200, kindOf(req), idOf(req), undefined, {}, doneNotice(adminTranslator(req.newsroomAccount!.locale), (req.query as Record<string, unknown>).done)));

  admin.post('/taxonomy/:kind/:id', guardPost, async (req, reply) => {
    const kind = kindOf(req);
    const id = idOf(req);
    const typed = typedTerm(req.body);
    return unlessRefused(async () => {
      await taxonomy.update(kind, id, typed);
      return reply.redirect(`${manageUrls.term(kind, id)}?done=saved`, 303);
    }, (problems) => editPage(req, reply, 400, kind, id, typed, problems, [formErrorsNotice(adminTranslator(req.newsroomAccount!.locale))]));
  });

  admin.post('/taxonomy/:kind/:id/delete', guardPost, async (req, reply) => {
    const kind = kindOf(req);
    const term = await taxonomy.find(kind, idOf(req));
    await taxonomy.delete(kind, term.id);
    return reply.redirect(manageUrls.taxonomy({ edition: term.edition, done: 'deleted' }), 303);
  });

  // A form whose CSRF token failed comes back with what was typed.
  deps.reshow.set(
    `${ADMIN}/taxonomy/:kind`,
    reshowForm((req, reply) => listPage(req, reply, 403, editionParam(req), { kind: kindOf(req), typed: typedTerm(req.body), problems: {}, notice: formExpiredNotice(req) })),
  );
  deps.reshow.set(`${ADMIN}/taxonomy/:kind/:id`, reshowForm((req, reply) => editPage(req, reply, 403, kindOf(req), idOf(req), typedTerm(req.body), {}, [formExpiredNotice(req)])));
  deps.reshow.set(`${ADMIN}/taxonomy/:kind/:id/delete`, reshowForm((req, reply) => editPage(req, reply, 403, kindOf(req), idOf(req), undefined, {}, [formExpiredNotice(req)])));
}

function viewUrl(urls: Urls, e: Edition, kind: TermKind, slug: string): string {
  return kind === 'category' ? urls.category(e, slug) : urls.tag(e, slug);
}

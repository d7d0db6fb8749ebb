import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Invalid } from '../../domain/errors.ts';
import { adminTranslator } from '../../platform/i18n/admin-strings.ts';
import { HomeLeadPage } from '../../theme/admin/home-lead-pages.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { type AdminCss, type AdminDeps, field, sendPage } from './context.ts';
import { adminDateText, doneNotice, EditionQuery, editionTabs, fieldError, formErrorsNotice, reshowNotice, positiveInt, typedText, unlessRefused } from './manage-common.ts';
import { manageUrls } from './manage-urls.ts';
import { accountOf, reshowStatus } from './route-contract.ts';

const LeadBody = Type.Object({ lead: typedText }, { additionalProperties: true });
const can = 'home.lead' as const;

/** /admin/home-page: which published story leads each edition's home page. */
export function registerHomeLeadRoutes(fastify: FastifyInstance, deps: AdminDeps & { css: AdminCss }): void {
  const admin = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { homeLead, editions, urls } = deps.services;

  const page = async (req: FastifyRequest, reply: FastifyReply, status: number, code: string, o: { typed?: string; error?: string; notices?: Notice[] } = {}) => {
    const account = accountOf(req);
    const t = adminTranslator(account.locale);
    const { edition: e, editions: all } = await editions.resolve(code);
    const { chosen, candidates } = await homeLead.state(e.code);
    const selected = o.typed ?? (chosen ? String(chosen.id) : 'auto');
    const newest = candidates.find((a) => a.id !== chosen?.id) ?? null;
    const vm = {
      notices: o.notices ?? [],
      editions: editionTabs(t, all.list, e.code, (c) => manageUrls.home({ edition: c })),
      current: chosen ? t('hl_current', { title: chosen.title }) : newest ? t('hl_currentAuto', { title: newest.title }) : null,
      action: manageUrls.home({ edition: e.code }),
      csrf: reply.generateCsrf(),
      lang: e.locale,
      error: o.error ?? null,
      auto: selected === 'auto',
      choices: candidates.map((a) => ({
        id: a.id,
        title: a.title,
        date: { iso: a.publishedAt, text: adminDateText(a.publishedAt, e.timezone, account.locale) },
        checked: selected === String(a.id),
        url: urls.article(e, a),
      })),
    };
    return sendPage(req, reply, deps, status, { title: t('m_home'), current: 'manage', here: manageUrls.home({ edition: e.code }) }, <HomeLeadPage vm={vm} t={t} />);
  };

  admin.get('/home-page', { config: { can }, schema: { querystring: EditionQuery } }, async (req, reply) =>
    page(req, reply, 200, req.query.edition ?? '', { notices: doneNotice(adminTranslator(accountOf(req).locale), req.query.done) }));
  admin.post(
    '/home-page',
    {
      schema: { querystring: EditionQuery, body: LeadBody },
      config: { can, reshow: (req, reply) => page(req, reply, reshowStatus(req), field(req.query, 'edition'), { typed: field(req.body, 'lead'), notices: [reshowNotice(req)] }) },
    },
    async (req, reply) => {
      const { code } = (await editions.resolve(req.query.edition ?? '')).edition;
      const typed = req.body.lead ?? '';
      const { locale } = accountOf(req);
      const t = adminTranslator(locale);
      return unlessRefused(async () => {
        const id = typed === 'auto' ? null : positiveInt(typed);
        if (id === undefined) throw new Invalid('lead', 'choice');
        await homeLead.choose(code, id);
        return reply.redirect(manageUrls.home({ edition: code, done: 'saved' }), 303);
      }, (problems) => page(req, reply, 400, code, { typed, error: fieldError(locale, problems.lead) ?? t('badRequest'), notices: [formErrorsNotice(t)] }));
    },
  );
}

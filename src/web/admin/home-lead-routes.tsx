import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminTranslator } from '../../platform/i18n/admin-strings.ts';
import { loadEditions } from '../../services/editions/editions.ts';
import { HomeLead } from '../../services/manage/home-lead.ts';
import { FormRefused } from '../../services/manage/problems.ts';
import { HomeLeadPage } from '../../theme/admin/home-lead-pages.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { ADMIN, type AdminCss, type AdminDeps, field, type Reshow, sendPage } from './context.ts';
import { adminDateText, doneNotice, editionCodeOf, editionParam, editionTabs, formErrorsNotice, formExpiredNotice, manageGuards, positiveInt, reshowForm, unlessRefused } from './manage-common.ts';
import { manageUrls } from './manage-urls.ts';
import { problemText } from './problem-text.ts';

/** /admin/home-page: which published story leads each edition's home page. */
export function registerHomeLeadRoutes(admin: FastifyInstance, deps: AdminDeps & { css: AdminCss; reshow: Reshow }): void {
  const lead = new HomeLead({ repos: deps.repos });
  const { guard, guardPost } = manageGuards(admin, 'home.lead');

  const page = async (req: FastifyRequest, reply: FastifyReply, status: number, code: string, o: { typed?: string; error?: string; notices?: Notice[] } = {}) => {
    const account = req.newsroomAccount!;
    const t = adminTranslator(account.locale);
    const editions = await loadEditions(deps.repos);
    const e = editions.get(code) ?? editions.default;
    const { chosen, candidates } = await lead.state(e.code);
    const selected = o.typed ?? (chosen ? String(chosen.id) : 'auto');
    const newest = candidates.find((a) => a.id !== chosen?.id) ?? null;
    const vm = {
      notices: o.notices ?? doneNotice(t, (req.query as Record<string, unknown>).done),
      editions: editionTabs(t, editions.list, e.code, (c) => manageUrls.home({ edition: c })),
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
        url: deps.urls.article(e, a),
      })),
    };
    return sendPage(req, reply, deps, status, { title: t('m_home'), current: 'manage', here: manageUrls.home({ edition: e.code }) }, <HomeLeadPage vm={vm} t={t} />);
  };

  admin.get('/home-page', guard, async (req, reply) => page(req, reply, 200, editionParam(req)));
  admin.post('/home-page', guardPost, async (req, reply) => {
    const code = await editionCodeOf(deps.repos, req);
    const typed = field(req.body, 'lead');
    const t = adminTranslator(req.newsroomAccount!.locale);
    return unlessRefused(async () => {
      const id = typed === 'auto' ? null : positiveInt(typed);
      if (id === undefined) throw new FormRefused({ lead: { code: 'choice' } });
      await lead.choose(code, id);
      return reply.redirect(manageUrls.home({ edition: code, done: 'saved' }), 303);
    }, (problems) => page(req, reply, 400, code, { typed, error: problemText(t, problems.lead) ?? t('badRequest'), notices: [formErrorsNotice(t)] }));
  });
  deps.reshow.set(`${ADMIN}/home-page`, reshowForm((req, reply) => page(req, reply, 403, editionParam(req), { typed: field(req.body, 'lead'), notices: [formExpiredNotice(req)] })));
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminTranslator } from '../../platform/i18n/admin-strings.ts';
import { loadEditions } from '../../services/editions/editions.ts';
import { HomeLead } from '../../services/manage/home-lead.ts';
import { FormRefused } from '../../services/manage/problems.ts';
import { HomeLeadPage } from '../../theme/admin/home-lead-pages.tsx';
import { renderAdminDocument } from '../../theme/admin/layout.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { ADMIN, type AdminCss, type AdminDeps, field, requireAccount, type Reshow, sendAdmin, shell } from './context.ts';
import { adminDateText, positiveInt, requireCan } from './manage-common.ts';
import { manageUrls } from './manage-urls.ts';
import { problemText } from './problem-text.ts';
import { doneNotice, editionTabs } from './taxonomy-routes.tsx';

/** /admin/home-page: which published story leads each edition's home page. */
export function registerHomeLeadRoutes(admin: FastifyInstance, deps: AdminDeps & { css: AdminCss; reshow: Reshow }): void {
  const lead = new HomeLead({ repos: deps.repos });
  const guard = { preHandler: [requireAccount, requireCan('home.lead')] };
  const guardPost = { preHandler: [requireAccount, requireCan('home.lead'), admin.csrfProtection] };

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
    const sh = shell(req, reply, deps.css, deps.urls.siteUrl, { locale: account.locale, title: t('m_home'), account, current: 'manage', here: manageUrls.home({ edition: e.code }) });
    return sendAdmin(reply, status, renderAdminDocument(sh, <HomeLeadPage vm={vm} t={t} />));
  };
  const codeOf = (req: FastifyRequest) => String((req.query as Record<string, unknown>).edition ?? '');

  admin.get('/home-page', guard, async (req, reply) => page(req, reply, 200, codeOf(req)));
  admin.post('/home-page', guardPost, async (req, reply) => {
    const editions = await loadEditions(deps.repos);
    const code = (editions.get(codeOf(req)) ?? editions.default).code;
    const typed = field(req.body, 'lead');
    const t = adminTranslator(req.newsroomAccount!.locale);
    try {
      const id = typed === 'auto' ? null : positiveInt(typed);
      if (id === undefined) throw new FormRefused({ lead: { code: 'choice' } });
      await lead.choose(code, id);
      return reply.redirect(manageUrls.home({ edition: code, done: 'saved' }), 303);
    } catch (e) {
      if (!(e instanceof FormRefused)) throw e;
      return page(req, reply, 400, code, { typed, error: problemText(t, e.problems.lead) ?? t('badRequest'), notices: [{ kind: 'error', text: t('formErrors') }] });
    }
  });
  deps.reshow.set(`${ADMIN}/home-page`, async (req, reply) =>
    req.newsroomAccount
      ? page(req, reply, 403, codeOf(req), { typed: field(req.body, 'lead'), notices: [{ kind: 'error', text: adminTranslator(req.newsroomAccount.locale)('formExpired') }] })
      : requireAccount(req, reply),
  );
}

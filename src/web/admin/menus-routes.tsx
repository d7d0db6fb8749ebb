import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminTranslator } from '../../platform/i18n/admin-strings.ts';
import { loadEditions } from '../../services/editions/editions.ts';
import { MAX_MENU_ITEMS, MenuAdmin, type MenuRowInput } from '../../services/manage/menus.ts';
import type { Problem } from '../../services/manage/problems.ts';
import type { ControlVM } from '../../theme/admin/editions-pages.tsx';
import { MenusPage } from '../../theme/admin/menus-pages.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { ADMIN, type AdminCss, type AdminDeps, field, type Reshow, sendPage } from './context.ts';
import { doneNotice, editionCodeOf, editionParam, editionTabs, formErrorsNotice, formExpiredNotice, manageGuards, reshowForm, unlessRefused } from './manage-common.ts';
import { manageUrls } from './manage-urls.ts';
import { problemText } from './problem-text.ts';

/** Blank rows offered under the saved items, for new links. */
const BLANK_ROWS = 3;

function typedRows(body: unknown): MenuRowInput[] {
  const rows: MenuRowInput[] = [];
  for (let i = 0; i < MAX_MENU_ITEMS; i++) {
    const r = { label: field(body, `label_${i}`), category: field(body, `category_${i}`), url: field(body, `url_${i}`), position: field(body, `position_${i}`) };
    rows.push(r);
  }
  // Trailing empty rows are only the form's blanks.
  while (rows.length && !Object.values(rows.at(-1)!).some((v) => v.trim())) rows.pop();
  return rows;
}

/** /admin/menus: each edition's masthead menu. */
export function registerMenusRoutes(admin: FastifyInstance, deps: AdminDeps & { css: AdminCss; reshow: Reshow }): void {
  const menus = new MenuAdmin({ repos: deps.repos });
  const { guard, guardPost } = manageGuards(admin, 'menu.manage');

  const page = async (req: FastifyRequest, reply: FastifyReply, status: number, code: string, o: { typed?: MenuRowInput[]; problems?: Record<string, Problem>; notices?: Notice[] } = {}) => {
    const account = req.newsroomAccount!;
    const t = adminTranslator(account.locale);
    const editions = await loadEditions(deps.repos);
    const e = editions.get(code) ?? editions.default;
    const [items, sections] = await Promise.all([menus.items(e.code), deps.repos.taxonomies.categories(e.code)]);
    const saved: MenuRowInput[] = items.map((m, i) => ({ label: m.label, category: m.category ? String(m.category.id) : '', url: m.url ?? '', position: String(i + 1) }));
    const base = o.typed ?? saved;
    const blank = { label: '', category: '', url: '', position: '' };
    const rows = [...base, ...Array.from({ length: Math.min(BLANK_ROWS, MAX_MENU_ITEMS - base.length) }, () => blank)];
    const problems = o.problems ?? {};
    const vm = {
      notices: o.notices ?? doneNotice(t, (req.query as Record<string, unknown>).done),
      editions: editionTabs(t, editions.list, e.code, (c) => manageUrls.menus({ edition: c })),
      automatic: items.length === 0,
      action: manageUrls.menus({ edition: e.code }),
      clearAction: manageUrls.menus({ edition: e.code }),
      csrf: reply.generateCsrf(),
      rows: rows.map((r, i) => {
        const f = (name: keyof MenuRowInput, label: string) => ({ id: `mn-${name}-${i}`, name: `${name}_${i}`, label, value: r[name], error: problemText(t, problems[`${name}_${i}`]) });
        const controls: ControlVM[] = [
          { kind: 'text', f: { ...f('position', t('mn_position')), type: 'number' } },
          {
            kind: 'select',
            f: f('category', t('mn_section')),
            options: [{ value: '', label: t('mn_noSection'), selected: !r.category }, ...sections.map((c) => ({ value: String(c.id), label: c.name, selected: r.category === String(c.id) }))],
          },
          { kind: 'text', f: { ...f('label', t('mn_label')), hint: t('mn_labelHint') } },
          { kind: 'text', f: { ...f('url', t('mn_url')), dir: 'ltr', hint: t('mn_urlHint') } },
        ];
        return { legend: t('mn_item', { n: i + 1 }), controls };
      }),
    };
    return sendPage(req, reply, deps, status, { title: t('m_menus'), current: 'manage', here: manageUrls.menus({ edition: e.code }) }, <MenusPage vm={vm} t={t} />);
  };

  admin.get('/menus', guard, async (req, reply) => page(req, reply, 200, editionParam(req)));
  admin.post('/menus', guardPost, async (req, reply) => {
    const code = await editionCodeOf(deps.repos, req);
    // "Back to the automatic menu" saves an empty menu.
    const typed = field(req.body, 'clear') === '1' ? [] : typedRows(req.body);
    return unlessRefused(async () => {
      await menus.save(code, typed);
      return reply.redirect(manageUrls.menus({ edition: code, done: 'saved' }), 303);
    }, (problems) => page(req, reply, 400, code, { typed, problems, notices: [formErrorsNotice(adminTranslator(req.newsroomAccount!.locale))] }));
  });
  deps.reshow.set(`${ADMIN}/menus`, reshowForm((req, reply) => page(req, reply, 403, editionParam(req), { typed: typedRows(req.body), notices: [formExpiredNotice(req)] })));
}

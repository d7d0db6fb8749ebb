import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminTranslator } from '../../platform/i18n/admin-strings.ts';
import { MAX_MENU_ITEMS, type MenuRowInput } from '../../services/menus/menus.ts';
import type { ControlVM } from '../../theme/admin/editions-pages.tsx';
import { MenusPage } from '../../theme/admin/menus-pages.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { type AdminCss, type AdminDeps, field, sendPage } from './context.ts';
import { doneNotice, EditionQuery, editionTabs, fieldError, type FieldProblems, formErrorsNotice, reshowNotice, typedText, unlessRefused } from './manage-common.ts';
import { manageUrls } from './manage-urls.ts';
import { accountOf, reshowStatus } from './route-contract.ts';

/** Blank rows offered under the saved items, for new links. */
const BLANK_ROWS = 3;
const ROW_FIELDS: readonly (keyof MenuRowInput)[] = ['label', 'category', 'url', 'position'];
const MenuBody = Type.Object(
  { clear: typedText, ...Object.fromEntries(Array.from({ length: MAX_MENU_ITEMS }, (_, i) => ROW_FIELDS.map((f) => [`${f}_${i}`, typedText])).flat()) },
  { additionalProperties: true },
);
const can = 'menu.manage' as const;

/** The rows as posted (the body typed by MenuBody, or a CSRF re-show's untyped one). */
function typedRows(body: unknown): MenuRowInput[] {
  const rows: MenuRowInput[] = [];
  for (let i = 0; i < MAX_MENU_ITEMS; i++) {
    rows.push({ label: field(body, `label_${i}`), category: field(body, `category_${i}`), url: field(body, `url_${i}`), position: field(body, `position_${i}`) });
  }
  // Trailing empty rows are only the form's blanks.
  while (rows.length && !Object.values(rows.at(-1)!).some((v) => v.trim())) rows.pop();
  return rows;
}

/** /admin/menus: each edition's masthead menu. */
export function registerMenusRoutes(fastify: FastifyInstance, deps: AdminDeps & { css: AdminCss }): void {
  const admin = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { menus, editions, taxonomies } = deps.services;

  const page = async (req: FastifyRequest, reply: FastifyReply, status: number, code: string, o: { typed?: MenuRowInput[]; problems?: FieldProblems; notices?: Notice[] } = {}) => {
    const { locale } = accountOf(req);
    const t = adminTranslator(locale);
    const { edition: e, editions: all } = await editions.resolve(code);
    const [items, sections] = await Promise.all([menus.items(e.code), taxonomies.categories(e.code)]);
    const saved: MenuRowInput[] = items.map((m, i) => ({ label: m.label, category: m.category ? String(m.category.id) : '', url: m.url ?? '', position: String(i + 1) }));
    const base = o.typed ?? saved;
    const blank = { label: '', category: '', url: '', position: '' };
    const rows = [...base, ...Array.from({ length: Math.min(BLANK_ROWS, MAX_MENU_ITEMS - base.length) }, () => blank)];
    const problems = o.problems ?? {};
    const vm = {
      notices: o.notices ?? [],
      editions: editionTabs(t, all.list, e.code, (c) => manageUrls.menus({ edition: c })),
      automatic: items.length === 0,
      action: manageUrls.menus({ edition: e.code }),
      clearAction: manageUrls.menus({ edition: e.code }),
      csrf: reply.generateCsrf(),
      rows: rows.map((r, i) => {
        const f = (name: keyof MenuRowInput, label: string) => ({ id: `mn-${name}-${i}`, name: `${name}_${i}`, label, value: r[name], error: fieldError(locale, problems[`${name}_${i}`]) });
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

  admin.get('/menus', { config: { can }, schema: { querystring: EditionQuery } }, async (req, reply) =>
    page(req, reply, 200, req.query.edition ?? '', { notices: doneNotice(adminTranslator(accountOf(req).locale), req.query.done) }));
  admin.post(
    '/menus',
    {
      schema: { querystring: EditionQuery, body: MenuBody },
      config: { can, reshow: (req, reply) => page(req, reply, reshowStatus(req), field(req.query, 'edition'), { typed: typedRows(req.body), notices: [reshowNotice(req)] }) },
    },
    async (req, reply) => {
      const { code } = (await editions.resolve(req.query.edition ?? '')).edition;
      // "Back to the automatic menu" saves an empty menu.
      const typed = req.body.clear === '1' ? [] : typedRows(req.body);
      return unlessRefused(async () => {
        await menus.save(code, typed);
        return reply.redirect(manageUrls.menus({ edition: code, done: 'saved' }), 303);
      }, (problems) => page(req, reply, 400, code, { typed, problems, notices: [formErrorsNotice(adminTranslator(accountOf(req).locale))] }));
    },
  );
}

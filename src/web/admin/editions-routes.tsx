import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminTranslator, type AdminStringKey, type AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { POLICY_KEYS } from '../../services/comments/policy.ts';
import { loadEditions } from '../../services/editions/editions.ts';
import { EDITION_SETTINGS } from '../../services/editions/settings.ts';
import { BOOLEAN_SETTINGS, EditionForm, LIST_SETTINGS } from '../../services/manage/edition-form.ts';
import type { Problem } from '../../services/manage/problems.ts';
import { type ControlVM, EditionSettingsPage } from '../../theme/admin/editions-pages.tsx';
import type { FieldVM } from '../../theme/admin/form-fields.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { ADMIN, type AdminCss, type AdminDeps, type Reshow, sendPage } from './context.ts';
import { doneNotice, editionCodeOf, editionParam, editionTabs, formErrorsNotice, formExpiredNotice, manageGuards, reshowForm, unlessRefused } from './manage-common.ts';
import { manageUrls } from './manage-urls.ts';
import { problemText } from './problem-text.ts';

const ALL_KEYS: readonly string[] = [...EDITION_SETTINGS, ...POLICY_KEYS];
const LTR_KEYS = ['locale', 'timezone', 'host', 'logo-url', 'favicon-url', 'share-image-url', 'notify'];
const NUMBER_KEYS = ['close-after-days', 'max-links', 'thread-depth', 'per-page', 'min-fill-seconds', 'token-max-age-seconds', 'flood-seconds'];
const GROUPS: { legend: AdminStringKey; keys: string[] }[] = [
  { legend: 'ed_general', keys: ['site-name', 'tagline', 'host', 'default'] },
  { legend: 'ed_dates', keys: ['locale', 'dir', 'timezone', 'digits', 'month-style', 'hijri'] },
  { legend: 'ed_images', keys: ['logo-url', 'favicon-url', 'share-image-url'] },
  { legend: 'ed_comments', keys: [...POLICY_KEYS] },
];

/** A settings problem in words; the services' own reasons are English developer text. */
function settingText(t: AdminTranslate, key: string, p: Problem | undefined): string | null {
  if (p?.code !== 'setting') return problemText(t, p);
  if (key === 'locale') return t('es_locale');
  if (key === 'timezone') return t('es_timezone');
  if (key === 'host') return t('es_host');
  if (key === 'default') return t('es_default');
  return t('p_setting');
}

/** The form as posted: unticked checkboxes send nothing (= false); lists are one item per line. */
function typedValues(body: unknown): Record<string, string> {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const k of ALL_KEYS) {
    const v = Array.isArray(b[k]) ? (b[k] as unknown[])[0] : b[k];
    out[k] = BOOLEAN_SETTINGS.includes(k) ? String(v === '1' || v === 'true' || v === 'on') : typeof v === 'string' ? v : '';
  }
  return out;
}

export function registerEditionsRoutes(admin: FastifyInstance, deps: AdminDeps & { css: AdminCss; reshow: Reshow }): void {
  const form = new EditionForm({ repos: deps.repos });
  const { guard, guardPost } = manageGuards(admin, 'settings.manage');
  const timeZones = Intl.supportedValuesOf('timeZone');

  const page = async (req: FastifyRequest, reply: FastifyReply, status: number, code: string, o: { typed?: Record<string, string>; problems?: Record<string, Problem>; notices?: Notice[] } = {}) => {
    const account = req.newsroomAccount!;
    const t = adminTranslator(account.locale);
    const editions = await loadEditions(deps.repos);
    const e = editions.get(code) ?? editions.default;
    const values = o.typed ?? (await form.load(e.code)).values;
    const problems = o.problems ?? {};
    const control = (key: string): ControlVM => {
      const f: FieldVM = {
        id: `ed-${key}`, name: key, label: t(`ed_${key}` as AdminStringKey), value: values[key] ?? '', error: settingText(t, key, problems[key]),
        ...(LTR_KEYS.includes(key) && { dir: 'ltr' as const }),
        ...(NUMBER_KEYS.includes(key) && { type: 'number' as const }),
        ...(key === 'timezone' && { list: 'time-zones' }),
        ...(key === 'host' && { hint: t('ed_hostHint', { code: e.code }) }),
        ...(key === 'site-name' && { required: true }),
      };
      const opts = (pairs: [string, AdminStringKey][]) => pairs.map(([v, l]) => ({ value: v, label: t(l), selected: values[key] === v }));
      if (BOOLEAN_SETTINGS.includes(key)) return { kind: 'check', f, checked: values[key] === 'true' };
      if (LIST_SETTINGS.includes(key)) return { kind: 'area', f };
      if (key === 'dir') return { kind: 'select', f, options: opts([['rtl', 'ed_dir_rtl'], ['ltr', 'ed_dir_ltr']]) };
      if (key === 'digits') return { kind: 'select', f, options: opts([['latn', 'ed_digits_latn'], ['arab', 'ed_digits_arab']]) };
      if (key === 'month-style') return { kind: 'select', f, options: opts([['gregorian', 'ed_month_gregorian'], ['levantine', 'ed_month_levantine']]) };
      return { kind: 'text', f };
    };
    const vm = {
      notices: o.notices ?? doneNotice(t, (req.query as Record<string, unknown>).done),
      editions: editionTabs(t, editions.list, e.code, (c) => manageUrls.editions({ edition: c })),
      heading: t('m_editions'),
      action: manageUrls.editions({ edition: e.code }),
      csrf: reply.generateCsrf(),
      groups: GROUPS.map((g) => ({ legend: t(g.legend), controls: g.keys.map(control) })),
      timeZones,
    };
    return sendPage(req, reply, deps, status, { title: t('m_editions'), current: 'manage', here: manageUrls.editions({ edition: e.code }) }, <EditionSettingsPage vm={vm} t={t} />);
  };

  admin.get('/editions', guard, async (req, reply) => page(req, reply, 200, editionParam(req)));

  admin.post('/editions', guardPost, async (req, reply) => {
    const code = await editionCodeOf(deps.repos, req);
    const typed = typedValues(req.body);
    return unlessRefused(async () => {
      await form.save(code, typed);
      return reply.redirect(manageUrls.editions({ edition: code, done: 'saved' }), 303);
    }, (problems) => page(req, reply, 400, code, { typed, problems, notices: [formErrorsNotice(adminTranslator(req.newsroomAccount!.locale))] }));
  });
  deps.reshow.set(
    `${ADMIN}/editions`,
    reshowForm((req, reply) => page(req, reply, 403, editionParam(req), { typed: typedValues(req.body), notices: [formExpiredNotice(req)] })),
  );
}

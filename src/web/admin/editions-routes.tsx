import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminTranslator, type AdminStringKey } from '../../platform/i18n/admin-strings.ts';
import { POLICY_KEYS } from '../../services/comments/policy.ts';
import { ALL_SETTINGS, BOOLEAN_SETTINGS, LIST_SETTINGS } from '../../services/editions/edition-service.ts';
import { type ControlVM, EditionSettingsPage } from '../../theme/admin/editions-pages.tsx';
import type { FieldVM } from '../../theme/admin/form-fields.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { type AdminCss, type AdminDeps, field, sendPage } from './context.ts';
import { doneNotice, EditionQuery, editionTabs, fieldError, type FieldProblems, formErrorsNotice, formExpiredNotice, typedText, unlessRefused } from './manage-common.ts';
import { manageUrls } from './manage-urls.ts';
import { accountOf } from './route-contract.ts';

const LTR_KEYS = ['locale', 'timezone', 'host', 'logo-url', 'favicon-url', 'share-image-url', 'notify'];
const NUMBER_KEYS = ['close-after-days', 'max-links', 'thread-depth', 'per-page', 'min-fill-seconds', 'token-max-age-seconds', 'flood-seconds'];
const GROUPS: { legend: AdminStringKey; keys: string[] }[] = [
  { legend: 'ed_general', keys: ['site-name', 'tagline', 'host', 'default'] },
  { legend: 'ed_dates', keys: ['locale', 'dir', 'timezone', 'digits', 'month-style', 'hijri'] },
  { legend: 'ed_images', keys: ['logo-url', 'favicon-url', 'share-image-url'] },
  { legend: 'ed_comments', keys: [...POLICY_KEYS] },
];
const SettingsBody = Type.Object(Object.fromEntries(ALL_SETTINGS.map((k) => [k, typedText])), { additionalProperties: true });
const can = 'settings.manage' as const;

/** The form as posted: unticked checkboxes send nothing (= false); lists are one item per line. */
function typedValues(body: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ALL_SETTINGS) {
    const v = body[k];
    out[k] = BOOLEAN_SETTINGS.includes(k) ? String(v === '1' || v === 'true' || v === 'on') : typeof v === 'string' ? v : '';
  }
  return out;
}
/** A CSRF re-show gets the body untyped (the schema has validated it all the same). */
const bodyOf = (body: unknown): Readonly<Record<string, unknown>> => (typeof body === 'object' && body !== null ? { ...body } : {});

export function registerEditionsRoutes(fastify: FastifyInstance, deps: AdminDeps & { css: AdminCss }): void {
  const admin = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { editions } = deps.services;
  const timeZones = Intl.supportedValuesOf('timeZone');

  const page = async (req: FastifyRequest, reply: FastifyReply, status: number, code: string, o: { typed?: Record<string, string>; problems?: FieldProblems; notices?: Notice[] } = {}) => {
    const { locale } = accountOf(req);
    const t = adminTranslator(locale);
    const { edition: e, editions: all } = await editions.resolve(code);
    const values = o.typed ?? (await editions.settingsForm(e.code));
    const problems = o.problems ?? {};
    const control = (key: string): ControlVM => {
      const f: FieldVM = {
        id: `ed-${key}`, name: key, label: t(`ed_${key}` as AdminStringKey), value: values[key] ?? '', error: fieldError(locale, problems[key]),
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
      notices: o.notices ?? [],
      editions: editionTabs(t, all.list, e.code, (c) => manageUrls.editions({ edition: c })),
      heading: t('m_editions'),
      action: manageUrls.editions({ edition: e.code }),
      csrf: reply.generateCsrf(),
      groups: GROUPS.map((g) => ({ legend: t(g.legend), controls: g.keys.map(control) })),
      timeZones,
    };
    return sendPage(req, reply, deps, status, { title: t('m_editions'), current: 'manage', here: manageUrls.editions({ edition: e.code }) }, <EditionSettingsPage vm={vm} t={t} />);
  };

  admin.get('/editions', { config: { can }, schema: { querystring: EditionQuery } }, async (req, reply) =>
    page(req, reply, 200, req.query.edition ?? '', { notices: doneNotice(adminTranslator(accountOf(req).locale), req.query.done) }));

  admin.post(
    '/editions',
    {
      schema: { querystring: EditionQuery, body: SettingsBody },
      config: { can, reshow: (req, reply) => page(req, reply, 403, field(req.query, 'edition'), { typed: typedValues(bodyOf(req.body)), notices: [formExpiredNotice(req)] }) },
    },
    async (req, reply) => {
      const { code } = (await editions.resolve(req.query.edition ?? '')).edition;
      const typed = typedValues(req.body);
      return unlessRefused(async () => {
        await editions.saveSettings(code, typed);
        return reply.redirect(manageUrls.editions({ edition: code, done: 'saved' }), 303);
      }, (problems) => page(req, reply, 400, code, { typed, problems, notices: [formErrorsNotice(adminTranslator(accountOf(req).locale))] }));
    },
  );
}

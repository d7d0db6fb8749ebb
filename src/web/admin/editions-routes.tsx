import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminTranslator } from '../../platform/i18n/admin-strings.ts';
import { ALL_SETTINGS, BOOLEAN_SETTINGS } from '../../services/editions/edition-service.ts';
import { EditionSettingsPage } from '../../theme/admin/editions-pages.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { type AdminCss, type AdminDeps, field, sendPage } from './context.ts';
import { doneNotice, EditionQuery, editionTabs, type FieldProblems, formErrorsNotice, reshowNotice, typedText, unlessRefused } from './manage-common.ts';
import { manageUrls } from './manage-urls.ts';
import { settingsGroups } from './editions-presenter.ts';
import { accountOf, reshowStatus } from './route-contract.ts';

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
    const vm = {
      notices: o.notices ?? [],
      editions: editionTabs(t, all.list, e.code, (c) => manageUrls.editions({ edition: c })),
      heading: t('m_editions'),
      action: manageUrls.editions({ edition: e.code }),
      csrf: reply.generateCsrf(),
      groups: settingsGroups(t, locale, e, values, problems),
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
      config: { can, reshow: (req, reply) => page(req, reply, reshowStatus(req), field(req.query, 'edition'), { typed: typedValues(bodyOf(req.body)), notices: [reshowNotice(req)] }) },
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

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Forbidden } from '../../domain/errors.ts';
import { adminTranslator, type AdminStringKey } from '../../platform/i18n/admin-strings.ts';
import { canDo, type SiteAction } from '../../services/users/capabilities.ts';
import { ManageHubPage } from '../../theme/admin/manage-pages.tsx';
import { type AdminCss, type AdminDeps, adminUrls, sendPage } from './context.ts';
import { manageUrls } from './manage-urls.ts';
import { accountOf } from './route-contract.ts';

/** The management screens, each behind the capability its routes check. */
const SCREENS: { action: SiteAction; label: AdminStringKey; text: AdminStringKey; url: string }[] = [
  { action: 'taxonomy.manage', label: 'm_taxonomy', text: 'm_taxonomyText', url: manageUrls.taxonomy() },
  { action: 'user.manage', label: 'm_users', text: 'm_usersText', url: manageUrls.users() },
  { action: 'settings.manage', label: 'm_editions', text: 'm_editionsText', url: manageUrls.editions() },
  { action: 'home.lead', label: 'm_home', text: 'm_homeText', url: manageUrls.home() },
  { action: 'menu.manage', label: 'm_menus', text: 'm_menusText', url: manageUrls.menus() },
  { action: 'page.manage', label: 'm_pages', text: 'm_pagesText', url: manageUrls.pages() },
  { action: 'audit.view', label: 'au_title', text: 'au_text', url: adminUrls.audit() },
  { action: 'user.manage', label: 'tf_securityTitle', text: 'tf_securityText', url: adminUrls.security() },
];

/** /admin/manage: links to the management screens this account may use (refused when there is none). */
export function registerManageHub(fastify: FastifyInstance, deps: AdminDeps & { css: AdminCss }): void {
  const admin = fastify.withTypeProvider<TypeBoxTypeProvider>();
  admin.get('/manage', { config: { can: 'signed-in' }, schema: {} }, async (req, reply) => {
    const account = accountOf(req);
    const t = adminTranslator(account.locale);
    const links = SCREENS.filter((s) => canDo(account, s.action)).map((s) => ({ label: t(s.label), text: t(s.text), url: s.url }));
    if (!links.length) throw new Forbidden('no management screen for this account');
    return sendPage(req, reply, deps, 200, { title: t('manage'), current: 'manage', here: adminUrls.manage() }, <ManageHubPage vm={{ links }} t={t} />);
  });
}

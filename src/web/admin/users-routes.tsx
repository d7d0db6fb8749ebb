import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '../../domain/errors.ts';
import { ROLES } from '../../domain/user.ts';
import { adminTranslator, type AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import type { Problem } from '../../services/manage/problems.ts';
import { UserAdmin } from '../../services/manage/user-admin.ts';
import { MIN_PASSWORD_LENGTH } from '../../services/users/passwords.ts';
import type { ManagedUser } from '../../storage/user-admin.ts';
import { PasswordOncePage, ProfilePage, UserAddPage, UserEditPage, UsersPage } from '../../theme/admin/users-pages.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { ADMIN, type AdminCss, type AdminDeps, adminUrls, field, requireAccount, type Reshow, sendPage, type ShellOptions } from './context.ts';
import { doneNotice, formErrorsNotice, formExpiredNotice as expired, manageGuards, positiveInt, reshowForm, unlessRefused } from './manage-common.ts';
import { manageUrls } from './manage-urls.ts';
import { problemText } from './problem-text.ts';

const roleOptions = (t: AdminTranslate, selected: string) => ROLES.map((r) => ({ value: r, label: t(`role_${r}`), selected: r === selected }));

/** Problems that belong to no single field of the form shown: said at the top of the page. */
function problemNotices(t: AdminTranslate, problems: Record<string, Problem>, fieldsShown: string[]): Notice[] {
  const loose = Object.entries(problems).filter(([k]) => !fieldsShown.includes(k));
  return [formErrorsNotice(t), ...loose.map(([, p]) => ({ kind: 'error' as const, text: problemText(t, p) ?? t('badRequest') }))];
}

export function registerUsersRoutes(admin: FastifyInstance, deps: AdminDeps & { css: AdminCss; reshow: Reshow }): void {
  const users = new UserAdmin({ repos: deps.repos, clock: deps.clock });
  const { guard, guardPost } = manageGuards(admin, 'user.manage');
  const render = (req: FastifyRequest, reply: FastifyReply, status: number, title: string, here: string, current: ShellOptions['current'], body: preact.JSX.Element) => {
    return sendPage(req, reply, deps, status, { title, current, here }, body);
  };
  const tr = (req: FastifyRequest) => adminTranslator(req.newsroomAccount!.locale);
  const idOf = (req: FastifyRequest) => {
    const id = positiveInt((req.params as { id?: string }).id);
    if (id === undefined) throw new NotFound('user');
    return id;
  };

  admin.get('/users', guard, async (req, reply) => {
    const t = tr(req);
    const me = req.newsroomAccount!;
    const rows = (await users.list()).map((u) => ({
      name: u.name, you: u.id === me.id, email: u.email, role: t(`role_${u.role}`), active: u.active, articles: u.articles, editUrl: manageUrls.user(u.id),
    }));
    const vm = { notices: doneNotice(t, (req.query as Record<string, unknown>).done), addUrl: manageUrls.userCreate(), rows };
    return render(req, reply, 200, t('m_users'), manageUrls.users(), 'manage', <UsersPage vm={vm} t={t} />);
  });

  // ---- add ----

  const addPage = (req: FastifyRequest, reply: FastifyReply, status: number, typed: { email: string; name: string; role: string }, problems: Record<string, Problem>, notices: Notice[]) => {
    const t = tr(req);
    const vm = {
      notices,
      action: manageUrls.userCreate(),
      csrf: reply.generateCsrf(),
      fields: [
        { id: 'u-email', name: 'email', label: t('u_email'), value: typed.email, type: 'email' as const, required: true, dir: 'ltr' as const, autocomplete: 'off', error: problemText(t, problems.email) },
        { id: 'u-name', name: 'name', label: t('u_name'), value: typed.name, required: true, error: problemText(t, problems.name) },
      ],
      role: { field: { id: 'u-role', name: 'role', label: t('u_role'), error: problemText(t, problems.role) }, options: roleOptions(t, typed.role || 'author') },
      backUrl: manageUrls.users(),
    };
    return render(req, reply, status, t('u_add'), manageUrls.userCreate(), 'manage', <UserAddPage vm={vm} t={t} />);
  };
  const typedUser = (body: unknown) => ({ email: field(body, 'email'), name: field(body, 'name'), role: field(body, 'role') });

  admin.get('/users/new', guard, async (req, reply) => addPage(req, reply, 200, { email: '', name: '', role: 'author' }, {}, []));
  admin.post('/users/new', guardPost, async (req, reply) => {
    const t = tr(req);
    const typed = typedUser(req.body);
    return unlessRefused(async () => {
      const { account, password } = await users.add(typed);
      return render(req, reply, 201, t('u_created', { email: account.email }), manageUrls.users(), 'manage', (
        <PasswordOncePage vm={{ heading: t('u_created', { email: account.email }), password: t('u_password', { password }), backUrl: manageUrls.users() }} t={t} />
      ));
    }, (problems) => addPage(req, reply, 400, typed, problems, problemNotices(t, problems, ['email', 'name', 'role'])));
  });
  deps.reshow.set(`${ADMIN}/users/new`, reshowForm(async (req, reply) => addPage(req, reply, 403, typedUser(req.body), {}, [expired(req)])));

  // ---- one account ----

  const editPage = async (req: FastifyRequest, reply: FastifyReply, status: number, id: number, o: { role?: string; problems?: Record<string, Problem>; notices?: Notice[]; reassign?: string } = {}) => {
    const t = tr(req);
    const me = req.newsroomAccount!;
    const u = await users.find(id);
    const others = (await users.list()).filter((x) => x.id !== u.id);
    const problems = o.problems ?? {};
    const vm = {
      notices: o.notices ?? doneNotice(t, (req.query as Record<string, unknown>).done),
      heading: u.name,
      email: u.email,
      csrf: reply.generateCsrf(),
      roleAction: `${manageUrls.user(id)}/role`,
      role: { field: { id: 'u-role', name: 'role', label: t('u_role'), error: problemText(t, problems.role) }, options: roleOptions(t, o.role ?? u.role) },
      state: u.id === me.id ? null : { active: u.active, action: `${manageUrls.user(id)}/${u.active ? 'deactivate' : 'activate'}` },
      remove:
        u.id === me.id
          ? null
          : {
              action: `${manageUrls.user(id)}/delete`,
              articles: u.articles,
              reassign: u.articles
                ? {
                    field: { id: 'u-reassign', name: 'reassign', label: t('u_reassign'), error: problemText(t, problems.reassign) },
                    options: [{ value: '', label: '—', selected: !o.reassign }, ...others.map((x: ManagedUser) => ({ value: String(x.id), label: x.name, selected: o.reassign === String(x.id) }))],
                  }
                : null,
            },
      backUrl: manageUrls.users(),
    };
    return render(req, reply, status, u.name, manageUrls.user(id), 'manage', <UserEditPage vm={vm} t={t} />);
  };

  admin.get('/users/:id', guard, async (req, reply) => editPage(req, reply, 200, idOf(req)));

  /** Runs one account action; a refusal re-shows the account page with the message. */
  const act = (path: string, run: (req: FastifyRequest, id: number) => Promise<string | { password: string }>) => {
    admin.post(`/users/:id/${path}`, guardPost, async (req, reply) => {
      const id = idOf(req);
      return unlessRefused(async () => {
        const r = await run(req, id);
        if (typeof r === 'string') return reply.redirect(r, 303);
        const t = tr(req);
        return render(req, reply, 200, t('u_reactivated'), manageUrls.user(id), 'manage', (
          <PasswordOncePage vm={{ heading: t('u_reactivated'), password: t('u_password', { password: r.password }), backUrl: manageUrls.users() }} t={t} />
        ));
      }, (problems) => editPage(req, reply, 400, id, { problems, notices: problemNotices(tr(req), problems, ['role', 'reassign']), role: field(req.body, 'role') || undefined, reassign: field(req.body, 'reassign') }));
    });
    deps.reshow.set(`${ADMIN}/users/:id/${path}`, reshowForm((req, reply) => editPage(req, reply, 403, idOf(req), { notices: [expired(req)], role: field(req.body, 'role') || undefined })));
  };
  act('role', async (req, id) => {
    await users.setRole(id, field(req.body, 'role'));
    return `${manageUrls.user(id)}?done=saved`;
  });
  act('deactivate', async (req, id) => {
    await users.deactivate(req.newsroomAccount!, id);
    return `${manageUrls.user(id)}?done=saved`;
  });
  act('activate', async (_req, id) => ({ password: await users.activate(id) }));
  act('delete', async (req, id) => {
    await users.delete(req.newsroomAccount!, id, positiveInt(field(req.body, 'reassign')) ?? null);
    return manageUrls.users({ done: 'deleted' });
  });

  // ---- one's own profile (every role) ----

  const profilePage = async (req: FastifyRequest, reply: FastifyReply, status: number, o: { typed?: { name: string; bio: string }; problems?: Record<string, Problem>; notices?: Notice[] } = {}) => {
    const t = tr(req);
    const me = await users.find(req.newsroomAccount!.id);
    const p = o.problems ?? {};
    const typed = o.typed ?? { name: me.name, bio: me.bio };
    const vm = {
      notices: o.notices ?? [],
      csrf: reply.generateCsrf(),
      profileAction: adminUrls.profile(),
      name: { id: 'pr-name', name: 'name', label: t('u_name'), value: typed.name, required: true, error: problemText(t, p.name) },
      bio: { id: 'pr-bio', name: 'bio', label: t('pr_bio'), value: typed.bio, hint: t('pr_bioHint'), error: problemText(t, p.bio) },
      passwordAction: `${adminUrls.profile()}/password`,
      // Passwords are never written back into a page.
      current: { id: 'pr-current', name: 'current', label: t('pr_current'), value: '', type: 'password' as const, autocomplete: 'current-password', error: problemText(t, p.current) },
      password: { id: 'pr-new', name: 'password', label: t('pr_new'), value: '', type: 'password' as const, autocomplete: 'new-password', hint: t('pr_newHint', { min: MIN_PASSWORD_LENGTH }), error: problemText(t, p.password) },
    };
    return render(req, reply, status, t('pr_title'), adminUrls.profile(), 'profile', <ProfilePage vm={vm} t={t} />);
  };
  const typedProfile = (body: unknown) => ({ name: field(body, 'name'), bio: field(body, 'bio') });

  admin.get('/profile', { preHandler: requireAccount }, async (req, reply) => {
    const done = (req.query as Record<string, unknown>).done;
    const t = tr(req);
    return profilePage(req, reply, 200, { notices: done === 'password' ? [{ kind: 'info', text: t('pr_passwordChanged') }] : doneNotice(t, done) });
  });
  admin.post('/profile', { preHandler: [requireAccount, admin.csrfProtection] }, async (req, reply) => {
    const typed = typedProfile(req.body);
    return unlessRefused(async () => {
      await users.updateProfile(req.newsroomAccount!.id, typed);
      return reply.redirect(`${adminUrls.profile()}?done=saved`, 303);
    }, (problems) => profilePage(req, reply, 400, { typed, problems, notices: [formErrorsNotice(tr(req))] }));
  });
  admin.post('/profile/password', { preHandler: [requireAccount, admin.csrfProtection] }, async (req, reply) => {
    return unlessRefused(async () => {
      await users.changePassword(req.newsroomAccount!.id, field(req.body, 'current'), field(req.body, 'password'));
      return reply.redirect(`${adminUrls.profile()}?done=password`, 303);
    }, (problems) => profilePage(req, reply, 400, { problems, notices: [formErrorsNotice(tr(req))] }));
  });
  deps.reshow.set(adminUrls.profile(), reshowForm((req, reply) => profilePage(req, reply, 403, { typed: typedProfile(req.body), notices: [expired(req)] })));
  deps.reshow.set(`${adminUrls.profile()}/password`, reshowForm((req, reply) => profilePage(req, reply, 403, { notices: [expired(req)] })));
}

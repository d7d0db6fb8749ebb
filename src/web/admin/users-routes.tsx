import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AdminStringKey, adminTranslator } from '../../platform/i18n/admin-strings.ts';
import { PasswordOncePage, ProfilePage, UserAddPage, UserEditPage, UsersPage } from '../../theme/admin/users-pages.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import { type AdminCss, type AdminDeps, adminUrls, field, sendPage, type ShellOptions } from './context.ts';
import { doneNotice, EditionQuery, type FieldProblems, formErrorsNotice, reshowNotice as expired, IdParam, positiveInt, typedText, unlessRefused } from './manage-common.ts';
import { manageUrls } from './manage-urls.ts';
import { userTwoFactorState } from './two-factor-routes.tsx';
import { type TypedEditionProfiles, typedEditionProfiles } from './edition-profiles.ts';
import { accountOf, reshowStatus } from './route-contract.ts';
import { problemNotices, profileVM, sessionRows, userAddVM, userEditVM, userRows, type UserTyped } from './users-presenter.ts';

const can = 'user.manage' as const;
const DoneQuery = Type.Pick(EditionQuery, ['done']);
const UserParams = Type.Object({ id: IdParam });
const UserBody = Type.Object({ email: typedText, name: typedText, role: typedText }, { additionalProperties: true });
const ActionBody = Type.Object({ role: typedText, reassign: typedText }, { additionalProperties: true });
const ProfileBody = Type.Object({ name: typedText, bio: typedText }, { additionalProperties: true });
const PasswordBody = Type.Object({ current: typedText, password: typedText }, { additionalProperties: true });
const SessionBody = Type.Object({ session: typedText }, { additionalProperties: true });
/** The profile's notices after a redirect (`?done=`). */
const DONE_PROFILE: Record<string, AdminStringKey> = {
  password: 'pr_passwordChanged', reset: 'se_resetDone', 'session-ended': 'se_ended', 'session-gone': 'se_gone', 'sessions-ended': 'se_endedOthers',
};

export function registerUsersRoutes(fastify: FastifyInstance, deps: AdminDeps & { css: AdminCss }): void {
  const admin = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { users } = deps.services;
  const render = (req: FastifyRequest, reply: FastifyReply, status: number, title: string, here: string, current: ShellOptions['current'], body: preact.JSX.Element) => {
    return sendPage(req, reply, deps, status, { title, current, here }, body);
  };
  const tr = (req: FastifyRequest) => adminTranslator(accountOf(req).locale);

  admin.get('/users', { config: { can }, schema: { querystring: DoneQuery } }, async (req, reply) => {
    const t = tr(req);
    const rows = userRows(t, accountOf(req), await users.list());
    const vm = { notices: doneNotice(t, req.query.done), addUrl: manageUrls.userCreate(), rows };
    return render(req, reply, 200, t('m_users'), manageUrls.users(), 'manage', <UsersPage vm={vm} t={t} />);
  });

  // ---- add ----

  const addPage = (req: FastifyRequest, reply: FastifyReply, status: number, typed: UserTyped, problems: FieldProblems, notices: Notice[]) => {
    const t = tr(req);
    const vm = userAddVM(t, accountOf(req), reply.generateCsrf(), typed, problems, notices);
    return render(req, reply, status, t('u_add'), manageUrls.userCreate(), 'manage', <UserAddPage vm={vm} t={t} />);
  };
  const typedUser = (b: { email?: string; name?: string; role?: string }) => ({ email: b.email ?? '', name: b.name ?? '', role: b.role ?? '' });

  admin.get('/users/new', { config: { can }, schema: {} }, async (req, reply) => addPage(req, reply, 200, { email: '', name: '', role: 'author' }, {}, []));
  admin.post(
    '/users/new',
    {
      schema: { body: UserBody },
      config: { can, reshow: async (req, reply) => addPage(req, reply, reshowStatus(req), typedUser({ email: field(req.body, 'email'), name: field(req.body, 'name'), role: field(req.body, 'role') }), {}, [expired(req)]) },
    },
    async (req, reply) => {
      const t = tr(req);
      const typed = typedUser(req.body);
      return unlessRefused(async () => {
        const { account, password } = await users.add(typed);
        return render(req, reply, 201, t('u_created', { email: account.email }), manageUrls.users(), 'manage', (
          <PasswordOncePage vm={{ heading: t('u_created', { email: account.email }), password: t('u_password', { password }), backUrl: manageUrls.users() }} t={t} />
        ));
      }, (problems) => addPage(req, reply, 400, typed, problems, problemNotices(accountOf(req), t, problems, ['email', 'name', 'role'])));
    },
  );

  // ---- one account ----

  const editPage = async (
    req: FastifyRequest, reply: FastifyReply, status: number, id: number,
    o: { role?: string; problems?: FieldProblems; notices?: Notice[]; reassign?: string; typed?: { name: string; bio: string; photo?: string; editions: TypedEditionProfiles } } = {},
  ) => {
    const t = tr(req);
    const u = await users.find(id);
    const others = (await users.list()).filter((x) => x.id !== u.id);
    const editions = { list: (await deps.services.editions.all()).list, stored: await users.editionProfiles(id) };
    const vm = userEditVM(t, accountOf(req), reply.generateCsrf(), u, others, o, editions);
    const twoFactor = await userTwoFactorState(deps, t, accountOf(req), id);
    return render(req, reply, status, u.name, manageUrls.user(id), 'manage', <UserEditPage vm={{ ...vm, twoFactor }} t={t} />);
  };

  admin.get('/users/:id', { config: { can }, schema: { params: UserParams, querystring: DoneQuery } }, async (req, reply) =>
    editPage(req, reply, 200, Number(req.params.id), {
      notices: req.query.done === 'two-factor-reset' ? [{ kind: 'info', text: tr(req)('tf_resetDone') }] : doneNotice(tr(req), req.query.done),
    }));

  /** Runs one account action; a refusal re-shows the account page with the message. */
  const act = (path: string, run: (req: FastifyRequest, id: number, body: { role?: string; reassign?: string }) => Promise<string | { password: string }>) => {
    admin.post(
      `/users/:id/${path}`,
      {
        schema: { params: UserParams, body: ActionBody },
        config: { can, reshow: (req, reply) => editPage(req, reply, reshowStatus(req), Number(field(req.params, 'id')), { notices: [expired(req)], role: field(req.body, 'role') || undefined }) },
      },
      async (req, reply) => {
        const id = Number(req.params.id);
        return unlessRefused(async () => {
          const r = await run(req, id, req.body);
          if (typeof r === 'string') return reply.redirect(r, 303);
          const t = tr(req);
          return render(req, reply, 200, t('u_reactivated'), manageUrls.user(id), 'manage', (
            <PasswordOncePage vm={{ heading: t('u_reactivated'), password: t('u_password', { password: r.password }), backUrl: manageUrls.users() }} t={t} />
          ));
        }, (problems) =>
          editPage(req, reply, 400, id, { problems, notices: problemNotices(accountOf(req), tr(req), problems, ['role', 'reassign']), role: req.body.role || undefined, reassign: req.body.reassign ?? '' }));
      },
    );
  };
  act('role', async (req, id, body) => {
    // Someone changing their own role keeps the session they do it from.
    await users.setRole(id, body.role ?? '', accountOf(req).id === id ? req.newsroomSession : null);
    return `${manageUrls.user(id)}?done=saved`;
  });
  act('deactivate', async (req, id) => {
    await users.deactivate(accountOf(req), id);
    return `${manageUrls.user(id)}?done=saved`;
  });
  act('activate', async (_req, id) => ({ password: await users.activate(id) }));
  act('delete', async (req, id, body) => {
    await users.delete(accountOf(req), id, positiveInt(body.reassign) ?? null);
    return manageUrls.users({ done: 'deleted' });
  });

  // An administrator sets anyone's byline (a byline-only account has no one to sign in and do it).
  admin.post(
    '/users/:id/profile',
    {
      schema: { params: UserParams, body: ProfileBody },
      config: {
        can,
        reshow: async (req, reply) => editPage(req, reply, reshowStatus(req), Number(field(req.params, 'id')), { typed: await typedProfile(req.body as Record<string, unknown> | undefined), notices: [expired(req)] }),
      },
    },
    async (req, reply) => {
      const id = Number(req.params.id);
      const typed = await typedProfile(req.body);
      return unlessRefused(async () => {
        await users.find(id);
        await users.updateProfile(id, typed);
        return reply.redirect(`${manageUrls.user(id)}?done=saved`, 303);
      }, (problems) => editPage(req, reply, 400, id, { typed, problems, notices: [formErrorsNotice(tr(req))] }));
    },
  );

  // ---- one's own profile (every role) ----

  const profilePage = async (req: FastifyRequest, reply: FastifyReply, status: number, o: { typed?: { name: string; bio: string; photo?: string; editions: TypedEditionProfiles }; problems?: FieldProblems; notices?: Notice[] } = {}) => {
    const t = tr(req);
    const me = accountOf(req);
    const sessions = sessionRows(t, me, await deps.services.sessions.list(me.id, req.newsroomSession));
    const on = await deps.services.twoFactor.hasFactor(me.id);
    const editions = { list: (await deps.services.editions.all()).list, stored: await users.editionProfiles(me.id) };
    const vm = { ...profileVM(t, me, reply.generateCsrf(), await users.find(me.id), { ...o, sessions }, editions), twoFactor: { state: t(on ? 'tf_stateOn' : 'tf_stateOff'), url: adminUrls.twoFactor() } };
    return render(req, reply, status, t('pr_title'), adminUrls.profile(), 'profile', <ProfilePage vm={vm} t={t} />);
  };
  const typedProfile = async (b: Record<string, unknown> | undefined) => ({
    name: field(b, 'name'), bio: field(b, 'bio'), photo: typeof b?.photo_url === 'string' ? b.photo_url : undefined, editions: typedEditionProfiles(b, (await deps.services.editions.all()).list),
  });

  admin.get('/profile', { config: { can: 'signed-in' }, schema: { querystring: DoneQuery } }, async (req, reply) => {
    const { done } = req.query;
    const t = tr(req);
    const info = done && DONE_PROFILE[done];
    return profilePage(req, reply, 200, { notices: info ? [{ kind: 'info', text: t(info) }] : doneNotice(t, done) });
  });
  admin.post(
    '/profile',
    {
      schema: { body: ProfileBody },
      config: { can: 'signed-in', reshow: async (req, reply) => profilePage(req, reply, reshowStatus(req), { typed: await typedProfile(req.body as Record<string, unknown> | undefined), notices: [expired(req)] }) },
    },
    async (req, reply) => {
      const typed = await typedProfile(req.body);
      return unlessRefused(async () => {
        await users.updateProfile(accountOf(req).id, typed);
        return reply.redirect(`${adminUrls.profile()}?done=saved`, 303);
      }, (problems) => profilePage(req, reply, 400, { typed, problems, notices: [formErrorsNotice(tr(req))] }));
    },
  );
  admin.post(
    '/profile/password',
    { schema: { body: PasswordBody }, config: { can: 'signed-in', reshow: (req, reply) => profilePage(req, reply, reshowStatus(req), { notices: [expired(req)] }) } },
    async (req, reply) =>
      unlessRefused(async () => {
        await users.changePassword(accountOf(req).id, req.body.current ?? '', req.body.password ?? '', req.newsroomSession);
        return reply.redirect(`${adminUrls.profile()}?done=password`, 303);
      }, (problems) => profilePage(req, reply, 400, { problems, notices: [formErrorsNotice(tr(req))] })),
  );

  // ---- one's own sessions ----

  admin.post(
    '/profile/sessions/end',
    { schema: { body: SessionBody }, config: { can: 'signed-in', reshow: (req, reply) => profilePage(req, reply, 403, { notices: [expired(req)] }) } },
    async (req, reply) => {
      const ended = await deps.services.sessions.end(accountOf(req).id, req.body.session ?? '');
      return reply.redirect(`${adminUrls.profile()}?done=${ended ? 'session-ended' : 'session-gone'}`, 303);
    },
  );
  admin.post(
    '/profile/sessions/end-others',
    { schema: {}, config: { can: 'signed-in', reshow: (req, reply) => profilePage(req, reply, 403, { notices: [expired(req)] }) } },
    async (req, reply) => {
      await deps.services.sessions.endOtherSessions(accountOf(req).id, req.newsroomSession);
      return reply.redirect(`${adminUrls.profile()}?done=sessions-ended`, 303);
    },
  );
}

import { EditionProfileFields, type EditionProfilesVM, PhotoField, type PhotoFieldVM } from './edition-profile-fields.tsx';
import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { PlainTable, SubmitRow } from './components.tsx';
import { Csrf, type FieldVM, SelectField, TextAreaField, TextField } from './form-fields.tsx';
import { Notices } from './layout.tsx';
import { UserTwoFactorPanel } from './two-factor-pages.tsx';
import type { Notice, Option } from './view-models.ts';

export interface UserRowVM {
  name: string;
  you: boolean;
  email: string;
  role: string;
  active: boolean;
  articles: number;
  editUrl: string;
}

export interface UsersVM {
  notices: Notice[];
  addUrl: string;
  rows: UserRowVM[];
}

export function UsersPage({ vm, t }: { vm: UsersVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{t('m_users')}</h1>
      <Notices notices={vm.notices} />
      <p>
        <a class="button" href={vm.addUrl}>
          {t('u_add')}
        </a>
      </p>
      <PlainTable class="users" columns={[t('u_name'), t('u_email'), t('u_role'), t('u_state'), t('u_articles')]}>
        {vm.rows.map((r) => (
          <tr>
            <th scope="row">
              <a href={r.editUrl} aria-label={`${t('u_edit')}: ${r.name}`}>
                <bdi>{r.name}</bdi>
              </a>{' '}
              {r.you && t('u_you')}
            </th>
            <td>
              <bdi dir="ltr">{r.email}</bdi>
            </td>
            <td>{r.role}</td>
            <td>{r.active ? t('u_active') : t('u_inactive')}</td>
            <td>{r.articles}</td>
          </tr>
        ))}
      </PlainTable>
    </>
  );
}

export interface UserAddVM {
  notices: Notice[];
  action: string;
  csrf: string;
  fields: FieldVM[];
  role: { field: Omit<FieldVM, 'value'>; options: Option[] };
  backUrl: string;
}

export function UserAddPage({ vm, t }: { vm: UserAddVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{t('u_add')}</h1>
      <Notices notices={vm.notices} />
      <form method="post" action={vm.action} class="form-grid">
        <Csrf token={vm.csrf} />
        {vm.fields.map((f) => (
          <TextField f={f} />
        ))}
        <SelectField f={vm.role.field} options={vm.role.options} />
        <SubmitRow label={t('u_add')} />
      </form>
      <p>
        <a href={vm.backUrl}>{t('u_back')}</a>
      </p>
    </>
  );
}

/** Shown once, straight from the POST that made the password (never in a URL, never stored). */
export function PasswordOncePage({ vm, t }: { vm: { heading: string; password: string; backUrl: string }; t: AdminTranslate }) {
  return (
    <>
      <h1>{vm.heading}</h1>
      <p class="once" dir="ltr">
        <code>{vm.password}</code>
      </p>
      <p>{t('u_passwordOnce')}</p>
      <p>
        <a href={vm.backUrl}>{t('u_back')}</a>
      </p>
    </>
  );
}

export interface UserEditVM {
  notices: Notice[];
  heading: string;
  email: string;
  csrf: string;
  roleAction: string;
  role: { field: Omit<FieldVM, 'value'>; options: Option[] };
  /** The byline: name and bio, in general and per edition. */
  profile: { action: string; name: FieldVM; bio: FieldVM; photo: PhotoFieldVM; editions: EditionProfilesVM };
  /** Null on one's own account (one cannot deactivate or delete oneself here). */
  state: { active: boolean; action: string } | null;
  remove: { action: string; articles: number; reassign: { field: Omit<FieldVM, 'value'>; options: Option[] } | null } | null;
  backUrl: string;
  /** The member's two-factor state and the administrator's reset (null: nothing to reset). */
  twoFactor?: { state: string; resetAction: string | null };
}

export function UserEditPage({ vm, t }: { vm: UserEditVM; t: AdminTranslate }) {
  return (
    <>
      <h1>
        <bdi>{vm.heading}</bdi>
      </h1>
      <p>
        <bdi dir="ltr">{vm.email}</bdi>
      </p>
      <Notices notices={vm.notices} />
      <section class="panel" aria-labelledby="byline-title">
        <h2 id="byline-title">{t('pr_title')}</h2>
        <form id="byline-form" method="post" action={vm.profile.action} class="form-grid">
          <Csrf token={vm.csrf} />
          <TextField f={vm.profile.name} />
          <TextAreaField f={vm.profile.bio} rows={3} />
          <PhotoField vm={vm.profile.photo} />
          <EditionProfileFields vm={vm.profile.editions} />
          <SubmitRow label={t('save')} />
        </form>
      </section>
      <section class="panel" aria-labelledby="role-title">
        <h2 id="role-title">{t('u_changeRole')}</h2>
        <form method="post" action={vm.roleAction} class="form-grid">
          <Csrf token={vm.csrf} />
          <SelectField f={vm.role.field} options={vm.role.options} />
          <SubmitRow label={t('save')} />
        </form>
      </section>
      {vm.twoFactor && <UserTwoFactorPanel vm={vm.twoFactor} csrf={vm.csrf} t={t} />}
      {vm.state && (
        <section class="panel" aria-labelledby="state-title">
          <h2 id="state-title">{vm.state.active ? t('u_deactivateTitle') : t('u_activateTitle')}</h2>
          <p>{vm.state.active ? t('u_deactivateText') : t('u_activateText')}</p>
          <form method="post" action={vm.state.action}>
            <Csrf token={vm.csrf} />
            <button type="submit" class={vm.state.active ? 'button danger' : 'button'}>
              {vm.state.active ? t('u_deactivate') : t('u_activate')}
            </button>
          </form>
        </section>
      )}
      {vm.remove && (
        <section class="panel danger-zone" aria-labelledby="delete-title">
          <h2 id="delete-title">{t('u_deleteTitle')}</h2>
          <form method="post" action={vm.remove.action} class="form-grid">
            <Csrf token={vm.csrf} />
            <p>{vm.remove.articles ? t('u_deleteText', { count: vm.remove.articles }) : t('u_deleteTextNone')}</p>
            {vm.remove.reassign && <SelectField f={vm.remove.reassign.field} options={vm.remove.reassign.options} />}
            <SubmitRow label={t('u_delete')} danger />
          </form>
        </section>
      )}
      <p>
        <a href={vm.backUrl}>{t('u_back')}</a>
      </p>
    </>
  );
}

export interface ProfileVM {
  notices: Notice[];
  csrf: string;
  profileAction: string;
  name: FieldVM;
  bio: FieldVM;
  photo: PhotoFieldVM;
  /** The name and bio in each edition. */
  editions: EditionProfilesVM;
  passwordAction: string;
  current: FieldVM;
  password: FieldVM;
  sessions: SessionsVM;
  /** Whether two-factor sign-in is on, and where it is managed. */
  twoFactor?: { state: string; url: string };
}

export interface SessionsVM {
  rows: { handle: string; device: string; ip: string; lastSeen: { iso: string; text: string }; current: boolean }[];
  endAction: string;
  endOthersAction: string;
  others: boolean;
}

/** The account's sessions: each other one can be ended, or all of them at once. */
function SessionsPanel({ vm, csrf, t }: { vm: SessionsVM; csrf: string; t: AdminTranslate }) {
  return (
    <section class="panel" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('se_title')}</h2>
      <p>{t('se_intro')}</p>
      <PlainTable class="sessions" columns={[t('se_device'), t('se_address'), t('se_lastSeen'), '']}>
        {vm.rows.map((r) => (
          <tr>
            <td><bdi>{r.device}</bdi>{r.current && <> — <strong>{t('se_current')}</strong></>}</td>
            <td><bdi dir="ltr">{r.ip}</bdi></td>
            <td><time datetime={r.lastSeen.iso}>{r.lastSeen.text}</time></td>
            <td>
              {!r.current && (
                <form method="post" action={vm.endAction}>
                  <Csrf token={csrf} />
                  <input type="hidden" name="session" value={r.handle} />
                  <button type="submit">{t('se_end')}</button>
                </form>
              )}
            </td>
          </tr>
        ))}
      </PlainTable>
      {vm.others ? (
        <form method="post" action={vm.endOthersAction}>
          <Csrf token={csrf} />
          <SubmitRow label={t('se_endOthers')} />
        </form>
      ) : <p>{t('se_noOthers')}</p>}
    </section>
  );
}

export function ProfilePage({ vm, t }: { vm: ProfileVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{t('pr_title')}</h1>
      <Notices notices={vm.notices} />
      <section class="panel" aria-labelledby="profile-title">
        <h2 id="profile-title">{t('pr_title')}</h2>
        <form id="profile-form" method="post" action={vm.profileAction} class="form-grid">
          <Csrf token={vm.csrf} />
          <TextField f={vm.name} />
          <TextAreaField f={vm.bio} rows={4} />
          <PhotoField vm={vm.photo} />
          <EditionProfileFields vm={vm.editions} />
          <SubmitRow label={t('pr_save')} />
        </form>
      </section>
      <section class="panel" aria-labelledby="password-title">
        <h2 id="password-title">{t('pr_passwordTitle')}</h2>
        <form method="post" action={vm.passwordAction} class="form-grid">
          <Csrf token={vm.csrf} />
          <TextField f={vm.current} />
          <TextField f={vm.password} />
          <SubmitRow label={t('pr_change')} />
        </form>
      </section>
      {vm.twoFactor && (
        <section class="panel" aria-labelledby="two-factor-title">
          <h2 id="two-factor-title">{t('tf_title')}</h2>
          <p>{vm.twoFactor.state}</p>
          <p>
            <a href={vm.twoFactor.url}>{t('tf_profileLink')}</a>
          </p>
        </section>
      )}
      <SessionsPanel vm={vm.sessions} csrf={vm.csrf} t={t} />
    </>
  );
}

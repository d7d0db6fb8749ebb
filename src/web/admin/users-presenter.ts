import type { Account } from '../../domain/account.ts';
import { ROLES, type UserProfile } from '../../domain/user.ts';
import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { MIN_PASSWORD_LENGTH } from '../../services/users/passwords.ts';
import type { SessionInfo } from '../../services/users/sessions.ts';
import type { PhotoFieldVM } from '../../theme/admin/edition-profile-fields.tsx';
import type { ProfileVM, SessionsVM, UserAddVM, UserEditVM, UserRowVM } from '../../theme/admin/users-pages.tsx';
import type { Notice } from '../../theme/admin/view-models.ts';
import type { Edition } from '../../domain/edition.ts';
import type { EditionProfile } from '../../domain/user.ts';
import { adminUrls } from './context.ts';
import { editionProfilesVM, storedEditionProfiles, type TypedEditionProfiles } from './edition-profiles.ts';
import { deviceOf } from './device-names.ts';
import { dateText } from './editor-presenter.ts';
import { fieldError, type FieldProblems, formErrorsNotice } from './manage-common.ts';
import { manageUrls } from './manage-urls.ts';

/** Newsroom members as the users screens and the profile page show them. */

export interface UserTyped {
  email: string;
  name: string;
  role: string;
}

const roleOptions = (t: AdminTranslate, selected: string) => ROLES.map((r) => ({ value: r, label: t(`role_${r}`), selected: r === selected }));

/** Problems that belong to no single field of the form shown: said at the top of the page. */
export function problemNotices(me: Account, t: AdminTranslate, problems: FieldProblems, fieldsShown: string[]): Notice[] {
  const loose = Object.entries(problems).filter(([k]) => !fieldsShown.includes(k));
  return [formErrorsNotice(t), ...loose.map(([, p]) => ({ kind: 'error' as const, text: fieldError(me.locale, p) ?? t('badRequest') }))];
}

export function userRows(t: AdminTranslate, me: Account, users: readonly UserProfile[]): UserRowVM[] {
  return users.map((u) => ({ name: u.name, you: u.id === me.id, email: u.email, role: t(`role_${u.role}`), active: u.active, articles: u.articles, editUrl: manageUrls.user(u.id) }));
}

export function userAddVM(t: AdminTranslate, me: Account, csrf: string, typed: UserTyped, problems: FieldProblems, notices: Notice[]): UserAddVM {
  const err = (name: string) => fieldError(me.locale, problems[name]);
  return {
    notices,
    action: manageUrls.userCreate(),
    csrf,
    fields: [
      { id: 'u-email', name: 'email', label: t('u_email'), value: typed.email, type: 'email', required: true, dir: 'ltr', autocomplete: 'off', error: err('email') },
      { id: 'u-name', name: 'name', label: t('u_name'), value: typed.name, required: true, error: err('name') },
    ],
    role: { field: { id: 'u-role', name: 'role', label: t('u_role'), error: err('role') }, options: roleOptions(t, typed.role || 'author') },
    backUrl: manageUrls.users(),
  };
}

/** One account's page: its role, (de)activation and deletion — the last two never on one's own. */
export function userEditVM(
  t: AdminTranslate, me: Account, csrf: string, u: UserProfile, others: readonly UserProfile[],
  o: { role?: string; problems?: FieldProblems; notices?: Notice[]; reassign?: string; typed?: { name: string; bio: string; photo?: string; editions: TypedEditionProfiles } },
  editions: { list: readonly Edition[]; stored: readonly EditionProfile[] },
): UserEditVM {
  const problems = o.problems ?? {};
  const err = (name: string) => fieldError(me.locale, problems[name]);
  const own = u.id === me.id;
  const typed = o.typed ?? { name: u.name, bio: u.bio, photo: u.photoUrl ?? '', editions: storedEditionProfiles(editions.stored, editions.list) };
  return {
    notices: o.notices ?? [],
    heading: u.name,
    email: u.email,
    csrf,
    roleAction: `${manageUrls.user(u.id)}/role`,
    role: { field: { id: 'u-role', name: 'role', label: t('u_role'), error: err('role') }, options: roleOptions(t, o.role ?? u.role) },
    profile: {
      action: `${manageUrls.user(u.id)}/profile`,
      name: { id: 'u-name', name: 'name', label: t('u_name'), value: typed.name, required: true, error: err('name') },
      bio: { id: 'u-bio', name: 'bio', label: t('pr_bio'), value: typed.bio, hint: t('pr_bioHint'), error: err('bio') },
      photo: photoVM(t, 'u-photo', typed.photo ?? '', u, err('photo_url')),
      editions: editionProfilesVM(t, me.locale, editions.list, typed.editions, problems, 'u'),
    },
    state: own ? null : { active: u.active, action: `${manageUrls.user(u.id)}/${u.active ? 'deactivate' : 'activate'}` },
    remove: own
      ? null
      : {
          action: `${manageUrls.user(u.id)}/delete`,
          articles: u.articles,
          reassign: u.articles
            ? {
                field: { id: 'u-reassign', name: 'reassign', label: t('u_reassign'), error: err('reassign') },
                options: [{ value: '', label: '—', selected: !o.reassign }, ...others.map((x) => ({ value: String(x.id), label: x.name, selected: o.reassign === String(x.id) }))],
              }
            : null,
        },
    backUrl: manageUrls.users(),
  };
}

/** The photo's field (the address as typed) and the photo as saved, small, so one sees what readers see. */
function photoVM(t: AdminTranslate, id: string, typed: string, stored: UserProfile, error: string | null): PhotoFieldVM {
  return {
    field: { id, name: 'photo_url', label: t('pr_photo'), value: typed, hint: t('pr_photoHint'), dir: 'ltr', error },
    current: stored.photoUrl ? { src: stored.photoUrl, alt: stored.name, caption: t('pr_photoCurrent') } : null,
  };
}

/** The profile's list of the account's sessions: device in plain words, address, last use. */
export function sessionRows(t: AdminTranslate, me: Account, sessions: readonly SessionInfo[]): SessionsVM {
  return {
    rows: sessions.map((s) => {
      const d = deviceOf(s.userAgent);
      const device = d.browser && d.system ? t('se_device_both', { browser: d.browser, system: d.system }) : d.browser ?? d.system ?? t('se_unknownDevice');
      return { handle: s.handle, device, ip: s.ip, lastSeen: { iso: s.lastSeenAt, text: `${dateText(s.lastSeenAt, me.locale, 'UTC')} UTC` }, current: s.current };
    }),
    endAction: adminUrls.profileSessionEnd(),
    endOthersAction: adminUrls.profileSessionsEndOthers(),
    others: sessions.some((s) => !s.current),
  };
}

export function profileVM(
  t: AdminTranslate, me: Account, csrf: string, stored: UserProfile,
  o: { typed?: { name: string; bio: string; photo?: string; editions: TypedEditionProfiles }; problems?: FieldProblems; notices?: Notice[]; sessions: SessionsVM },
  editions: { list: readonly Edition[]; stored: readonly EditionProfile[] },
): ProfileVM {
  const err = (name: string) => fieldError(me.locale, (o.problems ?? {})[name]);
  const typed = o.typed ?? { name: stored.name, bio: stored.bio, photo: stored.photoUrl ?? '', editions: storedEditionProfiles(editions.stored, editions.list) };
  return {
    notices: o.notices ?? [],
    csrf,
    profileAction: adminUrls.profile(),
    name: { id: 'pr-name', name: 'name', label: t('u_name'), value: typed.name, required: true, error: err('name') },
    bio: { id: 'pr-bio', name: 'bio', label: t('pr_bio'), value: typed.bio, hint: t('pr_bioHint'), error: err('bio') },
    photo: photoVM(t, 'pr-photo', typed.photo ?? '', stored, err('photo_url')),
    editions: editionProfilesVM(t, me.locale, editions.list, typed.editions, o.problems ?? {}, 'pr'),
    passwordAction: `${adminUrls.profile()}/password`,
    // Passwords are never written back into a page.
    current: { id: 'pr-current', name: 'current', label: t('pr_current'), value: '', type: 'password', autocomplete: 'current-password', error: err('current') },
    password: { id: 'pr-new', name: 'password', label: t('pr_new'), value: '', type: 'password', autocomplete: 'new-password', hint: t('pr_newHint', { min: MIN_PASSWORD_LENGTH }), error: err('password') },
    sessions: o.sessions,
  };
}

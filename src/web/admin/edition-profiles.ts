import type { Edition } from '../../domain/edition.ts';
import type { EditionProfile } from '../../domain/user.ts';
import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import type { EditionProfilesVM } from '../../theme/admin/edition-profile-fields.tsx';
import { editionLabel } from './editor-presenter.ts';
import { fieldError, type FieldProblems } from './manage-common.ts';

/** What the per-edition fields of a profile form hold, by edition code. */
export type TypedEditionProfiles = Record<string, { name: string; bio: string }>;

/** The per-edition names and bios as posted (`name_<edition>`, `bio_<edition>`), for the editions that exist. */
export function typedEditionProfiles(body: Record<string, unknown> | undefined, editions: readonly Edition[]): TypedEditionProfiles {
  const out: TypedEditionProfiles = {};
  const text = (k: string) => (typeof body?.[k] === 'string' ? (body[k] as string) : '');
  for (const e of editions) out[e.code] = { name: text(`name_${e.code}`), bio: text(`bio_${e.code}`) };
  return out;
}

/** The fields as stored, when the form is first shown. */
export function storedEditionProfiles(stored: readonly EditionProfile[], editions: readonly Edition[]): TypedEditionProfiles {
  const out: TypedEditionProfiles = {};
  for (const e of editions) {
    const s = stored.find((x) => x.edition === e.code);
    out[e.code] = { name: s?.name ?? '', bio: s?.bio ?? '' };
  }
  return out;
}

/** A name and a bio field per edition, in that edition's language and direction. */
export function editionProfilesVM(
  t: AdminTranslate, locale: 'ar' | 'en', editions: readonly Edition[], typed: TypedEditionProfiles, problems: FieldProblems, idPrefix: string,
): EditionProfilesVM {
  const err = (name: string) => fieldError(locale, problems[name]);
  return {
    title: t('profileEditionsTitle'),
    hint: t('profileEditionsHint'),
    rows: editions.map((e) => {
      const label = editionLabel(t, e.code);
      const v = typed[e.code] ?? { name: '', bio: '' };
      return {
        name: { id: `${idPrefix}-name-${e.code}`, name: `name_${e.code}`, label: t('profileNameIn', { edition: label }), value: v.name, lang: e.locale, dir: e.dir, error: err(`name_${e.code}`) },
        bio: { id: `${idPrefix}-bio-${e.code}`, name: `bio_${e.code}`, label: t('profileBioIn', { edition: label }), value: v.bio, lang: e.locale, dir: e.dir, error: err(`bio_${e.code}`) },
      };
    }),
  };
}

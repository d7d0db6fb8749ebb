import type { Edition } from '../../domain/edition.ts';
import type { AdminStringKey, AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { POLICY_KEYS } from '../../services/comments/policy.ts';
import { BOOLEAN_SETTINGS, LIST_SETTINGS } from '../../services/editions/edition-service.ts';
import type { ControlVM } from '../../theme/admin/editions-pages.tsx';
import type { FieldVM } from '../../theme/admin/form-fields.tsx';
import { fieldError, type FieldProblems } from './manage-common.ts';

const LTR_KEYS = ['locale', 'timezone', 'host', 'logo-url', 'favicon-url', 'share-image-url', 'notify'];
const NUMBER_KEYS = ['digest-minutes', 'close-after-days', 'max-links', 'thread-depth', 'per-page', 'min-fill-seconds', 'token-max-age-seconds', 'flood-seconds'];
const GROUPS: { legend: AdminStringKey; keys: string[] }[] = [
  { legend: 'ed_general', keys: ['site-name', 'tagline', 'host', 'default'] },
  { legend: 'ed_dates', keys: ['locale', 'dir', 'timezone', 'digits', 'month-style', 'hijri'] },
  { legend: 'ed_images', keys: ['logo-url', 'favicon-url', 'share-image-url'] },
  { legend: 'ed_comments', keys: [...POLICY_KEYS, 'digest-minutes', 'wp-api-comments'] },
];

/** The settings form of one edition, group by group: each setting as the control that suits it. */
export function settingsGroups(t: AdminTranslate, locale: string, e: Edition, values: Record<string, string>, problems: FieldProblems): { legend: string; controls: ControlVM[] }[] {
  const control = (key: string): ControlVM => {
    const f: FieldVM = {
      id: `ed-${key}`, name: key, label: t(`ed_${key}` as AdminStringKey), value: values[key] ?? '', error: fieldError(locale, problems[key]),
      ...(LTR_KEYS.includes(key) && { dir: 'ltr' as const }),
      ...(NUMBER_KEYS.includes(key) && { type: 'number' as const }),
      ...(key === 'timezone' && { list: 'time-zones' }),
      ...(key === 'host' && { hint: t('ed_hostHint', { code: e.code }) }),
      ...(key === 'digest-minutes' && { hint: t('ed_digestHint') }),
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
  return GROUPS.map((g) => ({ legend: t(g.legend), controls: g.keys.map(control) }));
}

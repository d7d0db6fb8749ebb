import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import type { Problem } from '../../services/manage/problems.ts';

/** A field problem in the UI language (the service names the problem, the page words it). */
export function problemText(t: AdminTranslate, p: Problem | undefined): string | null {
  if (!p) return null;
  switch (p.code) {
    case 'required':
      return t('p_required');
    case 'too_long':
      return t('p_too_long', { max: p.max });
    case 'slug':
      return t('p_slug');
    case 'taken':
      return t('p_taken', { by: p.by });
    case 'number':
      return t('p_number', { min: p.min, max: p.max });
    case 'choice':
      return t('p_choice');
    case 'email':
      return t('p_email');
    case 'url':
      return t('p_url');
    case 'password_short':
      return t('p_password_short', { min: p.min });
    case 'password_wrong':
      return t('p_password_wrong');
    case 'last_admin':
      return t('p_last_admin');
    case 'self':
      return t('p_self');
    case 'setting':
      return t('p_setting');
  }
}

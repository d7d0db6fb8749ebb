import type { Edition } from '../../domain/edition.ts';
import type { Term, TermKind } from '../../domain/taxonomy.ts';
import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import type { Urls } from '../../services/editions/urls.ts';
import type { TermInput } from '../../services/taxonomies/taxonomies.ts';
import type { FieldVM } from '../../theme/admin/form-fields.tsx';
import type { TermFormVM, TermRowVM } from '../../theme/admin/manage-pages.tsx';
import { fieldError, type FieldProblems } from './manage-common.ts';
import { manageUrls } from './manage-urls.ts';

/** Sections and tags as the taxonomy screens show them. */

export function termForm(locale: string, t: AdminTranslate, kind: TermKind, prefix: string, typed: TermInput, problems: FieldProblems, action: string, heading: string, submit: string): TermFormVM {
  const f = (name: keyof TermInput, label: string, extra: Partial<FieldVM> = {}): FieldVM => ({
    id: `${prefix}-${name}`, name, label, value: typed[name] ?? '', error: fieldError(locale, problems[name]), ...extra,
  });
  return {
    heading,
    action,
    submit,
    fields: [
      f('name', t('tx_name'), { required: true }),
      f('slug', t('tx_slug'), { hint: t('tx_slugHint') }),
      ...(kind === 'category' ? [f('position', t('tx_position'), { type: 'number', hint: t('tx_positionHint') })] : []),
    ],
    area: kind === 'category' ? f('description', t('tx_description')) : null,
  };
}

export const storedTerm = (x: Term): TermInput => ({ name: x.name, slug: x.slug, description: x.description, position: String(x.position) });

/** The list's rows, each with its edit page and its public archive. */
export function termRows(urls: Urls, e: Edition, kind: TermKind, list: readonly Term[]): TermRowVM[] {
  return list.map((x) => ({ id: x.id, name: x.name, slug: x.slug, position: x.position, articles: x.articles, editUrl: manageUrls.term(kind, x.id), viewUrl: viewUrl(urls, e, kind, x.slug) }));
}

function viewUrl(urls: Urls, e: Edition, kind: TermKind, slug: string): string {
  return kind === 'category' ? urls.category(e, slug) : urls.tag(e, slug);
}

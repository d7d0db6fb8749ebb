import type { ComponentChildren } from 'preact';
import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { Csrf, SelectField } from './form-fields.tsx';
import type { Option, PaginationVM } from './view-models.ts';

export function Pagination({ pagination, t }: { pagination: PaginationVM | null; t: AdminTranslate }) {
  if (!pagination) return null;
  return (
    <nav class="pager" aria-label={t('pagination')}>
      {pagination.prev && <a href={pagination.prev} rel="prev">{t('previousPage')}</a>}
      <span>{pagination.label}</span>
      {pagination.next && <a href={pagination.next} rel="next">{t('nextPage')}</a>}
    </nav>
  );
}

/** A link per status (or queue) with its count; the current one is marked for screen readers. */
export function StatusLinks({ links }: { links: { label: string; count: number; url: string; current: boolean }[] }) {
  return (
    <ul class="status-links">
      {links.map((s) => (
        <li>
          <a href={s.url} aria-current={s.current ? 'page' : undefined}>
            {s.label} <span class="count">({s.count})</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * The top of a bulk form: its CSRF token, the list's filters carried along (so the redirect
 * comes back to the same view), the action menu and the total.
 */
export function BulkActions({ csrf, hidden, options, total, t }: { csrf: string; hidden: { name: string; value: string }[]; options: Option[]; total: string; t: AdminTranslate }) {
  return (
    <>
      <Csrf token={csrf} />
      {hidden.map((h) => (
        <input type="hidden" name={h.name} value={h.value} />
      ))}
      <div class="bulk-bar">
        <SelectField f={{ id: 'bulk-action', name: 'action', label: t('bulkActions') }} options={options} />
        <button type="submit" class="button">
          {t('apply')}
        </button>
        <span class="total">{total}</span>
      </div>
    </>
  );
}

/** The submit button of a filter or media form, with anything beside it (a «clear» or «back» link). */
export function FormActions({ label, children }: { label: string; children?: ComponentChildren }) {
  return (
    <div class="field actions">
      <button type="submit" class="button">
        {label}
      </button>
      {children}
    </div>
  );
}

/** The submit button at the foot of a `form-grid` form, in a row of its own. */
export function SubmitRow({ label, danger = false }: { label: string; danger?: boolean }) {
  return (
    <div>
      <button type="submit" class={danger ? 'button danger' : 'button'}>
        {label}
      </button>
    </div>
  );
}

/** A management table: column headings (false leaves a column out) over the rows given as children. */
export function PlainTable({ class: extra, columns, children }: { class?: string; columns: (string | false)[]; children: ComponentChildren }) {
  return (
    <div class="table-wrap">
      <table class={extra ? `plain ${extra}` : 'plain'}>
        <thead>
          <tr>
            {columns.map((c) => c !== false && <th scope="col">{c}</th>)}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

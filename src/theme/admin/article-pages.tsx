import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { BulkActions, FormActions, Pagination, StatusLinks } from './components.tsx';
import { SelectField, TextField } from './form-fields.tsx';
import { Notices } from './layout.tsx';
import type { ArticleListVM, DashboardVM, SortVM } from './view-models.ts';

export function DashboardPage({ vm, t }: { vm: DashboardVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{vm.welcome}</h1>
      <p>{vm.role}</p>
      {vm.warnings && <Notices notices={vm.warnings} />}
      <NewArticleButton url={vm.newUrl} t={t} />
      <section aria-labelledby="needs-title" class="dashboard">
        <h2 id="needs-title">{t('dashNeedsYou')}</h2>
        {vm.held && (
          <p class={vm.held.count ? 'held-alert' : undefined}>
            <a href={vm.held.url}>{vm.held.text}</a>
          </p>
        )}
        <div class="dash-blocks">
          {vm.blocks.map((b) => (
            <section aria-labelledby={`dash-${b.id}`} class="dash-block">
              <h3 id={`dash-${b.id}`}>{b.title}</h3>
              {b.rows.length ? (
                <ul class="dash-list">
                  {b.rows.map((r) => (
                    <li>
                      <bdi lang={r.lang}>{r.url ? <a href={r.url}>{r.title}</a> : r.title}</bdi>
                      {r.meta.length > 0 && <span class="dash-meta">{r.meta.join(' · ')}</span>}
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="dash-empty">{b.empty}</p>
              )}
              {b.more && <a href={b.more.url}>{b.more.label}</a>}
            </section>
          ))}
        </div>
      </section>
      <section aria-labelledby="counts-title">
        <h2 id="counts-title">{t('countsTitle')}</h2>
        <ul class="counts">
          {vm.counts.map((c) => (
            <li>
              <a href={c.url}>
                <span class="count">{c.count}</span> {c.label}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <p>
        <a href={vm.articlesUrl}>{t('articles')}</a>
      </p>
    </>
  );
}

export function ArticleListPage({ vm, t }: { vm: ArticleListVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{t('articles')}</h1>
      <NewArticleButton url={vm.newUrl} t={t} />
      <Notices notices={vm.notices} />
      <StatusLinks links={vm.statusLinks} />
      <form method="get" action={vm.filterAction} class="filters" aria-label={t('filters')}>
        <SelectField f={{ id: 'f-status', name: 'status', label: t('filterStatus') }} options={vm.filters.status} />
        <SelectField f={{ id: 'f-edition', name: 'edition', label: t('filterEdition') }} options={vm.filters.edition} />
        <SelectField f={{ id: 'f-category', name: 'category', label: t('filterCategory') }} options={vm.filters.category} />
        <SelectField f={{ id: 'f-author', name: 'author', label: t('filterAuthor') }} options={vm.filters.author} />
        <TextField f={{ id: 'f-q', name: 'q', label: t('filterText'), value: vm.filters.text, type: 'search' }} />
        <FormActions label={t('applyFilters')}>
          <a href={vm.clearUrl}>{t('clearFilters')}</a>
        </FormActions>
      </form>
      <form method="post" action={vm.bulkAction} id="bulk">
        <BulkActions csrf={vm.csrf} hidden={vm.hidden} options={vm.bulkOptions} total={vm.total} t={t} />
        {vm.rows.length ? (
          <table class="articles">
            <thead>
              <tr>
                <th scope="col">
                  <span class="visually-hidden">#</span>
                </th>
                <SortableHeading s={vm.sort.title} />
                <SortableHeading s={vm.sort.author} />
                <th scope="col">{t('colCategory')}</th>
                <th scope="col">{t('colEdition')}</th>
                <SortableHeading s={vm.sort.status} />
                <SortableHeading s={vm.sort.date} />
              </tr>
            </thead>
            <tbody>
              {vm.rows.map((r) => (
                <tr data-id={r.id}>
                  <td>
                    {r.selectable && <input type="checkbox" name="ids" value={String(r.id)} checked={r.checked} aria-label={r.selectLabel} />}
                  </td>
                  <th scope="row" class="title">
                    <bdi lang={r.lang}>{r.editUrl ? <a href={r.editUrl}>{r.title}</a> : r.viewUrl ? <a href={r.viewUrl}>{r.title}</a> : r.title}</bdi>
                  </th>
                  <td data-label={vm.sort.author.label}>
                    <bdi>{r.authors}</bdi>
                  </td>
                  <td data-label={t('colCategory')}>{r.category}</td>
                  <td data-label={t('colEdition')}>{r.edition}</td>
                  <td data-label={vm.sort.status.label}>
                    <span class={`status status-${r.statusKey}`}>{r.status}</span>
                    {r.editUrl && r.viewUrl && (
                      <a class="row-view" href={r.viewUrl}>
                        {t('viewLive')}
                      </a>
                    )}
                  </td>
                  <td data-label={vm.sort.date.label}>{r.date && <time dateTime={r.date.iso}>{r.date.text}</time>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="empty">{t('noMatches')}</p>
        )}
      </form>
      <Pagination pagination={vm.pagination} t={t} />
    </>
  );
}

/** A column heading that sorts the list by its column (WordPress's sortable columns); aria-sort says how it is sorted now. */
function SortableHeading({ s }: { s: SortVM }) {
  return (
    <th scope="col" aria-sort={s.current === 'asc' ? 'ascending' : s.current === 'desc' ? 'descending' : undefined} class="sortable">
      <a href={s.url} title={s.hint}>
        {s.label}
        <span aria-hidden="true" class="sort-mark">
          {s.current === 'asc' ? ' ▲' : s.current === 'desc' ? ' ▼' : ''}
        </span>
      </a>
    </th>
  );
}

/** «New article», for those who may write one (null: not offered). */
function NewArticleButton({ url, t }: { url: string | null; t: AdminTranslate }) {
  return url ? (
    <p>
      <a class="button" href={url}>
        {t('newArticle')}
      </a>
    </p>
  ) : null;
}

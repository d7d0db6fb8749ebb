import type { AdminTranslate } from '../../platform/i18n/admin-strings.ts';
import { BulkActions, FormActions, Pagination, StatusLinks } from './components.tsx';
import { SelectField, TextField } from './form-fields.tsx';
import { Notices } from './layout.tsx';
import type { ArticleListVM, DashboardVM } from './view-models.ts';

export function DashboardPage({ vm, t }: { vm: DashboardVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{vm.welcome}</h1>
      <p>{vm.role}</p>
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
        <a class="button" href={vm.articlesUrl}>
          {t('articles')}
        </a>
      </p>
    </>
  );
}

export function ArticleListPage({ vm, t }: { vm: ArticleListVM; t: AdminTranslate }) {
  return (
    <>
      <h1>{t('articles')}</h1>
      {vm.newUrl && (
        <p>
          <a class="button" href={vm.newUrl}>
            {t('newArticle')}
          </a>
        </p>
      )}
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
                <th scope="col">{t('colTitle')}</th>
                <th scope="col">{t('colAuthors')}</th>
                <th scope="col">{t('colCategory')}</th>
                <th scope="col">{t('colEdition')}</th>
                <th scope="col">{t('colStatus')}</th>
                <th scope="col">{t('colDate')}</th>
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
                  <td>
                    <bdi>{r.authors}</bdi>
                  </td>
                  <td>{r.category}</td>
                  <td>{r.edition}</td>
                  <td>
                    <span class={`status status-${r.statusKey}`}>{r.status}</span>
                    {r.editUrl && r.viewUrl && (
                      <a class="row-view" href={r.viewUrl}>
                        {t('viewLive')}
                      </a>
                    )}
                  </td>
                  <td>{r.date && <time dateTime={r.date.iso}>{r.date.text}</time>}</td>
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
